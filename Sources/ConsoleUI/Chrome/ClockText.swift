import CaseModel
import TerminalKit

/// Reads a row's nearest clock at an instant and words it: the countdown list, the queue's
/// "time left" column, the case screen's clocks and the matrix colours all go through here, every
/// tick, without the store. The figures are CaseModel's `ClockFigure`, the ones `console clocks`,
/// `list` and `show` print: working time left or overdue in the clock's own working time, one
/// duration format (`37:30`, `3天2:00`), the wall-clock due time beside them
/// (docs/clocks-and-durations.md, docs/console-reading.md).
public enum ClockText {
    /// A reading of a case's nearest open stage.
    public struct Reading: Sendable, Equatable {
        /// The stage clock's figure; nil when the policy gave no clock and only a stored due time is known.
        public var figure: ClockFigure?
        public var state: ClockState
        /// The wall-clock due time.
        public var due: Instant
        public var stage: Stage? { figure?.stage }
        public var provisional: Bool { figure?.provisional ?? false }
    }

    /// The nearest open stage's reading, or nil when the case runs no clock.
    public static func read(_ row: CaseRow, at now: Instant) -> Reading? {
        if let f = ClockFigure.nearest(row.clocks, at: now) { return Reading(figure: f, state: f.state, due: f.due) }
        // No stage clocks from the policy: only the stored due time, overdue or not (no figure,
        // as `console list` prints none).
        guard let due = row.item.nextDueAt else { return nil }
        return Reading(figure: nil, state: now >= due ? .breach : .ok, due: due)
    }

    /// A stage clock's reading.
    public static func read(_ clock: StageClock, at now: Instant) -> Reading {
        let f = ClockFigure(clock, at: now)
        return Reading(figure: f, state: f.state, due: f.due)
    }

    /// A stretch of plain hours (a crisis report clock, 24 to a day), in the one format: `0:42`, `1天0:00`.
    public static func duration(_ seconds: Int64, _ s: ConsoleSettings, roundUp: Bool = false) -> String {
        WorkingDuration(seconds: seconds, roundUp: roundUp).text(s.language)
    }

    /// `剩 0:18` / `超时 0:42` (`0:18 left` / `0:42 over`), `~` before a provisional figure; `超时`
    /// alone, or `-`, when there is only a due time.
    public static func left(_ r: Reading, _ s: ConsoleSettings) -> String {
        if let f = r.figure { return f.left(s.language) }
        return r.state == .breach ? s.t("超时", "over") : "-"
    }

    /// `应于 02-26 17:30` / `due 02-26 17:30`.
    public static func due(_ r: Reading, _ s: ConsoleSettings) -> String {
        s.t("应于 ", "due ") + DeskTime.standard.short(r.due)
    }

    /// The style for a clock state.
    public static func style(_ state: ClockState?) -> StyleRole {
        switch state {
        case .breach?: return .breach
        case .warning?: return .warning
        default: return .normal
        }
    }

    /// Monochrome-safe marker: colour carries the state, and `!!`/`!` survive without it.
    public static func marker(_ state: ClockState?) -> String {
        switch state {
        case .breach?: return "!!"
        case .warning?: return "! "
        default: return "  "
        }
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `周二` / `Tue` for a date.
    public static func weekday(_ d: CivilDate, _ s: ConsoleSettings) -> String {
        let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let i = max(1, min(7, d.isoWeekday)) - 1
        return s.language == .zh ? zh[i] : en[i]
    }

    /// `02-17 周二 21:30`. To the minute, as every clock figure on screen is: a console at rest
    /// draws a frame when something on it changes, not every second (docs/console-reading.md).
    public static func headerTime(_ t: Instant, _ s: ConsoleSettings) -> String {
        let c = DeskTime.standard.civil(t)
        return "\(pad2(c.date.month))-\(pad2(c.date.day)) \(weekday(c.date, s)) \(pad2(c.hour)):\(pad2(c.minute))"
    }
}
