import Foundation
import GRDB
import XCTest
@testable import CaseModel

final class DemoTests: XCTestCase {
    func dump(_ seed: UInt64) throws -> (String, TempDir) {
        let dir = TempDir()
        let desk = CaseDesk(store: try CaseStore(path: dir.file("d.sqlite")), clock: FixedClock(instant("2026-02-17T21:30:00+08:00")))
        _ = try DemoGenerator(seed: seed, cases: 400, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(desk)
        let text = try desk.store.read { db in
            try String.fetchAll(db, sql: "SELECT number || '|' || received_at || '|' || status || '|' || coalesce(handler,'') || '|' || phone || '|' || summary || '|' || repeat_count FROM cases ORDER BY id").joined(separator: "\n")
            + (try String.fetchAll(db, sql: "SELECT coalesce(case_id,0) || action || at FROM events ORDER BY id").joined())
        }
        return (text, dir)
    }

    func testSameSeedSameData() throws {
        let (a, _) = try dump(7)
        let (b, _) = try dump(7)
        let (c, _) = try dump(8)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }

    func testDemoLooksLikeAHolidayDesk() throws {
        let dir = TempDir()
        let desk = CaseDesk(store: try CaseStore(path: dir.file("d.sqlite")), clock: FixedClock(instant("2026-02-20T21:30:00+08:00")))
        let s = try DemoGenerator(seed: 1, cases: 2000, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(desk)
        XCTAssertEqual(s.cases, 2000)
        try desk.store.read { db in
            let statuses = try Set(String.fetchAll(db, sql: "SELECT DISTINCT status FROM cases"))
            XCTAssertEqual(statuses, Set(CaseStatus.allCases.map(\.rawValue)), "cases at every workflow stage")
            let channels = try Int.fetchOne(db, sql: "SELECT count(DISTINCT channel) FROM cases")!
            XCTAssertGreaterThanOrEqual(channels, 8)
            let lines = try Int.fetchOne(db, sql: "SELECT count(DISTINCT line) FROM cases")!
            XCTAssertEqual(lines, InsuranceLine.allCases.count)
            // Claims dominate property lines; sales and service dominate life lines.
            let autoClaims = try Double.fetchOne(db, sql: "SELECT avg(category = 'claims') FROM cases WHERE line IN ('auto','travel','home-property')")!
            XCTAssertGreaterThan(autoClaims, 0.7)
            let lifeSales = try Double.fetchOne(db, sql: "SELECT avg(category IN ('sales','service')) FROM cases WHERE line IN ('life','bancassurance')")!
            XCTAssertGreaterThan(lifeSales, 0.6)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE repeat_count >= 2")!, 20)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE severity = 'major'")!, 10)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT max(people) FROM cases"), 32, "the group complaint")
            // Quiet nights: 02:00–05:00 gets far fewer than 09:00–12:00.
            let night = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE ((received_at + 28800) % 86400) / 3600 BETWEEN 2 AND 4")!
            let morning = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE ((received_at + 28800) % 86400) / 3600 BETWEEN 9 AND 11")!
            XCTAssertLessThan(night * 5, morning)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM shifts")!, 50)
            // Every case's timeline starts with its intake.
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM cases c WHERE (SELECT action FROM events e WHERE e.case_id = c.id ORDER BY id LIMIT 1) <> 'intake'"), 0)
        }
    }
}
