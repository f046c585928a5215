/// Which case each row of another system's export became (`import_keys`), so that importing the
/// same row again updates that case instead of creating another (README, "Bringing in another system's complaints").
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds.
protocol ImportKeyStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Records (or re-records) that `source`'s row `id` is case `caseId`, with the row's hash.
    static func save(source: String, id: String, caseId: Int64, hash: Int64, at: Instant, _ tx: Transaction) throws
}
