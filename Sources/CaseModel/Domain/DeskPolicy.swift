/// The desk's configurable rules: severity thresholds, the repeat window, the stage deadlines
/// and the calendars they count on. Defaults are SPEC's; a policy file overrides them.
public struct DeskPolicy: Sendable {
    public var severity = SeverityThresholds()
    /// Days after closing within which a new complaint on the same matter is a repeat.
    public var repeatWindowDays = 30
    /// The calendars (business, duty, 24x7 and any the desk adds).
    public var calendars: CalendarSet = .defaults

    /// The default policy.
    public init() {}

    /// Every open stage's clock, soonest due first.
    public func clocks(of c: ComplaintCase) -> [StageClock] { [] }

    /// The nearest open deadline of a case.
    public func nextDue(_ c: ComplaintCase) -> Instant? { clocks(of: c).first?.due }
}
