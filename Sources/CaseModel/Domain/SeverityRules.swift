/// Thresholds that derive a case's severity (docs/severity.md). Loaded from the policy file.
public struct SeverityThresholds: Sendable, Equatable, Codable {
    /// Potential loss (yuan) at or above which a case is major.
    public var majorLoss: Double = 20_000
    /// Repeat count at which a case becomes urgent (2nd complaint).
    public var urgentRepeat: Int = 2
    /// Repeat count at which a case becomes major (3rd and later).
    public var majorRepeat: Int = 3

    /// The shipped defaults (docs/severity.md, "Derived severity").
    public init() {}
}

/// Derives severity from a case: the highest rule that applies, never below a manual raise.
public enum SeverityRules {
    /// The derived severity, ignoring manual overrides.
    public static func derived(_ c: ComplaintCase, inCrisis: Bool = false, _ t: SeverityThresholds = SeverityThresholds()) -> Severity {
        if c.kind == .venting && !inCrisis { return .venting }
        if inCrisis { return .crisis }
        if c.kind == .major || c.repeatCount >= t.majorRepeat || c.potentialLoss >= t.majorLoss
            || c.source.isRegulator || c.mediaInvolved {
            return .major
        }
        if c.repeatCount >= t.urgentRepeat || c.regulatorInvolved || c.onlineExposure { return .urgent }
        return .general
    }

    /// The effective severity: crisis for a case in a declared crisis event; otherwise the derived
    /// severity, raised by hand (`severityOverride`) and capped by a team lead's lowering (`severityCap`).
    public static func effective(_ c: ComplaintCase, inCrisis: Bool = false, _ t: SeverityThresholds = SeverityThresholds()) -> Severity {
        if inCrisis || c.crisisEventId != nil { return .crisis }
        var s = derived(c, t)
        if let raised = c.severityOverride, raised > s { s = raised }
        if let cap = c.severityCap, cap < s { s = cap }
        return s
    }
}
