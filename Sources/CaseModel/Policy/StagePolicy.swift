/// Which allowance column a case's clocks use (docs/clocks-and-calendars.md, "Which column").
public enum DeadlineColumn: String, Sendable, CaseIterable {
    case general, major, special

    /// The column of a case: special by kind; major for crisis and major severity; general otherwise.
    public static func of(_ c: ComplaintCase) -> DeadlineColumn { of(kind: c.kind, severity: c.severity) }

    /// The column of a case of this kind and severity (the same rule).
    static func of(kind: CaseKind, severity: Severity) -> DeadlineColumn {
        if kind == .special { return .special }
        return severity >= .major ? .major : .general
    }
}

/// An allowance, or "set per case by a superior".
public enum StageAllowance: Sendable, Equatable, CustomStringConvertible {
    case allowance(Allowance)
    case setBySuperior

    public var description: String {
        switch self {
        case .allowance(let a): return a.description
        case .setBySuperior: return "set"
        }
    }
}

/// One stage's deadline rule: its calendar, an allowance per column, and when it warns.
public struct StagePolicy: Sendable, Equatable {
    public var stage: Stage
    public var calendar: String
    public var allowances: [DeadlineColumn: StageAllowance]
    /// A fixed warning point (progress note: 12 hours), instead of the warning fraction.
    public var warningAt: Allowance?
    /// The longest the decision may be extended to (counted from receipt), with approval.
    public var extensionLimit: Allowance?

    /// Creates a stage rule.
    public init(stage: Stage, calendar: String, allowances: [DeadlineColumn: StageAllowance],
                warningAt: Allowance? = nil, extensionLimit: Allowance? = nil) {
        self.stage = stage
        self.calendar = calendar
        self.allowances = allowances
        self.warningAt = warningAt
        self.extensionLimit = extensionLimit
    }
}
