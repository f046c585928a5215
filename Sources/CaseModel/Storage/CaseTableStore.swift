/// Cases (`cases`): every write, each guarded by the case's version where a person saves it.
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds; the command checks the
/// actor and appends the event in that same transaction, the gateway only writes.
protocol CaseTableStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Inserts a new case; returns its row id.
    static func insert(_ c: ComplaintCase, _ tx: Transaction) throws -> Int64
    /// Saves every field of a changed case if its version is still `expectedVersion`; bumps it.
    static func update(_ c: inout ComplaintCase, expectedVersion: Int, _ tx: Transaction) throws
    /// Saves only the handler and team (with version, time and user) under the same version rule.
    static func updateAssignment(_ c: inout ComplaintCase, expectedVersion: Int, _ tx: Transaction) throws
    /// Sets the next deadlines a recomputation found changed (id → new `next_due_at`).
    static func setNextDue(_ updates: [(Int64, Int64?)], _ tx: Transaction) throws
    /// Raises the repeat count of a family (the case numbered `root` and its repeats) to at least
    /// `count` (a bulk load's repeats, whose intake events record the change).
    static func raiseRepeatCount(of root: String, to count: Int, _ tx: Transaction) throws
    /// Raises the severity of cases repeated at least `urgent` / `major` times, where no one set it
    /// by hand and it is not already higher (a bulk load's last step, the rule of `SeverityRules`).
    static func raiseSeverityForRepeats(major: Int, urgent: Int, _ tx: Transaction) throws
    /// Puts a seeded case into crisis event `event` at crisis severity, without a version of its
    /// own (the demo's history, recorded by its crisis events).
    static func seedCrisis(_ id: Int64, event: Int64, _ tx: Transaction) throws
    /// Clears the personal data and free text of the finished cases of `tracks` untouched since
    /// `before`, keeping their rows as tombstones; returns how many.
    static func purge(before: Instant, tracks: TrackScope, at: Instant, by: String, _ tx: Transaction) throws -> Int
}
