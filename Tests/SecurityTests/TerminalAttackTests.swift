import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// Terminal safety (docs/terminal-safety.md): every command that prints case or file text, run
/// on a pseudo-terminal, writes no escape sequence, control, bidi override or non-UTF-8 byte;
/// the same commands to a pipe keep exports and JSON exact; CSV cells are neutralised unless
/// `--raw-cells` is given.
final class TerminalAttackTests: XCTestCase {
    nonisolated(unsafe) private static var shared: HostileTerminalDesk?
    private var desk: HostileTerminalDesk { Self.shared! }
    private typealias D = HostileTerminalDesk

    override class func setUp() {
        super.setUp()
        shared = try? HostileTerminalDesk()
    }

    override func setUpWithError() throws {
        guard Self.shared != nil else { return XCTFail("the hostile desk could not be built: \(String(describing: try? HostileTerminalDesk()))") }
    }

    /// One command on a terminal: `.held` when nothing hazardous reached either stream and, when
    /// `shows` is given, the hostile text was shown (as visible marks) so the path was really tried.
    private func onTerminal(_ name: String, _ login: String, _ args: [String], shows: String? = "␛",
                            now: String = AttackDesk.now, timeout: Double = 60, expectKilled: Bool = false,
                            file: StaticString = #filePath, line: UInt = #line) {
        attempt(.terminal, "terminal: \(name)", file: file, line: line) {
            let r = try desk.onTerminal(login, args, now: now, timeout: timeout)
            if r.crashed && !(expectKilled && r.signal == SIGKILL) { return .crashed(r.description) }
            let bad = D.hazards(r.stdoutBytes) + D.hazards(D.withoutProgressLines(r.stderrBytes))
            if !bad.isEmpty { return .broke("reached the terminal raw: \(bad.joined(separator: ", "))\n\(r.description)") }
            if let shows, !(r.stdout + r.stderr).contains(shows) {
                return .broke("the hostile text was not shown, so the path was not tried (exit \(r.status))\n\(r.description)")
            }
            return .held
        }
    }

    // MARK: reading the desk

    func testCommandsThatShowCaseTextAreHarmlessOnATerminal() throws {
        let lead = AttackDesk.leadLogin, n = desk.number
        let rows: [(String, String, [String], String?)] = [
            ("list", lead, ["list"], "␛"),
            ("list --json", lead, ["list", "--json"], "\\u001b"),
            ("show", lead, ["show", n], "␛"),
            ("show --json", lead, ["show", n, "--json"], "\\u001b"),
            ("export csv", lead, ["export", "--format", "csv"], "␛"),
            ("export csv --raw-cells", lead, ["export", "--format", "csv", "--raw-cells"], "␛"),
            ("export jsonl", lead, ["export", "--format", "jsonl"], "\\u001b"),
            ("export json", lead, ["export", "--format", "json"], "\\u001b"),
            ("report summary tables", lead, ["report", "summary", "--from", "2026-02-17", "--to", "2026-02-17"], "␛"),
            ("report summary --csv", lead, ["report", "summary", "--from", "2026-02-17", "--to", "2026-02-17", "--csv"], "␛"),
            ("report metrics tables", lead, ["report", "metrics", "--period", "2026-02"], "␛"),
            ("report branch tables", lead, ["report", "branch", "--period", "2026-02"], "␛"),
            ("report handler tables", lead, ["report", "handler", "--period", "2026-02"], nil),
            ("alerts", lead, ["alerts"], "␛"),
            ("alerts --json", lead, ["alerts", "--json"], "\\u001b"),
            ("crisis list", AttackDesk.crisisLogin, ["crisis", "list"], "␛"),
            ("crisis show", AttackDesk.crisisLogin, ["crisis", "show", String(desk.crisisId)], "␛"),
            ("audit log", AttackDesk.osLogin, ["audit", "log"], "␛"),
            ("users list", AttackDesk.osLogin, ["users", "list"], "␛"),
            ("penalties", lead, ["penalties", "--month", desk.month], desk.penaltyPlanted ? "␛" : nil),
            ("clocks", lead, ["clocks", n], nil),
        ]
        for (name, login, args, shows) in rows { onTerminal(name, login, args, shows: shows) }
    }

    func testTheAlertStreamIsHarmlessOnATerminal() throws {
        // Two seconds before the crisis event's 1-hour report falls due: the watch raises the
        // overdue alert, naming the hostile branch and title, while it runs.
        guard let due = desk.superiorReportDue else { return XCTFail("the crisis event has no report clock") }
        let start = DeskTime.standard.format(due.adding(seconds: -2))
        onTerminal("alerts --watch stream", AttackDesk.leadLogin, ["alerts", "--watch"], now: start, timeout: 5, expectKilled: true)
    }

    // MARK: errors that quote what was typed or read

