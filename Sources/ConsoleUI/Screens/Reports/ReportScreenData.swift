import CaseModel
import TerminalKit

/// What the Reports screen shows for one period: volumes per day and per hour of day, shares by
/// category and severity, and the headline metrics with their definitions — computed by
/// CaseModel's reports (the same as `console report`), reduced to plain values for drawing.
public struct ReportScreenData: Sendable, Equatable {
    /// One labelled count, with its share in hundredths of a percent when it has one.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var count: Int
        public var shareHundredths: Int?
    }

    /// A headline figure: its label (zh / en), formatted value and definition.
    public struct Figure: Sendable, Equatable {
        public var labelZh: String
        public var labelEn: String
        public var value: String
        public var formula: String
    }

    public var period: String
    public var total: Int
    public var perDay: [Bar]
    public var hourOfDay: [Int]
    public var categories: [Bar]
    public var severities: [Bar]
    public var breaches: Int
    public var backlogAtEnd: Int
    public var crisisEvents: Int
    public var figures: [Figure]

    /// Creates the screen's data from the summary and the metrics of a period.
    public init(summary: HolidaySummary, metrics: MetricsReport) {
        period = summary.period.description
        total = summary.total
        perDay = summary.perDay.map { Bar(label: $0.0, count: $0.1, shareHundredths: nil) }
        hourOfDay = summary.hourOfDay
        categories = summary.byCategory.rows.map { Bar(label: $0.key, count: $0.count, shareHundredths: $0.shareHundredths) }
        severities = summary.bySeverity.rows.map { Bar(label: $0.key, count: $0.count, shareHundredths: $0.shareHundredths) }
        breaches = summary.breaches
        backlogAtEnd = summary.backlogAtEnd
        crisisEvents = summary.crisisEvents.count
        let wanted: [(String, String, String)] = [
            ("on_time_rate.overall", "处理及时率(整体)", "on-time rate, overall"),
            ("on_time_rate.first-contact", "首次联系及时率", "on-time first contact"),
            ("withdrawal_before_transfer_rate", "转办前撤诉率", "withdrawn before transfer"),
            ("mediation_success_rate", "调解成功率", "mediation success"),
            ("repeat_second", "二次投诉占比", "2nd complaints"),
            ("repeat_third_plus", "三次及以上占比", "3rd+ complaints"),
            ("first_contact_avg_hours", "首次联系平均(工作小时)", "to first contact, avg h"),
            ("close_avg_hours", "结案平均(工作小时)", "to close, avg h"),
            ("per_100m_premium", "亿元保费投诉量", "per 100M yuan premium"),
            ("change_rate", "环比", "change vs previous"),
        ]
        figures = wanted.compactMap { key, zh, en in
            guard let f = metrics.figure(key) else { return nil }
            let value = f.value == nil ? "-" : f.text + (f.unit == "%" ? "%" : "")
            return Figure(labelZh: zh, labelEn: en, value: value, formula: f.formula)
        }
    }

    /// Creates screen data directly (tests).
    public init(period: String, total: Int, perDay: [Bar], hourOfDay: [Int], categories: [Bar], severities: [Bar],
                breaches: Int, backlogAtEnd: Int, crisisEvents: Int, figures: [Figure]) {
        self.period = period; self.total = total; self.perDay = perDay; self.hourOfDay = hourOfDay
        self.categories = categories; self.severities = severities; self.breaches = breaches
        self.backlogAtEnd = backlogAtEnd; self.crisisEvents = crisisEvents; self.figures = figures
    }
}
