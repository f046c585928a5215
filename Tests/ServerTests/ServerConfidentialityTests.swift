import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import XCTest

/// The confidentiality matrix against the server backend (docs/server-desk.md, "Tests"): two
/// server desks, the same general desk with and without report cases 举报件, read through the
/// console by every role that may not see report cases. Every read command must answer byte for
/// byte alike on both (output, message, exit status), so no count, share or wording tells a blind
/// role that report cases exist; and a write by such a role must leave the report cases as they were.
final class ServerConfidentialityTests: XCTestCase {
    static let blind: [Role] = [.operator_, .handler, .teamLead, .crisisGroup, .administrator]

    /// The read calls tried (placeholders: {GENERAL} a general case, {REPORT} a report case's number).
    static let calls: [[String]] = [
        ["dashboard"], ["dashboard", "--json"], ["list"], ["list", "--json"], ["list", "--count"], ["list", "--search", "举报"],
        ["list", "--kind", "report"], ["list", "--search", "{REPORT}"], ["list", "--state", "breach"], ["show", "{GENERAL}"],
        ["show", "{REPORT}"], ["show", "{GENERAL}", "--json"], ["clocks", "{REPORT}"], ["alerts", "--limit", "50"],
        ["crisis", "list"], ["handover"], ["users"], ["penalties", "--month", "2026-02"], ["export", "--format", "jsonl"],
        ["report", "summary"],
    ]

    func testEveryBlindRoleReadsTheServerDeskAsIfReportCasesDidNotExist() throws {
        let scratch = ScratchDirectory("server-matrix")
        let env = ["CONSOLE_NOW": ServerDeskTests.now, "LANG": "C.UTF-8"]
        let plain = scratch.file("plain.sqlite"), reports = scratch.file("reports.sqlite")
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", plain, "--admin", OSLoginName.current], environment: env).status, 0)
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--db", plain, "--cases", "120", "--quiet", "--seed", "3"], environment: env).status, 0)
        // The same general desk: a demo without its report cases, then report cases only on the second.
        let store = try CaseStore(path: plain, creating: false)
        let demoReports = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE kind = 'report'")! }
        XCTAssertGreaterThan(demoReports, -1)
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "users", "allow-switch", "on", "--db", plain], environment: env).status, 0)
        let general = try store.read { db in try String.fetchOne(db, sql: "SELECT number FROM cases WHERE kind <> 'report' ORDER BY id LIMIT 1")! }
        let president = try store.read { db in try String.fetchOne(db, sql: "SELECT name FROM users WHERE role = 'presidents-office' LIMIT 1")! }
        let backup = try ConsoleProcess.run([ConsoleProcess.binary, "backup", reports, "--db", plain], environment: env)
        XCTAssertEqual(backup.status, 0, backup.description)
        if !FileManager.default.fileExists(atPath: AuditKey.path(forDatabase: reports)) {
            try FileManager.default.copyItem(atPath: AuditKey.path(forDatabase: plain), toPath: AuditKey.path(forDatabase: reports))
        }
        var reportNumber = ""
        for (i, summary) in ["举报业务员虚假宣传", "举报理赔员索要好处"].enumerated() {
            let out = try ConsoleProcess.run([ConsoleProcess.binary, "add", "--db", reports, "--user", president, "--channel", "letter",
                                              "--branch", "上海分公司", "--name", "匿名", "--phone", "1390000000\(i)", "--line", "auto",
                                              "--category", "claims", "--kind", "report", "--summary", summary], environment: env)
            XCTAssertEqual(out.status, 0, out.description)
            if reportNumber.isEmpty { reportNumber = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        let plainServer = try TestServer.database(name + "p"), reportsServer = try TestServer.database(name + "r")
        defer { TestServer.drop(plainServer); TestServer.drop(reportsServer) }
        for (file, server) in [(plain, plainServer), (reports, reportsServer)] {
            let out = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", file, "--to", TestServer.url(server)], environment: env)
            XCTAssertEqual(out.status, 0, out.description)
        }

        var compared = 0, answered = 0
        for role in Self.blind {
            let name = try store.read { db in try String.fetchOne(db, sql: "SELECT name FROM users WHERE role = ? AND active = 1 ORDER BY name LIMIT 1", arguments: [role.rawValue])! }
            // Roles are the cluster's: one login (one password) for both databases.
            let onPlain = try TestServer.login(name, on: plainServer)
            var onReports = onPlain
            onReports.database = reportsServer.database
            for call in Self.calls {
                let args = call.map { $0.replacingOccurrences(of: "{GENERAL}", with: general).replacingOccurrences(of: "{REPORT}", with: reportNumber) }
                func run(_ login: ServerAddress, _ host: String) throws -> String {
                    var e = env
                    e["XDG_CACHE_HOME"] = scratch.file("cache-\(host)")
                    let out = try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", TestServer.url(login), "--lang", "en"], environment: e)
                    let text = "exit \(out.status)\n\(out.stdout)\n\(out.stderr)"
                    return text.replacingOccurrences(of: login.description, with: "DESK").replacingOccurrences(of: login.database, with: "DB")
                        .replacingOccurrences(of: scratch.file("cache-\(host)"), with: "CACHE")
                        .replacingOccurrences(of: #"\d+\.\d+ s\b"#, with: "N s", options: .regularExpression)
                }
                let a = try run(onPlain, "plain"), b = try run(onReports, "reports")
                XCTAssertEqual(a, b, "\(args) as \(name) (\(role.rawValue)): the desk with report cases answers differently")
                compared += 1
                if a.hasPrefix("exit 0\n") { answered += 1 }
            }
        }
        XCTAssertEqual(compared, Self.blind.count * Self.calls.count)
        // Most calls answer (a refusal that is the same on both desks is a cell too, but a matrix
        // of refusals would prove little).
        XCTAssertGreaterThan(answered, compared * 2 / 3, "\(answered) of \(compared) calls answered")
        _ = demoReports
    }
}
