import CaseModel
import Foundation

/// `benchmarks reports DB`: a quarter's metrics and a 10-day holiday summary on a real database
/// (issue 8: under 1 s and under 300 ms on 1,000,000 cases).
enum ReportBenchmarks {
    static func run(db path: String, quarter: String = "2026-Q1", window: String = "2026-02-13..2026-02-22") throws {
        let store = try CaseStore(path: path, readOnly: true)
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!))
        // A team lead of the demo desk: reports count what the reader may see.
        let lead = Actor(name: "wangmin")
        let q = try ReportPeriod.parse(quarter), w = try ReportPeriod.parse(window)
        let total = try store.read { db in try CaseRecords.count(CaseFilter(), db) }
        print("database: \(path): \(total) cases")
        var metrics: MetricsReport?
        let m = try Timing.samples(3) { metrics = try MetricsReport.compute(desk, period: q, actor: lead) }
        print("quarter metrics \(q) (\(Int(metrics?.figure("complaints")?.numerator ?? 0)) cases, \(metrics?.figure("on_time_rate.overall")?.denominator ?? 0) handled): \(Timing.summary(m))")
        var summary: HolidaySummary?
        let s = try Timing.samples(5) { summary = try HolidaySummary.compute(desk, period: w, actor: lead) }
        print("holiday summary \(w) (\(summary?.total ?? 0) cases): \(Timing.summary(s))")
        let h = try Timing.samples(3) { _ = try GroupReport.compute(desk, .handler, period: q, actor: lead) }
        print("per-handler report \(q): \(Timing.summary(h))")
    }
}
