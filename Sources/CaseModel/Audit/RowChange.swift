/// One row change as an event records it in `events.row_changes`: one line per changed row,
/// `op TAB table TAB key TAB digest TAB values` (docs/audit-trail.md).
///
/// - `+` inserted: `values` is a JSON array of every column in table order (trailing NULLs left off);
/// - `~` updated: a JSON object of the changed columns' new values;
/// - `-` deleted: no digest, no values;
/// - `=` the row as it stood when the trail became keyed (the baseline): an array when every
///   column is known, an object of the columns recorded (a case's number and kind).
///
/// `key` is a JSON array of the primary-key values; `digest` the keyed digest of the whole row
/// after the change (`RowImage`), which is what `audit verify` compares first.
struct RowChange {
    enum Op: UInt8 {
        case insert = 0x2b, update = 0x7e, delete = 0x2d, baseline = 0x3d
    }

    var op: Op
    var table: String
    /// The key as recorded (JSON text): the identity of the row in the replay.
    var key: String
    var digest: String
    /// The values' JSON text.
    var values: ArraySlice<UInt8>

    /// Appends one line.
    static func append(_ op: Op, table: String, key: [UInt8], digest: String, values: [UInt8], into out: inout [UInt8]) {
        out.append(op.rawValue); out.append(9)
        out += Array(table.utf8); out.append(9)
        out += key; out.append(9)
        out += Array(digest.utf8); out.append(9)
        out += values; out.append(10)
    }

    /// The JSON array of key values.
    static func keyText(_ values: [AuditValue]) -> [UInt8] {
        var out: [UInt8] = [0x5b]
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(0x2c) }
            v.json(into: &out)
        }
        out.append(0x5d)
        return out
    }

    /// Calls `body` with each well-formed line of a recorded text; returns how many lines were not.
    @discardableResult
    static func forEach(_ text: [UInt8], _ body: (RowChange) throws -> Void) rethrows -> Int {
        var bad = 0
        var start = 0
        let n = text.count
        while start < n {
            var end = start
            while end < n && text[end] != 10 { end += 1 }
            var fields: [Range<Int>] = []
            var f = start
            for i in start..<end where text[i] == 9 {
                fields.append(f..<i)
                f = i + 1
                if fields.count == 4 { break }
            }
            fields.append(f..<end)
            if fields.count == 5, fields[0].count == 1, let op = Op(rawValue: text[fields[0].lowerBound]) {
                try body(RowChange(op: op, table: String(decoding: text[fields[1]], as: UTF8.self),
                                   key: String(decoding: text[fields[2]], as: UTF8.self),
                                   digest: String(decoding: text[fields[3]], as: UTF8.self), values: text[fields[4]]))
            } else if end > start {
                bad += 1
            }
            start = end + 1
        }
        return bad
    }
}

/// The values of a recorded row change, parsed.
enum RowValues {
    /// Every column in table order.
    case positional([AuditValue])
    /// Some columns by name.
    case named([(String, AuditValue)])

    /// Parses `+`/`=` arrays and `~`/`=` objects; nil when the text is not a record of values.
    static func parse(_ text: ArraySlice<UInt8>) -> RowValues? {
        var p = AuditJSONParser(Array(text))
        p.skipSpace()
        if p.peek == 0x5b {
            guard let list = p.array() else { return nil }
            return .positional(list)
        }
        guard let pairs = p.object() else { return nil }
        return .named(pairs)
    }
}
