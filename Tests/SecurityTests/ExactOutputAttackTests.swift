import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// The other half of terminal safety (docs/terminal-safety.md): to a file or a pipe, exports and
/// JSON carry the hostile text exactly (a script must get the real data); CSV cells that a
/// spreadsheet would run are neutralised unless `--raw-cells`, and come back exactly on import;
/// the HTML report escapes everything; messages on standard error are harmless even in a log.
final class ExactOutputAttackTests: XCTestCase {
    nonisolated(unsafe) private static var shared: HostileTerminalDesk?
    private var desk: HostileTerminalDesk { Self.shared! }
    private typealias D = HostileTerminalDesk
    private let lead = AttackDesk.leadLogin

    override class func setUp() {
        super.setUp()
        shared = try? HostileTerminalDesk()
    }

    override func setUpWithError() throws {
        guard Self.shared != nil else { return XCTFail("the hostile desk could not be built") }
    }

    /// The text fields of the hostile case as they were entered.
    private var expected: [String: String] {
        ["summary": D.summary, "branch": D.branch, "product": D.product, "details": "详情" + D.payload, "demand": "诉求" + D.payload]
    }

    /// `.held` when the case object carries every hostile field exactly.
    private func exact(_ object: [String: Any]?, _ what: String) -> Verdict {
        guard let object else { return .broke("\(what): the hostile case is not in the output") }
        for (k, v) in expected where object[k] as? String != v {
            return .broke("\(what): \(k) is \(String(reflecting: object[k] ?? "nothing")), not the text entered")
        }
        return .held
    }

