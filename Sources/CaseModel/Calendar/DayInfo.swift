import Foundation

/// Why a day has the working periods it has.
public enum DayKind: String, Hashable, Sendable {
    /// A working day by the weekly pattern, in a known year.
    case workday
    /// A rest day by the weekly pattern, in a known year.
    case weekend
    /// A dated rest day (public holiday).
    case holiday
    /// A rest day worked to make up for a holiday (调休).
    case makeUpWorkday
    /// A day with its own hours (shortened eve, holiday duty hours).
    case specialHours
    /// A day in a year the calendar does not cover: the weekly pattern is used, provisionally.
    case unknownYear
}

/// One date as a calendar sees it, for display and for the reference tests.
public struct DayInfo: Hashable, Sendable {
    /// The civil date in the calendar's time zone.
    public let date: CivilDate
    /// Why the day has these periods.
    public let kind: DayKind
    /// The working periods, in order; empty on a rest day.
    public let periods: [WorkingPeriod]
    /// The label from the calendar file (`春节`), empty when none.
    public let label: String

    /// Creates a day description.
    public init(date: CivilDate, kind: DayKind, periods: [WorkingPeriod], label: String) {
        self.date = date
        self.kind = kind
        self.periods = periods
        self.label = label
    }

    /// Whether any work happens that day; day-based deadlines count only these.
    public var isWorkingDay: Bool { !periods.isEmpty }

    /// Whether the day's schedule is a guess from the weekly pattern.
    public var isProvisional: Bool { kind == .unknownYear }
}
