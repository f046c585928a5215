import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// `audit verify` against each way of rewriting a desk (docs/audit-trail.md): forged and replaced
/// events, inserts below the head, truncation, re-chaining, rows edited without an event, a role
/// raised around an action, and a missing or wrong key. Every clean desk verifies.
final class AuditTamperTests: XCTestCase {
    func testADeskBuiltThroughTheCommandsVerifies() throws {
        let t = try AuditedDesk()
        let r = try t.verify(as: "guoping")
        XCTAssertTrue(r.ok, r.text)
        XCTAssertGreaterThan(r.rowsChecked, 15)
        XCTAssertEqual(r.chain.keyedFrom, 1, "a new desk is keyed from its first event")
        XCTAssertEqual(FileManager.default.fileExists(atPath: t.path + ".key"), true)
        var st = stat()
        XCTAssertEqual(stat(t.path + ".key", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600, "the key is the owner's alone on a desk that is not group-shared")
    }

    func testTheDemoAndEveryOtherWriterVerify() throws {
        let t = try TestDesk()
        let fresh = try CaseStore(path: t.dir.file("demo.sqlite"))
        let demo = CaseDesk(store: fresh, clock: FixedClock(instant("2026-02-20T10:00:00+08:00")))
        _ = try DemoGenerator(seed: 7, cases: 400, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(demo)
        let r = try demo.verifyTrail()
        XCTAssertTrue(r.ok, r.text)

        let a = try AuditedDesk()
        let csv = a.dir.file("in.csv")
        try Data(("received_at,channel,branch,category,line,kind,name,phone,summary,people,handler\n" +
                  "2026-02-16T08:00:00+08:00,hotline,上海分公司,claims,auto,general,李四,13800000001,理赔慢,1,zhangqiang\n").utf8)
            .write(to: URL(fileURLWithPath: csv))
        XCTAssertEqual(try CaseImporter(desk: a.desk).run(path: csv, actor: a.op).created, 1)
        _ = try a.desk.setSeverity(a.general.number, to: .major, reason: "", actor: a.handler)
        _ = try a.desk.reveal(a.general.number, reason: "回电", actor: a.handler)
        _ = try a.desk.assign([a.general.number], to: nil, actor: a.lead)
        _ = try a.desk.recomputeDueTimes(actor: a.lead)
        try a.desk.setRole("guoping", to: .teamLead, actor: a.admin)
        try a.desk.setActive("guoping", false, actor: a.admin)
        _ = try a.desk.export(CaseFilter(), unmasked: false, format: "csv", destination: "test", actor: a.lead) { _ in }
        let r2 = try a.verify()
        XCTAssertTrue(r2.ok, r2.text)
    }

    func testAPurgeVerifiesAndItsEventSaysWhichFieldsBecameEmpty() throws {
        let t = try AuditedDesk()
        var c = try t.desk.intake(AuditedDesk.draft("旧投诉", phone: "13700000000", handler: "zhangqiang"), actor: t.op)
        c = try t.desk.act(c.number, .contact, ActionInput(note: "已联系"), actor: t.handler)
        c = try t.desk.act(c.number, .withdraw, ActionInput(reason: "客户撤回"), actor: t.handler)
        t.clock.set(instant("2030-03-01T10:00:00+08:00"))
        XCTAssertEqual(try t.desk.purge(before: instant("2027-01-01T00:00:00+08:00"), actor: t.admin).cases, 1)
        XCTAssertTrue(try t.verify().ok)
        let purge = try t.desk.store.read { db in try String.fetchOne(db, sql: "SELECT row_changes FROM events WHERE action = 'purge'") } ?? ""
        XCTAssertTrue(purge.contains("\"phone\":\"\""), purge)
        XCTAssertFalse(purge.contains("13700000000"), "the trail never holds the personal data it purged")
        let all = try t.desk.store.read { db in try String.fetchAll(db, sql: "SELECT coalesce(row_changes, '') FROM events") }.joined()
        XCTAssertFalse(all.contains("13700000000") || all.contains("13812341234") || all.contains("110101199003070011"),
                       "phone and ID numbers are recorded as keyed digests only")
    }

    // MARK: the event table

    func testAForgedEventIsFound() throws {
        let t = try AuditedDesk()
        let head = try t.desk.store.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM events") }!
        // Head + 1 passes the insert trigger; the attacker has no key, so the hash is plain SHA-256.
        try t.tamper("""
            INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash)
            SELECT id + 1, NULL, at, 'admin', 'user-add', '{"user":"mallory"}', hash, randomblob(32) FROM events WHERE id = \(head)
            """)
        let r = try t.verify()
        XCTAssertFalse(r.ok)
        XCTAssertTrue(r.lines.contains { $0.contains("chain broken at event \(head + 1)") && $0.contains("forged") }, r.text)
    }

    func testInsertOrReplaceAndInsertsBelowTheHeadAreRefusedAndFoundWhenForced() throws {
        let t = try AuditedDesk()
        for sql in [
            "INSERT OR REPLACE INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT id, case_id, at, actor, 'note', detail, prev_hash, hash FROM events WHERE id = 3",
            "REPLACE INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT id, case_id, at, 'mallory', action, detail, prev_hash, hash FROM events WHERE id = 3",
            "INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT 0, NULL, 0, 'x', 'y', '{}', zeroblob(32), zeroblob(32)",
            "INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT max(id) + 2, NULL, 0, 'x', 'y', '{}', zeroblob(32), zeroblob(32) FROM events",
            "INSERT INTO events (case_id, at, actor, action, detail, prev_hash, hash) VALUES (NULL, 0, 'x', 'y', '{}', zeroblob(32), zeroblob(32))",
        ] {
            XCTAssertThrowsError(try t.tamper(sql), sql) { error in
                XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
            }
        }
        XCTAssertTrue(try t.verify().ok)
        // With the trigger dropped, REPLACE rewrites event 3 with a recomputed plain hash.
        try t.tamper("DROP TRIGGER events_next_id")
        let prev = try t.desk.store.read { db in try Row.fetchOne(db, sql: "SELECT prev_hash, case_id, at, detail FROM events WHERE id = 3") }!
        let forged = AuditChain.hash(prev: [UInt8](prev[0] as Data), AuditChain.Fields(id: 3, caseId: prev[1], at: prev[2], actor: "mallory",
                                                                                      action: "user-add", fromStatus: nil, toStatus: nil, detail: prev[3]))
        try t.tamper("INSERT OR REPLACE INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT 3, case_id, at, 'mallory', 'user-add', detail, prev_hash, x'\(AuditChain.hex(forged))' FROM events WHERE id = 3")
        let r = try t.verify()
        XCTAssertTrue(r.lines.contains { $0.contains("chain broken at event 3") }, r.text)
        XCTAssertTrue(r.lines.contains("append-only trigger events_next_id is missing"), r.text)
    }

    func testTruncationIsFoundThroughTheAnchorsAndTheExpectedHead() throws {
        let t = try AuditedDesk()
        let head = try XCTUnwrap(AuditAnchor.record(t.desk, reason: "report summary"))
        XCTAssertTrue(try t.verify().ok, "an anchor that matches is no difference")
        let log = try String(contentsOfFile: t.path + ".anchors", encoding: .utf8)
        XCTAssertTrue(log.contains("\treport summary\t\(head.id)\t\(head.hash)\n"), log)
        try t.tamper("DROP TRIGGER events_no_delete; DELETE FROM events WHERE id > \(head.id - 3); CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted'); END;")
        let r = try t.verify(expectHead: head.hash)
        XCTAssertFalse(r.ok)
        XCTAssertTrue(r.lines.contains { $0.contains("anchor of") && $0.contains("report summary") && $0.contains("truncated") }, r.text)
        XCTAssertTrue(r.lines.contains { $0.contains("the expected head \(head.hash) is not in the chain") }, r.text)
        XCTAssertFalse(r.lines.contains { $0.contains("trigger") }, "the trigger was put back exactly: \(r.text)")
    }

    func testReChainingWithAPlainChainIsFoundWithOrWithoutTheTriggers() throws {
        // The triggers put back exactly: the chain itself says it is not keyed.
        let t = try AuditedDesk()
        try t.tamper("DROP TRIGGER events_no_update; UPDATE events SET actor = 'wangmin' WHERE id = 3")
        try t.rechainPlain()
        try t.tamper(Schema.eventsNoUpdateTrigger)
        var r = try t.verify()
        XCTAssertFalse(r.ok)
        XCTAssertTrue(r.lines.contains { $0.contains("chain broken at event 1") && $0.contains("re-chained") }, r.text)
        XCTAssertFalse(r.lines.contains { $0.contains("trigger") }, r.text)

        // The triggers left dropped, and an anchor written before: both say so too.
        let u = try AuditedDesk()
        AuditAnchor.record(u.desk, reason: "backup to /srv/backup/desk.sqlite")
        try u.tamper("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; DROP TRIGGER events_next_id; UPDATE events SET detail = '{}' WHERE id = 5")
        try u.rechainPlain()
        r = try u.verify()
        XCTAssertTrue(r.lines.contains { $0.contains("re-chained") && $0.hasPrefix("chain broken") }, r.text)
        XCTAssertTrue(r.lines.contains { $0.contains("anchor of") && $0.contains("rebuilt (re-chained)") }, r.text)
        for trigger in ["events_no_update", "events_no_delete", "events_next_id"] {
            XCTAssertTrue(r.lines.contains("append-only trigger \(trigger) is missing"), r.text)
        }
    }

    func testATriggerReplacedByOneThatAllowsEverythingIsAltered() throws {
        let t = try AuditedDesk()
        try t.tamper("DROP TRIGGER events_no_delete; CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN 0 BEGIN SELECT 1; END; CREATE TRIGGER cases_quiet AFTER UPDATE ON cases BEGIN SELECT 1; END;")
        let r = try t.verify()
        XCTAssertTrue(r.lines.contains("append-only trigger events_no_delete was altered: its SQL is not the console's"), r.text)
        XCTAssertTrue(r.lines.contains("trigger cases_quiet was not created by the console"), r.text)
    }

    // MARK: rows

    func testAnEditedCaseRowIsNamedFieldByField() throws {
        let t = try AuditedDesk()
        try t.tamper("UPDATE cases SET status = 'closed', phone = '13999999999', people = 3 WHERE number = '\(t.general.number)'")
        let r = try t.verify()
        XCTAssertTrue(r.lines.contains("\(t.general.number): status is closed, the events say investigating"), r.text)
        XCTAssertTrue(r.lines.contains("\(t.general.number): people is 3, the events say 1"), r.text)
        XCTAssertTrue(r.lines.contains("\(t.general.number): phone differs from what the events recorded (personal data, compared by keyed digest)"), r.text)
        XCTAssertFalse(r.text.contains("13999999999") || r.text.contains("13812341234"), "personal data is never printed")
        XCTAssertEqual(r.lines.count, 3, "the fields left alone (name, summary: digested too) are not reported: \(r.text)")
        XCTAssertEqual(Set(r.differences.map(\.kind)), [.row])
    }

    func testRowsAddedOrDeletedWithoutAnEventAreFound() throws {
        let t = try AuditedDesk()
        try t.tamper("INSERT INTO users (name, display_name, team, role, active) VALUES ('mallory', 'M', '系统', 'administrator', 1); DELETE FROM shifts;")
        let r = try t.verify()
        XCTAssertTrue(r.lines.contains("users: mallory: this row was not created by any event (added outside the console)"), r.text)
        XCTAssertTrue(r.lines.contains { $0.hasPrefix("shift 1 (zhangqiang): the events say this row exists") && $0.contains("not in the table") }, r.text)
    }

    func testEditedSettingsCrisisPenaltyAndFiguresRowsAreNamed() throws {
        let t = try AuditedDesk()
        let penalty = try t.desk.store.read { db in try Row.fetchOne(db, sql: "SELECT id, amount FROM penalties ORDER BY id LIMIT 1") }!
        let penaltyId: Int64 = penalty[0], amount: Double = penalty[1]
        try t.tamper("""
            UPDATE settings SET value = 'off' WHERE key = 'allow-user-switch';
            UPDATE crisis_events SET status = 'dismissed', dismissed_reason = '误报' WHERE id = \(t.crisis);
            UPDATE crisis_reports SET text = '无事' WHERE event_id = \(t.crisis);
            UPDATE penalties SET amount = 999 WHERE id = \(penaltyId);
            UPDATE branch_figures SET claim_reports = 1000 WHERE branch = '上海分公司';
            """)
        let r = try t.verify()
        XCTAssertTrue(r.lines.contains("settings: allow-user-switch: value is off, the events say on"), r.text)
        XCTAssertTrue(r.lines.contains("crisis event \(t.crisis): status is dismissed, the events say declared"), r.text)
        XCTAssertTrue(r.lines.contains("crisis event \(t.crisis): dismissed_reason is 误报, the events say empty (NULL)"), r.text)
        XCTAssertTrue(r.lines.contains { $0.hasPrefix("crisis event \(t.crisis) report ") && $0.hasSuffix("text is 无事, the events say 已派员到场") }, r.text)
        XCTAssertTrue(r.lines.contains("penalty \(penaltyId) (\(t.valid.number), zhangqiang): amount is 999, the events say \(AuditValue.number(amount).display)"), r.text)
        XCTAssertTrue(r.lines.contains("figures 上海分公司 2026-02: claim_reports is 1000, the events say 100"), r.text)
    }

    func testARoleRaisedAroundAnActionAndPutBackIsFound() throws {
        let t = try AuditedDesk()
        try t.tamper("UPDATE users SET role = 'administrator' WHERE name = 'zhangqiang'")
        try t.desk.setSetting(DeskSettings.allowUserSwitch, "off", actor: t.handler)
        try t.desk.setRole("wangmin", to: .auditor, actor: t.handler)
        try t.tamper("UPDATE users SET role = 'handler' WHERE name = 'zhangqiang'")
        let r = try t.verify()
        XCTAssertFalse(r.ok)
        XCTAssertEqual(Set(r.differences.map(\.kind)), [.permission], "the rows agree again; the events do not: \(r.text)")
        XCTAssertTrue(r.lines.contains { $0.contains(": zhangqiang did setting, but the roster then made zhangqiang a handler: only an administrator can change the desk's security settings") }, r.text)
        XCTAssertTrue(r.lines.contains { $0.contains(": zhangqiang did user-role, but the roster then made zhangqiang a handler: only an administrator can manage users") }, r.text)

        // Left raised, the row says so as well.
        let u = try AuditedDesk()
        try u.tamper("UPDATE users SET role = 'administrator' WHERE name = 'wangmin'")
        XCTAssertTrue(try u.verify().lines.contains("users: wangmin is administrator, the events say team-lead"))
    }

    func testAnActorAddedToTheRosterOnlyForTheActionIsFound() throws {
        let t = try AuditedDesk()
        try t.tamper("INSERT INTO users (name, display_name, team, role, active) VALUES ('mallory', 'M', '理赔组', 'team-lead', 1)")
        _ = try t.desk.assign([t.general.number], to: "zhoufang", actor: Actor(name: "mallory")).first
        try t.tamper("DELETE FROM users WHERE name = 'mallory'")
        let r = try t.verify()
        XCTAssertTrue(r.lines.contains { $0.contains(": mallory did assign, but mallory was not on the roster then") }, r.text)
    }

    func testAReportCaseIsARestrictedRecordToAReaderWhoMayNotSeeIt() throws {
        let t = try AuditedDesk()
        try t.tamper("UPDATE cases SET status = 'withdrawn', summary = '无' WHERE number = '\(t.report.number)'")
        for reader in [nil, "wangmin", "zhangqiang", "admin"] as [String?] {
            let r = try t.verify(as: reader)
            XCTAssertFalse(r.ok)
            XCTAssertTrue(r.lines.contains("a restricted record: status differs from the events"), r.text)
            XCTAssertFalse(r.text.contains("JB-") || r.text.contains("withdrawn") || r.text.contains("received"), "\(reader ?? "-"): \(r.text)")
        }
        for reader in ["zhenghong", "guoping"] {
            let r = try t.verify(as: reader)
            XCTAssertTrue(r.lines.contains("\(t.report.number): status is withdrawn, the events say received"), r.text)
            XCTAssertTrue(r.lines.contains("\(t.report.number): summary differs from what the events recorded (personal data, compared by keyed digest)"), r.text)
        }
    }

    // MARK: the key

    func testAMissingKeyIsReportedAndWritesAreRefused() throws {
        let t = try AuditedDesk()
        try FileManager.default.removeItem(atPath: t.path + ".key")
        let r = try t.verify()
        XCTAssertEqual(r.differences.map(\.kind), [.key], r.text)
        XCTAssertTrue(r.lines[0].contains("desk.sqlite.key: the desk's audit key is missing"), r.text)
        XCTAssertTrue(r.notes.contains { $0.contains("rows not compared") }, r.text)
        let later = try t.reopened()
        XCTAssertThrowsError(try later.intake(AuditedDesk.draft("新投诉", phone: ""), actor: t.op)) { error in
            XCTAssertTrue("\(error)".contains("cannot extend the audit trail") && "\(error)".contains("desk.sqlite.key"), "\(error)")
        }
        XCTAssertEqual(try later.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE summary = '新投诉'") }, 0, "nothing was saved")
    }

    func testAWrongKeyIsReportedAndWritesAreRefused() throws {
        let t = try AuditedDesk()
        let other = try AuditedDesk()
        try FileManager.default.removeItem(atPath: t.path + ".key")
        try FileManager.default.copyItem(atPath: other.path + ".key", toPath: t.path + ".key")
        let r = try t.verify()
        XCTAssertTrue(r.differences.contains { $0.kind == .key && $0.message.contains("does not match this trail") }, r.text)
        XCTAssertThrowsError(try t.reopened().setSetting("x", "y", actor: t.admin)) { error in
            XCTAssertTrue("\(error)".contains("does not verify with"), "\(error)")
        }
    }

    // MARK: a desk keyed by migration

    func testADeskMigratedFromPlainLinksReplaysFromItsBaseline() throws {
        let t = try AuditedDesk()
        // Make it what the previous console left: plain links, no row records, no key, v5.
        try t.rechainPlain()
        try t.tamper("""
            DROP TRIGGER events_next_id; ALTER TABLE events DROP COLUMN row_changes;
            DELETE FROM grdb_migrations WHERE identifier = 'keyed-audit';
            """)
        try t.tamper(Schema.eventsNoUpdateTrigger)
        try FileManager.default.removeItem(atPath: t.path + ".key")
        let events = try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") }!
        let desk = try t.reopened()
        var r = try desk.verifyTrail()
        XCTAssertTrue(r.ok, r.text)
        XCTAssertEqual(r.chain.keyedFrom, Int64(events + 1))
        XCTAssertTrue(r.notes.contains { $0.contains("baseline") && $0.contains("plain SHA-256") }, r.text)
        let baseline = try desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'audit-baseline'") }
        XCTAssertGreaterThan(baseline ?? 0, 5, "one per audited table holding rows")

        // A field the baseline holds only as the row digest: found, not named.
        try t.tamper("UPDATE cases SET people = 7 WHERE number = '\(t.general.number)'")
        r = try desk.verifyTrail()
        XCTAssertTrue(r.lines.contains { $0.hasPrefix("\(t.general.number): differs from its state at the audit baseline") && $0.contains("cannot be told") }, r.text)
        // A field changed since the baseline is named; the roster is replayed from it too.
        try t.tamper("UPDATE cases SET people = 1 WHERE number = '\(t.general.number)'")
        t.clock.set(instant("2026-02-17T12:00:00+08:00"))
        _ = try desk.act(t.general.number, .note, ActionInput(note: "补充材料"), actor: t.handler)
        try t.tamper("UPDATE cases SET last_note_at = 0 WHERE number = '\(t.general.number)'; UPDATE users SET active = 0 WHERE name = 'zhoufang'")
        r = try desk.verifyTrail()
        XCTAssertTrue(r.lines.contains { $0.hasPrefix("\(t.general.number): last_note_at is 0, the events say ") }, r.text)
        XCTAssertTrue(r.lines.contains("users: zhoufang: active is 0, the events say 1"), r.text)
    }
}
