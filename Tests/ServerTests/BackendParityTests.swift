import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport
import XCTest

/// The command line against both backends (docs/server-desk.md, "Tests"): one desk, as a file and
/// moved onto a server, given the same day of work by the same people — a complaint taken in,
/// assigned, worked through the whole workflow to its callback, a repeat linked, a stale save,
/// a refusal, a roster change — command for command. Every command must end the same way on
/// both (exit status and words, the desk's name aside), and the desks must read the same after.
final class BackendParityTests: MigratedDeskTestCase {
    var logins: [String: ServerAddress] = [:]

    override var demoCases: Int { 150 }

    // The file's people act through --user, which its administrator allows before the move.
    override func prepareFile(environment: [String: String]) throws {
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "users", "allow-switch", "on", "--db", file], environment: environment).status, 0)
    }

    /// One command as `person`, on the file (through --user) and on the server (as the person's
    /// login, holding the desk's key); both outcomes, with the desk's name made the same.
    func both(_ person: String, _ args: [String]) throws -> (file: ConsoleProcess.Outcome, server: ConsoleProcess.Outcome) {
        let env = ["CONSOLE_NOW": ServerDeskTests.now, "LANG": "C.UTF-8", "XDG_CACHE_HOME": scratch.file("cache-\(person)")]
        let onFile = try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", file, "--user", person, "--lang", "en"], environment: env)
        if logins[person] == nil { logins[person] = try TestServer.login(person, on: server) }
        var serverEnv = env
        serverEnv["CONSOLE_DESK_KEY"] = AuditKey.path(forDatabase: file)
        let onServer = try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", TestServer.url(logins[person]!), "--lang", "en"], environment: serverEnv)
        return (onFile, onServer)
    }

    func normalized(_ text: String) -> String {
        var t = text.replacingOccurrences(of: file, with: "DESK")
        for login in logins.values { t = t.replacingOccurrences(of: login.description, with: "DESK") }
        t = t.replacingOccurrences(of: server.description, with: "DESK")
        // A report case's number is random by design (docs/case-model.md): not a difference.
        t = t.replacing(/JB-\d{8}-[0-9A-Z]+/, with: "JB-…")
        // The file's people act through --user, which stamps each event with the real login (a
        // line of its own, and the columns around it widen); a server login is the person itself.
        return t.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("real_login") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .joined(separator: "\n")
    }

    /// Runs a command on both and requires the same ending; returns the file's outcome.
    @discardableResult
    func same(_ person: String, _ args: [String], succeeds: Bool = true, line: UInt = #line) throws -> ConsoleProcess.Outcome {
        let (f, s) = try both(person, args)
        if succeeds { XCTAssertEqual(f.status, 0, "\(args) as \(person) on the file: \(f)", line: line) }
        XCTAssertEqual(s.status, f.status, "\(args) as \(person): file \(f), server \(s)", line: line)
        XCTAssertEqual(normalized(s.stdout), normalized(f.stdout), "\(args) as \(person)", line: line)
        if normalized(s.stdout) != normalized(f.stdout), let dir = ProcessInfo.processInfo.environment["PARITY_DUMP"] {
            try normalized(f.stdout).write(toFile: dir + "/file-\(line).txt", atomically: true, encoding: .utf8)
            try normalized(s.stdout).write(toFile: dir + "/server-\(line).txt", atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(normalized(s.stderr), normalized(f.stderr), "\(args) as \(person)", line: line)
        return f
    }

    func testADayOfWorkEndsTheSameOnAFileAndOnAServer() throws {
        let (intake, lead, handler, president) = (try user(.operator_), try user(.teamLead), try user(.handler), try user(.presidentsOffice))
        let added = try same(intake, ["add", "--channel", "phone", "--branch", "北京", "--name", "张三", "--phone", "13800138000",
                                      "--line", "auto", "--category", "claims", "--kind", "general", "--summary", "理赔太慢，春节前要结案"])
        XCTAssertEqual(added.status, 0, added.description)
        let number = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try same(president, ["add", "--channel", "letter", "--branch", "上海", "--name", "李四", "--line", "auto", "--category", "sales",
                             "--kind", "report", "--summary", "举报业务员虚假宣传"])
        try same(lead, ["assign", number, "--to", handler])
        try same(handler, ["act", number, "contact", "--note", "已电话联系客户，说明处理时限"])
        try same(handler, ["act", number, "start-investigation"])
        try same(handler, ["act", number, "note", "--note", "调取理赔档案"])
        // A save made on a stale version is the command's named conflict on both.
        let stale = try same(handler, ["act", number, "note", "--note", "迟到的备注", "--expect-version", "1"], succeeds: false)
        XCTAssertNotEqual(stale.status, 0, stale.description)
        try same(handler, ["act", number, "submit", "--resolution", "补付理赔款 1200 元"])
        // A person the workflow does not allow is refused the same way.
        let refused = try same(intake, ["act", number, "approve"], succeeds: false)
        XCTAssertNotEqual(refused.status, 0, refused.description)
        try same(lead, ["act", number, "approve"])
        try same(handler, ["act", number, "close", "--basis", "accepted"])
        try same(intake, ["act", number, "follow-up", "--result", "satisfied"])
        let repeatCase = try same(intake, ["add", "--channel", "phone", "--branch", "北京", "--name", "张三", "--phone", "13800138000",
                                           "--line", "auto", "--category", "claims", "--kind", "general", "--summary", "再次投诉理赔"])
        let second = repeatCase.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try same(lead, ["link", second, "--to", number])
        try same(lead, ["assign", second, "--to", handler])
        try same(lead, ["unassign", second])
        try same(OSLoginName.current, ["users", "add", "newhand", "--role", "handler", "--display", "新人"])

        // The desks read the same afterwards, for the people who did the work.
        for person in [intake, lead, handler, president] {
            try same(person, ["show", number])
            try same(person, ["list", "--limit", "500"])
        }
        let shown = try same(handler, ["show", number])
        XCTAssertTrue(shown.stdout.contains("closed") || shown.stdout.contains("follow"), shown.stdout)
        // And the server desk's trail, copied back, verifies like the file's.
        let back = scratch.file("back.sqlite")
        let copy = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", TestServer.url(server), "--to", back, "--key", AuditKey.path(forDatabase: file)])
        XCTAssertEqual(copy.status, 0, copy.description)
        let verify = try ConsoleProcess.run([ConsoleProcess.binary, "audit", "verify", "--db", back])
        XCTAssertEqual(verify.status, 0, verify.description)
    }

    func testACrisisAlertsShiftsAndAnImportEndTheSameOnAFileAndOnAServer() throws {
        let (intake, lead, crisis, handler) = (try user(.operator_), try user(.teamLead), try user(.crisisGroup), try user(.handler))
        let numbers = try CaseStore(path: file, creating: false).read { db in
            try String.fetchAll(db, sql: "SELECT number FROM cases WHERE kind <> 'report' AND status IN ('received', 'contacted', 'investigating') AND crisis_event_id IS NULL ORDER BY id LIMIT 3")
        }
        XCTAssertEqual(numbers.count, 3)
        let proposed = try same(intake, ["crisis", "propose"] + numbers + ["--title", "某网点集中投诉"])
        let id = try XCTUnwrap(proposed.stdout.firstMatch(of: /#?(\d+)/).map { String($0.output.1) }, proposed.stdout)
        try same(lead, ["crisis", "declare", id])
        try same(crisis, ["crisis", "report", id, "--kind", "superior", "--to", "分公司总经理", "--text", "已电话报告，媒体尚未介入"])
        try same(crisis, ["crisis", "list"])
        try same(lead, ["crisis", "show", id])

        // The alert rules (the file's and the server's `console alerts` evaluate the same), then
        // an acknowledgement by rule.
        let alerts = try same(lead, ["alerts", "--limit", "20"], succeeds: false)
        XCTAssertTrue([0, 3].contains(alerts.status), alerts.description)
        try same(lead, ["ack", "--rule", "stage-breach", "--note", "已督办"], succeeds: false)
        try same(lead, ["alerts", "--limit", "20", "--unacknowledged"], succeeds: false)

        try same(lead, ["users", "shift", "add", handler, "--from", "2026-02-24T20:00:00+08:00", "--to", "2026-02-25T08:00:00+08:00"])
        let csv = scratch.file("in.csv")
        try Data(("received_at,channel,branch,category,line,kind,name,phone,summary,people,handler\n" +
                  "2026-02-17T20:00:00+08:00,hotline,上海分公司,claims,auto,general,李四,13800000001,理赔慢,1,\(handler)\n" +
                  "2026-02-17T20:10:00+08:00,hotline,北京分公司,sales,life,general,王五,13800000002,误导销售,1,\n").utf8)
            .write(to: URL(fileURLWithPath: csv))
        // A report case taken in first: the newest case is one the operator may not see, and the
        // imported cases must still take ids after it.
        let president = try user(.presidentsOffice)
        try same(president, ["add", "--channel", "letter", "--branch", "上海", "--name", "李四", "--line", "auto", "--category", "sales",
                             "--kind", "report", "--summary", "举报业务员虚假宣传"])
        try same(intake, ["import", csv])
        try same(intake, ["import", csv], succeeds: false)
        for person in [intake, lead, crisis, handler] {
            try same(person, ["list", "--limit", "500"])
            try same(person, ["users"])
        }
        let back = scratch.file("back.sqlite")
        let copy = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", TestServer.url(server), "--to", back, "--key", AuditKey.path(forDatabase: file)])
        XCTAssertEqual(copy.status, 0, copy.description)
        let verify = try ConsoleProcess.run([ConsoleProcess.binary, "audit", "verify", "--db", back])
        XCTAssertEqual(verify.status, 0, verify.description)
    }
}