    func testErrorsQuotingTypedTextAreHarmlessOnATerminal() throws {
        let p = D.payload
        onTerminal("show of a number that is not there", AttackDesk.leadLogin, ["show", "TS-" + p], shows: nil)
        onTerminal("clocks of a number that is not there", AttackDesk.leadLogin, ["clocks", "TS-" + p], shows: nil)
        onTerminal("an option value the parser refuses", AttackDesk.leadLogin, ["list", "--limit", p], shows: nil)
        onTerminal("an option value the command refuses", AttackDesk.leadLogin, ["export", "--format", p], shows: nil)
    }

    // MARK: importing another system's file

    func testImportMessagesAboutAHostileFileAreHarmlessOnATerminal() throws {
        let p = D.payload
        let lead = AttackDesk.leadLogin
        let good = "=cmd|' /C calc'!A0\(p)"
        let plain = try desk.file("hostile.csv", """
            summary,channel,category,line,branch,phone
            "\(good)",hotline,claims,auto,上海分公司,13812340000
            "坏行","热线\(p)",claims,auto,上海分公司,13812340001

            """)
        onTerminal("import refused: error quoting a bad value", lead, ["import", plain])
        let header = try desk.file("hostile-header.csv", "summary,\"渠道\(p)\"\n摘要,热线\n")
        onTerminal("import refused: error quoting a bad header", lead, ["import", header])
        onTerminal("import --infer on a hostile header and values", lead, ["import", "--infer", plain])
        onTerminal("import --infer on a hostile header", lead, ["import", "--infer", header])
        let source = try desk.file("hotline.csv", """
            工单编号,受理时间,来电渠道,问题类型,投诉类别,险种
            "A\(p)",2026-02-17 09:00,热线,"\(good)",理赔,车险
            B2,2026-02-17 09:05,"电话\(p)","摘要",理赔,车险

            """)
        let map = try desk.file("hotline.map", """
            source hotline
            format csv
            encoding utf-8
            timezone +08:00
            id 工单编号
            field received_at
              from 受理时间
              date yyyy-MM-dd HH:mm
            field channel
              from 来电渠道
              map 热线 -> hotline
              unmapped reject
            field summary
              from 问题类型
            field category
              from 投诉类别
            field line
              from 险种

            """)
        onTerminal("import --mapping --dry-run listing hostile source values", lead, ["import", source, "--mapping", map, "--dry-run"])
        onTerminal("import --mapping --dry-run --json", lead, ["import", source, "--mapping", map, "--dry-run", "--json"], shows: "\\u001b")
        let badMap = try desk.file("hostile.map", "source hotline\nformat csv\nfield summary\(p)\n  from 问题类型\n")
        onTerminal("import --mapping: error quoting a hostile mapping line", lead, ["import", source, "--mapping", badMap, "--dry-run"])
        // The good row is imported, the bad one listed on standard output: run last, it adds a case.
        onTerminal("import --skip-bad: refused rows listed", lead, ["import", plain, "--skip-bad"])
        let figures = try desk.file("figures.csv", "branch,month,claim_reports,premium,policies_new,policies_in_force,insured_persons\n\"上海\(p)\",2026-02,\"x\(p)\",1,1,1,1\n")
        onTerminal("figures import: error quoting a hostile line", AttackDesk.osLogin, ["figures", "import", figures], shows: nil)
    }

    func testBytesThatAreNotUTF8NeverReachTheTerminalRaw() throws {
        let lead = AttackDesk.leadLogin
        let junk: [UInt8] = [0xC3, 0x28, 0xE2, 0x82, 0x28, 0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0x1B, 0x5D, 0x30, 0x3B, 0x78, 0x07, 0xC2, 0x9B]
        let csv = try desk.file("junk.csv", Array("summary,channel,category,line\n".utf8) + junk + Array(",hotline,claims,auto\n".utf8))
        onTerminal("import of a CSV that is not UTF-8", lead, ["import", csv], shows: nil)
        onTerminal("import --infer on a file that is not UTF-8", lead, ["import", "--infer", csv], shows: nil)
        let map = try desk.file("junk.map", "source junk\nformat csv\nencoding utf-8\nfield summary\n  from summary\nfield channel\n  from channel\n")
        onTerminal("import --mapping --dry-run of a file that is not UTF-8", lead, ["import", csv, "--mapping", map, "--dry-run"], shows: nil)
        let header = try desk.file("junk-header.csv", junk + Array(",channel\nx,hotline\n".utf8))
        onTerminal("import of a CSV whose header is not UTF-8", lead, ["import", header], shows: nil)
        // Written into the file by another program, past the application.
        let planted = try desk.plantInvalidUTF8()
        onTerminal("list of a case whose stored text is not UTF-8", lead, ["list"], shows: nil)
        onTerminal("show of a case whose stored text is not UTF-8", lead, ["show", planted], shows: nil)
        onTerminal("export csv of a case whose stored text is not UTF-8", lead, ["export", "--format", "csv"], shows: nil)
    }
}
