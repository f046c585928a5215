import Foundation
import GRDB
import XCTest
@testable import CaseModel

final class StoreTests: XCTestCase {
    func testEveryFieldRoundTripsThroughSQLite() throws {
        let t = try TestDesk()
        var c = ComplaintCase(number: "TS-20260216-9999", receivedAt: instant("2026-02-16T09:15:30+08:00"), receivingOperator: "zhoufang",
                              channel: .wechat, branch: "苏州中心支公司", source: .regulatorNational,
                              complainant: Complainant(name: "李四", phone: "+86 138-1234-5678", idNumber: "11010519491231002X",
                                                       policyNumber: "P1234567890", claimNumber: "C99", bankAccount: "6222020200112233445", language: "yue"),
                              line: .bancassurance, product: "银保年金险", category: .sales, kind: .special,
                              summary: "存单变保单 \"误导\"", details: "多行\n文本, with commas; and 'quotes'", demand: "全额退保",
                              peopleInvolved: 32, potentialLoss: 1_234_567.89, regulatorInvolved: true, mediaInvolved: true, onlineExposure: true)
        c.handler = "zhangqiang"; c.team = "理赔组"; c.status = .followedUp; c.severity = .crisis; c.severityOverride = .major
        c.repeatCount = 3; c.repeatOf = "TS-20260101-0001"; c.validity = .valid; c.validityReason = "销售误导属实"
        c.responsibleStaff = "liqiang"; c.responsibleLead = "wangmin"; c.resolution = "全额退保"; c.closingBasis = .supportedByLaw
        c.callbackResult = .basicallySatisfied; c.satisfaction = 4; c.promisedAt = instant("2026-03-01T17:30:00+08:00")
        c.extensionCount = 2
        c.contactedAt = instant("2026-02-16T10:00:00+08:00"); c.investigationStartedAt = instant("2026-02-16T11:00:00+08:00")
        c.submittedAt = instant("2026-02-17T11:00:00+08:00"); c.approvedAt = instant("2026-02-18T11:00:00+08:00")
        c.closedAt = instant("2026-02-19T11:00:00+08:00"); c.followedUpAt = instant("2026-02-20T11:00:00+08:00")
        c.withdrawnAt = instant("2026-02-21T11:00:00+08:00"); c.lastNoteAt = instant("2026-02-16T12:00:00+08:00")
        c.stagesStartedAt = instant("2026-02-16T09:15:30+08:00"); c.improvementSuggestion = "加强银保渠道双录"
        c.sourceRef = "hotline:123"; c.nextDueAt = instant("2026-02-24T17:30:00+08:00"); c.version = 7
        c.updatedAt = instant("2026-02-20T11:00:00+08:00"); c.updatedBy = "wangmin"
        let id = try t.desk.store.write { db in try CaseTable.insert(c, db) }
        c.id = id
        let back = try t.desk.store.read { db in try CaseRecords.fetch(number: c.number, db) }
        XCTAssertEqual(back, c)
        // Every property of the struct is covered by the column list (a new field without a column fails here).
        XCTAssertEqual(Mirror(reflecting: c).children.count + Mirror(reflecting: c.complainant).children.count - 2,
                       CaseColumns.names.count)
    }

