import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// The hash chain, its verification after tampering (also with the sqlite3 shell), the
/// append-only triggers, the v3 migration, purge and retention.
final class AuditTests: XCTestCase {
    func hex(_ s: String) -> String { AuditChain.hex(SHA256.hash(Array(s.utf8))) }

    func testSHA256TestVectors() {
        // FIPS 180-4 / NIST CAVP examples.
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        XCTAssertEqual(AuditChain.hex(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // The padding edges: 55 bytes fit one block, 56 need two, 64 fill one exactly.
        XCTAssertEqual(AuditChain.hex(SHA256.hash([UInt8](repeating: 0x61, count: 55))),
                       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(AuditChain.hex(SHA256.hash([UInt8](repeating: 0x61, count: 56))),
                       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        XCTAssertEqual(AuditChain.hex(SHA256.hash([UInt8](repeating: 0x61, count: 64))),
                       "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    func testEveryEventLinksToThePreviousOne() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.act(c.number, .contact, ActionInput(note: "已联系"), actor: t.op)
        _ = try t.desk.assign([c.number], to: "zhangqiang", actor: t.lead)
        // The chain positions (ids, hashes) are shown only to readers who see every event.
        XCTAssertEqual(try t.desk.auditLog(AuditQuery(), actor: t.lead).map(\.hash), ["", "", ""])
        let trail = try t.desk.auditLog(AuditQuery(), actor: try TestReader.actor(t.desk, .withReports)).filter { $0.event.action != "user-add" }
        XCTAssertEqual(trail.count, 3)
        XCTAssertEqual(trail[0].prevHash, String(repeating: "0", count: 64))
        for i in 1..<trail.count { XCTAssertEqual(trail[i].prevHash, trail[i - 1].hash) }
        let v = try t.desk.verifyAudit()
        XCTAssertTrue(v.ok)
        XCTAssertEqual(v.total, 3)
        XCTAssertEqual(v.headHash, trail.last!.hash)
        XCTAssertTrue(try t.desk.auditContains(hash: v.headHash))
        // A rolled-back transaction leaves the cached head behind: the next event still links.
        XCTAssertThrowsError(try t.desk.store.write { db -> Void in
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: t.clock.now(), actor: "x", action: "lost"), db)
            throw DomainError.missingField("rollback")
        })
        _ = try t.desk.act(c.number, .note, ActionInput(note: "进展"), actor: t.op)
        XCTAssertTrue(try t.desk.verifyAudit().ok)
        XCTAssertEqual(try t.desk.verifyAudit().total, 4)
    }

    func testTriggersRefuseChangesAndUnchainedInserts() throws {
        let t = try TestDesk()
        _ = try t.desk.intake(t.draft(), actor: t.op)
        for sql in ["UPDATE events SET actor = 'mallory'", "DELETE FROM events",
                    "INSERT INTO events (case_id, at, actor, action, detail) VALUES (NULL, 0, 'x', 'y', '{}')",
                    "INSERT INTO events (case_id, at, actor, action, detail, prev_hash, hash) VALUES (NULL, 0, 'x', 'y', '{}', x'00', x'00')"] {
            XCTAssertThrowsError(try t.desk.store.write { db in try db.execute(sql: sql) }, sql)
        }
        XCTAssertTrue(try t.desk.verifyAudit().ok)
    }

    /// Edits the file with the sqlite3 shell, as someone with the file but not the product would.
    func sqlite3(_ path: String, _ sql: String) throws -> (Int32, String) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("sqlite3 shell not installed") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [path, sql]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// A desk with a few events, closed so the shell can edit the file.
    func tamperable() throws -> (TempDir, String, AuditChain.Verification) {
        let dir = TempDir()
        let path = dir.file("t.sqlite")
        do {
            let t = try TestDesk()
            let c = try t.desk.intake(t.draft(), actor: t.op)
            _ = try t.desk.act(c.number, .contact, ActionInput(note: "已联系"), actor: t.op)
            _ = try t.desk.assign([c.number], to: "zhangqiang", actor: t.lead)
            _ = try t.desk.act(c.number, .note, ActionInput(note: "已调取材料"), actor: t.handler)
            _ = try t.desk.reveal(c.number, reason: "回电", actor: t.handler)
            try t.desk.store.backup(to: path)
        }
        let v = try CaseDesk(store: try CaseStore(path: path), clock: FixedClock(instant("2026-02-16T10:00:00+08:00"))).verifyAudit()
        XCTAssertTrue(v.ok)
        XCTAssertEqual(v.total, 5)
        return (dir, path, v)
    }

    func verify(_ path: String) throws -> AuditChain.Verification {
        try CaseDesk(store: try CaseStore(path: path), clock: FixedClock(instant("2026-02-16T10:00:00+08:00"))).verifyAudit()
    }

    func testTheShellCannotEditTheTrailQuietly() throws {
        // Without dropping the triggers, the shell is refused too.
        let (keepPath, path, _) = try tamperable()
        defer { withExtendedLifetime(keepPath) {} }
        let (status, message) = try sqlite3(path, "UPDATE events SET detail = '{}' WHERE id = 2")
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(message.contains("append-only"), message)

        // Changed row.
        let (keepChanged, changed, _) = try tamperable()
        defer { withExtendedLifetime(keepChanged) {} }
        XCTAssertEqual(try sqlite3(changed, "DROP TRIGGER events_no_update; UPDATE events SET actor = 'mallory' WHERE id = 3;").0, 0)
        var v = try verify(changed)
        XCTAssertEqual(v.firstBreak?.eventId, 3)
        XCTAssertTrue(v.firstBreak!.reason.contains("changed"))
        XCTAssertEqual(v.missingTriggers, ["events_no_update"])
        XCTAssertFalse(v.ok)

        // Put the trigger back: the change is still found.
        XCTAssertEqual(try sqlite3(changed, Schema.eventsNoUpdateTrigger).0, 0)
        v = try verify(changed)
        XCTAssertEqual(v.missingTriggers, [])
        XCTAssertEqual(v.firstBreak?.eventId, 3)

        // Deleted row (the reveal of the personal data, say).
        let (keepDeleted, deleted, _) = try tamperable()
        defer { withExtendedLifetime(keepDeleted) {} }
        XCTAssertEqual(try sqlite3(deleted, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 4;").0, 0)
        v = try verify(deleted)
        XCTAssertEqual(v.firstBreak?.eventId, 5)
        XCTAssertTrue(v.firstBreak!.reason.contains("does not link to event 3"), v.firstBreak!.reason)

        // Forged row appended with a made-up hash.
        let (keepForged, forged, _) = try tamperable()
        defer { withExtendedLifetime(keepForged) {} }
        XCTAssertEqual(try sqlite3(forged, """
            DROP TRIGGER events_hash_required;
            INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash)
            SELECT 6, NULL, 0, 'mallory', 'user-add', '{}', hash, randomblob(32) FROM events WHERE id = 5;
            """).0, 0)
        v = try verify(forged)
        XCTAssertEqual(v.firstBreak?.eventId, 6)

        // Forged row without a hash or an id: refused while either insert trigger stands, so both are dropped.
        let (keepUnhashed, unhashed, _) = try tamperable()
        defer { withExtendedLifetime(keepUnhashed) {} }
        XCTAssertNotEqual(try sqlite3(unhashed, "DROP TRIGGER events_hash_required; INSERT INTO events (case_id, at, actor, action, detail) VALUES (NULL, 0, 'x', 'y', '{}');").0, 0)
        XCTAssertEqual(try sqlite3(unhashed, "DROP TRIGGER events_next_id; INSERT INTO events (case_id, at, actor, action, detail) VALUES (NULL, 0, 'x', 'y', '{}');").0, 0)
        v = try verify(unhashed)
        XCTAssertEqual(v.firstBreak?.eventId, 6)
        XCTAssertTrue(v.firstBreak!.reason.contains("no hash"))

        // The first event deleted: the chain no longer starts at the genesis.
        let (keepHead, head, _) = try tamperable()
        defer { withExtendedLifetime(keepHead) {} }
        XCTAssertEqual(try sqlite3(head, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 1;").0, 0)
        XCTAssertEqual(try verify(head).firstBreak?.eventId, 2)

        // The tail cut off: the chain is consistent, but the noted head is gone.
        let (keepTail, tail, before) = try tamperable()
        defer { withExtendedLifetime(keepTail) {} }
        XCTAssertEqual(try sqlite3(tail, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 5;").0, 0)
        let desk = CaseDesk(store: try CaseStore(path: tail), clock: FixedClock(instant("2026-02-16T10:00:00+08:00")))
        XCTAssertNil(try desk.verifyAudit().firstBreak)
        XCTAssertFalse(try desk.auditContains(hash: before.headHash), "a head noted elsewhere detects truncation")
    }

    func testMigrationV3BackfillsTheChainOfAnOlderFile() throws {
        let dir = TempDir()
        let path = dir.file("old.sqlite")
        // A v2 file with events, as the previous console wrote it.
        do {
            let q = try DatabaseQueue(path: path)
            var m = DatabaseMigrator()
            m.registerMigration("v1-cases-events") { db in try db.execute(sql: Schema.v1) }
            m.registerMigration("v2-column-changed-at") { db in try db.execute(sql: "ALTER TABLE cases ADD COLUMN column_changed_at INTEGER") }
            try m.migrate(q)
            try q.write { db in
                for i in 1...2500 {
                    try db.execute(sql: "INSERT INTO events (case_id, at, actor, action, detail) VALUES (NULL, ?, ?, 'import', ?)",
                                   arguments: [i, i % 2 == 0 ? "zhoufang" : "wang\u{0}min", "{\"n\":\"\(i)\"}"])
                }
            }
            try q.close()
        }
        let store = try CaseStore(path: path)
        let desk = CaseDesk(store: store, clock: FixedClock(instant("2026-02-16T10:00:00+08:00")))
        let v = try desk.verifyAudit()
        XCTAssertTrue(v.ok, "\(v)")
        // The 2,500 plain events, then v6's `audit-keyed` event (nothing else to baseline).
        XCTAssertEqual(v.total, 2501)
        XCTAssertEqual(v.keyedFrom, 2501)
        try store.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE hash IS NULL"), 0)
            // The event log's triggers, and the text indexes' on cases (v11, v15).
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"),
                           ["case_open_text_delete", "case_open_text_insert", "case_open_text_update",
                            "case_text_delete", "case_text_insert", "case_text_update",
                            "events_hash_required", "events_next_id", "events_no_delete", "events_no_update"])
        }
        XCTAssertThrowsError(try store.write { db in try db.execute(sql: "UPDATE events SET actor = 'x' WHERE id = 1") })
        // New events continue the backfilled chain.
        try store.write { db in try Roster.add(DeskUser(name: "zhoufang", displayName: "周芳", team: "", role: .operator_), db) }
        var d = CaseDraft(); d.summary = "迁移后"
        _ = try desk.intake(d, actor: Actor(name: "zhoufang"))
        XCTAssertTrue(try desk.verifyAudit().ok)
    }

    func testPurgeKeepsTheChainAndOnlyTouchesCasesPastRetention() throws {
        let t = try TestDesk(now: "2022-03-01T10:00:00+08:00")
        try t.addEveryRole()
        var old = try t.caseAt(.closed)
        var d = t.draft(phone: "13912345678"); d.name = "李四"; d.idNumber = "110101199003070011"
        var oldWithData = try t.desk.intake(d, actor: t.op)
        _ = try t.desk.act(oldWithData.number, .close, ActionInput(note: "不属实", closingBasis: .invalid), actor: t.lead)
        let stillOpen = try t.desk.intake(t.draft(), actor: t.op)
        t.clock.set(instant("2025-06-01T10:00:00+08:00"))
        let recent = try t.caseAt(.closed)
        let before = try t.desk.verifyAudit()

        // Inside the retention period: refused.
        XCTAssertThrowsError(try t.desk.purge(before: instant("2023-01-01T00:00:00+08:00"), actor: Actor(name: "admin"))) { error in
            XCTAssertTrue("\(error)".contains("kept 3 year"), "\(error)")
        }
        for who in ["wangmin", "guoping", "zhoufang", "ghost"] {
            XCTAssertThrowsError(try t.desk.purge(before: instant("2022-06-01T00:00:00+08:00"), actor: Actor(name: who)), who)
        }
        let r = try t.desk.purge(before: instant("2022-06-01T00:00:00+08:00"), actor: Actor(name: "admin"))
        XCTAssertEqual(r.cases, 2)
        old = try t.desk.detail(old.number, actor: t.lead).0
        oldWithData = try t.desk.detail(oldWithData.number, actor: t.lead).0
        XCTAssertEqual(oldWithData.complainant.phone, "")
        XCTAssertEqual(oldWithData.complainant.name, "")
        XCTAssertEqual(oldWithData.complainant.idNumber, "")
        XCTAssertEqual(oldWithData.status, .closed, "the tombstone keeps the facts")
        XCTAssertEqual(try t.desk.detail(stillOpen.number, actor: t.lead).0.complainant.phone, "13812341234", "open cases are never purged")
        XCTAssertEqual(try t.desk.detail(recent.number, actor: t.lead).0.summary, "理赔款两周未到账")
        try t.desk.store.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE purged_at IS NOT NULL"), 2)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE phone = '13912345678' OR id_number = '110101199003070011'"), 0)
        }
        // The chain still verifies, the earlier head is still in it, and the purge is itself an event.
        let after = try t.desk.verifyAudit()
        XCTAssertTrue(after.ok)
        XCTAssertTrue(try t.desk.auditContains(hash: before.headHash))
        let last = try t.desk.auditLog(AuditQuery(limit: 1), actor: Actor(name: "guoping"))[0].event
        XCTAssertEqual(last.action, "purge")
        XCTAssertEqual(last.detail["cases"], "2")
        XCTAssertEqual(try t.desk.purge(before: instant("2022-06-01T00:00:00+08:00"), actor: Actor(name: "admin")).cases, 0, "once")
    }

    func testRetentionIsAPolicyValue() throws {
        let policy = try PolicyFile.parse(DefaultPolicyFile.text.replacingOccurrences(of: "retention-years = 3", with: "retention-years = 5"), fileName: "p")
        XCTAssertEqual(policy.retentionYears, 5)
        XCTAssertEqual(PolicyFile.defaults.retentionYears, 3)
        XCTAssertThrowsError(try PolicyFile.parse(DefaultPolicyFile.text.replacingOccurrences(of: "retention-years = 3", with: "retention-years = 0"), fileName: "p"))
    }

    /// The cost the chain adds to every event, and bulk import throughput with it.
    func testHashCostPerEventAndImportThroughput() throws {
        var message = [UInt8](repeating: 0x5a, count: 180)
        let n = 20_000
        let start = Date()
        var x: UInt8 = 0
        for i in 0..<n {
            message[0] = UInt8(truncatingIfNeeded: i)
            x ^= AuditChain.hash(prev: AuditChain.genesis, AuditChain.Fields(id: Int64(i), caseId: 1, at: 1_771_200_000, actor: "zhoufang",
                                                                              action: "intake", fromStatus: nil, toStatus: "received",
                                                                              detail: "{\"import\":\"/tmp/cases.csv\",\"line\":\"\(i)\"}"))[0]
        }
        let perEvent = Date().timeIntervalSince(start) / Double(n)
        print("audit chain: \(String(format: "%.2f", perEvent * 1e6)) µs per event (debug build: \(x))")
        XCTAssertLessThan(perEvent, 0.001)
    }
}
