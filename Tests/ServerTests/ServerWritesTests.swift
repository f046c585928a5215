import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import MatrixSupport
import ServerTestSupport
import GRDB
import PostgresNIO
import XCTest

/// Writing to a server desk (docs/server-desk.md, "Writing to a server desk"): the desk's own
/// commands, from a console holding the desk's key, saved on the server with the trail kept whole;
/// what the server refuses to anyone else, and to a console too.
final class ServerWritesTests: MigratedDeskTestCase {
    var key: String { AuditKey.path(forDatabase: file) }

    /// Runs a console command as `login`, from its own host cache, with the desk's key unless told.
    func console(_ args: [String], as login: ServerAddress, host: String = "host", key: String? = nil) throws -> ConsoleProcess.Outcome {
        try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", TestServer.url(login)],
                               environment: ["CONSOLE_NOW": ServerDeskTests.now, "XDG_CACHE_HOME": scratch.file("cache-\(host)-\(login.user)"),
                                             "LANG": "C.UTF-8", "CONSOLE_DESK_KEY": key ?? self.key])
    }

    func value(_ sql: String) throws -> String? {
        let s = try ServerSession.open(server)
        defer { s.close() }
        return try s.value(PostgresQuery(unsafeSQL: sql))
    }

    /// The server desk copied back to a file with the key, and that file's `audit verify`.
    func verifiedCopy() throws -> ConsoleProcess.Outcome {
        let back = scratch.file("back-\(UInt32.random(in: 0...UInt32.max)).sqlite")
        let copy = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", TestServer.url(server), "--to", back, "--key", key])
        XCTAssertEqual(copy.status, 0, copy.description)
        return try ConsoleProcess.run([ConsoleProcess.binary, "audit", "verify", "--db", back])
    }

    func testCommandsOnAServerDeskAreSavedThereAndTheTrailStaysWhole() throws {
        let lead = try TestServer.login(try user(.teamLead), on: server)
        let handler = try user(.handler)
        let intake = try TestServer.login(try user(.operator_), on: server)
        let president = try TestServer.login(try user(.presidentsOffice), on: server)
        let number = try XCTUnwrap(try value("SELECT number FROM desk.cases WHERE kind <> 'report' AND status = 'received' ORDER BY id LIMIT 1"))

        let assign = try console(["assign", number, "--to", handler], as: lead)
        XCTAssertEqual(assign.status, 0, assign.description)
        XCTAssertEqual(try value("SELECT handler FROM desk.cases WHERE number = '\(number)'"), handler)
        XCTAssertEqual(try value("SELECT actor || ' ' || action FROM desk.events ORDER BY id DESC LIMIT 1"), "\(lead.user) assign")
        // The console showing it is the one that saved it: its copy is current at once.
        let shown = try console(["show", number], as: lead)
        XCTAssertTrue(shown.stdout.contains(handler), shown.stdout)

        // A report case taken in by the president's office: the trail's newest event and the
        // highest case id are then ones the operator may not see; the operator's intake follows both.
        let intakesBefore = try value("SELECT count(*)::text FROM desk.events WHERE actor = '\(intake.user)' AND action = 'intake'").flatMap { Int($0) }
        let report = try console(["add", "--channel", "phone", "--branch", "北京", "--name", "李四", "--phone", "13900139000",
                                  "--line", "auto", "--category", "claims", "--kind", "report", "--summary", "举报业务员"], as: president)
        XCTAssertEqual(report.status, 0, report.description)
        let general = try console(["add", "--channel", "phone", "--branch", "上海", "--name", "王五", "--phone", "13700137000",
                                   "--line", "auto", "--category", "sales", "--kind", "general", "--summary", "销售误导"], as: intake)
        XCTAssertEqual(general.status, 0, general.description)
        let newNumber = general.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try value("SELECT phone || ' ' || (id > (SELECT max(id) FROM desk.cases WHERE kind = 'report'))::text FROM desk.cases WHERE number = '\(newNumber)'"),
                       "13700137000 true", "the complainant's phone is on the server; the new case's id follows the hidden report case")
        XCTAssertEqual(try value("SELECT count(*)::text FROM desk.events WHERE actor = '\(intake.user)' AND action = 'intake'").flatMap { Int($0) },
                       intakesBefore.map { $0 + 1 })

        let verify = try verifiedCopy()
        XCTAssertEqual(verify.status, 0, verify.description)
        XCTAssertTrue(verify.stdout.contains("chain intact"), verify.stdout)
    }

    func testConsolesOnSeveralHostsSavingTheSameCaseAtOnceLoseNothing() throws {
        let lead = try TestServer.login(try user(.teamLead), on: server)
        let number = try XCTUnwrap(try value("SELECT number FROM desk.cases WHERE kind <> 'report' AND status IN ('received', 'contacted', 'investigating') ORDER BY id LIMIT 1"))
        let before = try XCTUnwrap(try value("SELECT count(*)::text FROM desk.events WHERE action = 'note'").flatMap { Int($0) })
        let failures = Failures()
        let group = DispatchGroup()
        let (scratch, key, url) = (scratch!, key, TestServer.url(lead))
        for host in 0..<3 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                for i in 0..<4 {
                    do {
                        let out = try ConsoleProcess.run([ConsoleProcess.binary, "act", number, "note", "--note", "主机\(host) 第\(i)条", "--db", url],
                                                         environment: ["CONSOLE_NOW": ServerDeskTests.now, "XDG_CACHE_HOME": scratch.file("cache-h\(host)"),
                                                                       "LANG": "C.UTF-8", "CONSOLE_DESK_KEY": key])
                        if out.status != 0 { failures.add(out.description) }
                    } catch { failures.add("\(error)") }
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 240), .success)
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try value("SELECT count(*)::text FROM desk.events WHERE action = 'note'").flatMap { Int($0) }, before + 12)
        XCTAssertEqual(try value("SELECT version::text FROM desk.cases WHERE number = '\(number)'").flatMap { Int($0) }.map { $0 >= 13 }, true)
        let verify = try verifiedCopy()
        XCTAssertEqual(verify.status, 0, verify.description)
    }

    func testWithoutTheDesksKeyNothingIsWritten() throws {
        let lead = try TestServer.login(try user(.teamLead), on: server)
        let number = try XCTUnwrap(try value("SELECT number FROM desk.cases WHERE kind <> 'report' AND status = 'received' ORDER BY id LIMIT 1"))
        let events = try value("SELECT count(*)::text FROM desk.events")
        // Another desk's key: the server refuses the console's proof (not permitted, exit 6).
        let other = ScratchDirectory("writes-other")
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", other.file("o.sqlite"), "--admin", "x"]).status, 0)
        let wrong = try console(["assign", number, "--to", try user(.handler)], as: lead, key: AuditKey.path(forDatabase: other.file("o.sqlite")))
        XCTAssertEqual(wrong.status, 6, wrong.description)
        XCTAssertTrue(wrong.stderr.contains("not this server desk's"), wrong.stderr)
        // A key file named but missing: said, with the variable, not silently read-only.
        let missing = try console(["list"], as: lead, key: scratch.file("nothing.key"))
        XCTAssertEqual(missing.status, 4, missing.description)
        XCTAssertTrue(missing.stderr.contains("CONSOLE_DESK_KEY"), missing.stderr)
        XCTAssertEqual(try value("SELECT count(*)::text FROM desk.events"), events)
    }

    /// A session that proved the key (what a console does) still writes only as itself, only
    /// what its login may see, never the roster unless it manages it, and only after the newest event.
    func testTheServerHoldsAProvenSessionToItsLoginsRights() throws {
        let operatorLogin = try TestServer.login(try user(.operator_), on: server)
        let s = try ServerSession.open(operatorLogin)
        defer { s.close() }
        XCTAssertThrowsError(try s.rows(PostgresQuery(unsafeSQL: "SELECT count(*)::text FROM desk.console_identifiers(ARRAY[1::bigint])")), "no identifiers before the proof")
        try ServerConsole.prove(s, secret: try AuditKey.load(file: key).serverConsoleSecret)
        let report = try XCTUnwrap(try value("SELECT id::text FROM desk.cases WHERE kind = 'report' LIMIT 1"))
        let general = try XCTUnwrap(try value("SELECT id::text FROM desk.cases WHERE kind <> 'report' LIMIT 1"))
        func rows(_ sql: String) throws -> [[String?]] { try s.rows(PostgresQuery(unsafeSQL: sql)) }
        XCTAssertEqual(try rows("SELECT id::text FROM desk.console_identifiers(ARRAY[\(report), \(general)]::bigint[])").map { $0[0] }, [general])
        XCTAssertEqual(try rows("UPDATE desk.users SET role = 'auditor' WHERE name = session_user RETURNING name").count, 0, "the roster is the administrators'")
        XCTAssertEqual(try rows("UPDATE desk.cases SET handler = 'x' WHERE id = \(report) RETURNING id").count, 0, "a report case is not there to change")
        XCTAssertThrowsError(try rows("UPDATE desk.cases SET kind = 'report' WHERE id = \(general) RETURNING id"), "nor may one be made")
        XCTAssertThrowsError(try rows("UPDATE desk.events SET actor = 'x' WHERE id = 1 RETURNING id"))
        let head = try XCTUnwrap(try rows("SELECT head_id::text, encode(head_hash, 'hex') FROM desk.write_basis()").first)
        let zeros = String(repeating: "00", count: 32)
        for (id, prev, actor) in [(Int(head[0]!)! + 5, head[1]!, operatorLogin.user), (Int(head[0]!)! + 1, zeros, operatorLogin.user),
                                  (Int(head[0]!)! + 1, head[1]!, "zhangqiang")] {
            XCTAssertThrowsError(try rows("""
                INSERT INTO desk.events (id, at, actor, action, detail, prev_hash, hash)
                VALUES (\(id), 0, '\(actor)', 'note', '{}', decode('\(prev)', 'hex'), decode('\(zeros)', 'hex')) RETURNING id
                """), "event \(id) by \(actor)")
        }
        XCTAssertEqual(try value("SELECT max(id)::text FROM desk.events"), head[0])
        // An operator may take a report case in (step 3), never write into one already there.
        XCTAssertThrowsError(try rows("""
            INSERT INTO desk.events (id, case_id, at, actor, action, detail, prev_hash, hash)
            VALUES (\(Int(head[0]!)! + 1), \(report), 0, session_user, 'note', '{}', decode('\(head[1]!)', 'hex'), decode('\(zeros)', 'hex')) RETURNING id
            """), "an event on an older report case")
        XCTAssertEqual(try value("SELECT max(id)::text FROM desk.events"), head[0])
    }

    /// An import of hundreds of rows on a server desk (sent as multi-row inserts): every case, its
    /// event and its import key on the server, the trail whole, and the same file again changes nothing.
    func testALargeImportIsSavedWholeAndTheTrailStaysWhole() throws {
        let operatorLogin = try TestServer.login(try user(.operator_), on: server)
        try MatrixDesk.hotlineMapping.write(toFile: scratch.file("hotline.map"), atomically: true, encoding: .utf8)
        var csv = "编号,时间,摘要,电话,件类\n"
        for i in 0..<600 { csv += "H-\(i),2026-02-17T\(String(format: "%02d", 8 + i % 12)):\(String(format: "%02d", i % 60)):00+08:00,车险理赔进度查询\(i),137\(String(format: "%08d", i)),general\n" }
        try csv.write(toFile: scratch.file("rows.csv"), atomically: true, encoding: .utf8)
        func count(_ sql: String) throws -> Int { Int(try value(sql) ?? "") ?? -1 }
        let cases = try count("SELECT count(*)::text FROM desk.cases"), keys = try count("SELECT count(*)::text FROM desk.import_keys")
        let imported = try console(["import", scratch.file("rows.csv"), "--mapping", scratch.file("hotline.map")], as: operatorLogin)
        XCTAssertEqual(imported.status, 0, imported.description)
        XCTAssertEqual(try count("SELECT count(*)::text FROM desk.cases"), cases + 600)
        XCTAssertEqual(try count("SELECT count(*)::text FROM desk.import_keys"), keys + 600)
        XCTAssertEqual(try count("SELECT count(*)::text FROM desk.cases c WHERE c.summary LIKE '车险理赔进度查询%' AND EXISTS (SELECT 1 FROM desk.events e WHERE e.case_id = c.id AND e.action = 'intake')"), 600)
        let again = try console(["import", scratch.file("rows.csv"), "--mapping", scratch.file("hotline.map")], as: operatorLogin)
        XCTAssertEqual(again.status, 0, again.description)
        XCTAssertEqual(try count("SELECT count(*)::text FROM desk.cases"), cases + 600, "the same rows again: nothing new \(again.stdout)")
        let verify = try verifiedCopy()
        XCTAssertEqual(verify.status, 0, verify.description)
    }

    /// A crisis event the alert rules propose on a server desk is proposed once and listed by the
    /// console that proposed it (its links to the cases come into the copy with it): before, each
    /// evaluation proposed the same group complaint again.
    func testARulesProposalIsMadeOnceAndListedWhereItWasMade() throws {
        let lead = try TestServer.login(try user(.teamLead), on: server)
        func proposals() throws -> Int { Int(try value("SELECT count(*)::text FROM desk.crisis_events WHERE status = 'proposed'") ?? "") ?? -1 }
        let add = try console(["add", "--summary", "银保产品到期无法退保 32人聚集网点", "--people", "32", "--phone", "13900000011", "--channel", "hotline",
                               "--branch", "上海分公司", "--line", "auto", "--category", "service", "--name", "蔡先生"], as: lead)
        XCTAssertEqual(add.status, 0, add.description)
        var counts: [Int] = []
        for _ in 0..<3 {
            let listed = try console(["crisis", "list", "--lang", "en"], as: lead)
            XCTAssertEqual(listed.status, 0, listed.description)
            XCTAssertTrue(listed.stdout.contains("32人聚集网点") && listed.stdout.contains("proposed"), listed.stdout)
            counts.append(try proposals())
        }
        XCTAssertEqual(Set(counts).count, 1, "the first evaluation proposes; the next ones find it proposed: \(counts)")
        XCTAssertEqual(Int(try value("SELECT count(*)::text FROM desk.crisis_events WHERE title LIKE '%32人聚集网点%' AND status = 'proposed'") ?? ""), 1)
    }

    /// A duty operator takes a report complaint in on a server desk as on a file: saved, numbered,
    /// and then as hidden from them as every other report case.
    func testAnOperatorTakesAReportCaseInWithoutSeeingItAfterwards() throws {
        let operatorLogin = try TestServer.login(try user(.operator_), on: server)
        let before = Int(try value("SELECT count(*)::text FROM desk.cases WHERE kind = 'report'") ?? "0") ?? 0
        let add = try console(["add", "--summary", "举报理赔员索要好处费", "--kind", "report", "--phone", "13900000000", "--channel", "hotline",
                               "--branch", "上海分公司", "--line", "auto", "--category", "other", "--name", "匿名"], as: operatorLogin)
        XCTAssertEqual(add.status, 0, add.description)
        let number = add.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(number.hasPrefix("JB-"), add.description)
        XCTAssertEqual(Int(try value("SELECT count(*)::text FROM desk.cases WHERE kind = 'report'") ?? "0"), before + 1)
        let shown = try console(["show", number], as: operatorLogin)
        XCTAssertNotEqual(shown.status, 0, "hidden from its intake once saved, as on a file: \(shown)")
        XCTAssertEqual(try verifiedCopy().status, 0, "the trail stays whole")
    }
}

