/// A stretch of a clock's working time, written one way everywhere: `H:MM` under one working day
/// of the clock's calendar, `N天H:MM` (`Nd H:MM`) from one on, where a day is that calendar's
/// working day (7:30 on the business calendar, 12:00 on the duty desk's, 24:00 on 24×7), so
/// `剩 3天0:00` on an investigation means three working days (docs/clocks-and-durations.md).
///
/// Minutes are whole: time left is rounded up (a clock 30 seconds from due reads `0:01`, never
/// `0:00` before it is due), time overdue is rounded down.
public struct WorkingDuration: Sendable, Equatable {
    /// Whole minutes.
    public let minutes: Int64
    /// Minutes in one working day of the clock's calendar (at least one).
    public let dayMinutes: Int64

    /// A duration of `seconds` (its magnitude), rounded up to the minute when `roundUp`.
    public init(seconds: Int64, daySeconds: Int64 = 86_400, roundUp: Bool = false) {
        let s = seconds == .min ? Int64.max : abs(seconds)   // abs(Int64.min) would trap
        minutes = roundUp ? s / 60 + (s % 60 == 0 ? 0 : 1) : s / 60
        dayMinutes = max(1, daySeconds / 60)
    }

    /// `37` minutes → `0:37`; 5 working days of 7:30 → `5天0:00` (`5d 0:00`).
    public func text(_ language: Language) -> String {
        let days = minutes / dayMinutes, rest = minutes % dayMinutes
        let clock = "\(rest / 60):\(rest % 60 < 10 ? "0" : "")\(rest % 60)"
        guard days > 0 else { return clock }
        return language == .zh ? "\(days)天\(clock)" : "\(days)d \(clock)"
    }
}

extension WorkCalendar {
    /// The working seconds of a normal working day on this calendar (its first working weekday's
    /// hours), the "day" of `WorkingDuration`; 24 hours for a calendar without working weekdays.
    public var workingDaySeconds: Int64 {
        let s = definition.normalWeekdayPeriods.reduce(0) { $0 + $1.seconds }
        return s > 0 ? Int64(s) : 86_400
    }
}
