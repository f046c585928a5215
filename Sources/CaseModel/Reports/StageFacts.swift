/// What a case's stage deadlines and their outcome depend on (`StageTimeliness`): its kind and
/// severity (the deadline column), status, and the timestamps that start and end each stage.
///
/// A report evaluates tens of thousands of cases; reading these few values straight from the
/// row instead of building a whole `ComplaintCase` for each keeps that pass cheap
/// (docs/bulk-data.md, "Reports: the fast read").
struct StageFacts: Sendable {
    var kind: CaseKind
    var severity: Severity
    var status: CaseStatus
    var stagesStartedAt: Instant
    var contactedAt: Instant?
    var submittedAt: Instant?
    var approvedAt: Instant?
    var closedAt: Instant?
    var followedUpAt: Instant?
    var promisedAt: Instant?
    var columnChangedAt: Instant?

    /// The facts of a case.
    init(_ c: ComplaintCase) {
        self.init(kind: c.kind, severity: c.severity, status: c.status, stagesStartedAt: c.stagesStartedAt,
                  contactedAt: c.contactedAt, submittedAt: c.submittedAt, approvedAt: c.approvedAt, closedAt: c.closedAt,
                  followedUpAt: c.followedUpAt, promisedAt: c.promisedAt, columnChangedAt: c.columnChangedAt)
    }

    /// The facts as read from a row.
    init(kind: CaseKind, severity: Severity, status: CaseStatus, stagesStartedAt: Instant, contactedAt: Instant?, submittedAt: Instant?,
         approvedAt: Instant?, closedAt: Instant?, followedUpAt: Instant?, promisedAt: Instant?, columnChangedAt: Instant?) {
        self.kind = kind; self.severity = severity; self.status = status; self.stagesStartedAt = stagesStartedAt
        self.contactedAt = contactedAt; self.submittedAt = submittedAt; self.approvedAt = approvedAt; self.closedAt = closedAt
        self.followedUpAt = followedUpAt; self.promisedAt = promisedAt; self.columnChangedAt = columnChangedAt
    }

    /// The deadline column (`DeadlineColumn.of`).
    var column: DeadlineColumn { DeadlineColumn.of(kind: kind, severity: severity) }
}
