/// Penalty entries of accountability determinations (`penalties`, docs/penalties.md).
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds.
protocol PenaltyStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Records one entry of a determination on case `caseId`, made by `by`.
    static func insert(_ e: PenaltyEntry, caseId: Int64, by: String, at: Instant, _ tx: Transaction) throws
}
