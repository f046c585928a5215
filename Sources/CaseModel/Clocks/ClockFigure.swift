/// What a clock shows at one instant, with one meaning everywhere (docs/clocks-and-durations.md):
/// working time left, or overdue, both in the clock's own working time, with the wall-clock due
/// time beside them. The command line's `clocks`, `list` and `show` print it, and the console's
/// countdown, queue and case screen are to show the same figures through it.
public struct ClockFigure: Sendable, Equatable {
    /// The stage (nil: a case's stored next due time, without a stage clock).
    public let stage: Stage?
    public let state: ClockState
    /// Working seconds until due; negative: working seconds since it passed. Overdue time stands
    /// still outside the calendar's working time (at 03:00 on the duty desk's calendar).
    public let workingSecondsLeft: Int64
    /// The wall-clock due time.
    public let due: Instant
    /// The due time reaches into a year the calendar does not know.
    public let provisional: Bool
    /// The calendar's working day, the unit of `N天`.
    public let daySeconds: Int64
    /// The calendar's name (`business`, `duty`, `24x7`).
    public let calendar: String

    /// A stage clock read at `now`.
    public init(_ clock: StageClock, at now: Instant) {
        let r = clock.reading(at: now)
        stage = clock.stage
        state = r.state
        workingSecondsLeft = r.workingSecondsLeft
        due = clock.due
        provisional = r.provisional
        daySeconds = clock.calendar.workingDaySeconds
        calendar = clock.calendar.name
    }

    /// The nearest of a case's clocks (nil when it runs none).
    public static func nearest(_ clocks: [StageClock], at now: Instant) -> ClockFigure? {
        clocks.min { $0.due < $1.due }.map { ClockFigure($0, at: now) }
    }

    /// Whether the due time has passed.
    public var isOverdue: Bool { state == .breach || workingSecondsLeft < 0 }

    /// The time left or overdue, unsigned: `37:30`, `3天2:00`.
    public func duration(_ language: Language) -> String {
        WorkingDuration(seconds: workingSecondsLeft, daySeconds: daySeconds, roundUp: !isOverdue).text(language)
    }

    /// Past due by less than a minute of the clock's working time: it has just passed, or it
    /// passed after the desk's hours ended and overdue time stands still until they begin again.
    /// `超时 0:00` would read as "not late" to a tired operator, so it is worded `已超时`
    /// (docs/clocks-and-durations.md).
    public var isOverdueWithinAMinute: Bool { isOverdue && workingSecondsLeft > -60 }

    /// `剩 37:30` / `超时 2:00` / `已超时` (`37:30 left` / `2:00 over` / `overdue`), `~` before a
    /// provisional figure.
    public func left(_ language: Language) -> String {
        let mark = provisional ? "~" : ""
        if isOverdueWithinAMinute { return language == .zh ? "已超时" : "overdue" }
        if language == .zh { return (isOverdue ? "超时 " : "剩 ") + mark + duration(.zh) }
        return mark + duration(.en) + (isOverdue ? " over" : " left")
    }

    /// `37:30` or `-2:00`: for tables and scripts.
    public func signed(_ language: Language) -> String { (isOverdue ? "-" : "") + duration(language) }

    /// `应于 02-26 17:30` / `due 02-26 17:30`.
    public func dueText(_ language: Language) -> String {
        (language == .zh ? "应于 " : "due ") + DeskTime.standard.short(due)
    }
}
