import Foundation
import GRDB

/// A desk's tables and rows as they leave a file for another backend (docs/server-desk.md,
/// "Moving a desk"): every table the desk keeps, in an order where a referenced table comes
/// before the tables that reference it, read in one transaction so the copy is one moment of the
/// desk. The text indexes are not tables of the desk: a backend builds its own from the cases.
public enum DeskTransfer {
    /// The file migrations a desk of this program has, in order.
    public static func fileMigrations() throws -> [String] { Schema.migrator.migrations }

    /// Columns a desk role may not read straight from a table on a server: the complainant's
    /// identifiers, which the console shows masked until a reveal that the trail records
    /// (docs/personal-data.md), and the event log's row images, which carry the rows of every
    /// audited table.
    public static let withheldColumns: [String: Set<String>] = [
        "cases": ["name", "phone", "id_number", "policy_number", "claim_number", "bank_account"],
        "events": ["row_changes"],
    ]

    /// Reads the desk's tables and their rows in one read transaction.
    public static func read<T>(_ store: CaseStore, _ body: (DeskSnapshot) throws -> T) throws -> T {
        try store.read { db in try body(DeskSnapshot(db: db, tables: try tables(db))) }
    }

    /// The shape of the desk's tables as this program creates them: read from a desk made in
    /// memory, so a backend's schema follows every migration without being written twice.
    public static func currentTables() throws -> [DeskTable] {
        shapeLock.lock()
        defer { shapeLock.unlock() }
        if let shapes = currentShapes { return shapes }
        // A real store, because the last migration keys the audit trail with a key file beside it.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("desk-shape-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let shapes = try CaseStore(path: dir + "/shape.sqlite").read { try tables($0) }
        currentShapes = shapes
        return shapes
    }

    private static let shapeLock = NSLock()
    nonisolated(unsafe) private static var currentShapes: [DeskTable]?

    /// Tables named in the schema, without SQLite's, GRDB's and the text indexes' own.
    static func tables(_ db: Database) throws -> [DeskTable] {
        let virtual = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").filter { name in
            !name.hasPrefix("sqlite_") && name != "grdb_migrations" && !virtual.contains { name == $0 || name.hasPrefix($0 + "_") }
        }
        var shapes: [String: DeskTable] = [:]
        var parents: [String: Set<String>] = [:]
        for name in names {
            var columns: [DeskColumn] = []
            var key: [(Int, String)] = []
            for row in try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [name]) {
                let column: String = row[0]
                columns.append(DeskColumn(name: column, type: DeskColumnType(declared: row[1] ?? ""), notNull: (row[2] as Int64) != 0))
                let pk: Int64 = row[3]
                if pk > 0 { key.append((Int(pk), column)) }
            }
            let keyColumns = key.sorted { $0.0 < $1.0 }.map(\.1)
            shapes[name] = DeskTable(name: name, columns: columns, primaryKey: keyColumns)
            parents[name] = Set(try String.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [name]))
                .subtracting([name])
        }
        // Parents first; ties by name, so the order is the same on every desk of one schema.
        var ordered: [DeskTable] = []
        var placed: Set<String> = []
        while ordered.count < names.count {
            guard let next = names.first(where: { !placed.contains($0) && parents[$0, default: []].isSubset(of: placed) }) else {
                throw StoreError.other(path: "", message: "the desk's tables reference each other in a cycle; nothing was copied")
            }
            ordered.append(shapes[next]!)
            placed.insert(next)
        }
        return ordered
    }
}

/// One moment of a desk, for copying: its tables and a way to read each one's rows.
public struct DeskSnapshot {
    let db: Database
    /// The tables in copy order.
    public let tables: [DeskTable]

    /// Calls `body` with each row of `table` (values in the table's column order), by primary key.
    public func eachRow(of table: DeskTable, _ body: ([DeskValue]) throws -> Void) throws {
        let columns = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let order = table.primaryKey.isEmpty ? "rowid" : table.primaryKey.map { "\"\($0)\"" }.joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \"\(table.name)\" ORDER BY \(order)")
        var values: [DeskValue] = []
        values.reserveCapacity(table.columns.count)
        while let row = try cursor.next() {
            values.removeAll(keepingCapacity: true)
            for i in 0..<table.columns.count { values.append(DeskValue(row[i] as DatabaseValue)) }
            try body(values)
        }
    }

    /// How many rows `table` has.
    public func count(_ table: DeskTable) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table.name)\"") ?? 0
    }
}

/// A table of the desk: its columns in order and its primary key.
public struct DeskTable: Sendable, Equatable {
    /// The table's name.
    public let name: String
    /// The columns, in the table's order.
    public let columns: [DeskColumn]
    /// The primary key's columns (empty: none declared).
    public let primaryKey: [String]
}

/// A column of a desk table.
public struct DeskColumn: Sendable, Equatable {
    /// The column's name.
    public let name: String
    /// What it holds.
    public let type: DeskColumnType
    /// Whether it may not be NULL.
    public let notNull: Bool

    /// A column.
    public init(name: String, type: DeskColumnType, notNull: Bool) {
        self.name = name
        self.type = type
        self.notNull = notNull
    }
}

/// The kind of value a column holds, from its declared SQLite type.
public enum DeskColumnType: String, Sendable, Equatable {
    case integer, real, text, blob

    init(declared: String) {
        let t = declared.uppercased()
        if t.contains("INT") { self = .integer }
        else if t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB") { self = .text }
        else if t.contains("BLOB") || t.isEmpty { self = .blob }
        else { self = .real }
    }
}

/// One value of a desk row.
public enum DeskValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let v): self = .integer(v)
        case .double(let v): self = .real(v)
        case .string(let v): self = .text(v)
        case .blob(let v): self = .blob([UInt8](v))
        }
    }
}
