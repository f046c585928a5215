import CaseModel
import TerminalKit

/// The slice of the desk the Reports screen reads.
public protocol ReportsSource {
    /// The figures of a period (the same computations as `console report`).
    func report(_ period: ReportPeriod) throws -> ReportScreenData
}

extension CaseModelDataSource: ReportsSource {
    public func report(_ period: ReportPeriod) throws -> ReportScreenData {
        let summary = try HolidaySummary.compute(desk, period: period, actor: actor)
        let metrics = try MetricsReport.compute(desk, period: period, actor: actor)
        return ReportScreenData(summary: summary, metrics: metrics)
    }
}

/// Computes a period's figures: a pass over the period's cases, seconds on a big desk.
public struct LoadReport: DeskRequest {
    public var period: ReportPeriod
    public func perform(_ desk: DeskContext) throws -> ReportScreenData { try desk.source(ReportsSource.self).report(period) }
    public func apply(_ data: ReportScreenData, to s: inout ConsoleState) -> [Effect] {
        s.reports.data = data
        return []
    }
    public func activity(_ st: ConsoleSettings) -> Activity? { Activity(text: st.t("统计 \(period)", "Computing \(period)")) }
}
