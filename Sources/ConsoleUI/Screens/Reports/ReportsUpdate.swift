import CaseModel
import TerminalKit

/// Keys on the Reports screen: ←/→ step through the periods a duty desk reports on.
enum ReportsUpdate {
    /// The periods offered, relative to the console's clock: the last 10 days (the holiday
    /// window), this month, last month, this quarter.
    static func periods(_ now: Instant) -> [ReportPeriod] {
        let today = DeskTime.standard.civil(now).date
        let q = (today.month - 1) / 3 + 1
        let lastMonth = today.month == 1 ? (today.year - 1, 12) : (today.year, today.month - 1)
        // Periods that are still running end today: no empty future days, and "breaches" means
        // what is overdue now.
        func soFar(_ p: ReportPeriod) -> ReportPeriod { p.last > today ? ReportPeriod(shape: .days, first: p.first, last: today) : p }
        return [
            ReportPeriod(shape: .days, first: today.adding(days: -9), last: today),
            soFar(ReportPeriod.month(year: today.year, month: today.month)),
            ReportPeriod.month(year: lastMonth.0, month: lastMonth.1),
            soFar(ReportPeriod.quarter(year: today.year, quarter: q)),
        ]
    }

    static func load(_ s: ConsoleState) -> [Effect] {
        let all = periods(s.now)
        return [.loadReport(all[min(max(0, s.reportPeriodIndex), all.count - 1)])]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let count = periods(s.now).count
        switch command {
        case .right, .down, .pageDown:
            s.reportPeriodIndex = (s.reportPeriodIndex + 1) % count
        case .left, .up, .pageUp:
            s.reportPeriodIndex = (s.reportPeriodIndex + count - 1) % count
        default:
            return []
        }
        s.report = nil
        return load(s)
    }
}
