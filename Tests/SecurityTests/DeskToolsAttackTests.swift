import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// Attacks on the desk's own tools: reply scripts (a desk file an attacker edits, personal data
/// pulled through a placeholder), the handover (markup in a note, a lead acknowledging their own
/// shift) and the roster (an operator replanning it). In process, on copies of the matrix desk.
final class DeskToolsAttackTests: XCTestCase {
    override func setUp() {
        setenv("CONSOLE_CONFIG_DIR", NSTemporaryDirectory() + "cdc-desktools-config-\(getpid())", 1)
    }

    func run(_ cell: ScratchDirectory, _ login: String, _ args: [String]) -> InProcessConsole.Outcome {
        InProcessConsole.run(args + ["--db", cell.file("desk.sqlite"), "--now", AttackDesk.now, "--user", login])
    }

    func testAPlaceholderNeverCarriesPersonalDataWithoutAnAuditedReveal() throws {
        var verdicts: [Verdict] = []
        verdicts.append(attempt(.masking, "scripts show / act --script: policy and claim numbers and a compound surname only after a recorded reveal") {
            let cell = try MatrixDesk.plain.copy()
            let add = run(cell, AttackDesk.operatorLogin, ["add", "--summary", "理赔进度", "--phone", "13912340000", "--name", "欧阳娜娜",
                                                            "--policy-number", "P440012345678", "--claim-number", "C2026021700077",
                                                            "--category", "claims", "--line", "auto", "--json"])
            guard add.status == 0, let number = add.stdout.range(of: #"TS-\d{8}-\d{4}"#, options: .regularExpression).map({ String(add.stdout[$0]) }) else {
                return .broke("intake failed: \(add)")
            }
            try FileManager.default.createDirectory(atPath: cell.file("scripts"), withIntermediateDirectories: true)
            try "---\nid: probe\ntitle: t\nlanguage: zh\nversion: 1\n---\n{{customer.salutation}} {{customer.surname}} {{customer.policy}} {{customer.claim}}\n"
                .write(toFile: cell.file("scripts/probe.md"), atomically: true, encoding: .utf8)
            for args in [["scripts", "show", "probe", "--case", number], ["scripts", "show", "probe", "--case", number, "--json"],
                         ["scripts", "list", "--case", number, "--json"]] {
                let out = run(cell, AttackDesk.handlerLogin, args)
                for secret in ["P440012345678", "C2026021700077", "欧阳", "娜娜"] where out.stdout.contains(secret) {
                    return .leaked("\(args.joined(separator: " ")) showed \(secret):\n\(out)")
                }
            }
            let note = run(cell, AttackDesk.handlerLogin, ["act", number, "note", "--script", "probe"])
            let audit = run(cell, AttackDesk.leadLogin, ["audit", "log", "--case", number, "--json"])
            if audit.stdout.contains("P440012345678") { return .leaked("the note saved from a masked fill held the number:\n\(audit)") }
            let revealed = run(cell, AttackDesk.handlerLogin, ["scripts", "show", "probe", "--case", number, "--reveal", "--reason", "回电核对"])
            let trail = run(cell, AttackDesk.leadLogin, ["audit", "log", "--case", number])
            return .held(if: note.status == 0 && revealed.stdout.contains("P440012345678") && trail.stdout.contains("回电核对"),
                         else: .broke("the reveal did not fill or was not recorded:\n\(note)\n\(revealed)\n\(trail)"))
        })
        XCTAssertEqual(verdicts.filter { $0 != .held }, [], "every attempt held")
    }

