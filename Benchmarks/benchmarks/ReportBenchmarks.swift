import CaseModel
import Foundation

/// `benchmarks reports DB [QUARTER] [FIRST..LAST]`: a quarter's metrics and the 11-day Spring
/// Festival 2026 holiday summary (02-13 to 02-23, as `console report summary --from 2026-02-13
/// --to 2026-02-23`) on a real database
/// (issue 19: under 300 ms and under 150 ms on 1,000,000 cases), with the CPU each took (the
/// steadier figure on a shared machine) and the cost of the calendars every command loads.
enum ReportBenchmarks {
    static func run(db path: String, quarter: String = "2026-Q1", window: String = "2026-02-13..2026-02-23") throws {
        let store = try CaseStore(path: path, readOnly: true)
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!))
        // A team lead of the demo desk: reports count what the reader may see.
        let lead = Actor(name: "wangmin")
        let q = try ReportPeriod.parse(quarter), w = try ReportPeriod.parse(window)
        let total = try store.read { db in try CaseRecords.count(CaseFilter(), db) }
        print("database: \(path): \(total) cases")
        calendars()
        var metrics: MetricsReport?
        let m = try samples(3) { metrics = try MetricsReport.compute(desk, period: q, actor: lead) }
        print("quarter metrics \(q) (\(Int(metrics?.figure("complaints")?.numerator ?? 0)) cases, \(metrics?.figure("on_time_rate.overall")?.denominator ?? 0) handled): \(m)")
        var summary: HolidaySummary?
        let s = try samples(5) { summary = try HolidaySummary.compute(desk, period: w, actor: lead) }
        print("holiday summary \(w) (\(summary?.total ?? 0) cases): \(s)")
        let h = try samples(3) { _ = try GroupReport.compute(desk, .handler, period: q, actor: lead) }
        print("per-handler report \(q): \(h)")
    }

    /// Wall times and the median CPU per run.
    private static func samples(_ runs: Int, _ body: () throws -> Void) rethrows -> String {
        var cpu: [Double] = []
        let wall = try Timing.samples(runs) {
            let c0 = Timing.cpu()
            try body()
            cpu.append((Timing.cpu() - c0) * 1000)
        }
        return Timing.summary(wall) + String(format: "; CPU median %.1f ms", cpu.sorted()[cpu.count / 2])
    }

    /// Loading the shipped calendars (what every command does at start), and building their
    /// day tables on first use (what only a command that counts working time pays).
    private static func calendars() {
        let c0 = Timing.cpu()
        let set = try? CalendarSet(layers: [DefaultCalendarFiles.files()])
        let c1 = Timing.cpu()
        let start = DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!
        for name in set?.names ?? [] { _ = set?[name]?.addWorkingMinutes(60, from: start) }
        let c2 = Timing.cpu()
        print(String(format: "calendars: load %.1f ms CPU; first computation on each of %d (builds its day table) %.1f ms CPU",
                     (c1 - c0) * 1000, set?.names.count ?? 0, (c2 - c1) * 1000))
    }
}
