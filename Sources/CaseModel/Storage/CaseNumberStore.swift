/// The day counters behind case numbers (`case_sequences`): `TS-YYYYMMDD-NNNN` counts each day.
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds.
protocol CaseNumberStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Advances the counter of `day` (`YYYYMMDD`) and returns its new value (1 for a new day).
    static func takeNext(day: String, _ tx: Transaction) throws -> Int
    /// Sets the counter of `day` to `last` (a bulk load that numbered its cases in memory).
    static func setLast(day: String, _ last: Int, _ tx: Transaction) throws
}
