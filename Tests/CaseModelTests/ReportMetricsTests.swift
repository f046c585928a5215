import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// Every metric recomputed independently from the raw cases (a plain loop over `CaseRecords.list`)
/// and compared with the SQL-aggregated reports.
final class ReportMetricsTests: XCTestCase {
    /// One demo desk for the whole class (1,500 cases around Spring Festival 2026, report cases included).
    nonisolated(unsafe) static var fixture: (TempDir, CaseDesk)?

    var desk: CaseDesk {
        if let f = Self.fixture { return f.1 }
        let dir = TempDir()
        let desk = CaseDesk(store: try! CaseStore(path: dir.file("d.sqlite")), clock: FixedClock(instant("2026-02-20T21:30:00+08:00")))
        _ = try! DemoGenerator(seed: 11, cases: 1500, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(desk)
        let admin = Actor(name: "wangmin")   // a team lead of the demo roster records figures
        for (b, m, claims, premium, new, inForce, insured) in [
            ("上海分公司", "2026-02", 900, 420_000_000.0, 12_000, 350_000, 610_000),
            ("北京分公司", "2026-02", 700, 380_000_000.0, 9_000, 300_000, 500_000),
            ("上海分公司", "2026-01", 800, 400_000_000.0, 11_000, 340_000, 600_000),
            ("广东分公司", "2026-02", 5, 10_000_000.0, 100, 2_000, 3_000),
        ] {
            try! BranchFigures.set(desk, branch: b, month: m, claimReports: claims, premium: premium, policiesNew: new,
                                   policiesInForce: inForce, insuredPersons: insured, actor: admin)
        }
        Self.fixture = (dir, desk)
        return desk
    }

    func cases(_ p: ReportPeriod, _ v: CaseVisibility = .standard) throws -> [ComplaintCase] {
        var f = CaseFilter()
        f.receivedFrom = p.start; f.receivedBefore = p.end; f.visibility = v; f.sort = .received
        return try desk.store.read { db in try CaseRecords.list(f, db) }
    }

    /// Independent on-time evaluation: the due time of a stage is the policy's clock of the case
    /// put back into the status in which that stage runs.
    func due(_ c: ComplaintCase, _ stage: Stage, _ status: CaseStatus) -> Instant? {
        var s = c
        s.status = status
        return desk.policy.clocks(of: s).first(where: { $0.stage == stage })?.due
    }

    func expectedOnTime(_ list: [ComplaintCase]) -> (stages: [Stage: (Int, Int)], overall: (Int, Int)) {
        var stages: [Stage: (Int, Int)] = [:]
        var overall = (0, 0)
        for c in list where c.kind != .venting {
            var allOk = true
            let closedCase = c.status == .closed || c.status == .followedUp
            let checks: [(Stage, CaseStatus, Instant?, Bool)] = [
                (.firstContact, .received, c.contactedAt, true),
                (.investigation, .investigating, c.submittedAt, true),
                (.approval, .pendingApproval, c.approvedAt, c.submittedAt != nil),
                (.closing, .approved, c.closedAt, c.approvedAt != nil),
                (.callback, .closed, c.followedUpAt, c.closedAt != nil && closedCase),
            ]
            for (stage, status, done, applies) in checks where applies {
                guard let done, let d = due(c, stage, status) else { continue }
                let ok = done <= d
                stages[stage, default: (0, 0)].0 += 1
                if ok { stages[stage, default: (0, 0)].1 += 1 } else { allOk = false }
            }
            if closedCase && c.closedAt != nil {
                overall.0 += 1
                if allOk { overall.1 += 1 }
            }
        }
        return (stages, overall)
    }

    func p90(_ xs: [Int64]) -> Int64? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s[Int((Double(s.count) * 9 / 10).rounded(.up)) - 1]
    }

