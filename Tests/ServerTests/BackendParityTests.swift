import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import XCTest

/// The command line against both backends (docs/server-desk.md, "Tests"): one desk, as a file and
/// moved onto a server, given the same day of work by the same people — a complaint taken in,
/// assigned, worked through the whole workflow to its callback, a repeat linked, a stale save,
/// a refusal, a roster change — command for command. Every command must end the same way on
/// both (exit status and words, the desk's name aside), and the desks must read the same after.
final class BackendParityTests: XCTestCase {
    var scratch: ScratchDirectory!
    var server: ServerAddress!
    var file: String!
    var logins: [String: ServerAddress] = [:]

    override func setUpWithError() throws {
        scratch = ScratchDirectory("parity")
        server = try TestServer.database(name)
        file = scratch.file("desk.sqlite")
        let env = ["CONSOLE_NOW": ServerDeskTests.now]
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", file, "--admin", OSLoginName.current], environment: env).status, 0)
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--db", file, "--cases", "150", "--quiet"], environment: env).status, 0)
        // The file's people act through --user, which its administrator allows before the move.
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "users", "allow-switch", "on", "--db", file], environment: env).status, 0)
        let out = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", file, "--to", TestServer.url(server)], environment: env)
        XCTAssertEqual(out.status, 0, out.description)
    }

    override func tearDown() {
        if let server { TestServer.drop(server) }
    }

    func user(_ role: Role) throws -> String {
        try CaseStore(path: file, creating: false).read { db in
            try String.fetchOne(db, sql: "SELECT name FROM users WHERE role = ? AND active = 1 ORDER BY name LIMIT 1", arguments: [role.rawValue])!
        }
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
}