    func testABrokenDeskScriptFileIsRefusedWithItsLineAndNothingIsWritten() throws {
        var verdicts: [Verdict] = []
        let files: [(String, [UInt8], String)] = [
            ("a byte that is not UTF-8", Array("---\nid: x\ntitle: t\nlanguage: zh\nversion: 1\n---\n您好".utf8) + [0xC3, 0x28, 0x0A], "bad.md:7:"),
            ("an unknown placeholder", Array("---\nid: x\ntitle: t\nlanguage: zh\nversion: 1\n---\n\n您好{{customer.phone}}\n".utf8), "bad.md:8:"),
            ("a NUL in the wording", Array("---\nid: x\ntitle: t\nlanguage: zh\nversion: 1\n---\n您好\u{0}\n".utf8), "bad.md:7:"),
        ]
        for (what, bytes, place) in files {
            verdicts.append(attempt(.files, "a desk script file with \(what): refused naming file:line, no note written") {
                let cell = try MatrixDesk.plain.copy()
                try FileManager.default.createDirectory(atPath: cell.file("scripts"), withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: cell.file("scripts/bad.md")))
                let list = run(cell, AttackDesk.operatorLogin, ["scripts", "list"])
                let act = run(cell, AttackDesk.operatorLogin, ["act", MatrixDesk.general, "note", "--script", "first-contact"])
                let show = run(cell, AttackDesk.operatorLogin, ["show", MatrixDesk.general])
                guard list.status == 3, list.stderr.contains(place), act.status == 3, act.stderr.contains(place) else {
                    return .broke("expected exit 3 naming \(place):\n\(list)\n\(act)")
                }
                return .held(if: !show.stdout.contains("script="), else: .broke("a note was written:\n\(show)"))
            })
        }
        XCTAssertEqual(verdicts.filter { $0 != .held }, [], "every attempt held")
    }

    func testTheHandoverPageAndMarkdownCarryNoteTextAsTextOnly() throws {
        var verdicts: [Verdict] = []
        verdicts.append(attempt(.terminal, "a note with markup and a line break: escaped in the HTML page, one cell in Markdown") {
            let cell = try MatrixDesk.plain.copy()
            let hostile = "<script>alert(1)</script> | 伪造列\n# 伪造标题 <img src=x onerror=alert(2)>"
            let note = run(cell, AttackDesk.handlerLogin, ["act", MatrixDesk.general, "note", "--note", hostile])
            let page = cell.file("handover.html")
            let html = run(cell, AttackDesk.leadLogin, ["handover", "--html", page, "--markdown"])
            let text = (try? String(contentsOfFile: page, encoding: .utf8)) ?? ""
            guard note.status == 0, html.status == 0, text.contains("&lt;script&gt;") else { return .broke("\(note)\n\(html)") }
            if text.contains("<script") || text.contains("<img") { return .leaked("markup reached the page:\n\(text)") }
            let row = html.stdout.split(separator: "\n").first { $0.contains("alert(1)") } ?? ""
            if html.stdout.contains("\n# 伪造标题") || !row.contains("\\|") || row.contains("<script") {
                return .leaked("the note broke out of its Markdown cell:\n\(html.stdout)")
            }
            return .held
        })
        XCTAssertEqual(verdicts.filter { $0 != .held }, [], "every attempt held")
    }

    func testOnlyAnIncomingLeadAcknowledgesAndOnlyLeadsReplanTheRoster() throws {
        var verdicts: [Verdict] = []
        verdicts.append(attempt(.permission, "handover ack by an operator, by the outgoing lead; shift changes by an operator or handler") {
            let cell = try MatrixDesk.plain.copy()
            for (login, args) in [(AttackDesk.operatorLogin, ["handover", "ack"]), (AttackDesk.leadLogin, ["handover", "ack"]),
                                  (AttackDesk.operatorLogin, ["users", "shift", "remove", "1"]),
                                  (AttackDesk.handlerLogin, ["users", "shift", "move", "1", "--from", "2026-02-17T09:00:00+08:00", "--to", "2026-02-17T10:00:00+08:00"]),
                                  (AttackDesk.operatorLogin, ["users", "shift", "import", cell.file("shifts.csv")]),
                                  (AttackDesk.handlerLogin, ["users", "set-phone", AttackDesk.handlerLogin, "13900000000"])] {
                let out = run(cell, login, args)
                if out.status != 6 { return .broke("\(login) \(args.joined(separator: " ")) was not refused:\n\(out)") }
            }
            let ok = run(cell, "liuyang", ["handover", "ack"])
            return .held(if: ok.status == 0, else: .broke("another team lead could not acknowledge:\n\(ok)"))
        })
        XCTAssertEqual(verdicts.filter { $0 != .held }, [], "every attempt held")
    }
}
