/// The people on the roster and their duty shifts (`users`, `shifts`).
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds; the command checks the
/// actor and appends the event in that same transaction, the gateway only writes.
protocol RosterStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Puts a person on the roster; refuses an empty or taken name.
    static func add(_ user: DeskUser, _ tx: Transaction) throws
    /// Changes a person's role.
    static func setRole(_ name: String, _ role: Role, _ tx: Transaction) throws
    /// Disables or re-enables a person.
    static func setActive(_ name: String, _ active: Bool, _ tx: Transaction) throws
    /// Sets a person's work phone (canonical form; empty clears it).
    static func setPhone(_ name: String, _ phone: String, _ tx: Transaction) throws
    /// Records a shift and returns its id.
    static func insertShift(_ shift: Shift, _ tx: Transaction) throws -> Int64
    /// Moves shift `id` to another person or time.
    static func moveShift(_ id: Int64, to shift: Shift, _ tx: Transaction) throws
    /// Removes shift `id`.
    static func removeShift(_ id: Int64, _ tx: Transaction) throws
}
