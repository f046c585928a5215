import XCTest
@testable import CaseModel

/// Shares and period parsing: the rounding rule and the period language of `console report`.
final class ReportSharesTests: XCTestCase {
    /// A regulator-style quarterly table: complaints per company and the total, shares published
    /// to two decimals (half-up rounding, which here already sums to 100.00). Largest-remainder
    /// rounding must reproduce every published share exactly.
    func testPublishedQuarterSharesReproduceExactly() {
        let companies = ["人保财险", "平安产险", "太保产险", "国寿财险", "大地保险", "阳光产险", "中华联合"]
        let counts = [10234, 6120, 4410, 3012, 2560, 1900, 1264]
        let publishedTotal = 29500
        let published = ["34.69", "20.75", "14.95", "10.21", "8.68", "6.44", "4.28"]
        XCTAssertEqual(counts.reduce(0, +), publishedTotal, "the counts reconcile with the published total")
        let units = Shares.units(counts)
        XCTAssertEqual(units.map { Shares.text(hundredths: $0) }, published)
        XCTAssertEqual(units.reduce(0, +), 10_000)
        let b = Breakdown(dimension: .branch, counts: Array(zip(companies, counts)))
        XCTAssertEqual(b.total, publishedTotal)
        XCTAssertEqual(b.rows.map { Shares.text(hundredths: $0.shareHundredths) }, published, "largest count first, the published order")
    }

    /// Where independent half-up rounding would print 99.99%, the stated rule gives the missing
    /// hundredth to the largest remainder (ties to the larger count) and the column sums to 100.00.
    func testLargestRemainderFixesASumOf99_99() {
        let counts = [8123, 5412, 3318, 2207, 1490, 951, 499]   // 22,000 in all
        let halfUp = counts.map { Int((Double($0) * 10_000 / 22_000).rounded(.toNearestOrAwayFromZero)) }
        XCTAssertEqual(halfUp.reduce(0, +), 9_999, "the naive column would not add up")
        // Floors 3692 2460 1508 1003 677 432 226 (9,998); remainders .27 0 .18 .18 .27 .27 .82:
        // +1 to 226 (largest remainder), +1 to 3692 (tied at .27, the largest count).
        XCTAssertEqual(Shares.units(counts), [3693, 2460, 1508, 1003, 677, 432, 227])
    }

