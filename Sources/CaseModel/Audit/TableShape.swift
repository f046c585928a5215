import GRDBSQLite

/// One audited table's columns with everything an inserted row's record needs precomputed, so the
/// pre-update hook encodes a new row in one pass over libsqlite3's values, without copying them:
/// the demo and imports insert a row per case (docs/audit-trail.md).
///
/// The bytes written are exactly those of `AuditValue.json`/`recorded` and `RowImage.digest`,
/// which read rows back for `audit verify`.
struct TableShape {
    let table: AuditedTable
    let columns: [String]
    /// Each column's name as the canonical encoding writes it (length-prefixed).
    private let names: [[UInt8]]
    private let isKey: [Bool]
    /// `field\0table.column\0` for digested columns (the keyed digest's domain), nil otherwise.
    private let digestPrefixes: [[UInt8]?]
    private let rowPrefix: [UInt8]
    private let tableName: [UInt8]
    let keyIndexes: [Int]

    init(_ table: AuditedTable, columns: [String]) {
        self.table = table
        self.columns = columns
        names = columns.map { var b = [UInt8](); AuditChain.appendText(&b, $0.utf8); return b }
        let keys = table.key.compactMap { columns.firstIndex(of: $0) }
        keyIndexes = keys
        isKey = columns.indices.map { keys.contains($0) }
        digestPrefixes = columns.map { table.digested.contains($0) ? Array("field\u{0}\(table.name).\($0)\u{0}".utf8) : nil }
        rowPrefix = Array("row\u{0}\(table.name)\u{0}".utf8)
        tableName = Array(table.name.utf8)
    }

    /// Writes an inserted row's record line: its key, its keyed digest and every value.
    func appendInsert(_ value: (Int) -> OpaquePointer?, key auditKey: AuditKey, canonical: inout [UInt8], json: inout [UInt8],
                      field: inout [UInt8], into out: inout [UInt8]) {
        canonical.removeAll(keepingCapacity: true)
        canonical += rowPrefix
        json.removeAll(keepingCapacity: true)
        json.append(0x5b)
        var end = 1
        var key: [UInt8] = [0x5b]
        key.reserveCapacity(24)

        for i in columns.indices {
            if i > 0 { json.append(0x2c) }
            let start = json.count
            guard let v = value(i), sqlite3_value_type(v) != SQLITE_NULL else {
                json += [0x6e, 0x75, 0x6c, 0x6c]
                if isKey[i] { if key.count > 1 { key.append(0x2c) }; key += [0x6e, 0x75, 0x6c, 0x6c] }
                continue
            }
            canonical += names[i]
            let valueStart = canonical.count
            Self.appendCanonical(v, into: &canonical)
            if let prefix = digestPrefixes[i], !(sqlite3_value_type(v) == SQLITE_TEXT && sqlite3_value_bytes(v) == 0) {
                field.removeAll(keepingCapacity: true)
                field += prefix
                field += canonical[valueStart...]
                json += [0x7b, 0x22, 0x23, 0x22, 0x3a, 0x22]
                field.withUnsafeBytes { auditKey.mac.appendHexDigest($0, count: 8, into: &json) }
                json += [0x22, 0x7d]
            } else {
                Self.appendJSON(v, into: &json)
            }
            if isKey[i] { if key.count > 1 { key.append(0x2c) }; key += json[start...] }
            end = json.count
        }
        json.removeSubrange(end...)
        json.append(0x5d)
        key.append(0x5d)
        out.append(RowChange.Op.insert.rawValue); out.append(9)
        out += tableName; out.append(9)
        out += key; out.append(9)
        auditKey.rows.appendHex(canonical, into: &out); out.append(9)
        out += json; out.append(10)
    }

    /// A value's canonical bytes, as `AuditValue.canonical` writes them (whole-number REALs as INTEGERs).
    static func appendCanonical(_ v: OpaquePointer, into b: inout [UInt8]) {
        switch sqlite3_value_type(v) {
        case SQLITE_INTEGER:
            b.append(0x69); AuditChain.appendInt(&b, sqlite3_value_int64(v))
        case SQLITE_FLOAT:
            AuditValue.number(sqlite3_value_double(v)).canonical(into: &b)
        case SQLITE_TEXT:
            b.append(0x74)
            let n = Int(sqlite3_value_bytes(v))
            if n > 0, let p = sqlite3_value_text(v) { AuditChain.appendText(&b, UnsafeBufferPointer(start: p, count: n)) }
            else { AuditChain.appendText(&b, [UInt8]()) }
        case SQLITE_NULL:
            b.append(0x6e)
        default:
            b.append(0x62)
            let n = Int(sqlite3_value_bytes(v))
            if n > 0, let p = sqlite3_value_blob(v) { AuditChain.appendText(&b, UnsafeRawBufferPointer(start: p, count: n)) }
            else { AuditChain.appendText(&b, [UInt8]()) }
        }
    }

    /// A (not digested) value as JSON, as `AuditValue.json` writes it.
    static func appendJSON(_ v: OpaquePointer, into out: inout [UInt8]) {
        switch sqlite3_value_type(v) {
        case SQLITE_INTEGER:
            AuditValue.appendDecimal(sqlite3_value_int64(v), into: &out)
        case SQLITE_TEXT:
            let n = Int(sqlite3_value_bytes(v))
            if n > 0, let p = sqlite3_value_text(v) { AuditValue.jsonString(UnsafeBufferPointer(start: p, count: n), into: &out) }
            else { out += [0x22, 0x22] }
        default:
            AuditValue.read(v).json(into: &out)
        }
    }
}
