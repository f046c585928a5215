/// The desk's settings (`settings`): key → value.
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds; the command checks the
/// actor and appends the event in that same transaction, the gateway only writes.
protocol SettingsStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Sets `key` to `value`, replacing any value it had.
    static func set(_ key: String, _ value: String, _ tx: Transaction) throws
    /// Sets `key` to `value` unless it has a value already.
    static func setIfMissing(_ key: String, _ value: String, _ tx: Transaction) throws
    /// Removes `key`.
    static func remove(_ key: String, _ tx: Transaction) throws
}