extension ServerWritesTests {
    /// A team lead records work phones on a server desk as on a file (the shift managers' right),
    /// while the rest of the roster stays the administrators'; a change the server refuses for
    /// its own reasons is told as a refusal (exit 6, naming the table), not as a busy desk.
    func testATeamLeadRecordsWorkPhonesAndWhatTheServerRefusesIsSaidSo() throws {
        let leadName = try user(.teamLead), handler = try user(.handler)
        let lead = try TestServer.login(leadName, on: server)
        let saved = try console(["users", "set-phone", handler, "13900001111"], as: lead)
        XCTAssertEqual(saved.status, 0, saved.description)
        XCTAssertEqual(try value("SELECT phone FROM desk.users WHERE name = '\(handler)'"), "13900001111")

        let s = try ServerSession.open(lead)
        defer { s.close() }
        try ServerConsole.prove(s, secret: try AuditKey.load(file: key).serverConsoleSecret)
        XCTAssertEqual(try s.rows(PostgresQuery(unsafeSQL: "UPDATE desk.users SET phone = '13900002222' WHERE name = '\(handler)' RETURNING name")).count, 1)
        XCTAssertThrowsError(try s.rows(PostgresQuery(unsafeSQL: "UPDATE desk.users SET role = 'auditor' WHERE name = session_user RETURNING name")),
                             "a lead's proven session changes phones only")
        let operatorLogin = try TestServer.login(try user(.operator_), on: server)
        let o = try ServerSession.open(operatorLogin)
        defer { o.close() }
        try ServerConsole.prove(o, secret: try AuditKey.load(file: key).serverConsoleSecret)
        XCTAssertEqual(try o.rows(PostgresQuery(unsafeSQL: "UPDATE desk.users SET phone = '1' WHERE name = '\(handler)' RETURNING name")).count, 0,
                       "an operator records no phones")

        // The server's owner narrows what logins may change: the console's rules allow it, the
        // server does not; nothing is saved and the reason is the server's, at once.
        let owner = try ServerSession.open(server)
        defer { owner.close() }
        try owner.execute("DROP POLICY desk_update ON desk.users; CREATE POLICY desk_update ON desk.users FOR UPDATE TO desk_staff USING (false)")
        let started = Date()
        let refused = try console(["users", "set-phone", handler, "13900003333", "--lang", "en"], as: lead)
        XCTAssertEqual(refused.status, 6, refused.description)
        XCTAssertTrue(refused.stderr.contains("the server desk does not let \(leadName) change its users table; nothing was saved"), refused.description)
        XCTAssertLessThan(Date().timeIntervalSince(started), 4, "refused at once, not after the retries of a busy desk")
        try owner.execute("""
            CREATE FUNCTION desk.no_shifts() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'shifts are planned elsewhere' USING ERRCODE = '42501'; END $$;
            CREATE TRIGGER no_shifts BEFORE INSERT ON desk.shifts FOR EACH ROW EXECUTE FUNCTION desk.no_shifts()
            """)
        let shift = try console(["users", "shift", handler, "--from", "2026-02-24T20:00:00+08:00", "--to", "2026-02-25T08:00:00+08:00", "--lang", "zh"], as: lead)
        XCTAssertEqual(shift.status, 6, shift.description)
        XCTAssertTrue(shift.stderr.contains("服务器上的台不允许 \(leadName) 修改 shifts 表"), shift.description)
        XCTAssertEqual(try value("SELECT phone FROM desk.users WHERE name = '\(handler)'"), "13900002222")
    }

