import CaseModel
@testable import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport
import GRDB
import PostgresNIO
import XCTest

/// The desk on a PostgreSQL server: `console init` and `console migrate` against a real cluster,
/// and what the server itself enforces (docs/server-desk.md).
final class ServerDeskTests: XCTestCase {
    static let now = "2026-02-17T21:30:00+08:00"
    var scratch: ScratchDirectory!
    var server: ServerAddress!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("server")
        server = try TestServer.database(name)
    }

    override func tearDown() {
        if let server { TestServer.drop(server) }
    }

    func console(_ args: [String], env: [String: String] = [:]) throws -> ConsoleProcess.Outcome {
        try ConsoleProcess.run([ConsoleProcess.binary] + args, environment: ["CONSOLE_NOW": Self.now, "LANG": "C.UTF-8"].merging(env) { $1 })
    }

    /// A demo desk whose administrator is this process's login (so it may migrate it).
    func demoDesk(cases: Int = 1200) throws -> String {
        let file = scratch.file("desk.sqlite")
        let login = try console(["init", "--db", file, "--admin", OSLoginName.current])
        XCTAssertEqual(login.status, 0, login.description)
        let demo = try console(["demo", "--db", file, "--cases", String(cases), "--quiet"])
        XCTAssertEqual(demo.status, 0, demo.description)
        return file
    }

    func rows(_ a: ServerAddress, _ sql: String) throws -> [[String?]] {
        let s = try ServerSession.open(a)
        defer { s.close() }
        return try s.rows(PostgresQuery(unsafeSQL: sql))
    }

    func one(_ a: ServerAddress, _ sql: String) throws -> String? { try rows(a, sql).first?.first ?? nil }

    func testInitCreatesTheServerDeskAndIsSafeToRepeat() throws {
        let first = try console(["init", "--db", TestServer.url(server)])
        XCTAssertEqual(first.status, 0, first.description)
        XCTAssertTrue(first.stdout.contains("desk created"), first.stdout)
        XCTAssertFalse(first.output.contains(server.password ?? "\u{0}"), "the password is never printed")
        let again = try console(["init", "--db", TestServer.url(server)])
        XCTAssertEqual(again.status, 0, again.description)
        XCTAssertTrue(again.stdout.contains("ready"), again.stdout)
        // Every table of the file has its server table, with row-level security on.
        let tables = try DeskTransfer.currentTables().map(\.name)
        let secured = try rows(server, "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'desk' AND c.relkind = 'r' AND c.relrowsecurity ORDER BY relname").compactMap { $0[0] }
        XCTAssertEqual(secured, tables.sorted())
    }

    func testANewerServerDeskIsRefusedAndLeftUntouched() throws {
        XCTAssertEqual(try console(["init", "--db", TestServer.url(server)]).status, 0)
        _ = try rows(server, "INSERT INTO desk.desk_schema (step, file_migrations) VALUES ('server-v99-future', 'v1-cases-events') RETURNING step")
        let before = try one(server, "SELECT string_agg(step, ',' ORDER BY step) FROM desk.desk_schema")
        let out = try console(["init", "--db", TestServer.url(server)])
        XCTAssertEqual(out.status, 4, out.description)
        XCTAssertTrue(out.stderr.contains("newer console"), out.stderr)
        XCTAssertEqual(try one(server, "SELECT string_agg(step, ',' ORDER BY step) FROM desk.desk_schema"), before)
        let file = try demoDesk(cases: 50)
        let migrate = try console(["migrate", "--db", file, "--to", TestServer.url(server)])
        XCTAssertEqual(migrate.status, 4, migrate.description)
        XCTAssertEqual(try one(server, "SELECT count(*)::text FROM desk.cases"), "0")
    }

    /// A server desk made before the write step (`server-v1-tables-policies` only), or before the
    /// roster phones' step, is refused by every command until its owner's `init` adds the missing
    /// steps, in one transaction.
    func testAnOlderServerDeskIsUpgradedByItsOwnersInit() throws {
        let s = try ServerSession.open(server)
        try s.execute("BEGIN;\n" + (try ServerSchema.creationSQL(through: 1)) + "COMMIT;")
        s.close()
        let file = try demoDesk(cases: 20)
        let moved = try console(["migrate", "--db", file, "--to", TestServer.url(server)])
        XCTAssertEqual(moved.status, 0, "migrate upgrades in its own transaction: \(moved)")
        XCTAssertEqual(try one(server, "SELECT string_agg(step, ',' ORDER BY step) FROM desk.desk_schema"), "server-v1-tables-policies,server-v2-console-writes,server-v3-write-parity-active-roster")
        let again = try ServerSession.open(try TestServer.database(name + "b"))
        defer { TestServer.drop(again.address); again.close() }
        try again.execute("BEGIN;\n" + (try ServerSchema.creationSQL(through: 1)) + "COMMIT;")
        let list = try console(["list", "--db", TestServer.url(again.address)])
        XCTAssertEqual(list.status, 4, list.description)
        XCTAssertTrue(list.stderr.contains("needs an upgrade"), list.stderr)
        let upgraded = try console(["init", "--db", TestServer.url(again.address)])
        XCTAssertEqual(upgraded.status, 0, upgraded.description)
        XCTAssertTrue(upgraded.stdout.contains("upgraded (server-v2-console-writes, server-v3-write-parity-active-roster)"), upgraded.stdout)
        XCTAssertEqual(try console(["init", "--db", TestServer.url(again.address)]).stdout.contains("ready"), true)
        // A desk with the write step but not the roster phones' (the previous release's).
        let third = try ServerSession.open(try TestServer.database(name + "c"))
        defer { TestServer.drop(third.address); third.close() }
        try third.execute("BEGIN;\n" + (try ServerSchema.creationSQL(through: 2)) + "COMMIT;")
        let upgradedThird = try console(["init", "--db", TestServer.url(third.address)])
        XCTAssertTrue(upgradedThird.stdout.contains("upgraded (server-v3-write-parity-active-roster)"), upgradedThird.description)
    }

    func testASchemaNamedDeskThatIsNoDeskIsRefused() throws {
        _ = try rows(server, "CREATE SCHEMA desk")
        let out = try console(["init", "--db", TestServer.url(server)])
        XCTAssertEqual(out.status, 4, out.description)
        XCTAssertTrue(out.stderr.contains("not a console desk"), out.stderr)
    }

    func testMigrateCopiesEveryTableAndTheServerHoldsTheSameRows() throws {
        let file = try demoDesk()
        let out = try console(["migrate", "--db", file, "--to", TestServer.url(server)])
        XCTAssertEqual(out.status, 0, out.description)
        XCTAssertTrue(out.stdout.contains("compared every table"), out.stdout)
        let store = try CaseStore(path: file, creating: false)
        try DeskTransfer.read(store) { snapshot in
            for table in snapshot.tables {
                XCTAssertEqual(try one(server, "SELECT count(*)::text FROM desk.\"\(table.name)\""), String(try snapshot.count(table)), table.name)
            }
        }
        // The newest event and a case's text arrive byte for byte (the hash chain's link included).
        let head = try store.read { db in try Row.fetchOne(db, sql: "SELECT e.id, hex(e.hash), c.summary FROM events e JOIN cases c ON c.id = (SELECT max(id) FROM cases) ORDER BY e.id DESC LIMIT 1")! }
        let copied = try rows(server, "SELECT e.id::text, upper(encode(e.hash, 'hex')), c.summary FROM desk.events e JOIN desk.cases c ON c.id = (SELECT max(id) FROM desk.cases) ORDER BY e.id DESC LIMIT 1")[0]
        XCTAssertEqual(copied, [String(head[0] as Int64), head[1], head[2]])
        // Every desk user has a role of their name, NOLOGIN, in the desk's group.
        let roles = try rows(server, "SELECT r.rolname || ':' || r.rolcanlogin::text FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = 'desk_staff' WHERE r.rolname IN (SELECT name FROM desk.users)").count
        XCTAssertEqual(roles, Int(try one(server, "SELECT count(*)::text FROM desk.users")!)!)
    }

    func testMigrateRefusesAServerDeskThatHoldsAnythingAndChangesNothing() throws {
        let file = try demoDesk(cases: 100)
        XCTAssertEqual(try console(["migrate", "--db", file, "--to", TestServer.url(server)]).status, 0)
        let before = try one(server, "SELECT (SELECT count(*) FROM desk.cases) || '/' || (SELECT count(*) FROM desk.events)")
        let again = try console(["migrate", "--db", file, "--to", TestServer.url(server)])
        XCTAssertEqual(again.status, 1, again.description)
        XCTAssertTrue(again.stderr.contains("is not empty") && again.stderr.contains("nothing was copied"), again.stderr)
        XCTAssertEqual(try one(server, "SELECT (SELECT count(*) FROM desk.cases) || '/' || (SELECT count(*) FROM desk.events)"), before)
    }

    func testOnlyAnAdministratorMayMoveTheDesk() throws {
        let file = try demoDesk(cases: 50)
        // The runner stops being an administrator (a team lead may not back up or move the desk).
        let store = try CaseStore(path: file, creating: false)
        let desk = CaseDesk(store: store, clock: FixedClock(try DeskTime.standard.read(Self.now, field: "now")))
        try desk.addUser(DeskUser(name: "second-admin", displayName: "second", team: "", role: .administrator), actor: Actor(name: OSLoginName.current))
        try desk.setRole(OSLoginName.current, to: .teamLead, actor: Actor(name: "second-admin"))
        let refused = try console(["migrate", "--db", file, "--to", TestServer.url(server)])
        XCTAssertEqual(refused.status, 6, refused.description)
        XCTAssertEqual(try one(server, "SELECT count(*)::text FROM pg_namespace WHERE nspname = 'desk'"), "0", "nothing was created")
    }

    func testABadAddressAndAnUnreachableServerAreNamedAndNothingHappens() throws {
        let bad = try console(["init", "--db", "postgres://nobody@/db"])
        XCTAssertEqual(bad.status, 2, bad.description)
        XCTAssertTrue(bad.stderr.contains("host is empty"), bad.stderr)
        var closed = server!
        closed.hosts = [.init(name: "127.0.0.1", port: 1)]
        let down = try console(["init", "--db", TestServer.url(closed)])
        XCTAssertEqual(down.status, 4, down.description)
        XCTAssertTrue(down.stderr.contains("127.0.0.1:1"), down.stderr)
        XCTAssertFalse(down.output.contains(server.password ?? "\u{0}"))
        let wrong = try console(["init", "--db", TestServer.url(server.asUser(server.user, password: "not-the-password"))])
        XCTAssertEqual(wrong.status, 6, wrong.description)
        XCTAssertFalse(wrong.output.contains("not-the-password"))
    }

    func testADeskGoesToTheServerAndBackAsTheSameDesk() throws {
        let file = try demoDesk()
        XCTAssertEqual(try console(["migrate", "--db", file, "--to", TestServer.url(server)]).status, 0)
        let back = scratch.file("back.sqlite")
        let out = try console(["migrate", "--db", TestServer.url(server), "--to", back, "--key", file + ".key"])
        XCTAssertEqual(out.status, 0, out.description)
        XCTAssertTrue(out.stdout.contains("audit chain verifies"), out.stdout)
        XCTAssertTrue(out.stdout.contains("console audit verify --db"), "the copy names the row check: \(out.stdout)")
        let verify = try console(["audit", "verify", "--db", back])
        XCTAssertEqual(verify.status, 0, verify.description)
        // Every table row for row, and the text index answers the same.
        let a = try CaseStore(path: file, creating: false), b = try CaseStore(path: back, creating: false)
        try DeskTransfer.read(a) { left in
            try DeskTransfer.read(b) { right in
                XCTAssertEqual(left.tables, right.tables)
                for t in left.tables {
                    var l: [[DeskValue]] = [], r: [[DeskValue]] = []
                    try left.eachRow(of: t) { l.append($0) }
                    try right.eachRow(of: t) { r.append($0) }
                    XCTAssertEqual(l.count, r.count, t.name)
                    XCTAssertTrue(l == r, "\(t.name) differs after the round trip")
                }
            }
        }
        for term in ["退保", "理赔", "13800"] {
            XCTAssertEqual(try console(["list", "--db", file, "--search", term]).stdout, try console(["list", "--db", back, "--search", term]).stdout, term)
        }
        // The copy is a working desk: a change on it is saved and the trail still verifies.
        let act = try console(["users", "add", "newcomer", "--display", "新人", "--team", "理赔组", "--role", "handler", "--db", back])
        XCTAssertEqual(act.status, 0, act.description)
        XCTAssertEqual(try console(["audit", "verify", "--db", back]).status, 0)
    }

    func testBackToAFileNeedsTheDesksKeyAndItsOwnerAndKeepsNothingOtherwise() throws {
        let file = try demoDesk(cases: 200)
        XCTAssertEqual(try console(["migrate", "--db", file, "--to", TestServer.url(server)]).status, 0)
        let back = scratch.file("back.sqlite")
        let noKey = try console(["migrate", "--db", TestServer.url(server), "--to", back])
        XCTAssertEqual(noKey.status, 2, noKey.description)
        // Another desk's key: the trail does not verify, and no file is left behind.
        let other = scratch.file("other.sqlite")
        XCTAssertEqual(try console(["init", "--db", other]).status, 0)
        let wrongKey = try console(["migrate", "--db", TestServer.url(server), "--to", back, "--key", other + ".key"])
        XCTAssertEqual(wrongKey.status, 1, wrongKey.description)
        XCTAssertTrue(wrongKey.stderr.contains("does not verify"), wrongKey.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: back))
        XCTAssertFalse(FileManager.default.fileExists(atPath: back + ".key"))
        // A desk role reads a filtered desk: it may not copy it.
        let auditor = try CaseStore(path: file, creating: false).read { db in try String.fetchOne(db, sql: "SELECT name FROM users WHERE role = 'auditor'")! }
        let asRole = try console(["migrate", "--db", TestServer.url(try TestServer.login(auditor, on: server)), "--to", back, "--key", file + ".key"])
        XCTAssertEqual(asRole.status, 6, asRole.description)
        XCTAssertFalse(FileManager.default.fileExists(atPath: back))
        // An event changed on the server (its owner dropped the trigger first): the copy does not verify.
        _ = try rows(server, "ALTER TABLE desk.events DISABLE TRIGGER events_no_change")
        _ = try rows(server, "UPDATE desk.events SET actor = 'someone-else' WHERE id = 5 RETURNING id")
        let tampered = try console(["migrate", "--db", TestServer.url(server), "--to", back, "--key", file + ".key"])
        XCTAssertEqual(tampered.status, 1, tampered.description)
        XCTAssertTrue(tampered.stderr.contains("event 5"), tampered.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: back))
    }

    func testADatabaseWithoutADeskIsNamedAndNothingIsCreatedInIt() throws {
        let cache = scratch.file("cache")
        for args in [["list"], ["show", "TS-20260217-0001"], ["add", "--summary", "x"], ["dashboard"]] {
            let out = try console(args + ["--db", TestServer.url(server)], env: ["XDG_CACHE_HOME": cache])
            XCTAssertEqual(out.status, 4, "\(args): \(out)")
            XCTAssertTrue(out.stderr.contains("holds no desk") && out.stderr.contains("console init"), "\(args): \(out.stderr)")
            XCTAssertFalse(out.output.contains(server.password ?? "\u{0}"))
        }
        let demo = try console(["demo", "--cases", "10", "--db", TestServer.url(server)], env: ["XDG_CACHE_HOME": cache])
        XCTAssertEqual(demo.status, 2, demo.description)
        XCTAssertEqual(try one(server, "SELECT count(*)::text FROM pg_namespace WHERE nspname = 'desk'"), "0")
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache + "/complaint-console/server"), "no copy was made")
    }
}

/// The OS login the console will act as (the password database's name for this uid).
enum OSLoginName {
    static var current: String {
        guard let pw = getpwuid(getuid()), let name = pw.pointee.pw_name else { return "root" }
        return String(cString: name)
    }
}
