/// A stage of a case that runs against a deadline (docs/clocks-and-calendars.md, "Stages").
public enum Stage: String, Labeled {
    case firstContact = "first-contact", progressNote = "progress-note", investigation, approval, closing, callback,
         decision, sameDay = "same-day"
    public var zh: String {
        switch self {
        case .firstContact: "首次联系"
        case .progressNote: "进展记录"
        case .investigation: "调查"
        case .approval: "审批"
        case .closing: "结案"
        case .callback: "回访"
        case .decision: "答复时限"
        case .sameDay: "当日办结"
        }
    }
    public var en: String {
        switch self {
        case .firstContact: "first contact"
        case .progressNote: "progress note"
        case .investigation: "investigation"
        case .approval: "approval"
        case .closing: "closing"
        case .callback: "callback"
        case .decision: "decision"
        case .sameDay: "same day"
        }
    }
}

/// Where a stage stands against its deadline.
public enum ClockState: String, Labeled, Comparable {
    case ok, warning, breach
    public var zh: String {
        switch self {
        case .ok: "正常"
        case .warning: "预警"
        case .breach: "超时"
        }
    }
    public var en: String { rawValue }
    private var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: ClockState, b: ClockState) -> Bool { a.rank < b.rank }
}

/// One open stage's clock: when it started, when it is due, on which calendar.
///
/// Reading it at an instant needs no database access, so the console can tick every second.
public struct StageClock: Sendable {
    public let stage: Stage
    public let startedAt: Instant
    public let due: Instant
    /// True when the due time reaches into a year the calendar does not know (computed on the weekly pattern).
    public let provisional: Bool
    /// The calendar the stage counts on.
    public let calendar: WorkCalendar
    /// When the warning starts, if the policy names a time rather than a fraction.
    public let warnAt: Instant?
    /// The fraction of the allowance at which the warning starts.
    public let warningFraction: Double
    /// Why it starts and ends when it does (nil for a clock made by hand).
    public let basis: ClockBasis?

    /// Creates a clock.
    public init(stage: Stage, startedAt: Instant, due: Instant, provisional: Bool, calendar: WorkCalendar,
                warnAt: Instant? = nil, warningFraction: Double = 0.75, basis: ClockBasis? = nil) {
        self.stage = stage
        self.startedAt = startedAt
        self.due = due
        self.provisional = provisional
        self.calendar = calendar
        self.warnAt = warnAt
        self.warningFraction = warningFraction
        self.basis = basis
    }

    /// The clock's state at `now`, the same as `reading(at:).state`, reading the calendar only
    /// when a fraction decides it (the alert rules need no more, for every open case).
    public func state(at now: Instant) -> ClockState {
        if now >= due { return .breach }
        if let warnAt { return now >= warnAt ? .warning : .ok }
        return calendar.fractionUsed(start: startedAt, due: due, now: now) >= warningFraction ? .warning : .ok
    }

    /// The clock's state, working time left (negative once overdue) and fraction used at `now`.
    public func reading(at now: Instant) -> ClockReading {
        let left: Int64 = now < due ? calendar.workingSeconds(from: now, to: due) : -calendar.workingSeconds(from: due, to: now)
        let fraction = calendar.fractionUsed(start: startedAt, due: due, now: now)
        let state: ClockState
        if now >= due { state = .breach }
        else if let warnAt { state = now >= warnAt ? .warning : .ok }
        else { state = fraction >= warningFraction ? .warning : .ok }
        return ClockReading(state: state, workingSecondsLeft: left, fractionUsed: fraction, provisional: provisional)
    }
}

/// A clock read at one instant.
public struct ClockReading: Sendable, Equatable {
    public var state: ClockState
    /// Working seconds until the due time; negative: working seconds since it passed.
    public var workingSecondsLeft: Int64
    public var fractionUsed: Double
    public var provisional: Bool
}