    func testSharesAlwaysSumToOneHundredAndStayWithinOneHundredth() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let counts = (0..<Int.random(in: 1...12, using: &rng)).map { _ in Int.random(in: 0...5000, using: &rng) }
            let total = counts.reduce(0, +)
            let u = Shares.units(counts)
            if total == 0 { XCTAssertEqual(u, counts.map { _ in 0 }); continue }
            XCTAssertEqual(u.reduce(0, +), 10_000, "\(counts)")
            for (c, s) in zip(counts, u) {
                let exact = Double(c) * 10_000 / Double(total)
                XCTAssertLessThan(abs(Double(s) - exact), 1.0, "\(counts)")
            }
        }
        XCTAssertEqual(Shares.units([1, 1, 1]), [3334, 3333, 3333], "equal remainders and counts: the earlier item")
        XCTAssertEqual(Shares.text(hundredths: 5), "0.05")
        XCTAssertEqual(Shares.text(hundredths: 10_000), "100.00")
    }

    func testPeriodsParse() throws {
        let q = try ReportPeriod.parse("2026-Q1")
        XCTAssertEqual(q.first.iso, "2026-01-01"); XCTAssertEqual(q.last.iso, "2026-03-31")
        XCTAssertEqual(q.start, instant("2026-01-01T00:00:00+08:00"))
        XCTAssertEqual(q.end, instant("2026-04-01T00:00:00+08:00"))
        XCTAssertEqual(q.previous.description, "2025-Q4")
        XCTAssertEqual(q.months, ["2026-01", "2026-02", "2026-03"])
        let m = try ReportPeriod.parse("2026-02")
        XCTAssertEqual(m.last.iso, "2026-02-28"); XCTAssertEqual(m.description, "2026-02")
        XCTAssertEqual(try ReportPeriod.parse("2026-01").previous.description, "2025-12")
        let r = try ReportPeriod.parse("2026-02-10..2026-02-20")
        XCTAssertEqual(r.days, 11)
        XCTAssertEqual(r.end, instant("2026-02-21T00:00:00+08:00"))
        XCTAssertEqual(r.previous.description, "2026-01-30..2026-02-09")
        XCTAssertEqual(try ReportPeriod.parse("2024-02").last.iso, "2024-02-29")
        XCTAssertEqual(try ReportPeriod.parse("2026-02-16").days, 1)
    }

    func testBadPeriodsAreRefusedNamingTheField() {
        for text in ["", "2026", "2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-02-30", "2026-02-20..2026-02-10",
                     "2026-02-10..", "Q1-2026", "26-Q1", "2026-2", "2026-02-10..2026-02-3x", "2026-Q1..2026-Q2"] {
            XCTAssertThrowsError(try ReportPeriod.parse(text, field: "--period"), text) { error in
                guard case DomainError.malformedField(let field, _)? = error as? DomainError else { return XCTFail("\(text): \(error)") }
                XCTAssertEqual(field, "--period")
            }
        }
    }

    func testWorkingTimePercentileIsNearestRank() {
        let s = WorkingTimeStats([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110])
        XCTAssertEqual(s.p90Seconds, 100, "⌈0.9·11⌉ = 10th value")
        XCTAssertEqual(s.averageSeconds, 60)
        XCTAssertEqual(WorkingTimeStats([5]).p90Seconds, 5)
        XCTAssertNil(WorkingTimeStats([]).averageSeconds)
    }

    func testTheSelectedValueIsTheSortedOnesAtEveryRank() {
        // Random, few distinct values, already sorted, reversed, all equal, and an organ pipe:
        // the orders that trouble a quickselect, checked at every index against a sort.
        var g = SystemRandomNumberGenerator()
        let n = 257
        let lists: [[Int64]] = [(0..<n).map { _ in Int64.random(in: -1_000...1_000_000, using: &g) },
                                (0..<n).map { _ in Int64.random(in: 0...3, using: &g) },
                                (0..<Int64(n)).map { $0 }, (0..<Int64(n)).reversed().map { $0 },
                                [Int64](repeating: 7, count: n),
                                (0..<Int64(n)).map { min($0, Int64(n) - $0) }]
        for values in lists {
            let sorted = values.sorted()
            for k in values.indices {
                XCTAssertEqual(WorkingTimeStats.value(atSortedIndex: k, of: values), sorted[k], "k = \(k) of \(values.prefix(8))…")
            }
            XCTAssertEqual(WorkingTimeStats(values).p90Seconds, sorted[WorkingTimeStats.nearestRank(0.9, of: n)])
        }
        XCTAssertEqual(WorkingTimeStats.value(atSortedIndex: 0, of: [42]), 42)
    }

    func testCSVAndHTMLEscapeWhatTheyMust() {
        XCTAssertEqual(ReportCSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(ReportCSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(ReportCSV.field("=1+1"), "'=1+1")
        XCTAssertEqual(ReportHTML.escape("<script>&\""), "&lt;script&gt;&amp;&quot;")
        var p = ReportHTML(title: "t<")
        p.barChart("c", [("a<b", 3), ("b", 1)])
        p.lineChart("l", [0, 1, 2, 5])
        let text = p.text
        XCTAssertTrue(text.contains("<svg")); XCTAssertTrue(text.contains("<polyline"))
        XCTAssertFalse(text.contains("a<b")); XCTAssertFalse(text.contains("http-equiv")); XCTAssertFalse(text.contains("src="))
    }
}
