import GRDB
import GRDBSQLite

/// Reads every row of an audited table as the trail sees it: all columns in table order, in
/// key order, with the row's key (as recorded) and keyed digest.
struct AuditTableScan {
    let table: AuditedTable
    /// The table's columns, in order.
    let columns: [String]
    let keyIndexes: [Int]
    private let names: [[UInt8]]

    /// The scan of `table` as it stands now (nil when the table does not exist).
    init?(_ table: AuditedTable, _ db: Database) throws {
        let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table.name])
        if columns.isEmpty { return nil }
        self.table = table
        self.columns = columns
        keyIndexes = table.key.compactMap { columns.firstIndex(of: $0) }
        names = columns.map { Array($0.utf8) }
    }

    /// Calls `body` with each row's key text, digest and the statement positioned on the row
    /// (read further values with `value(_:_:)`).
    func forEach(_ db: Database, key auditKey: AuditKey, _ body: (_ key: String, _ digest: String, _ row: OpaquePointer) throws -> Void) throws {
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let order = table.key.map { "\"\($0)\"" }.joined(separator: ", ")
        let stmt = try db.makeStatement(sql: "SELECT \(list) FROM \"\(table.name)\" ORDER BY \(order)")
        let s = stmt.sqliteStatement
        var buffer = [UInt8]()
        buffer.reserveCapacity(2048)
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: stmt.sql)
            }
            let key = String(decoding: RowChange.keyText(keyIndexes.map { value(s, $0) }), as: UTF8.self)
            try body(key, RowImage.digest(table.name, columnNames: names, row: s, key: auditKey, buffer: &buffer), s)
        }
    }

    /// Column `i` of the current row.
    func value(_ s: OpaquePointer, _ i: Int) -> AuditValue {
        guard let v = sqlite3_column_value(s, Int32(i)) else { return .null }
        return AuditValue.read(v)
    }

    /// Every column of the current row.
    func values(_ s: OpaquePointer) -> [AuditValue] { columns.indices.map { value(s, $0) } }
}
