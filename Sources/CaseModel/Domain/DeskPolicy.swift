/// The desk's configurable rules: severity thresholds, the repeat window, the stage deadlines
/// and the calendars they count on. Defaults are the shipped ones (`DefaultPolicyFile`); a policy file
/// in the config directory replaces them.
public struct DeskPolicy: Sendable {
    /// The policy file's version label, recorded with recomputations.
    public var version = "built-in"
    public var severity = SeverityThresholds()
    /// Days after closing within which a new complaint on the same matter is a repeat.
    public var repeatWindowDays = 30
    /// Years a closed case is kept, from its last change, before `console purge` may remove its personal data.
    public var retentionYears = 3
    /// Share of an allowance after which a clock warns.
    public var warningFraction = 0.75
    /// Repeat count from which a case must be handled the same day.
    public var sameDayRepeat = 3
    public var sameDayCalendar = "duty"
    /// The calendars (business, duty, 24x7 and any the desk adds).
    public var calendars: CalendarSet = .defaults
    /// Each stage's rule (every stage but same-day).
    public var stages: [Stage: StagePolicy] = [:]
    public var crisis = CrisisPolicy()
    public var alerts = AlertPolicy()
    public var penalties = PenaltyPolicy()
    /// Which level each alert rule raises (`[alert-levels]`).
    public var alertLevels = AlertLevelPolicy()
    /// What each role's alert pane shows by default (`[alert-views]`).
    public var alertViews = AlertViewPolicy()
    /// How move-all shares an absent handler's cases (`[move-all]`, `[teams]`).
    public var assignment = AssignmentPolicy()

    /// An empty policy with the default thresholds; use `PolicyFile.defaults` for the full default policy.
    public init() {}
}

/// When crisis events are proposed and when their reports are due (docs/crisis.md).
public struct CrisisPolicy: Sendable, Equatable {
    public var people = 5
    public var massIncident = 50
    public var burstCount = 5
    public var burstWindowSeconds: Int64 = 3600
    public var superiorReportSeconds: Int64 = 3600
    public var hqReportSeconds: Int64 = 24 * 3600
    public var reportWarningSeconds: Int64 = 15 * 60
    /// The shipped defaults (docs/crisis.md).
    public init() {}
}

/// Thresholds of the alert rules (docs/alerts.md, "Rules").
public struct AlertPolicy: Sendable, Equatable {
    public var unassignedSeconds: Int64 = 15 * 60
    public var reminderGraceSeconds: Int64 = 30 * 60
    public var loadFactor = 2.0
    public var minLoad = 10
    public var branchValidRate = 0.05
    /// The shipped defaults (docs/alerts.md).
    public init() {}
}

/// Penalty amounts in yuan (docs/penalties.md); 0 means a reminder only.
public struct PenaltyPolicy: Sendable, Equatable {
    public var firstDirect = 0.0
    public var secondDirect = 50.0
    public var secondLead = 0.0
    public var thirdDirect = 100.0
    public var thirdLead = 50.0
    public var regulatorLocal = 100.0
    public var regulatorNational = 200.0
    public var media = 200.0
    public var online = 200.0
    public var prCostShare = 0.10
    /// The shipped defaults (docs/penalties.md, "Amounts").
    public init() {}
}

/// How move-all shares an absent handler's cases (docs/alerts.md, "Move-all").
public struct AssignmentPolicy: Sendable, Equatable {
    /// A case due within this long (or overdue) is urgent: urgent cases are dealt round-robin first.
    public var urgentWithinSeconds: Int64 = 4 * 3600
    /// The teams that handle each category: a receiver in one of them is preferred for such a case.
    public var teams: [Category: [String]] = [:]
    /// No team preference, urgent within 4 hours.
    public init() {}
}
