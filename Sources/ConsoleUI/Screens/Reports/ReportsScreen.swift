import CaseModel
import TerminalKit

/// The Reports screen: a period's volumes, shares and headline metrics, computed by CaseModel's
/// reports (the same as `console report`); ←/→ step through the periods a duty desk reports on.
public enum ReportsScreen: ScreenFeature {
    /// Which period (index into `periods`) and its figures.
    public struct State: ScreenState {
        public var periodIndex = 0
        public var data: ReportScreenData?
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("报表", "reports") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { force ? load(s) : [] }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { ReportsView.draw(&b, s) }

    /// Shows the screen and computes the period's figures.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        Navigation.show(&s, .reports)
        return load(s)
    }

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
        return [Effect(LoadReport(period: all[min(max(0, s.reports.periodIndex), all.count - 1)]))]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let count = periods(s.now).count
        switch command {
        case .right, .down, .pageDown:
            s.reports.periodIndex = (s.reports.periodIndex + 1) % count
        case .left, .up, .pageUp:
            s.reports.periodIndex = (s.reports.periodIndex + count - 1) % count
        default:
            return []
        }
        s.reports.data = nil
        return load(s)
    }
}

extension ConsoleState {
    /// The Reports screen's state.
    public var reports: ReportsScreen.State {
        get { screens[ReportsScreen.State.self] }
        _modify { yield &screens[ReportsScreen.State.self] }
    }
}

extension KeyContext {
    /// The Reports screen's keys (`reports` in keys.conf).
    public static let reports = Screen.reports.keyContext
}
