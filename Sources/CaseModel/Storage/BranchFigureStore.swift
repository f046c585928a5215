/// The branches' monthly business figures (`branch_figures`): the denominators of the
/// regulator's complaint ratios (docs/metrics.md).
///
/// Part of the storage port (docs/storage-boundary.md): a backend's gateway implements it, with
/// `Transaction` its handle on the transaction the calling command holds.
protocol BranchFigureStore {
    /// The backend's handle on the caller's transaction.
    associatedtype Transaction
    /// Sets the figures `r` gives for its branch and month; a figure it leaves nil keeps its value.
    static func merge(_ r: BranchFigures, _ tx: Transaction) throws
}
