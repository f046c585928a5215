/// Crisis events with their cases and reports (`crisis_events`, `crisis_cases`, `crisis_reports`).
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds; the command checks the
/// actor and appends the event in that same transaction, the gateway only writes.
protocol CrisisEventStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Records a proposed event over cases (each case once) and returns its id.
    static func propose(title: String, trigger: CrisisTrigger, branch: String, occurredAt: Instant, caseIds: [Int64],
                        at: Instant, _ tx: Transaction) throws -> Int64
    /// Marks event `id` declared by `by`.
    static func declare(_ id: Int64, by: String, at: Instant, _ tx: Transaction) throws
    /// Marks event `id` dismissed with a reason.
    static func dismiss(_ id: Int64, reason: String, at: Instant, _ tx: Transaction) throws
    /// Files a report on event `id`; a final report is also the event's final result.
    static func fileReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String, by: String,
                           at: Instant, _ tx: Transaction) throws
    /// Marks event `id` closed with its cause analysis and lessons.
    static func close(_ id: Int64, cause: String, lessons: String, at: Instant, _ tx: Transaction) throws
    /// Marks event `id` archived.
    static func archive(_ id: Int64, at: Instant, _ tx: Transaction) throws
}
