/// The desk's configurable rules: severity thresholds, the repeat window, and (through the
/// deadline engine) the stage clocks. Defaults are SPEC's; a policy file overrides them.
public struct DeskPolicy: Sendable {
    public var severity = SeverityThresholds()
    /// Days after closing within which a new complaint on the same matter is a repeat.
    public var repeatWindowDays = 30
    /// Computes the nearest open deadline of a case (set by the deadline engine).
    public var nextDue: @Sendable (ComplaintCase) -> Instant? = { _ in nil }

    /// The default policy.
    public init() {}
}
