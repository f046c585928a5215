/// Why a stage clock starts and ends when it does: the moment it counts from and the rule that
/// gave its due time, recorded as the clock is derived so an explanation never re-derives it
/// differently (`ClockExplanation`, docs/clocks-and-durations.md).
public struct ClockBasis: Sendable, Equatable {
    /// What started the clock.
    public enum Start: String, Sendable, Equatable {
        /// The complaint's receipt (its received time, which may be earlier than its intake).
        case receipt
        /// The case was reopened: its open stages started again.
        case reopened
        /// Submitted for approval.
        case submission
        /// Approved.
        case approval
        /// Closed (the callback is owed from then).
        case closing
        /// The third repeat complaint raised the case into the same-day rule.
        case columnChange
    }

    /// The rule that gave the due time.
    public enum Rule: Sendable, Equatable {
        /// The column's allowance, counted on the calendar.
        case allowance(Allowance, DeadlineColumn)
        /// A special case whose time a superior has not set yet: counted as a major case.
        case specialAsMajor(Allowance)
        /// Severity rose into the major column after the stage started: the earlier of the old
        /// column's allowance from the start and the major allowance from the change.
        case raisedToMajor(general: Allowance, major: Allowance, changedAt: Instant, majorIsEarlier: Bool)
        /// The time promised to the complainant by an approved extension (later than the rule's).
        case promised(Instant, rule: Allowance?)
        /// Third and later repeat complaints: handled the same day.
        case sameDay(repeatCount: Int)
        /// The policy gives no allowance: due when it starts.
        case none
    }

    public let start: Start
    public let rule: Rule
    /// The column of the case (general, major, special).
    public let column: DeadlineColumn

    /// Creates a basis.
    public init(start: Start, rule: Rule, column: DeadlineColumn) {
        self.start = start
        self.rule = rule
        self.column = column
    }

    /// The allowance counted on the calendar, if any.
    public var allowance: Allowance? {
        switch rule {
        case let .allowance(a, _), let .specialAsMajor(a): return a
        case let .raisedToMajor(general, major, _, majorIsEarlier): return majorIsEarlier ? major : general
        case let .promised(_, rule): return rule
        case .sameDay: return Allowance(1, .sameDay)
        case .none: return nil
        }
    }

    /// Where the allowance is counted from: the change for a raise that decided the due time.
    public func countedFrom(_ startedAt: Instant) -> Instant {
        if case let .raisedToMajor(_, _, changedAt, true) = rule { return changedAt }
        return startedAt
    }
}
