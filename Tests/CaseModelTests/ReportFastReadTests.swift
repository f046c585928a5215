import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// The reports' fast read (`RawScan`, `TextSlots`) against their checked read (`StoredRow`):
/// the same figures on ordinary and odd values, and the checked read's named error on bad ones.
final class ReportFastReadTests: XCTestCase {
    /// A small demo desk around Spring Festival 2026, report cases included.
    func demoDesk() throws -> (TempDir, CaseDesk) {
        let dir = TempDir()
        let desk = CaseDesk(store: try CaseStore(path: dir.file("d.sqlite")), clock: FixedClock(instant("2026-02-20T21:30:00+08:00")))
        _ = try DemoGenerator(seed: 5, cases: 400, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(desk)
        return (dir, desk)
    }

    /// Sets columns of the `n`th case of the period directly in the file, as a tamperer would.
    func tamper(_ desk: CaseDesk, _ n: Int, _ set: String) throws {
        try desk.store.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE cases SET \(set) WHERE id = (SELECT id FROM cases WHERE kind <> 'report' ORDER BY id LIMIT 1 OFFSET \(n))")
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
    }

    func scans(_ desk: CaseDesk, _ v: CaseVisibility = .standard) throws -> (PeriodScan?, PeriodScan) {
        let p = try ReportPeriod.parse("2026-02")
        return try desk.store.read { db in
            (try PeriodScan.fast(MetricsReport.dimensions, from: p.start, to: p.end, visibility: v, policy: desk.policy, db),
             try PeriodScan.checked(MetricsReport.dimensions, from: p.start, to: p.end, visibility: v, policy: desk.policy, db))
        }
    }

    func assertSame(_ a: PeriodScan, _ b: PeriodScan, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertGreaterThan(b.total, 0, file: file, line: line)
        XCTAssertEqual([a.total, a.withdrawnBeforeTransfer, a.closedAccepted, a.closedSettled, a.repeatSecond, a.repeatThirdPlus, a.valid],
                       [b.total, b.withdrawnBeforeTransfer, b.closedAccepted, b.closedSettled, b.repeatSecond, b.repeatThirdPlus, b.valid], file: file, line: line)
        XCTAssertEqual(a.counts, b.counts, file: file, line: line)
        XCTAssertEqual(a.validByBranchMonth, b.validByBranchMonth, file: file, line: line)
        XCTAssertGreaterThan(b.timing.overall.handled, 0, file: file, line: line)
        XCTAssertEqual(a.timing.stageTallies, b.timing.stageTallies, file: file, line: line)
        XCTAssertEqual(a.timing.overall, b.timing.overall, file: file, line: line)
        XCTAssertEqual(a.timing.byHandler, b.timing.byHandler, file: file, line: line)
        XCTAssertEqual(a.timing.byBranch, b.timing.byBranch, file: file, line: line)
        // The same durations; their order follows the index each read walks (the fast read's
        // covering index and the checked read's may order cases of the same second differently).
        XCTAssertEqual(a.timing.toFirstContact.sorted(), b.timing.toFirstContact.sorted(), file: file, line: line)
        XCTAssertEqual(a.timing.toClose.sorted(), b.timing.toClose.sorted(), file: file, line: line)
    }

    /// The window's volumes by the fast read, and by the checked read with the summaries grouped
    /// by SQL as the summary does when the fast read declines.
    func volumes(_ desk: CaseDesk) throws -> (HolidayVolumes?, HolidayVolumes, [(String, Int)]) {
        let p = try ReportPeriod.parse("2026-02-13..2026-02-23")
        let range = "received_at >= ? AND received_at < ? AND kind <> 'report'"
        let args: StatementArguments = [p.start.seconds, p.end.seconds]
        return try desk.store.read { db in
            let top = try Row.fetchAll(db, sql: "SELECT summary, count(*) FROM cases WHERE \(range) AND summary <> '' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
                                       arguments: args).map { ($0[0] as String, $0[1] as Int) }
            return (try HolidayVolumes.fast(hours: p.days * 24, from: p.start.seconds, range: range, args: args, db),
                    try HolidayVolumes.checked(hours: p.days * 24, from: p.start.seconds, range: range, args: args, db), top)
        }
    }

    func assertSame(_ a: HolidayVolumes, _ b: HolidayVolumes, _ top: [(String, Int)], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertGreaterThan(b.hours.reduce(0, +), 0, file: file, line: line)
        XCTAssertEqual(a.hours, b.hours, file: file, line: line)
        XCTAssertEqual(a.categories, b.categories, file: file, line: line)
        XCTAssertEqual(a.severities, b.severities, file: file, line: line)
        XCTAssertEqual(a.products, b.products, file: file, line: line)
        XCTAssertEqual(a.topSummaries?.map(\.0), top.map(\.0), file: file, line: line)
        XCTAssertEqual(a.topSummaries?.map(\.1), top.map(\.1), file: file, line: line)
    }

    func testTheFastReadGivesTheCheckedReadsFiguresOnAnOrdinaryDesk() throws {
        let (dir, desk) = try demoDesk()
        for v in [CaseVisibility.standard, .withReports] {
            let (fast, checked) = try scans(desk, v)
            assertSame(try XCTUnwrap(fast, "an ordinary desk is read fast"), checked)
        }
        let (fast, checked, top) = try volumes(desk)
        assertSame(try XCTUnwrap(fast), checked, top)
        _ = dir
    }

    func testTextsThatReadAsOneStringAreCountedAsOneAndSummariesGroupAsSQLiteGroupsThem() throws {
        let (dir, desk) = try demoDesk()
        // The same branch in composed and decomposed form; two invalid byte strings that both
        // read as "\u{FFFD}("; summaries cut by a NUL as read, grouped by every byte as stored.
        try tamper(desk, 3, "branch = 'Caf' || char(233), status = 'closed', closed_at = received_at + 7200, contacted_at = received_at + 600, validity = 'valid'")
        try tamper(desk, 4, "branch = 'Cafe' || char(769), status = 'closed', closed_at = received_at + 7200, contacted_at = received_at + 600, validity = 'valid'")
        try tamper(desk, 5, "product = CAST(x'C328' AS TEXT), handler = CAST(x'FF28' AS TEXT)")
        try tamper(desk, 6, "product = CAST(x'FF28' AS TEXT), handler = CAST(x'C328' AS TEXT)")
        for n in 7...60 { try tamper(desk, n, "summary = 'A' || char(0) || '\(n % 2)'") }
        let (fast, checked) = try scans(desk)
        let f = try XCTUnwrap(fast, "odd but well-typed text is read fast")
        assertSame(f, checked)
        XCTAssertEqual(f.validByBranchMonth["Café"]?.values.reduce(0, +), 2, "both forms count as one branch")
        let (fastV, checkedV, top) = try volumes(desk)
        let v = try XCTUnwrap(fastV)
        assertSame(v, checkedV, top)
        XCTAssertEqual(v.topSummaries?.prefix(2).map(\.0), ["A", "A"], "two groups by bytes, each shown cut at the NUL")
        _ = dir
    }

    func testAValueOfAnotherTypeIsLeftToTheCheckedRead() throws {
        let (dir, desk) = try demoDesk()
        // Text columns convert numbers to text on the way in, so the other type left is a blob:
        // a summary the top ten never reach is no error for the checked read, which groups the
        // summaries in SQL; the fast read declines it and the checked read answers.
        try tamper(desk, 2, "summary = x'00ff'")
        let (fastV, checkedV, top) = try volumes(desk)
        XCTAssertNil(fastV)
        let s = try HolidaySummary.compute(desk, period: try ReportPeriod.parse("2026-02-13..2026-02-23"))
        XCTAssertEqual(s.total, checkedV.hours.reduce(0, +))
        XCTAssertEqual(s.topSummaries.map(\.1), top.map(\.1))
        XCTAssertEqual(s.byCategory.total, s.total)
        _ = dir
    }

    func testPerHandlerAndBranchOnTimeFiguresAreThoseOfTheTimingPass() throws {
        let (dir, desk) = try demoDesk()
        let p = try ReportPeriod.parse("2026-02")
        let pass = try desk.store.read { db in try CaseTimingPass.run(policy: desk.policy, from: p.start, to: p.end, visibility: .standard, db) }
        XCTAssertGreaterThan(pass.byHandler.count, 1)
        let handlers = try GroupReport.compute(desk, .handler, period: p)
        for (k, t) in pass.byHandler {
            let row = try XCTUnwrap(handlers.rows.first { $0.key == k }, k)
            XCTAssertEqual([row.handled, row.onTime], [t.handled, t.onTime], k)
        }
        let branches = try GroupReport.compute(desk, .branch, period: p)
        for (k, t) in pass.byBranch {
            let row = try XCTUnwrap(branches.rows.first { $0.key == (k.isEmpty ? "(none)" : k) }, k)
            XCTAssertEqual([row.handled, row.onTime], [t.handled, t.onTime], k)
        }
        _ = dir
    }

    func testABadValueIsNamedAsTheCheckedReadNamesIt() throws {
        for (set, column) in [("kind = x'ff'", "kind"), ("repeat_count = 0", "repeat_count"),
                              ("status = 'bogus', contacted_at = received_at + 60", "status"), ("promised_at = 1e18, contacted_at = received_at + 60", "promised_at")] {
            let (dir, desk) = try demoDesk()
            try tamper(desk, 1, set)
            XCTAssertThrowsError(try MetricsReport.compute(desk, period: try ReportPeriod.parse("2026-02")), set) { e in
                XCTAssertEqual((e as? StoredValueError)?.column, column, "\(set): \(e)")
                XCTAssertEqual((e as? StoredValueError)?.row.hasPrefix("case TS-"), true, "\(e)")
            }
            _ = dir
        }
        let (dir, desk) = try demoDesk()
        try tamper(desk, 1, "category = x'ff'")
        XCTAssertThrowsError(try HolidaySummary.compute(desk, period: try ReportPeriod.parse("2026-02-13..2026-02-23"))) { e in
            XCTAssertEqual((e as? StoredValueError)?.column, "category", "\(e)")
        }
        _ = dir
    }
}
