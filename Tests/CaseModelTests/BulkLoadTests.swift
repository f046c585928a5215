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
        // 50,000 cases is the bulk threshold; a smaller run goes batch by batch, with the same result shape.
        _ = try DemoGenerator(seed: 3, cases: 1200, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(t.desk)
        XCTAssertEqual(try indexes(t), before)
        XCTAssertEqual(try t.desk.store.integrityCheck(), ["ok"])
    }
}
