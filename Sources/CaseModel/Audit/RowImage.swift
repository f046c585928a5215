import GRDBSQLite

/// The keyed digest of a whole row: what an event says a row became, and what `audit verify`
/// recomputes from the table (docs/audit-trail.md). SipHash-2-4-128 under a subkey of the desk
/// key: a keyed function, and cheap enough to pay on every row written and read.
///
/// The row is encoded as its non-NULL columns, each named, so a column added later (NULL in old
/// rows) leaves the digests of existing rows unchanged.
enum RowImage {
    /// The digest of `values` (in the order of `columns`) of a row of `table`.
    static func digest(_ table: String, columns: [String], values: [AuditValue], key: AuditKey, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        buffer += Array("row\u{0}\(table)\u{0}".utf8)
        for (i, v) in values.enumerated() where i < columns.count && !v.isNull {
            AuditChain.appendText(&buffer, columns[i].utf8)
            v.canonical(into: &buffer)
        }
        return AuditChain.hex(key.rows.hash(buffer))
    }
}

extension RowImage {
    /// The same digest, read straight from the current row of a `SELECT` of every column in
    /// table order (`audit verify` reads every row: no value is copied out).
    static func digest(_ table: String, columnNames: [[UInt8]], row s: OpaquePointer, key: AuditKey, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        buffer += Array("row\u{0}\(table)\u{0}".utf8)
        for (i, name) in columnNames.enumerated() {
            guard let v = sqlite3_column_value(s, Int32(i)), sqlite3_value_type(v) != SQLITE_NULL else { continue }
            AuditChain.appendText(&buffer, name)
            TableShape.appendCanonical(v, into: &buffer)
        }
        return AuditChain.hex(key.rows.hash(buffer))
    }
}
