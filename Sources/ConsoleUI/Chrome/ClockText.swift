import CaseModel
import TerminalKit

/// Reads a row's nearest clock at an instant and words it: the countdown list, the queue's
/// "time left" column and the matrix colours all go through here, every tick, without the store.
public enum ClockText {
    /// A reading of a case's nearest open stage.
    public struct Reading: Sendable, Equatable {
        public var stage: Stage?
        public var state: ClockState
        /// Seconds left (negative when overdue): working seconds from the stage clock, or wall
        /// seconds when the policy gave no clock but the case has a due time.
        public var secondsLeft: Int64
        public var due: Instant
        public var provisional: Bool
    }

    /// The nearest open stage's reading, or nil when the case runs no clock.
    public static func read(_ row: CaseRow, at now: Instant) -> Reading? {
        if let clock = row.clocks.min(by: { $0.due < $1.due }) {
            let r = clock.reading(at: now)
            return Reading(stage: clock.stage, state: r.state, secondsLeft: r.workingSecondsLeft, due: clock.due, provisional: r.provisional)
        }
        // No stage clocks from the policy: fall back to the stored next due time, overdue or not.
        guard let due = row.item.nextDueAt else { return nil }
        return Reading(stage: nil, state: now >= due ? .breach : .ok, secondsLeft: due.seconds.subtractingClamped(now.seconds), due: due, provisional: false)
    }

    /// `0:42:07` under a day, `31h` under four days, else `5d` (abs value; the caller says overdue).
    public static func duration(_ seconds: Int64, _ s: ConsoleSettings) -> String {
        let v = seconds == .min ? .max : abs(seconds)   // abs(Int64.min) would trap
        if v < 86_400 {
            return "\(v / 3600):\(pad2(Int(v / 60 % 60))):\(pad2(Int(v % 60)))"
        }
        if v < 4 * 86_400 { return "\(v / 3600)" + s.t("小时", "h") }
        return "\(v / 86_400)" + s.t("天", "d")
    }

    /// `剩 0:18:00` / `超时 0:42:07`.
    public static func left(_ r: Reading, _ s: ConsoleSettings, now: Instant? = nil) -> String {
        let mark = r.provisional ? "~" : ""
        if r.secondsLeft < 0 || r.state == .breach {
            // Overdue counts wall-clock time since the due time: working time stands still at
            // night, and "over 0:00:00" on a case two hours late helps nobody.
            let late = now.map { max(0, $0.seconds.subtractingClamped(r.due.seconds)) } ?? (r.secondsLeft == .min ? .max : abs(r.secondsLeft))
            return s.t("超时 ", "over ") + mark + duration(late, s)
        }
        return s.t("剩 ", "") + mark + duration(r.secondsLeft, s)
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

    /// `02-17 周二 21:30:12`.
    public static func headerTime(_ t: Instant, _ s: ConsoleSettings) -> String {
        let c = DeskTime.standard.civil(t)
        return "\(pad2(c.date.month))-\(pad2(c.date.day)) \(weekday(c.date, s)) \(pad2(c.hour)):\(pad2(c.minute)):\(pad2(c.second))"
    }
}
