import Foundation

/// Where a desk's writes go when its data lives elsewhere (a server desk, docs/server-desk.md,
/// "Writing to a server desk"): the command runs as always against the host's copy, in a
/// transaction that is rolled back; the rows it changed are sent here as one transaction.
///
/// The command's own rules (permissions, workflow, optimistic versions) run unchanged on the
/// copy; the backend adds what only it can know: that nobody changed the same rows or appended
/// to the trail in between (`DeskWriteThroughError.moved`), and what the login may write.
public protocol DeskWriteThrough: AnyObject, Sendable {
    /// What the next write must follow on the backend: the trail's newest event, and the highest
    /// row id of each table whose rows the login may not all see (a new row takes the next).
    func basis() throws -> DeskWriteBasis
    /// Saves one command's row changes, all or none; throws `DeskWriteThroughError.moved` when
    /// the backend changed since `basis` (the command is then run again on a fresh copy).
    func send(_ changes: [DeskRowChange], basis: DeskWriteBasis) throws
    /// Brings the host's copy up to date with the backend.
    func catchUp() throws
}

/// Why a write sent to the backend was not saved and is worth running again.
public enum DeskWriteThroughError: Error, Equatable {
    /// Someone else changed the same rows or appended to the trail first; nothing was saved.
    case moved
    /// The backend would not let this login change rows of `table` (its own rules, stricter than
    /// or apart from the command's); nothing was saved, and running again would not help.
    case refused(table: String, login: String)
}

/// What a write through to a backend follows (`DeskWriteThrough.basis`).
public struct DeskWriteBasis: Sendable, Equatable {
    /// The trail's newest event on the backend (0 and the genesis link when there is none).
    public var headId: Int64
    /// Its hash (32 bytes).
    public var headHash: [UInt8]
    /// The highest row id per table, for tables whose new rows take `max(id) + 1`.
    public var highestIds: [String: Int64]

    /// A basis.
    public init(headId: Int64, headHash: [UInt8], highestIds: [String: Int64]) {
        self.headId = headId
        self.headHash = headHash
        self.highestIds = highestIds
    }
}

/// One row a command changed, as the backend must change it.
public struct DeskRowChange: Sendable, Equatable {
    /// Insert, update or delete.
    public enum Kind: String, Sendable { case insert, update, delete }
    /// The table.
    public let table: DeskTable
    /// What happened to the row.
    public let kind: Kind
    /// The row before (update, delete), every column in the table's order.
    public let old: [DeskValue]
    /// The row after (insert, update), every column in the table's order.
    public let new: [DeskValue]

    /// A change.
    public init(table: DeskTable, kind: Kind, old: [DeskValue], new: [DeskValue]) {
        self.table = table
        self.kind = kind
        self.old = old
        self.new = new
    }

    /// The columns an update changed (indexes into `table.columns`).
    public var changedColumns: [Int] { table.columns.indices.filter { old[$0] != new[$0] } }
}
