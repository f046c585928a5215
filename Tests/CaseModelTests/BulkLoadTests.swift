import GRDB
import XCTest
@testable import CaseModel

final class BulkLoadTests: XCTestCase {
    func indexes(_ t: TestDesk) throws -> [String] {
        try t.desk.store.read { db in
            try String.fetchAll(db, sql: "SELECT name || ':' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases','events') AND sql IS NOT NULL ORDER BY name")
        }
    }

    func testIndexesComeBackExactlyAndAFailedLoadLeavesThemInPlace() throws {
        let t = try TestDesk()
        let before = try indexes(t)
        XCTAssertGreaterThan(before.count, 8)
        try t.desk.store.write { db in
            let dropped = try BulkLoad.dropIndexes(keep: ["cases_repeat_of"], db)
            XCTAssertEqual(dropped.count, before.count - 1)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'cases_open_due'"), 0)
            try BulkLoad.recreate(dropped, db)
        }
        XCTAssertEqual(try indexes(t), before)
        // Dropped inside a transaction that fails: nothing changes.
        struct Boom: Error {}
        XCTAssertThrowsError(try t.desk.store.write { db in
            _ = try BulkLoad.dropIndexes(keep: [], db)
            throw Boom()
        })
        XCTAssertEqual(try indexes(t), before)
    }

