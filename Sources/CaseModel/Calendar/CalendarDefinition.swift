import Foundation

/// A calendar as its files define it, after merging: the rules, not yet the day table.
///
/// Kept public so that tests (and a `calendar show` command) can read the rules directly
/// instead of trusting the engine's precomputed table.
public struct CalendarDefinition: Hashable, Sendable {
    /// The calendar's name (`business`, `duty`, `24x7`).
    public let name: String
    /// The zone whose civil days and clock times the periods are written in.
    public let timeZone: TimeZone
    /// Working periods per ISO weekday, Monday first (seven entries; empty = rest day).
    public let weekly: [[WorkingPeriod]]
    /// The years whose dated overrides are complete.
    public let coverage: YearCoverage
    /// Holidays, make-up working days and special hours, by date.
    public let overrides: [CivilDate: DateOverride]

    /// Creates a definition; `weekly` must have seven entries (Monday first).
    public init(name: String, timeZone: TimeZone, weekly: [[WorkingPeriod]], coverage: YearCoverage,
                overrides: [CivilDate: DateOverride]) {
        precondition(weekly.count == 7, "weekly needs one entry per weekday")
        self.name = name
        self.timeZone = timeZone
        self.weekly = weekly
        self.coverage = coverage
        self.overrides = overrides
    }

    /// A normal weekday's hours (the first working weekday from Monday), which a make-up day
    /// without its own hours works.
    public var normalWeekdayPeriods: [WorkingPeriod] { weekly.first { !$0.isEmpty } ?? [] }

    /// What the rules say about one date; valid for any date, inside the day table or not.
    public func day(_ date: CivilDate) -> DayInfo {
        if let o = overrides[date] {
            switch o.kind {
            case .holiday:
                return DayInfo(date: date, kind: .holiday, periods: [], label: o.label)
            case .makeUpWorkday(let periods):
                return DayInfo(date: date, kind: .makeUpWorkday, periods: periods ?? normalWeekdayPeriods, label: o.label)
            case .specialHours(let periods):
                return DayInfo(date: date, kind: .specialHours, periods: periods, label: o.label)
            }
        }
        let periods = weekly[date.isoWeekday - 1]
        if !coverage.covers(date.year) {
            return DayInfo(date: date, kind: .unknownYear, periods: periods, label: "")
        }
        return DayInfo(date: date, kind: periods.isEmpty ? .weekend : .workday, periods: periods, label: "")
    }
}