    func testMetricsMatchAnIndependentRecount() throws {
        let period = try ReportPeriod.parse("2026-02")
        let r = try MetricsReport.compute(desk, period: period)
        let list = try cases(period)
        XCTAssertGreaterThan(list.count, 1000)
        func value(_ key: String) -> MetricFigure { r.figure(key)! }
        XCTAssertEqual(value("complaints").numerator, Double(list.count))

        let withdrawn = list.filter { $0.status == .withdrawn && !$0.source.isRegulator }.count
        XCTAssertEqual(value("withdrawal_before_transfer_rate").numerator, Double(withdrawn))
        XCTAssertEqual(value("withdrawal_before_transfer_rate").denominator, Double(list.count))
        let closed = list.filter { $0.status == .closed || $0.status == .followedUp }
        let accepted = closed.filter { $0.closingBasis == .accepted }.count
        let mediated = closed.filter { $0.closingBasis == .accepted || $0.closingBasis == .supportedByLaw }.count
        XCTAssertGreaterThan(mediated, 0)
        XCTAssertEqual(value("mediation_success_rate").value!, Double(accepted) / Double(mediated) * 100, accuracy: 1e-9)
        XCTAssertEqual(value("repeat_second").numerator, Double(list.filter { $0.repeatCount == 2 }.count))
        XCTAssertEqual(value("repeat_third_plus").numerator, Double(list.filter { $0.repeatCount >= 3 }.count))
        XCTAssertGreaterThan(value("repeat_second").numerator, 0, "the demo links repeats")
        let valid = list.filter { $0.validity == .valid }.count
        XCTAssertEqual(value("valid_complaints").numerator, Double(valid))

        // Change rate against January.
        let jan = try cases(try ReportPeriod.parse("2026-01"))
        XCTAssertEqual(value("change_rate").denominator, Double(jan.count))
        XCTAssertEqual(value("change_rate").numerator, Double(list.count - jan.count))

        // On time, per stage and overall.
        let expected = expectedOnTime(list)
        XCTAssertGreaterThan(expected.overall.0, 100)
        XCTAssertEqual(value("on_time_rate.overall").denominator, Double(expected.overall.0))
        XCTAssertEqual(value("on_time_rate.overall").numerator, Double(expected.overall.1))
        XCTAssertLessThan(expected.overall.1, expected.overall.0, "some cases were late (else the test proves little)")
        for s in StageTimeliness.stages {
            let e = expected.stages[s] ?? (0, 0)
            XCTAssertEqual(value("on_time_rate.\(s.rawValue)").denominator, Double(e.0), s.rawValue)
            XCTAssertEqual(value("on_time_rate.\(s.rawValue)").numerator, Double(e.1), s.rawValue)
        }

        // Working time on the business calendar: mean and nearest-rank p90.
        let cal = desk.policy.calendars["business"]!
        let contact = list.compactMap { c -> Int64? in
            guard c.kind != .venting, let t = c.contactedAt, t >= c.receivedAt else { return nil }
            return cal.workingSeconds(from: c.receivedAt, to: t)
        }
        let close = list.compactMap { c -> Int64? in
            guard c.kind != .venting, c.status == .closed || c.status == .followedUp, let t = c.closedAt, t >= c.receivedAt else { return nil }
            return cal.workingSeconds(from: c.receivedAt, to: t)
        }
        XCTAssertEqual(value("first_contact_avg_hours").value!, Double(contact.reduce(0, +)) / Double(contact.count) / 3600, accuracy: 1e-9)
        XCTAssertEqual(value("first_contact_p90_hours").value!, Double(p90(contact)!) / 3600, accuracy: 1e-9)
        XCTAssertEqual(value("close_avg_hours").value!, Double(close.reduce(0, +)) / Double(close.count) / 3600, accuracy: 1e-9)
        XCTAssertEqual(value("close_p90_hours").value!, Double(p90(close)!) / 3600, accuracy: 1e-9)

        // Densities: February's figures; in force and insured are per branch the latest month.
        XCTAssertEqual(value("per_100m_premium").denominator, 810_000_000)
        XCTAssertEqual(value("per_100m_premium").value!, Double(list.count) / 8.1, accuracy: 1e-9)
        XCTAssertEqual(value("per_10k_policies").denominator, 652_000)
        XCTAssertEqual(value("per_10k_insured").denominator, 1_113_000)
        let byNew = try MetricsReport.compute(desk, period: period, basis: .new)
        XCTAssertEqual(byNew.figure("per_10k_policies")!.denominator, 21_100)
        let quarter = try MetricsReport.compute(desk, period: try ReportPeriod.parse("2026-Q1"))
        XCTAssertEqual(quarter.denominators.premium, 1_210_000_000, "premium sums the months")
        XCTAssertEqual(quarter.denominators.policiesInForce, 652_000, "in force: the latest month per branch")

        // Breakdowns: counts recomputed, totals reconcile, shares add up to exactly 100.00.
        let keyOf: [Breakdown.Dimension: (ComplaintCase) -> String] = [
            .channel: { $0.channel.rawValue }, .line: { $0.line.rawValue }, .product: { $0.product.isEmpty ? "(none)" : $0.product },
            .category: { $0.category.rawValue }, .kind: { $0.kind.rawValue }, .branch: { $0.branch.isEmpty ? "(none)" : $0.branch },
            .handler: { $0.handler ?? "(unassigned)" },
        ]
        XCTAssertEqual(r.breakdowns.count, 7)
        for b in r.breakdowns {
            var counts: [String: Int] = [:]
            for c in list { counts[keyOf[b.dimension]!(c), default: 0] += 1 }
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: b.rows.map { ($0.key, $0.count) }), counts, b.dimension.rawValue)
            XCTAssertEqual(b.total, list.count)
            XCTAssertEqual(b.rows.reduce(0) { $0 + $1.shareHundredths }, 10_000, b.dimension.rawValue)
            for row in b.rows { XCTAssertLessThan(abs(Double(row.shareHundredths) - Double(row.count) * 10_000 / Double(list.count)), 1.0) }
        }
    }

    func testValidComplaintsAgainstClaimReportsPerBranchAndMonth() throws {
        let period = try ReportPeriod.parse("2026-Q1")
        let r = try MetricsReport.compute(desk, period: period)
        var valid: [String: Int] = [:]
        for c in try cases(period) where c.validity == .valid {
            let d = DeskTime.standard.civil(c.receivedAt).date
            valid["\(c.branch)|\(d.year)-\(d.month < 10 ? "0" : "")\(d.month)", default: 0] += 1
        }
        for v in r.validRates {
            XCTAssertEqual(v.valid, valid["\(v.branch)|\(v.month)"] ?? 0, "\(v.branch) \(v.month)")
        }
        XCTAssertEqual(r.validRates.reduce(0) { $0 + $1.valid }, valid.values.reduce(0, +), "every branch-month with valid complaints is listed")
        let sh = try XCTUnwrap(r.validRates.first { $0.branch == "上海分公司" && $0.month == "2026-02" })
        XCTAssertEqual(sh.claimReports, 900)
        XCTAssertEqual(sh.ratePercent!, Double(sh.valid) / 9, accuracy: 1e-9)
        XCTAssertEqual(sh.overLimit, Double(sh.valid) / 900 > 0.05)
        let gd = try XCTUnwrap(r.validRates.first { $0.branch == "广东分公司" && $0.month == "2026-02" })
        XCTAssertTrue(gd.overLimit, "a handful of claim reports: over the 5% limit")
    }

    func testReportCasesAreLeftOutUnlessTheReaderMaySeeThem() throws {
        let period = try ReportPeriod.parse("2026-02")
        let all = try cases(period, .withReports)
        let reportCases = all.filter { $0.kind == .report }
        XCTAssertFalse(reportCases.isEmpty, "the demo has report cases")
        let standard = try MetricsReport.compute(desk, period: period)
        let office = try MetricsReport.compute(desk, period: period, visibility: .withReports)
        XCTAssertEqual(standard.figure("complaints")!.numerator, Double(all.count - reportCases.count))
        XCTAssertEqual(office.figure("complaints")!.numerator, Double(all.count))
        XCTAssertNil(standard.breakdown(.kind)!.rows.first { $0.key == "report" })
        XCTAssertEqual(office.breakdown(.kind)!.rows.first { $0.key == "report" }?.count, reportCases.count)
        // The president's office handles only report cases: it appears in no standard report.
        let officeHandlers = Set(reportCases.compactMap(\.handler))
        let shown = Set(standard.breakdown(.handler)!.rows.map(\.key))
        let visibleHandlers = Set(all.filter { $0.kind != .report }.compactMap(\.handler))
        XCTAssertTrue(shown.intersection(officeHandlers.subtracting(visibleHandlers)).isEmpty)
        let handlers = try GroupReport.compute(desk, .handler, period: period)
        XCTAssertTrue(Set(handlers.rows.map(\.key)).intersection(officeHandlers.subtracting(visibleHandlers)).isEmpty)
        XCTAssertEqual(handlers.totals.cases, all.count - reportCases.count)
        let summary = try HolidaySummary.compute(desk, period: period)
        XCTAssertEqual(summary.total, all.count - reportCases.count)
        XCTAssertFalse(CaseJSON.text(summary.object).contains("JB-"))
    }

    func testHandlerAndBranchReportsReconcile() throws {
        let period = try ReportPeriod.parse("2026-02")
        let list = try cases(period)
        let expected = expectedOnTime(list)
        for dim in [GroupReport.Dimension.handler, .branch] {
            let r = try GroupReport.compute(desk, dim, period: period)
            var counts: [String: (Int, Int, Int, Int)] = [:]
            for c in list {
                let k = dim == .handler ? (c.handler ?? "(unassigned)") : c.branch
                var e = counts[k] ?? (0, 0, 0, 0)
                e.0 += 1
                if c.isOpen { e.1 += 1 }
                if c.validity == .valid { e.2 += 1 }
                if c.repeatCount >= 2 { e.3 += 1 }
                counts[k] = e
            }
            for row in r.rows where row.cases > 0 {
                let e = try XCTUnwrap(counts[row.key], row.key)
                XCTAssertEqual(row.cases, e.0, row.key); XCTAssertEqual(row.open, e.1, row.key)
                XCTAssertEqual(row.valid, e.2, row.key); XCTAssertEqual(row.repeats, e.3, row.key)
            }
            XCTAssertEqual(r.totals.cases, list.count)
            XCTAssertEqual(r.totals.shareHundredths, 10_000)
            XCTAssertEqual(r.rows.reduce(0) { $0 + $1.closed + $1.open + $1.withdrawn }, list.count, "every case is open, closed or withdrawn")
            XCTAssertEqual(r.totals.handled, expected.overall.0)
            XCTAssertEqual(r.totals.onTime, expected.overall.1)
        }
        let branches = try GroupReport.compute(desk, .branch, period: period)
        XCTAssertEqual(branches.rows.first { $0.key == "上海分公司" }?.claimReports, 900)
        XCTAssertEqual(branches.totals.premium, 810_000_000)
    }

    func testHolidaySummaryMatchesARecount() throws {
        let period = try ReportPeriod.parse("2026-02-13..2026-02-22")
        let s = try HolidaySummary.compute(desk, period: period)
        let list = try cases(period)
        XCTAssertEqual(s.total, list.count)
        XCTAssertEqual(s.perDay.count, 10)
        XCTAssertEqual(s.perHour.count, 240)
        var perDay: [String: Int] = [:]
        var hourOfDay = [Int](repeating: 0, count: 24)
        for c in list {
            let t = DeskTime.standard.civil(c.receivedAt)
            perDay[t.date.iso, default: 0] += 1
            hourOfDay[t.hour] += 1
        }
        for (d, n) in s.perDay { XCTAssertEqual(n, perDay[d] ?? 0, d) }
        XCTAssertEqual(s.hourOfDay, hourOfDay)
        XCTAssertEqual(s.perHour.reduce(0, +), list.count)
        XCTAssertEqual(s.byCategory.total, list.count)
        XCTAssertEqual(s.bySeverity.total, list.count)
        XCTAssertEqual(s.bySeverity.rows.reduce(0) { $0 + $1.shareHundredths }, 10_000)
        var products: [String: Int] = [:]
        for c in list where !c.product.isEmpty { products[c.product, default: 0] += 1 }
        XCTAssertEqual(s.topProducts.first?.1, products.values.max())

        // Backlog and breaches from every case the reader sees.
        var f = CaseFilter()
        f.receivedBefore = period.end
        let before = try desk.store.read { db in try CaseRecords.list(f, db) }
        let backlog = before.filter { c in !(c.closedAt.map { $0 < period.end } ?? false) && !(c.withdrawnAt.map { $0 < period.end } ?? false) }.count
        XCTAssertEqual(s.backlogAtEnd, backlog)
        XCTAssertGreaterThan(backlog, 0)
        let breaches = before.filter { c in c.isOpen && (c.nextDueAt.map { $0 < period.end } ?? false) }.count
        XCTAssertEqual(s.breaches, breaches)
    }

    /// The summary's mix and top products, counted in one pass, key by key against a plain
    /// recount, for a reader without and with report cases.
    func testHolidaySummaryMixAndTopProductsMatchARecountForEachVisibility() throws {
        let period = try ReportPeriod.parse("2026-02-13..2026-02-22")
        for v in [CaseVisibility.standard, .withReports] {
            let s = try HolidaySummary.compute(desk, period: period, visibility: v)
            let list = try cases(period, v)
            var categories: [String: Int] = [:], severities: [String: Int] = [:], products: [String: Int] = [:]
            for c in list {
                categories[c.category.rawValue, default: 0] += 1
                severities[c.severity.rawValue, default: 0] += 1
                if !c.product.isEmpty { products[c.product, default: 0] += 1 }
            }
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: s.byCategory.rows.map { ($0.key, $0.count) }), categories, "\(v)")
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: s.bySeverity.rows.map { ($0.key, $0.count) }), severities, "\(v)")
            // Largest first, ties in the text's byte order (SQLite's), ten at most.
            let expected = products.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .prefix(10).map { Masking.maskText($0.key) + "=" + String($0.value) }
            XCTAssertEqual(s.topProducts.map { $0.0 + "=" + String($0.1) }, expected, "\(v)")
            XCTAssertEqual(s.total, list.count, "\(v)")
        }
    }

    /// The metrics' breakdowns, sums and valid rates for the reader who sees report cases,
    /// against a plain recount (the standard reader is checked above).
    func testMetricsFromOnePassMatchARecountWithReportCases() throws {
        let period = try ReportPeriod.parse("2026-02")
        let r = try MetricsReport.compute(desk, period: period, visibility: .withReports)
        let list = try cases(period, .withReports)
        XCTAssertTrue(list.contains { $0.kind == .report })
        XCTAssertEqual(r.figure("complaints")!.numerator, Double(list.count))
        XCTAssertEqual(r.figure("valid_complaints")!.numerator, Double(list.filter { $0.validity == .valid }.count))
        XCTAssertEqual(r.figure("repeat_second")!.numerator, Double(list.filter { $0.repeatCount == 2 }.count))
        XCTAssertEqual(r.figure("repeat_third_plus")!.numerator, Double(list.filter { $0.repeatCount >= 3 }.count))
        var handlers: [String: Int] = [:], branches: [String: Int] = [:]
        for c in list {
            handlers[c.handler ?? "(unassigned)", default: 0] += 1
            branches[c.branch.isEmpty ? "(none)" : Masking.maskText(c.branch), default: 0] += 1
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: r.breakdown(.handler)!.rows.map { ($0.key, $0.count) }), handlers)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: r.breakdown(.branch)!.rows.map { ($0.key, $0.count) }), branches)
        var valid: [String: Int] = [:]
        for c in list where c.validity == .valid {
            valid[c.branch + " " + String(DeskTime.standard.civil(c.receivedAt).date.iso.prefix(7)), default: 0] += 1
        }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: r.validRates.filter { $0.valid > 0 }.map { ($0.branch + " " + $0.month, $0.valid) }), valid)
    }

    func testTheTimingPassGivesTheSameResultSplitAmongCores() throws {
        let p = try ReportPeriod.parse("2026-02")
        let one = try desk.store.read { db in try CaseTimingPass.run(policy: desk.policy, from: p.start, to: p.end, visibility: .standard, db) }
        let split = try desk.store.read { db in try CaseTimingPass.run(policy: desk.policy, from: p.start, to: p.end, visibility: .standard, parallelAbove: 0, db) }
        XCTAssertGreaterThan(one.overall.handled, 0)
        XCTAssertEqual(one.stages, split.stages)
        XCTAssertEqual(one.overall, split.overall)
        XCTAssertEqual(one.byHandler, split.byHandler)
        XCTAssertEqual(one.toFirstContact.sorted(), split.toFirstContact.sorted())
        XCTAssertEqual(one.toClose.sorted(), split.toClose.sorted())
    }

    func testStageDueTimesAgreeWithTheLiveClocksCaseByCase() throws {
        let statusOf: [Stage: CaseStatus] = [.firstContact: .received, .investigation: .investigating, .approval: .pendingApproval,
                                             .closing: .approved, .callback: .closed]
        var compared = 0
        for c in try cases(try ReportPeriod.parse("2026-02"), .withReports) where c.kind != .venting {
            let starts: [Stage: Instant?] = [.firstContact: c.stagesStartedAt, .investigation: c.stagesStartedAt,
                                             .approval: c.submittedAt ?? c.stagesStartedAt, .closing: c.approvedAt ?? c.stagesStartedAt, .callback: c.closedAt]
            for (stage, status) in statusOf {
                guard let start = starts[stage] ?? nil else { continue }
                XCTAssertEqual(StageTimeliness.due(stage, from: start, c, desk.policy), due(c, stage, status), "\(c.number) \(stage)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 3000)
    }
}
