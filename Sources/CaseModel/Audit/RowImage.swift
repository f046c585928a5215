import GRDBSQLite

/// The keyed digest of a whole row: what an event says a row became, and what `audit verify`
/// recomputes from the table (docs/audit-trail.md).
///
/// The row is encoded as its non-NULL columns, each named, so a column added later (NULL in old
/// rows) leaves the digests of existing rows unchanged.
enum RowImage {
    /// 16 bytes, as 32 hex digits.
    static let digestBytes = 16

    /// The digest of `values` (in the order of `columns`) of a row of `table`.
    static func digest(_ table: String, columns: [String], values: [AuditValue], mac: AuditMAC, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        buffer += Array("row\u{0}\(table)\u{0}".utf8)
        for (i, v) in values.enumerated() where i < columns.count && !v.isNull {
            AuditChain.appendText(&buffer, columns[i].utf8)
            v.canonical(into: &buffer)
        }
        return mac.digest(buffer, count: digestBytes)
    }
}

extension RowImage {
    /// The same digest, read straight from the current row of a `SELECT` of every column in
    /// table order (`audit verify` reads every row: no value is copied out).
    static func digest(_ table: String, columnNames: [[UInt8]], row s: OpaquePointer, mac: AuditMAC, buffer: inout [UInt8]) -> String {
        buffer.removeAll(keepingCapacity: true)
        buffer += Array("row\u{0}\(table)\u{0}".utf8)
        for (i, name) in columnNames.enumerated() {
            guard let v = sqlite3_column_value(s, Int32(i)), sqlite3_value_type(v) != SQLITE_NULL else { continue }
            AuditChain.appendText(&buffer, name)
            switch sqlite3_value_type(v) {
            case SQLITE_INTEGER:
                buffer.append(0x69); AuditChain.appendInt(&buffer, sqlite3_value_int64(v))
            case SQLITE_FLOAT:
                AuditValue.number(sqlite3_value_double(v)).canonical(into: &buffer)
            case SQLITE_TEXT:
                buffer.append(0x74)
                let n = Int(sqlite3_value_bytes(v))
                if n > 0, let p = sqlite3_value_text(v) { AuditChain.appendText(&buffer, UnsafeBufferPointer(start: p, count: n)) }
                else { AuditChain.appendText(&buffer, [UInt8]()) }
            default:
                buffer.append(0x62)
                let n = Int(sqlite3_value_bytes(v))
                if n > 0, let p = sqlite3_value_blob(v) { AuditChain.appendText(&buffer, UnsafeRawBufferPointer(start: p, count: n)) }
                else { AuditChain.appendText(&buffer, [UInt8]()) }
            }
        }
        return mac.digest(buffer, count: digestBytes)
    }
}