    private func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }

    private func hostileCase(in value: Any?) -> [String: Any]? {
        (value as? [[String: Any]])?.first { $0["number"] as? String == desk.number }
    }

    /// The CSV's rows as dictionaries by header, read back with our reader.
    private func csvRows(_ text: String) throws -> [[String: String]] {
        let rows = try CSVReader(string: text).readAll().map { try $0.strings() }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }

    func testJSONToAPipeIsExact() throws {
        attempt(.terminal, "pipe: export json carries the hostile text exactly") {
            let r = try desk.onPipe(lead, ["export", "--format", "json"])
            return exact(hostileCase(in: json(r.stdout)), "export json")
        }
        attempt(.terminal, "pipe: export jsonl carries the hostile text exactly") {
            let r = try desk.onPipe(lead, ["export", "--format", "jsonl"])
            let objects = r.stdout.split(separator: "\n").map { json(String($0)) as? [String: Any] }
            return exact(objects.compactMap { $0 }.first { $0["number"] as? String == desk.number }, "export jsonl")
        }
        attempt(.terminal, "pipe: list --json carries the hostile text exactly") {
            let r = try desk.onPipe(lead, ["list", "--json"])
            return exact(hostileCase(in: json(r.stdout)), "list --json")
        }
        attempt(.terminal, "pipe: show --json carries the hostile text exactly") {
            let r = try desk.onPipe(lead, ["show", desk.number, "--json"])
            let o = json(r.stdout) as? [String: Any]
            return exact((o?["case"] as? [String: Any]) ?? o, "show --json")
        }
        attempt(.terminal, "pipe: JSON writes controls and bidi overrides as \\u escapes") {
            let r = try desk.onPipe(lead, ["export", "--format", "json"])
            let bad = D.hazards(r.stdoutBytes)
            return .held(if: bad.isEmpty && r.stdout.contains("\\u202e"), else: .broke("raw in the JSON: \(bad)"))
        }
    }

    func testCSVCellsAreNeutralisedAndRawCellsGivesThemBack() throws {
        attempt(.terminal, "pipe: export csv neutralises formula cells") {
            let r = try desk.onPipe(lead, ["export", "--format", "csv"])
            guard let row = try csvRows(r.stdout).first(where: { $0["number"] == desk.number }) else { return .broke("no hostile row\n\(r)") }
            let want = ["summary": "'" + D.summary, "branch": "'" + D.branch, "product": "'" + D.product, "people": "3"]
            for (k, v) in want where row[k] != v { return .broke("\(k) is \(String(reflecting: row[k])), expected \(String(reflecting: v))") }
            return .held
        }
        attempt(.terminal, "pipe: export csv --raw-cells is exact") {
            let r = try desk.onPipe(lead, ["export", "--format", "csv", "--raw-cells"])
            guard let row = try csvRows(r.stdout).first(where: { $0["number"] == desk.number }) else { return .broke("no hostile row\n\(r)") }
            for (k, v) in expected where row[k] != v { return .broke("\(k) is \(String(reflecting: row[k])), not the text entered") }
            return .held
        }
        attempt(.terminal, "pipe: a neutralised CSV export imports back exactly") {
            let r = try desk.onPipe(lead, ["export", "--format", "csv", "--reveal", "--reason", "round trip"])
            let fresh = try AttackDesk(withReports: false)
            let file = fresh.dir.file("export.csv")
            try r.stdout.write(toFile: file, atomically: true, encoding: .utf8)
            let imported = try fresh.run(lead, ["import", file])
            guard imported.status == 0 else { return .broke("the export did not import again\n\(imported)") }
            let listed = try fresh.run(lead, ["export", "--format", "json"])
            let again = (json(listed.stdout) as? [[String: Any]])?.first { $0["summary"] as? String == D.summary }
            return exact(again, "re-imported export")
        }
        attempt(.terminal, "pipe: report summary --csv neutralises, --raw-cells gives back") {
            let args = ["report", "summary", "--from", "2026-02-17", "--to", "2026-02-17", "--csv"]
            let safe = try desk.onPipe(lead, args), raw = try desk.onPipe(lead, args + ["--raw-cells"])
            let safeKeys = try csvRows(safe.stdout).compactMap { $0["key"] }, rawKeys = try csvRows(raw.stdout).compactMap { $0["key"] }
            let ok = safeKeys.contains("'" + D.summary) && !safeKeys.contains(D.summary) && rawKeys.contains(D.summary)
            return .held(if: ok, else: .broke("keys: \(safeKeys.filter { $0.contains("HYPERLINK") }) / \(rawKeys.filter { $0.contains("HYPERLINK") })"))
        }
        attempt(.terminal, "pipe: report branch --csv neutralises the branch cell") {
            let r = try desk.onPipe(lead, ["report", "branch", "--period", "2026-02", "--csv"])
            let cells = try csvRows(r.stdout).compactMap { $0["branch"] }
            return .held(if: cells.contains("'" + D.branch) && !cells.contains(D.branch), else: .broke("branch cells: \(cells)\n\(r)"))
        }
    }

    func testTheHTMLReportEscapesEverything() throws {
        for (name, args) in [("summary", ["report", "summary", "--from", "2026-02-17", "--to", "2026-02-17"]),
                             ("branch", ["report", "branch", "--period", "2026-02"])] {
            attempt(.terminal, "html: report \(name) escapes markup, controls and bidi") {
                let page = desk.base.dir.file("report-\(name).html")
                let r = try desk.onPipe(lead, args + ["--html", page])
                guard r.status == 0, let bytes = FileManager.default.contents(atPath: page) else { return .broke("no page\n\(r)") }
                let text = String(decoding: bytes, as: UTF8.self)
                let bad = D.hazards(Array(bytes))
                if !bad.isEmpty { return .broke("raw in the page: \(bad)") }
                if text.contains("<script>") { return .broke("markup from a case reached the page unescaped") }
                return .held(if: text.contains("␛]0;pwned"), else: .broke("the hostile text is not on the page, so the path was not tried"))
            }
        }
    }

    func testAnInferredMappingWrittenToAFileTakesNoDirectivesFromTheSource() throws {
        let source = try desk.file("inject.csv", "\"工单编号\nfield kind\n  const report\",摘要\nA1,\"\u{1B}]0;pwned\u{07}\"\n")
        attempt(.terminal, "pipe: import --infer > map takes no directive from a header with line breaks") {
            let r = try desk.onPipe(lead, ["import", "--infer", source])
            let lines = r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            if lines.contains("field kind") || lines.contains("const report") { return .broke("the file wrote a directive\n\(r)") }
            let bad = D.hazards(r.stdoutBytes)
            return .held(if: r.status == 0 && bad.isEmpty, else: .broke("raw in the mapping: \(bad)\n\(r)"))
        }
    }

    func testMessagesOnStandardErrorAreHarmlessInALog() throws {
        let plain = try desk.file("log.csv", "summary,channel,category,line\n坏行,\"热线\(D.payload)\",claims,auto\n")
        attempt(.terminal, "pipe: an import error written to a log file") {
            let r = try desk.onPipe(lead, ["import", plain])
            let bad = D.hazards(Array(r.stderr.utf8))
            if !bad.isEmpty { return .broke("raw in the message: \(bad)\n\(r)") }
            return .held(if: r.status != 0 && r.stderr.contains("␛]0;pwned"), else: .broke("the message did not quote the value\n\(r)"))
        }
    }
}