    /// The alert rules on a server desk: `console alerts` with the desk's key raises them on the
    /// server, another login's console sees them; and one console at a time runs the rules, a
    /// login that sees report cases before the others (docs/server-desk.md, "Alerts").
    func testTheAlertRulesRunForTheServerDeskByOneConsoleAtATime() throws {
        let owner = try ServerSession.open(server)
        defer { owner.close() }
        try owner.execute("DELETE FROM desk.alerts")
        let lead = try TestServer.login(try user(.teamLead), on: server)
        let evaluated = try console(["alerts", "--limit", "5"], as: lead)
        XCTAssertTrue([0, 3].contains(evaluated.status), evaluated.description)
        let raised = Int(try value("SELECT count(*)::text FROM desk.alerts") ?? "0") ?? 0
        XCTAssertGreaterThan(raised, 0, "the rules raised the overdue cases' alerts on the server")
        let auditor = try TestServer.login(try user(.auditor), on: server)
        let seen = try console(["alerts", "--limit", "5"], as: auditor, key: "")
        XCTAssertEqual(seen.status, evaluated.status, seen.description)
        XCTAssertTrue(seen.stdout.contains("\(raised)"), seen.description)

        // Who runs the rules: the first general login until a login that sees report cases comes.
        let operatorLogin = try TestServer.login(try user(.operator_), on: server)
        let desk = try AuditKey.load(file: key)
        let general = ServerWriter(replica: ServerReplica(operatorLogin, environment: ["XDG_CACHE_HOME": scratch.file("c1")]), key: desk)
        let other = ServerWriter(replica: ServerReplica(lead, environment: ["XDG_CACHE_HOME": scratch.file("c2")]), key: desk)
        let seer = ServerWriter(replica: ServerReplica(auditor, environment: ["XDG_CACHE_HOME": scratch.file("c3")]), key: desk)
        defer { general.close(); other.close(); seer.close() }
        XCTAssertTrue(general.holdsAlertRules())
        XCTAssertFalse(other.holdsAlertRules(), "one general console at a time")
        XCTAssertTrue(seer.holdsAlertRules(), "a login that sees report cases takes the rules")
        XCTAssertFalse(general.holdsAlertRules(), "and the general console leaves them to it")
        seer.close()
        XCTAssertTrue(general.holdsAlertRules(), "until it goes away")
    }
}

/// Failures collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
