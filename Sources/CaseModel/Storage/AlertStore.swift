/// Alerts (`alerts`) and what each reader has seen of them (`alert_readers`, `alert_notices`),
/// docs/alerts.md.
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds.
protocol AlertStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Raises an alert: a new (rule, subject, level) is inserted, an active one left alone, a
    /// cleared one made active again and unacknowledged; returns whether anything was raised.
    static func raise(_ a: DeskAlert, caseKind: CaseKind?, _ tx: Transaction) throws -> Bool
    /// Refreshes the text of an active alert whose facts moved; its acknowledgement stays.
    static func refreshText(_ a: DeskAlert, _ tx: Transaction) throws
    /// Clears the active alert (rule, subject, level).
    static func clear(rule: String, subject: String, level: String, at: Instant, _ tx: Transaction) throws
    /// Acknowledges the active alert (rule, subject, level) for `by`, with a note.
    static func acknowledge(rule: String, subject: String, level: String, by: String, note: String, at: Instant, _ tx: Transaction) throws
    /// Acknowledges the alert stored as `rowId` for `by`, with a note.
    static func acknowledge(rowId: Int64, by: String, note: String, at: Instant, _ tx: Transaction) throws
    /// Gives `user` a reader's row (announcements start at `at`) unless they have one.
    static func ensureReader(_ user: String, at: Instant, _ tx: Transaction) throws
    /// Marks the alerts as looked at by `user` at `at`.
    static func setLastLooked(_ user: String, at: Instant, _ tx: Transaction) throws
    /// Sets how new critical alerts are announced to `user`.
    static func setNotification(_ user: String, _ value: AlertNotification, _ tx: Transaction) throws
    /// Records that `notice` was announced to `user` (once).
    static func recordNotice(_ user: String, notice: String, at: Instant, _ tx: Transaction) throws
}