    func testBigDemoLoadsInBulkAndKeepsItsIndexes() throws {
        let t = try TestDesk(now: "2026-02-17T21:30:00+08:00")
        let before = try indexes(t)
        // Over 5,000 cases into an empty desk is a bulk load (BulkLoad.isBulk); the indexes and the
        // text triggers come back, and the text of every case is found.
        let triggers = try textTriggers(t)
        let summary = try DemoGenerator(seed: 3, cases: 6000, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(t.desk)
        XCTAssertTrue(BulkLoad.isBulk(incoming: 6000, existing: 0))
        XCTAssertEqual(try indexes(t), before)
        XCTAssertEqual(try textTriggers(t), triggers)
        XCTAssertEqual(try t.desk.store.integrityCheck(), ["ok"])
        let numbers = try t.desk.store.read { db in try String.fetchAll(db, sql: "SELECT number FROM cases WHERE kind <> 'report' ORDER BY id DESC LIMIT 3") }
        for n in numbers {
            var f = CaseFilter(); f.search = n
            XCTAssertEqual(try t.desk.list(f, actor: t.lead).map(\.number), [n], "the text index holds the demo's cases")
        }
        var open = CaseFilter(); open.openness = .open
        let openCount = try t.desk.count(open, actor: t.lead)
        XCTAssertGreaterThan(openCount, 0)
        XCTAssertLessThanOrEqual(openCount, summary.open)
    }

    /// The text indexes' FTS5 settings (their config tables), to see a load leave nothing behind.
    func textTriggers(_ t: TestDesk) throws -> [String] {
        try t.desk.store.read { db in
            try String.fetchAll(db, sql: "SELECT name || ':' || sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cases' ORDER BY name")
        }
    }

    func textConfig(_ t: TestDesk) throws -> [String] {
        try t.desk.store.read { db in
            try String.fetchAll(db, sql: "SELECT 'all:' || k || '=' || v FROM case_text_config UNION ALL SELECT 'open:' || k || '=' || v FROM case_open_text_config ORDER BY 1")
        }
    }

    /// An intake CSV of 300 rows with long details (about 1.5 MB, estimated at 6,000 rows: more
    /// than an empty desk holds and over the bulk threshold); row i's details end with `marker(i)`.
    func intakeFile(_ t: TestDesk, _ name: String, hour: Int, branch: String, name person: String, phone: String, summary: String,
                    marker: (Int) -> String) throws -> String {
        var csv = "received_at,channel,branch,name,phone,summary,details\n"
        let filler = String(repeating: "客户反映理赔进度缓慢，", count: 160)
        for i in 0..<300 {
            let at = "2026-02-16T\(String(format: "%02d", hour)):\(String(format: "%02d", i % 60)):00+08:00"
            csv += "\(at),hotline,\(branch),\(person)\(i),\(phone)\(String(format: "%04d", i)),\(summary)\(i),\(filler)\(marker(i))\n"
        }
        let path = t.dir.file(name)
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testABulkLoadIsOneThatBringsMoreCasesThanTheDeskHolds() {
        XCTAssertTrue(BulkLoad.isBulk(incoming: 100_000, existing: 0))
        XCTAssertTrue(BulkLoad.isBulk(incoming: 1_000_001, existing: 1_000_000))
        XCTAssertFalse(BulkLoad.isBulk(incoming: 100_000, existing: 1_000_000), "a file smaller than the desk keeps its indexes")
        XCTAssertFalse(BulkLoad.isBulk(incoming: 4_000, existing: 0), "a few thousand rows are not worth rebuilding for")
    }

    func testALoadWeighsItselfOnlyAgainstTheCasesItsImporterSees() throws {
        let t = try TestDesk(now: "2026-02-17T21:30:00+08:00")
        _ = try DemoGenerator(seed: 5, cases: 1500, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(t.desk)
        try t.desk.store.read { db in
            let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases")!
            let reports = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE kind = 'report'")!
            XCTAssertGreaterThan(reports, 0, "the demo has report cases")
            XCTAssertEqual(try BulkLoad.existingCases(visibleTo: .operator_, db), all - reports, "report cases do not move an operator's bulk decision")
            XCTAssertEqual(try BulkLoad.existingCases(visibleTo: .teamLead, db), all - reports)
            XCTAssertEqual(try BulkLoad.existingCases(visibleTo: .presidentsOffice, db), all)
        }
    }

    func testTheTextBuffersAreWidenedForTheLoadOnlyAndAFailedLoadLeavesNothing() throws {
        let t = try TestDesk()
        let before = try textConfig(t)
        try t.desk.store.write { db in
            let plan = try BulkLoad.begin(keep: [], insertsOnly: true, db)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT v FROM case_text_config WHERE k = 'hashsize'"), BulkLoad.textBufferBytes)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT v FROM case_open_text_config WHERE k = 'hashsize'"), BulkLoad.textBufferBytes)
            try BulkLoad.end(plan, db)
        }
        let after = try textConfig(t)
        XCTAssertTrue(after.contains("all:hashsize=\(BulkLoad.defaultTextBufferBytes)"), "\(after)")
        XCTAssertTrue(after.contains("open:hashsize=\(BulkLoad.defaultTextBufferBytes)"), "\(after)")
        struct Boom: Error {}
        let t2 = try TestDesk()
        let untouched = try textConfig(t2)
        let indexesBefore = try indexes(t2)
        XCTAssertThrowsError(try t2.desk.store.write { db in
            _ = try BulkLoad.begin(keep: [], insertsOnly: true, db)
            throw Boom()
        })
        XCTAssertEqual(try textConfig(t2), untouched)
        XCTAssertEqual(try indexes(t2), indexesBefore)
        XCTAssertEqual(try textTriggers(t2), try textTriggers(t), "the text triggers are back after a load and untouched by a failed one")
        XCTAssertEqual(try textTriggers(t).count, 6)
        XCTAssertEqual(before, untouched)
    }

    func testAnImportBiggerThanTheDeskLoadsInBulkAndItsTextIsFound() throws {
        let t = try TestDesk(now: "2026-02-17T21:30:00+08:00")
        let before = try indexes(t)
        let path = try intakeFile(t, "big.csv", hour: 10, branch: "上海分公司", name: "客户", phone: "1390000", summary: "退保纠纷第") { "编号甲乙\($0)丙" }
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        XCTAssertTrue(BulkLoad.isBulk(incoming: CaseImporter.estimatedRows(bytes: size, format: .csv), existing: 0), "the file is a bulk load")
        let report = try CaseImporter(desk: t.desk).run(path: path, actor: t.op)
        XCTAssertEqual(report.created, 300)
        XCTAssertEqual(try indexes(t), before, "every index is back")
        XCTAssertTrue(try textConfig(t).contains("all:hashsize=\(BulkLoad.defaultTextBufferBytes)"))
        var f = CaseFilter(); f.search = "甲乙217丙"
        XCTAssertEqual(try t.desk.list(f, actor: t.lead).map(\.complainant.name), ["客户217"], "the text index holds the loaded rows")
        f.search = "乙217"; f.openness = .open
        XCTAssertEqual(try t.desk.count(f, actor: t.lead), 1, "the open cases' index too")
        XCTAssertEqual(try t.desk.store.integrityCheck(), ["ok"])
        XCTAssertTrue(try t.desk.verifyAudit().ok)
    }

    func testTextIndexedAfterAnInsertOnlyLoadIsTheSameAsTheTriggersWouldWrite() throws {
        let t = try TestDesk(now: "2026-02-17T21:30:00+08:00")
        let triggers = try textTriggers(t)
        // Cases on the desk before the load, one of them open.
        var early = t.draft(summary: "早先的投诉"); early.details = "旧案文字乙丁"
        _ = try t.desk.intake(early, actor: t.op)
        let path = try intakeFile(t, "load.csv", hour: 11, branch: "北京分公司", name: "新客", phone: "1380000", summary: "装载件") { "标记戊己\($0)庚" }
        XCTAssertEqual(try CaseImporter(desk: t.desk).run(path: path, actor: t.op).created, 300)
        XCTAssertEqual(try textTriggers(t), triggers, "the triggers are back, byte for byte")
        func count(_ term: String, open: Bool = false) throws -> Int {
            var f = CaseFilter(); f.search = term; if open { f.openness = .open }
            return try t.desk.count(f, actor: t.lead)
        }
        XCTAssertEqual(try count("旧案文字乙丁"), 1, "the case from before the load is still found")
        XCTAssertEqual(try count("戊己123庚"), 1)
        XCTAssertEqual(try count("戊己123庚", open: true), 1)
        XCTAssertEqual(try count("标记戊己"), 300)
        // The delete triggers give the loaded documents back exactly: withdrawing a loaded case
        // takes it out of the open cases' index, and a text change re-indexes it.
        let loaded = try XCTUnwrap(t.desk.list({ var f = CaseFilter(); f.search = "戊己123庚"; return f }(), actor: t.lead).first)
        _ = try t.desk.act(loaded.number, .withdraw, ActionInput(reason: "客户撤回"), actor: t.lead)
        XCTAssertEqual(try count("戊己123庚", open: true), 0, "out of the open index")
        XCTAssertEqual(try count("戊己123庚"), 1)
        try t.desk.store.write { db in
            for table in ["case_text", "case_open_text"] {
                try db.execute(sql: "INSERT INTO \(table)(\(table), rank) VALUES ('integrity-check', 0)")
            }
        }
    }
}
