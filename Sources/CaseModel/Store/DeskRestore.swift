import Foundation
import GRDB

/// Fills a new desk file from another backend's copy of a desk (docs/server-desk.md, "Moving a
/// desk"): the rows arrive as they were written, events and their hashes included, so the file
/// is the same desk rather than a new history of it. Only an empty desk is filled, in one
/// transaction; the audit trail then verifies with the desk's own key or the file is not kept.
public enum DeskRestore {
    /// What a restore found.
    public struct Outcome: Sendable {
        /// Each table and the rows it received.
        public var tables: [(name: String, rows: Int)] = []
        /// The trail's verification on the new file.
        public var verification: AuditChain.Verification
    }

    /// Why a restore stopped.
    public struct Refusal: Error, CustomStringConvertible {
        /// What was refused, and that nothing was written.
        public let description: String
    }

    /// Fills `store` (a desk this program just created, holding nothing) with the rows `fill`
    /// gives for each table, in the tables' order. The row capture of the audit trail is paused:
    /// these rows are already in the trail they bring. The text indexes and the secondary indexes
    /// are built once, at the end (as in a bulk load).
    public static func fill(_ store: CaseStore, _ fill: (DeskTable, _ insert: ([DeskValue]) throws -> Void) throws -> Void) throws -> Outcome {
        let tables = try DeskTransfer.read(store) { snapshot in
            for t in snapshot.tables where try snapshot.count(t) > 0 {
                throw Refusal(description: "\(store.path) is not empty (\(t.name) has rows); a desk is restored only into a new file; nothing was written")
            }
            return snapshot.tables
        }
        let counts = try load(store, tables, fill)
        let verification = try store.read { db in try AuditChain.verify(db) }
        return Outcome(tables: counts, verification: verification)
    }
}

extension DeskRestore {
    /// Inserts every table's rows into an empty desk in one transaction, as a bulk load: the
    /// trail's capture paused, the text and secondary indexes built once at the end.
    static func load(_ store: CaseStore, _ tables: [DeskTable], _ fill: (DeskTable, _ insert: ([DeskValue]) throws -> Void) throws -> Void) throws -> [(String, Int)] {
        var counts: [(String, Int)] = []
        try store.writeCopiedRows { db in
            let plan = try BulkLoad.begin(keep: [], insertsOnly: true, db)
            for table in tables {
                let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                let statement = try db.makeStatement(sql: "INSERT INTO \"\(table.name)\" (\(columns)) VALUES (\(marks))")
                var n = 0
                try fill(table) { row in
                    try statement.execute(arguments: StatementArguments(row.map(\.databaseValue)))
                    n += 1
                }
                counts.append((table.name, n))
            }
            try BulkLoad.end(plan, db)
        }
        return counts
    }
}

extension DeskValue {
    /// The value as SQLite stores it.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let v): v.databaseValue
        case .real(let v): v.databaseValue
        case .text(let v): v.databaseValue
        case .blob(let v): Data(v).databaseValue
        }
    }
}
