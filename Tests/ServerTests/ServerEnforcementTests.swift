import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport
import GRDB
import PostgresNIO
import XCTest

/// What the server enforces by itself, whatever program a desk user reaches it with (psql
/// included): report cases (举报件) only for the president's office and the auditor, personal
/// data and the row images withheld from every desk role, an event log nobody may change, and a
/// notice of every change on every host (docs/server-desk.md).
final class ServerEnforcementTests: XCTestCase {
    /// One migrated demo desk for the whole class (read-only tests), with its file beside it.
    nonisolated(unsafe) static var shared: (file: String, server: ServerAddress, scratch: ScratchDirectory)?

    override class func tearDown() {
        if let s = shared { TestServer.drop(s.server) }
        shared = nil
    }

    func desk() throws -> (file: String, server: ServerAddress) {
        if let s = Self.shared { return (s.file, s.server) }
        let scratch = ScratchDirectory("server-enforce")
        let file = scratch.file("desk.sqlite")
        let env = ["CONSOLE_NOW": ServerDeskTests.now]
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", file, "--admin", OSLoginName.current], environment: env).status, 0)
        let demo = try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--db", file, "--cases", "2500", "--quiet"], environment: env)
        XCTAssertEqual(demo.status, 0, demo.description)
        let server = try TestServer.database("enforce")
        let out = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", file, "--to", TestServer.url(server)], environment: env)
        XCTAssertEqual(out.status, 0, out.description)
        Self.shared = (file, server, scratch)
        return (file, server)
    }

    func rows(_ a: ServerAddress, _ sql: String) throws -> [[String?]] {
        let s = try ServerSession.open(a)
        defer { s.close() }
        return try s.rows(PostgresQuery(unsafeSQL: sql))
    }

    func count(_ a: ServerAddress, _ sql: String) throws -> Int { Int(try rows(a, sql)[0][0]!)! }

    /// The roster's users by role, from the file.
    func user(_ role: Role, _ file: String) throws -> String {
        try CaseStore(path: file, creating: false).read { db in
            try String.fetchOne(db, sql: "SELECT name FROM users WHERE role = ? AND active = 1 ORDER BY name LIMIT 1", arguments: [role.rawValue])!
        }
    }

