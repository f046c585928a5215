import Foundation
import GRDB

/// The host's read copy of a server desk (docs/server-desk.md, "Reading a server desk"): a desk
/// file holding what one server login may see — row-level security has already taken the rest —
/// that the console and the read commands open read-only, kept current from the server's change
/// notices. It is a cache, not a desk: its event log has the gaps of the events its reader may
/// not see, so the log's order and hash triggers are dropped, and it is never verified or written by a command.
public enum DeskReplica {
    /// One table's rows from the server: all of them (the table is replaced), or rows to insert
    /// or update by key.
    public struct Change: Sendable {
        /// The table.
        public var table: DeskTable
        /// Its rows, values in the table's column order.
        public var rows: [[DeskValue]]
        /// Whether these are all its rows (the table is emptied first) or rows to upsert by key.
        public var wholeTable: Bool
        /// A change.
        public init(table: DeskTable, rows: [[DeskValue]], wholeTable: Bool) {
            self.table = table
            self.rows = rows
            self.wholeTable = wholeTable
        }
    }

    /// Creates an empty replica at `path` (which must not exist), mode 0600.
    public static func create(at path: String) throws -> CaseStore {
        let store = try CaseStore(path: path)
        try store.writeCopiedRows { db in
            // Its events have gaps (what its reader may not see), and their chain is the server's
            // to keep and to verify: the checks of an appended event do not apply to a copy.
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_next_id")
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_hash_required")
        }
        return store
    }

    /// Fills a copy just created with every table's rows, as a bulk load (its indexes built once).
    public static func fill(_ store: CaseStore, _ fill: (DeskTable, _ insert: ([DeskValue]) throws -> Void) throws -> Void) throws {
        _ = try DeskRestore.load(store, try DeskTransfer.currentTables(), fill)
    }

    /// The newest event the replica holds (0: none).
    public static func lastEvent(_ store: CaseStore) throws -> Int64 {
        try store.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM events") ?? 0 }
    }

    /// How many cases the copy holds.
    public static func caseCount(_ store: CaseStore) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0 }
    }

    /// Removes every case not in `visible`, with the rows that name it; returns how many.
    @discardableResult
    public static func keepOnly(cases visible: Set<Int64>, _ store: CaseStore) throws -> Int {
        let gone = try store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM cases") }.filter { !visible.contains($0) }
        guard !gone.isEmpty else { return 0 }
        try store.writeCopiedRows { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            // The copy's event log is a cache: its append-only triggers guard a desk, not this.
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_no_delete")
            defer { try? db.execute(sql: AuditTriggers.noDeleteSQL) }
            for id in gone {
                for table in ["events", "penalties", "crisis_cases", "import_keys"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE case_id = ?", arguments: [id])
                }
                try db.execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [id])
            }
        }
        return gone.count
    }

    /// Applies changes in one transaction, with the trail's row capture paused (these rows are
    /// the server's, already in its trail). A known row is updated in place (an upsert), which the
    /// text index's triggers follow exactly.
    public static func apply(_ store: CaseStore, _ changes: [Change]) throws {
        try store.writeCopiedRows { db in
            // A table replaced whole is emptied before its rows come back, while other tables
            // still reference them: the references are checked at commit.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for change in changes {
                let t = change.table
                let quoted = t.columns.map { "\"\($0.name)\"" }
                if change.wholeTable {
                    // Most catch-ups find the small tables as they were: rewriting thousands of
                    // crisis rows at every notice cost more than the rest of the catch-up.
                    if !t.primaryKey.isEmpty {
                        let order = t.primaryKey.map { "\"\($0)\"" }.joined(separator: ", ")
                        let current = try Row.fetchAll(db, sql: "SELECT \(quoted.joined(separator: ", ")) FROM \"\(t.name)\" ORDER BY \(order)")
                            .map { row in t.columns.indices.map { DeskValue(row[$0] as DatabaseValue) } }
                        if current == change.rows { continue }
                    }
                    try db.execute(sql: "DELETE FROM \"\(t.name)\"")
                }
                var sql = "INSERT INTO \"\(t.name)\" (\(quoted.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: quoted.count).joined(separator: ", ")))"
                let keys = Set(t.primaryKey)
                let others = t.columns.map(\.name).filter { !keys.contains($0) }
                if !change.wholeTable && !t.primaryKey.isEmpty {
                    sql += " ON CONFLICT (\(t.primaryKey.map { "\"\($0)\"" }.joined(separator: ", "))) DO "
                    sql += others.isEmpty ? "NOTHING" : "UPDATE SET " + others.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
                }
                let statement = try db.makeStatement(sql: sql)
                for row in change.rows {
                    try statement.execute(arguments: StatementArguments(row.map(\.databaseValue)))
                }
            }
        }
    }
}
