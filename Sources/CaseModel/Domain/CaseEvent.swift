/// One entry of a case's timeline and of the audit trail: who did what, when, and what changed.
///
/// Append-only: the store refuses UPDATE and DELETE on the event table.
public struct CaseEvent: Sendable, Equatable, Codable {
    /// Event id: increases with every write, so "the newest event id" is the desk's change signal.
    public var id: Int64
    /// The case's row id (nil for desk-wide events such as an import batch).
    public var caseId: Int64?
    /// The case number, for display.
    public var caseNumber: String?
    public var at: Instant
    /// The acting user.
    public var actor: String
    /// What happened: a workflow action code, or `intake`, `assign`, `import`, `link-repeat`, `severity`...
    public var action: String
    /// Status before and after (equal when the action did not move the case).
    public var fromStatus: CaseStatus?
    public var toStatus: CaseStatus?
    /// Field changes and recorded inputs, `key → value`, stored as JSON.
    public var detail: [String: String]

    /// Creates an event.
    public init(id: Int64 = 0, caseId: Int64?, caseNumber: String?, at: Instant, actor: String, action: String,
                fromStatus: CaseStatus? = nil, toStatus: CaseStatus? = nil, detail: [String: String] = [:]) {
        self.id = id
        self.caseId = caseId
        self.caseNumber = caseNumber
        self.at = at
        self.actor = actor
        self.action = action
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.detail = detail
    }
}