    func testStaleWriteFromAnotherConnectionIsAConflict() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        // A second process: its own store on the same file.
        let other = CaseDesk(store: try CaseStore(path: t.desk.store.path), clock: t.clock)
        t.clock.advance(seconds: 120)
        _ = try other.act(c.number, .contact, ActionInput(note: "已联系"), actor: Actor(name: "wangmin"), expectedVersion: c.version)
        XCTAssertThrowsError(try t.desk.act(c.number, .note, ActionInput(note: "我的记录"), actor: t.op, expectedVersion: c.version)) { error in
            guard case let DomainError.conflict(number, expected, actual, by, at) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(number, c.number); XCTAssertEqual(expected, 1); XCTAssertEqual(actual, 2)
            XCTAssertEqual(by, "wangmin"); XCTAssertEqual(at, t.clock.now())
            XCTAssertTrue("\(error)".contains("changed by wangmin"))
        }
        let (_, events) = try t.desk.detail(c.number)
        XCTAssertEqual(events.map(\.action), ["intake", "contact"], "the stale note was not written")
        // The low-level guard too: an UPDATE with a stale version changes no row.
        var stale = c
        XCTAssertThrowsError(try t.desk.store.write { db in try CaseTable.update(&stale, expectedVersion: 1, db) })
    }

    func testFileIsCreatedOwnerOnly() throws {
        let dir = TempDir()
        _ = try CaseStore(path: dir.file("sub/dir/desk.sqlite"))
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.file("sub/dir/desk.sqlite"))
        XCTAssertEqual((attrs[.posixPermissions] as! NSNumber).intValue & 0o777, 0o600)
    }

    func testWALAndForeignKeys() throws {
        let t = try TestDesk()
        let mode = try t.desk.store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
        let fk = try t.desk.store.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        XCTAssertEqual(fk, 1)
        XCTAssertThrowsError(try t.desk.store.write { db in
            try db.execute(sql: "INSERT INTO events (case_id, at, actor, action, detail) VALUES (999999, 0, 'x', 'y', '{}')")
        })
    }

    func testReopeningIsIdempotentAndNewerSchemaIsRefused() throws {
        let dir = TempDir()
        let path = dir.file("desk.sqlite")
        let desk = CaseDesk(store: try CaseStore(path: path), clock: FixedClock(instant("2026-02-16T10:00:00+08:00")))
        var d = CaseDraft(); d.summary = "test"
        try desk.store.write { db in try Roster.add(DeskUser(name: "op", displayName: "op", team: "", role: .operator_), db) }
        let c = try desk.intake(d, actor: Actor(name: "op"))
        // Opening again (an older file, already migrated) keeps the data.
        let again = try CaseStore(path: path)
        XCTAssertEqual(try again.read { db in try CaseRecords.fetch(number: c.number, db)?.summary }, "test")
        // A file a newer console wrote is refused, and left unchanged.
        try again.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try CaseStore(path: path)) { error in
            guard case DomainError.newerSchema(let found, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(found, "v99-future")
            XCTAssertTrue("\(error)".contains("newer version"))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    func testMigratesAFileWithTheFirstSchemaInPlace() throws {
        // Build a file by hand with only the first migration, as the first release wrote it.
        let dir = TempDir()
        let path = dir.file("old.sqlite")
        let q = try DatabaseQueue(path: path)
        var first = DatabaseMigrator()
        first.registerMigration(Schema.migrator.migrations[0]) { db in try db.execute(sql: Schema.v1) }
        try first.migrate(q)
        try q.write { db in
            try db.execute(sql: """
                INSERT INTO cases (number, received_at, receiving_operator, channel, branch, source, name, phone, id_number,
                  policy_number, claim_number, bank_account, language, line, product, category, kind, summary, details, demand,
                  people, potential_loss, regulator_involved, media_involved, online_exposure, status, severity, repeat_count,
                  validity, validity_reason, resolution, extension_count, stages_started_at, improvement_suggestion, version,
                  updated_at, updated_by)
                VALUES ('TS-20250101-0001', 1735689600, 'op', 'phone', '上海', 'self', '张三', '138', '', '', '', '', 'zh', 'auto', '',
                  'claims', 'general', '旧案件', '', '', 1, 0, 0, 0, 0, 'received', 'general', 1, 'undetermined', '', '', 0,
                  1735689600, '', 1, 1735689600, 'op')
                """)
        }
        try q.close()
        let store = try CaseStore(path: path)
        let applied = try store.read { db in try Schema.migrator.appliedIdentifiers(db) }
        XCTAssertEqual(applied, Set(Schema.migrator.migrations))
        let old = try store.read { db in try CaseRecords.fetch(number: "TS-20250101-0001", db) }
        XCTAssertEqual(old?.summary, "旧案件", "the old case survives the upgrade")
        XCTAssertNil(old?.columnChangedAt)
    }

    func testNotADatabaseIsAClearError() throws {
        let dir = TempDir()
        let path = dir.file("junk.sqlite")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try CaseStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .notADatabase(path))
        }
    }

    func testEventsAreAppendOnly() throws {
        let t = try TestDesk()
        _ = try t.desk.intake(t.draft(), actor: t.op)
        XCTAssertThrowsError(try t.desk.store.write { db in try db.execute(sql: "UPDATE events SET actor = 'x'") })
        XCTAssertThrowsError(try t.desk.store.write { db in try db.execute(sql: "DELETE FROM events") })
        XCTAssertEqual(try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") }, 1)
    }

    func testChangeTokenMovesOnEveryWriteFromAnyConnection() throws {
        let t = try TestDesk()
        let t0 = try t.desk.store.changeToken()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let t1 = try t.desk.store.changeToken()
        XCTAssertGreaterThan(t1, t0)
        let other = CaseDesk(store: try CaseStore(path: t.desk.store.path), clock: t.clock)
        _ = try other.assign([c.number], to: "zhangqiang", actor: t.lead)
        XCTAssertGreaterThan(try t.desk.store.changeToken(), t1)
    }

    func testQueueQueriesUseThePartialIndexes() throws {
        let t = try TestDesk()
        let plans = try t.desk.store.read { db -> [String] in
            let matrix = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT category, severity, count(*) FROM cases WHERE \(Schema.openCondition) GROUP BY category, severity").map { $0["detail"] as String }
            var f = CaseFilter(); f.openness = .open; f.limit = 200
            let parts = FilterSQL(f)
            let due = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM cases" + parts.whereSQL + FilterSQL.orderSQL(.due) + " LIMIT 200").map { $0["detail"] as String }
            return matrix + due
        }
        XCTAssertTrue(plans.contains { $0.contains("cases_open_matrix") }, "\(plans)")
        // The due list reads an open cases' index: the due one, or the matrix's, which covers
        // the list's whole condition (kind and status) and so needs no table rows at all.
        XCTAssertTrue(plans.contains { $0.contains("cases_open_due") || $0.contains("COVERING INDEX cases_open_matrix") }, "\(plans)")
        XCTAssertFalse(plans.contains { $0.hasPrefix("SCAN cases") && !$0.contains("INDEX") }, "\(plans)")
    }

    func testTheDashboardMatrixIsReadFromItsIndexAlone() throws {
        let t = try TestDesk()
        for visibility in [CaseVisibility.standard, .withReports] {
            let plan = try t.desk.store.read { db -> String in
                // The statement ConsoleQueries.matrix runs, asked for its plan.
                let hidden = visibility.sqlCondition.map { " AND \($0)" } ?? ""
                return try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT category, severity, count(*), sum(next_due_at IS NOT NULL AND next_due_at < 0)
                    FROM cases WHERE \(Schema.openCondition)\(hidden) GROUP BY category, severity
                    """).map { $0["detail"] as String }.joined(separator: " | ")
            }
            XCTAssertTrue(plan.contains("COVERING INDEX cases_open_matrix"), "\(visibility): \(plan)")
        }
    }

    func testAssignIsAllOrNothing() throws {
        let t = try TestDesk()
        let a = try t.desk.intake(t.draft(), actor: t.op)
        XCTAssertThrowsError(try t.desk.assign([a.number, "TS-NOPE"], to: "zhangqiang", actor: t.lead))
        XCTAssertNil(try t.desk.detail(a.number).0.handler)
        XCTAssertThrowsError(try t.desk.assign([a.number], to: "nobody", actor: t.lead))
        let done = try t.desk.assign([a.number], to: "zhangqiang", actor: t.lead)
        XCTAssertEqual(done.first?.handler, "zhangqiang")
        XCTAssertEqual(done.first?.team, "理赔组")
        XCTAssertEqual(done.first?.receivingOperator, "zhoufang", "the first responder stays on record")
        let un = try t.desk.assign([a.number], to: nil, actor: t.lead)
        XCTAssertNil(un.first?.handler)
        XCTAssertEqual(try t.desk.detail(a.number).1.map(\.action), ["intake", "assign", "unassign"])
    }

    func testBackupIsAConsistentCopy() throws {
        let t = try TestDesk()
        for _ in 0..<20 { _ = try t.desk.intake(t.draft(), actor: t.op) }
        let target = t.dir.file("backup.sqlite")
        try t.desk.store.backup(to: target)
        let copy = try CaseStore(path: target)
        XCTAssertEqual(try copy.read { db in try CaseRecords.count(CaseFilter(), db) }, 20)
        XCTAssertEqual(try copy.integrityCheck(), ["ok"])
        XCTAssertThrowsError(try t.desk.store.backup(to: target), "never overwrites an existing file")
    }

    func testSearchTreatsWildcardsAndQuotesAsText() throws {
        let t = try TestDesk()
        _ = try t.desk.intake(t.draft(summary: "100% 赔付'; DROP TABLE cases; --"), actor: t.op)
        _ = try t.desk.intake(t.draft(summary: "普通案件"), actor: t.op)
        func count(_ q: String) throws -> Int {
            var f = CaseFilter(); f.search = q
            return try t.desk.store.read { db in try CaseRecords.count(f, db) }
        }
        XCTAssertEqual(try count("%"), 1)
        XCTAssertEqual(try count("_"), 0)
        XCTAssertEqual(try count("'; DROP TABLE cases; --"), 1)
        XCTAssertEqual(try count("普通"), 1)
        XCTAssertEqual(try count(String(repeating: "长", count: 10_000)), 0)
        XCTAssertEqual(try count("a\u{0}b"), 0)
        XCTAssertEqual(try t.desk.store.read { db in try CaseRecords.count(CaseFilter(), db) }, 2)
    }
}

final class DueOrderTests: XCTestCase {
    func testDueOrderPagesThroughDatedThenUndatedCases() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        var numbers: [String] = []
        for i in 0..<5 {
            t.clock.advance(seconds: 60)
            numbers.append(try t.desk.intake(t.draft(phone: "1390000\(5000 + i)"), actor: t.op).number)
        }
        // Two venting cases have no clock: they come last.
        let v1 = try t.desk.intake(t.draft(phone: "13900006001", kind: "venting"), actor: t.op).number
        let v2 = try t.desk.intake(t.draft(phone: "13900006002", kind: "venting"), actor: t.op).number
        func page(_ offset: Int, _ limit: Int) throws -> [String] {
            var f = CaseFilter(); f.sort = .due; f.limit = limit; f.offset = offset
            return try t.desk.store.read { db in try CaseRecords.list(f, db) }.map(\.number)
        }
        XCTAssertEqual(try page(0, 10), numbers + [v1, v2])
        XCTAssertEqual(try page(3, 3), Array(numbers[3...]) + [v1])
        XCTAssertEqual(try page(5, 3), [v1, v2])
        XCTAssertEqual(try page(6, 3), [v2])
        XCTAssertEqual(try page(9, 3), [])
        let plan = try t.desk.store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM cases WHERE \(Schema.openCondition) AND next_due_at IS NOT NULL ORDER BY next_due_at, id LIMIT 200").map { $0["detail"] as String }
        }
        XCTAssertFalse(plan.contains { $0.contains("TEMP B-TREE") }, "no sort step: \(plan)")
    }
}