    func testReportCasesExistOnTheServerOnlyForThePresidentsOfficeAndTheAuditor() throws {
        let (file, server) = try desk()
        let store = try CaseStore(path: file, creating: false)
        let (all, reports, reportEvents) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM cases")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE kind = 'report'")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE case_id IN (SELECT id FROM cases WHERE kind = 'report')")!)
        }
        XCTAssertGreaterThan(reports, 0, "the demo has report cases")
        let events = try count(server, "SELECT count(*)::text FROM desk.events")
        for role in Role.allCases {
            let login = try TestServer.login(try user(role, file), on: server)
            let seesReports = role == .presidentsOffice || role == .auditor
            XCTAssertEqual(try count(login, "SELECT count(*)::text FROM cases"), seesReports ? all : all - reports, "\(role)")
            XCTAssertEqual(try count(login, "SELECT count(*)::text FROM cases WHERE kind = 'report'"), seesReports ? reports : 0, "\(role)")
            XCTAssertEqual(try count(login, "SELECT count(*)::text FROM cases WHERE number LIKE 'JB-%'"), seesReports ? reports : 0, "\(role)")
            XCTAssertEqual(try count(login, "SELECT count(*)::text FROM events"), seesReports ? events : events - reportEvents, "\(role)")
            // Nothing that names a report case reaches a role that may not see it, by any table.
            XCTAssertEqual(try count(login, "SELECT count(*)::text FROM penalties p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id)"), 0)
            XCTAssertEqual(try count(login, "SELECT count(*)::text FROM crisis_cases p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id)"), 0)
            XCTAssertEqual(try count(login, "SELECT count(*)::text FROM alerts WHERE case_kind = 'report'"), seesReports ? try count(server, "SELECT count(*)::text FROM desk.alerts WHERE case_kind = 'report'") : 0)
        }
        // A president's office user who is disabled on the roster sees no report case at once.
        let president = try user(.presidentsOffice, file)
        let login = try TestServer.login(president, on: server)
        _ = try rows(server, "UPDATE desk.users SET active = 0 WHERE name = '\(president)' RETURNING name")
        defer { _ = try? rows(server, "UPDATE desk.users SET active = 1 WHERE name = '\(president)' RETURNING name") }
        XCTAssertEqual(try count(login, "SELECT count(*)::text FROM cases WHERE kind = 'report'"), 0)
    }

    /// Someone disabled on the roster whose server login is still there (the server's
    /// administrator has not removed it yet) reads nothing but the roster, in any client; enabled
    /// again, they read as before. A login on no roster reads nothing either.
    func testADisabledUsersLoginReadsNothingButTheRoster() throws {
        let (file, server) = try desk()
        let handler = try user(.handler, file)
        let login = try TestServer.login(handler, on: server)
        let cases = try count(login, "SELECT count(*)::text FROM cases")
        XCTAssertGreaterThan(cases, 0)
        _ = try rows(server, "UPDATE desk.users SET active = 0 WHERE name = '\(handler)' RETURNING name")
        defer { _ = try? rows(server, "UPDATE desk.users SET active = 1 WHERE name = '\(handler)' RETURNING name") }
        for table in ["cases", "events", "alerts", "shifts", "crisis_events", "settings", "branch_figures", "case_sequences"] {
            XCTAssertEqual(try count(login, "SELECT count(*)::text FROM \(table)"), 0, "\(table) for a disabled user")
        }
        XCTAssertGreaterThan(try count(login, "SELECT count(*)::text FROM users"), 0, "the roster says they are disabled")
        // Nor does the desk's key help them: a disabled user's session is no console's.
        let session = try ServerSession.open(login)
        defer { session.close() }
        try? ServerConsole.prove(session, secret: try AuditKey.load(file: AuditKey.path(forDatabase: file)).serverConsoleSecret)
        for sql in ["SELECT count(*)::text FROM desk.console_identifiers(ARRAY(SELECT generate_series(1, 100))::bigint[])",
                    "SELECT head_id::text FROM desk.write_basis()"] {
            let got = try? session.rows(PostgresQuery(unsafeSQL: sql))
            XCTAssertTrue(got == nil || got! == [["0"]], "\(sql): \(String(describing: got))")
        }
        _ = try rows(server, "UPDATE desk.users SET active = 1 WHERE name = '\(handler)' RETURNING name")
        XCTAssertEqual(try count(login, "SELECT count(*)::text FROM cases"), cases)
    }

    func testNoDeskRoleReadsPersonalDataOrRowImagesStraightFromTheTables() throws {
        let (file, server) = try desk()
        for role in Role.allCases {
            let login = try TestServer.login(try user(role, file), on: server)
            for column in ["name", "phone", "id_number", "policy_number", "claim_number", "bank_account"] {
                XCTAssertThrowsError(try rows(login, "SELECT \(column) FROM cases LIMIT 1"), "\(role) \(column)") { error in
                    XCTAssertTrue("\(error)".contains("permission denied"), "\(error)")
                }
            }
            XCTAssertThrowsError(try rows(login, "SELECT * FROM cases LIMIT 1"))
            XCTAssertThrowsError(try rows(login, "SELECT row_changes FROM events LIMIT 1"))
            XCTAssertGreaterThan(try count(login, "SELECT count(*)::text FROM cases WHERE summary <> ''"), 0, "the rest of a case is readable")
        }
    }

    func testNoDeskRoleWritesWithoutTheConsoleKeyAndNobodyChangesTheEventLog() throws {
        let (file, server) = try desk()
        let rowsDigest = "SELECT md5(string_agg(id::text || status || handler || version::text, ',' ORDER BY id)) || (SELECT md5(string_agg(name || role, ',' ORDER BY name)) FROM desk.users) FROM desk.cases"
        let rowsBefore = try rows(server, rowsDigest)
        for role in [Role.administrator, .auditor, .teamLead] {
            let login = try TestServer.login(try user(role, file), on: server)
            // Row-level security lets a session that did not prove it runs a console holding the
            // desk's key change nothing: an insert is refused, an update or delete finds no row.
            for sql in ["UPDATE events SET actor = 'x' WHERE id = 1 RETURNING id", "DELETE FROM events WHERE id = 1 RETURNING id",
                        "INSERT INTO events (id, at, actor, action, detail) VALUES (99999999, 0, 'x', 'y', '{}') RETURNING id",
                        "UPDATE cases SET status = 'withdrawn' WHERE id = 1 RETURNING id", "DELETE FROM cases RETURNING id",
                        "UPDATE users SET role = 'auditor' RETURNING name", "CREATE TABLE desk.mine (x int)", "TRUNCATE events",
                        "SET desk.console_token = 'forged'; UPDATE cases SET status = 'withdrawn' WHERE id = 1 RETURNING id"] {
                do {
                    let s = try ServerSession.open(login)
                    defer { s.close() }
                    try s.execute("SET search_path = desk")
                    var out: [[String?]] = []
                    for part in sql.split(separator: ";") { out = try s.rows(PostgresQuery(unsafeSQL: String(part))) }
                    XCTAssertTrue(out.isEmpty, "\(role): \(sql) changed \(out)")
                } catch {}
            }
        }
        XCTAssertEqual(try rows(server, rowsDigest), rowsBefore, "no row changed")
        // The owner too is refused a change of the log (it must drop the trigger first, which the
        // keyed chain then shows).
        let before = try rows(server, "SELECT md5(string_agg(id::text || actor || detail, ',' ORDER BY id)) FROM desk.events")
        for sql in ["UPDATE desk.events SET actor = 'x' WHERE id = 1 RETURNING id", "DELETE FROM desk.events WHERE id = 2 RETURNING id", "TRUNCATE desk.events"] {
            XCTAssertThrowsError(try rows(server, sql), sql) { XCTAssertTrue("\($0)".contains("append-only"), "\($0)") }
        }
        XCTAssertEqual(try rows(server, "SELECT md5(string_agg(id::text || actor || detail, ',' ORDER BY id)) FROM desk.events"), before)
    }

    /// `INSERT … ON CONFLICT DO UPDATE … WHERE` would evaluate its WHERE on a conflicting row that
    /// row-level security hides (a report case) before refusing it: no table a login may update
    /// and not wholly see offers its key as the arbiter of DO UPDATE.
    func testNoHiddenRowCanBeTheTargetOfAnUpsert() throws {
        let (_, server) = try desk()
        XCTAssertGreaterThan(try count(server, "SELECT count(*)::text FROM desk.crisis_cases"), 0)
        for (table, key) in [("cases", "id"), ("penalties", "id"), ("alerts", "id"), ("crisis_cases", "event_id, case_id"), ("import_keys", "source, source_id")] {
            XCTAssertThrowsError(try rows(server, "INSERT INTO desk.\(table) SELECT * FROM desk.\(table) WHERE false ON CONFLICT (\(key)) DO UPDATE SET \(key.split(separator: ",")[0]) = excluded.\(key.split(separator: ",")[0])"),
                                 table) { error in
                XCTAssertTrue("\(error)".contains("exclusion constraint"), "\(table): \(error)")
            }
            // The key still holds: a second row with the same key is refused.
            if try count(server, "SELECT count(*)::text FROM desk.\(table)") > 0 {
                XCTAssertThrowsError(try rows(server, "INSERT INTO desk.\(table) SELECT * FROM desk.\(table) LIMIT 1"), table)
            }
        }
    }

    func testEveryChangeIsAnnouncedToAConsoleOnAnotherAddressWithin250ms() throws {
        let (_, server) = try desk()
        // The listener reaches the server by 127.0.0.2, the writer by 127.0.0.1: two hosts' worth of
        // connections on one machine.
        var listenerAddress = server
        listenerAddress.hosts = listenerAddress.hosts.map { .init(name: "127.0.0.2", port: $0.port) }
        let arrivals = Arrivals()
        let feed = try ChangeFeed(listenerAddress, onChange: { arrivals.note() }, onLost: { _ in })
        defer { feed.stop() }
        let writer = try ServerSession.open(server)
        defer { writer.close() }
        var delays: [Double] = []
        for i in 0..<20 {
            let seen = arrivals.count
            let start = DispatchTime.now().uptimeNanoseconds
            // A reassignment as the console will write it: the case and its event in one transaction.
            try writer.execute("""
                BEGIN;
                UPDATE desk.cases SET handler = 'zhangqiang', version = version + 1 WHERE id = \(i + 1);
                INSERT INTO desk.events (id, case_id, at, actor, action, detail) SELECT max(id) + 1, \(i + 1), 0, 'liuyang', 'assign', '{}' FROM desk.events;
                COMMIT;
                """)
            XCTAssertTrue(arrivals.wait(beyond: seen, seconds: 2), "change \(i) was announced")
            delays.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        delays.sort()
        XCTAssertLessThan(delays.last!, 250, "slowest notice \(delays.last!) ms (median \(delays[delays.count / 2]) ms)")
        print("change notices over 127.0.0.2: median \(delays[delays.count / 2]) ms, slowest \(delays.last!) ms")
    }
}

/// Counts notices as they arrive, and lets a test wait for the next.
final class Arrivals: @unchecked Sendable {
    private let condition = NSCondition()
    private var n = 0
    var count: Int { condition.lock(); defer { condition.unlock() }; return n }
    func note() { condition.lock(); n += 1; condition.broadcast(); condition.unlock() }
    func wait(beyond seen: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while n <= seen { if !condition.wait(until: deadline) { return n > seen } }
        return true
    }
}
