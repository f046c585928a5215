/// Unsaved forms kept per user and form (`drafts`, docs/drafts.md): what the console offers back
/// after a crash.
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds.
protocol DraftStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Keeps `user`'s draft of `form` (replacing the one before), with the case it is about.
    static func save(user: String, form: String, caseNumber: String?, caseKind: String?, fields: String, at: Instant, _ tx: Transaction) throws
    /// Removes `user`'s drafts saved before `cutoff`.
    static func removeOlder(user: String, than cutoff: Instant, _ tx: Transaction) throws
    /// Removes `user`'s draft of `form`.
    static func remove(user: String, form: String, _ tx: Transaction) throws
    /// Removes the drafts about cases of `tracks` purged at `purgedAt`, and every draft of those
    /// tracks saved before `cutoff`.
    static func purge(purgedAt: Instant, olderThan cutoff: Instant, tracks: TrackScope, _ tx: Transaction) throws
}
