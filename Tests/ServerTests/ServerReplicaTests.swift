import CaseModel
import ConsoleTestSupport
import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport
import GRDB
import PostgresNIO
import XCTest

/// Reading a server desk: the read commands and the console on the host's copy of what the login
/// may see, kept current from the server's notices (docs/server-desk.md, "Reading a server desk").
final class ServerReplicaTests: MigratedDeskTestCase {
    override var demoCases: Int { 1500 }

    func console(_ args: [String], as login: ServerAddress) throws -> ConsoleProcess.Outcome {
        try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", TestServer.url(login)],
                               environment: ["CONSOLE_NOW": ServerDeskTests.now, "XDG_CACHE_HOME": scratch.file("cache"), "LANG": "C.UTF-8"])
    }

    func fileCount(_ sql: String) throws -> Int { try CaseStore(path: file, creating: false).read { db in try Int.fetchOne(db, sql: sql)! } }

    func testTheReadCommandsShowTheServerDeskAsTheLoginMaySeeIt() throws {
        let operatorLogin = try TestServer.login(try user(.operator_), on: server)
        let auditor = try TestServer.login(try user(.auditor), on: server)
        let general = try fileCount("SELECT count(*) FROM cases WHERE kind <> 'report'")
        let reports = try fileCount("SELECT count(*) FROM cases WHERE kind = 'report'")
        XCTAssertGreaterThan(reports, 0)
        let count = try console(["list", "--count"], as: operatorLogin)
        XCTAssertEqual(count.status, 0, count.description)
        XCTAssertEqual(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines), String(general))
        XCTAssertTrue(count.stderr.contains("is a server desk"), count.stderr)
        XCTAssertEqual(try console(["list", "--count"], as: auditor).stdout.trimmingCharacters(in: .whitespacesAndNewlines), String(general + reports))
        // A report case is absent for the operator, worded as a case that does not exist.
        let reportNumber = try CaseStore(path: file, creating: false).read { db in try String.fetchOne(db, sql: "SELECT number FROM cases WHERE kind = 'report' LIMIT 1")! }
        let hidden = try console(["show", reportNumber], as: operatorLogin)
        let missing = try console(["show", "JB-20260101-AAAAAA"], as: operatorLogin)
        XCTAssertEqual(hidden.status, missing.status)
        XCTAssertEqual(hidden.stderr.replacingOccurrences(of: reportNumber, with: "N"), missing.stderr.replacingOccurrences(of: "JB-20260101-AAAAAA", with: "N"))
        XCTAssertEqual(try console(["show", reportNumber], as: auditor).status, 0)
        // The host's copy holds no report case for the operator, and no personal data for anyone.
        let copy = try CaseStore(path: ServerReplica(operatorLogin, environment: ["XDG_CACHE_HOME": scratch.file("cache")]).path, readOnly: true, creating: false)
        XCTAssertEqual(try copy.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE kind = 'report'") }, 0)
        XCTAssertEqual(try copy.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE phone <> '' OR id_number <> '' OR name <> ''") }, 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: copy.path)
        XCTAssertEqual((attributes[.posixPermissions] as? Int).map { $0 & 0o777 }, 0o600)
        let general1 = try CaseStore(path: file, creating: false).read { db in try String.fetchOne(db, sql: "SELECT number FROM cases WHERE kind <> 'report' AND phone <> '' LIMIT 1")! }
        let phone = try CaseStore(path: file, creating: false).read { db in try String.fetchOne(db, sql: "SELECT phone FROM cases WHERE number = ?", arguments: [general1])! }
        let shown = try console(["show", general1, "--json"], as: operatorLogin)
        XCTAssertEqual(shown.status, 0, shown.description)
        XCTAssertFalse(shown.stdout.contains(phone), "the server withholds the phone")
    }

    func testWhatALoginMayNoLongerSeeLeavesItsHost() throws {
        let president = try user(.presidentsOffice), operatorName = try user(.operator_)
        let presidentLogin = try TestServer.login(president, on: server), operatorLogin = try TestServer.login(operatorName, on: server)
        let general = try fileCount("SELECT count(*) FROM cases WHERE kind <> 'report'")
        let all = try fileCount("SELECT count(*) FROM cases")
        let cache = ["XDG_CACHE_HOME": scratch.file("cache")]
        func copyCount(_ login: ServerAddress, _ sql: String) throws -> Int {
            try CaseStore(path: ServerReplica(login, environment: cache).path, readOnly: true, creating: false).read { db in try Int.fetchOne(db, sql: sql)! }
        }
        XCTAssertEqual(try console(["list", "--count"], as: presidentLogin).stdout.trimmingCharacters(in: .whitespacesAndNewlines), String(all))
        XCTAssertEqual(try console(["list", "--count"], as: operatorLogin).stdout.trimmingCharacters(in: .whitespacesAndNewlines), String(general))
        let owner = try ServerSession.open(server)
        defer { owner.close() }
        // The president's office member becomes a handler: the next command makes the copy again.
        try owner.execute("UPDATE desk.users SET role = 'handler' WHERE name = '\(president)'")
        XCTAssertEqual(try console(["list", "--count"], as: presidentLogin).stdout.trimmingCharacters(in: .whitespacesAndNewlines), String(general))
        XCTAssertEqual(try copyCount(presidentLogin, "SELECT count(*) FROM cases WHERE kind = 'report'"), 0)
        // A general case becomes a report case, and an event is added to it (hidden from the
        // operator): the operator's copy drops the case and its events.
        let number = try CaseStore(path: file, creating: false).read { db in try String.fetchOne(db, sql: "SELECT number FROM cases WHERE kind <> 'report' LIMIT 1")! }
        try owner.execute("""
            BEGIN;
            UPDATE desk.cases SET kind = 'report', version = version + 1 WHERE number = '\(number)';
            INSERT INTO desk.events (id, case_id, at, actor, action, detail) SELECT max(id) + 1, (SELECT id FROM desk.cases WHERE number = '\(number)'), 0, 'x', 'reclassify', '{}' FROM desk.events;
            COMMIT;
            """)
        XCTAssertEqual(try console(["list", "--count"], as: operatorLogin).stdout.trimmingCharacters(in: .whitespacesAndNewlines), String(general - 1))
        XCTAssertEqual(try copyCount(operatorLogin, "SELECT count(*) FROM cases WHERE number = '\(number)'"), 0)
        XCTAssertEqual(try copyCount(operatorLogin, "SELECT count(*) FROM events WHERE case_id NOT IN (SELECT id FROM cases)"), 0)
        XCTAssertNotEqual(try console(["show", number], as: operatorLogin).status, 0)
    }

    /// Whatever a server holds reaches a terminal only as the file's text does: neutralised.
    func testHostileTextFromTheServerCannotDriveTheTerminal() throws {
        let operatorLogin = try TestServer.login(try user(.operator_), on: server)
        let number = try CaseStore(path: file, creating: false).read { db in try String.fetchOne(db, sql: "SELECT number FROM cases WHERE kind <> 'report' LIMIT 1")! }
        let owner = try ServerSession.open(server)
        defer { owner.close() }
        try owner.execute("UPDATE desk.cases SET summary = E'\\x1b]0;pwned\\x07\\x1b[2J清屏', details = E'\\x1b[31mred\\u009b1m' WHERE number = '\(number)'")
        for args in [["show", number], ["list", "--search", "清屏"], ["export", "--format", "csv"]] {
            let out = try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", TestServer.url(operatorLogin)],
                                             environment: ["CONSOLE_NOW": ServerDeskTests.now, "XDG_CACHE_HOME": scratch.file("cache"), "LANG": "C.UTF-8"])
            XCTAssertFalse(out.stdoutBytes.contains(0x1b), "\(args): an escape reached the terminal")
            XCTAssertFalse(out.stdoutBytes.contains(0x07), "\(args)")
            XCTAssertFalse(out.stderr.unicodeScalars.contains("\u{1b}"), "\(args)")
            if args[0] == "show" { XCTAssertTrue(out.stdout.contains("清屏"), "the text itself arrived: \(out)") }
        }
    }

    func testNothingIsChangedThroughTheCopyAndWhatCannotBeDoneOnItIsSaid() throws {
        let lead = try TestServer.login(try user(.teamLead), on: server)
        let before = try ServerSession.open(server)
        defer { before.close() }
        let events = try before.value("SELECT count(*)::text FROM desk.events")
        let number = try CaseStore(path: file, creating: false).read { db in try String.fetchOne(db, sql: "SELECT number FROM cases WHERE kind <> 'report' AND status = 'received' LIMIT 1")! }
        let assign = try console(["assign", number, "--to", try user(.handler)], as: lead)
        XCTAssertEqual(assign.status, 4, assign.description)
        XCTAssertTrue(assign.stderr.contains("read-only") || assign.stderr.contains("只读"), assign.stderr)
        for args in [["audit", "verify"], ["backup", scratch.file("b.sqlite")]] {
            let out = try console(args, as: try TestServer.login(try user(.administrator), on: server))
            XCTAssertEqual(out.status, 2, "\(args): \(out)")
            XCTAssertTrue(out.stderr.contains("migrate"), out.stderr)
        }
        let switched = try ConsoleProcess.run([ConsoleProcess.binary, "list", "--user", "someone-else", "--db", TestServer.url(lead)],
                                              environment: ["XDG_CACHE_HOME": scratch.file("cache")])
        XCTAssertEqual(switched.status, 6, switched.description)
        XCTAssertEqual(try before.value("SELECT count(*)::text FROM desk.events"), events)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.file("b.sqlite")))
    }

    /// The console of a team lead on "another host" (it reaches the server by 127.0.0.2) shows a
    /// reassignment made by the server's other connection.
    func testAReassignmentOnOneHostShowsOnAnotherHostsConsole() throws {
        try XCTSkipUnless(TmuxConsole.isAvailable, "tmux is needed")
        var lead = try TestServer.login(try user(.teamLead), on: server)
        lead.hosts = lead.hosts.map { .init(name: "127.0.0.2", port: $0.port) }
        let tmux = TmuxConsole(tag: "replica", test: self)
        defer { tmux.kill() }
        let config = scratch.file("config")
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        let command = "env XDG_CACHE_HOME=\(scratch.file("cache")) " + TmuxConsole.consoleCommand(db: "'\(TestServer.url(lead))'", configDirectory: config, now: ServerDeskTests.now)
        try tmux.startSession("lead", command: command)
        try tmux.waitFor("the dashboard", in: "lead", timeout: 30) { $0.contains("read-only") || $0.contains("只读") }
        // The most overdue open case, the first row of the countdown.
        let number = try CaseStore(path: file, creating: false).read { db in
            try String.fetchOne(db, sql: "SELECT number FROM cases WHERE kind <> 'report' AND status IN ('received','contacted','investigating','pending-approval','approved') AND next_due_at IS NOT NULL ORDER BY next_due_at LIMIT 1")!
        }
        try tmux.waitFor("the case on screen", in: "lead", timeout: 10) { $0.contains(number) }
        let newcomer = "newcomer-\(UInt16.random(in: 0...9999))"
        let writer = try ServerSession.open(server)
        defer { writer.close() }
        try writer.execute("""
            BEGIN;
            INSERT INTO desk.users (name, display_name, team, role, active, phone) VALUES ('\(newcomer)', '\(newcomer)', 't', 'handler', 1, '');
            UPDATE desk.cases SET handler = '\(newcomer)', version = version + 1 WHERE number = '\(number)';
            INSERT INTO desk.events (id, case_id, at, actor, action, detail) SELECT max(id) + 1, (SELECT id FROM desk.cases WHERE number = '\(number)'), 0, 'x', 'assign', '{}' FROM desk.events;
            COMMIT;
            """)
        let start = Date()
        try tmux.waitFor("the reassignment", in: "lead", timeout: 5) { screen in
            screen.split(separator: "\n").contains { $0.contains(number) && $0.contains(newcomer.prefix(8)) }
        }
        let seconds = Date().timeIntervalSince(start)
        print("reassignment on the other host's screen after \(Int(seconds * 1000)) ms (debug build, tmux polled every 30 ms)")
        XCTAssertLessThan(seconds, 0.5)
    }
}
