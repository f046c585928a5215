/// The desk's configurable rules: severity thresholds, the repeat window, the stage deadlines
/// and the calendars they count on. Defaults are SPEC's (`DefaultPolicyFile`); a policy file
/// in the config directory replaces them.
public struct DeskPolicy: Sendable {
    /// The policy file's version label, recorded with recomputations.
    public var version = "built-in"
    public var severity = SeverityThresholds()
    /// Days after closing within which a new complaint on the same matter is a repeat.
    public var repeatWindowDays = 30
    /// Share of an allowance after which a clock warns.
    public var warningFraction = 0.75
    /// Repeat count from which a case must be handled the same day.
    public var sameDayRepeat = 3
    public var sameDayCalendar = "duty"
    /// The calendars (business, duty, 24x7 and any the desk adds).
    public var calendars: CalendarSet = .defaults
    /// Each stage's rule (every stage but same-day).
    public var stages: [Stage: StagePolicy] = [:]

    /// An empty policy with SPEC thresholds; use `PolicyFile.defaults` for the full default policy.
    public init() {}
}
