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

extension DayKind {
    /// The kind in words: `调休上班` / `make-up working day`.
    public func label(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .workday: return zh ? "工作日" : "working day"
        case .weekend: return zh ? "周末" : "weekend"
        case .holiday: return zh ? "节假日" : "holiday"
        case .makeUpWorkday: return zh ? "调休上班" : "make-up working day"
        case .specialHours: return zh ? "特别工作时间" : "special hours"
        case .unknownYear: return zh ? "未录入年份" : "unknown year"
        }
    }

    /// The one-cell mark a month view puts beside the day: 休, 班, 短, 末 (H, W, S, - in English),
    /// `?` for a year the calendar does not know, nothing for a normal working day.
    public func mark(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .workday: return ""
        case .weekend: return zh ? "末" : "-"
        case .holiday: return zh ? "休" : "H"
        case .makeUpWorkday: return zh ? "班" : "W"
        case .specialHours: return zh ? "短" : "S"
        case .unknownYear: return "?"
        }
    }
}
