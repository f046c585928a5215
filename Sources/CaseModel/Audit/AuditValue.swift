import GRDBSQLite

/// One column value as the audit trail records and compares it.
///
/// A whole-number REAL is the same value as the INTEGER (SQLite may store either for a REAL
/// column), so both sides of a comparison normalise it. Digested columns hold `digest`: the
/// keyed digest of the value, never the value.
enum AuditValue: Equatable, Sendable {
    case null
    case int(Int64)
    case real(Double)
    case text([UInt8])
    case blob([UInt8])
    case digest(String)

    /// The value of a libsqlite3 value (a column of a row being read, or of a row being changed).
    static func read(_ v: OpaquePointer) -> AuditValue {
        switch sqlite3_value_type(v) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(sqlite3_value_int64(v))
        case SQLITE_FLOAT: return number(sqlite3_value_double(v))
        case SQLITE_TEXT:
            let n = Int(sqlite3_value_bytes(v))
            guard n > 0, let p = sqlite3_value_text(v) else { return .text([]) }
            return .text([UInt8](UnsafeBufferPointer(start: p, count: n)))
        default:
            let n = Int(sqlite3_value_bytes(v))
            guard n > 0, let p = sqlite3_value_blob(v) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: p, count: n)))
        }
    }

    /// A REAL, as an INTEGER when it is a whole number that a double holds exactly.
    static func number(_ d: Double) -> AuditValue {
        if d.rounded() == d, abs(d) <= 9_007_199_254_740_992 { return .int(Int64(d)) }
        return .real(d)
    }

    var isNull: Bool { self == .null }

    /// Appends the value's canonical bytes (a type tag, then a fixed or length-prefixed payload).
    func canonical(into b: inout [UInt8]) {
        switch self {
        case .null: b.append(0x6e)
        case .int(let i): b.append(0x69); AuditChain.appendInt(&b, i)
        case .real(let d): b.append(0x66); AuditChain.appendInt(&b, Int64(bitPattern: d.bitPattern))
        case .text(let t): b.append(0x74); AuditChain.appendText(&b, t)
        case .blob(let x): b.append(0x62); AuditChain.appendText(&b, x)
        case .digest(let h): b.append(0x23); AuditChain.appendText(&b, h.utf8)
        }
    }

    /// This value as recorded for `column` of `table`: a keyed digest when the column is digested
    /// and the value is not empty (emptiness is no personal data: a purge shows as emptied fields).
    func recorded(_ table: AuditedTable, _ column: String, _ mac: AuditMAC) -> AuditValue {
        guard table.digested.contains(column) else { return self }
        switch self {
        case .null, .digest: return self
        case .text(let t) where t.isEmpty: return self
        default:
            var b = Array("field\u{0}\(table.name).\(column)\u{0}".utf8)
            canonical(into: &b)
            return .digest(mac.digest(b, count: 8))
        }
    }

    /// Appends the value as JSON: numbers, strings, null; `{"#":"…"}` for a digest, `{"x":"…"}`
    /// for a blob, `{"f":"…"}` for a REAL JSON cannot spell (infinity).
    func json(into out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .int(let i): Self.appendDecimal(i, into: &out)
        case .real(let d):
            if d.isFinite { out += Array("\(d)".utf8) } else { out += Array("{\"f\":\"\(d)\"}".utf8) }
        case .text(let t): Self.jsonString(t, into: &out)
        case .blob(let x): out += Array("{\"x\":\"\(AuditChain.hex(x))\"}".utf8)
        case .digest(let h): out += Array("{\"#\":\"\(h)\"}".utf8)
        }
    }

    /// Appends an integer's decimal digits (no String on the way: the hook writes many per row).
    static func appendDecimal(_ i: Int64, into out: inout [UInt8]) {
        if i == 0 { out.append(0x30); return }
        if i < 0 { out.append(0x2d) }
        var m = i.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while m > 0 { d[n] = 0x30 + UInt8(m % 10); m /= 10; n += 1 }
            while n > 0 { n -= 1; out.append(d[n]) }
        }
    }

    static func jsonString<C: Collection>(_ bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        out.append(0x22)
        let hex = Array("0123456789abcdef".utf8)
        for c in bytes {
            switch c {
            case 0x22: out += [0x5c, 0x22]
            case 0x5c: out += [0x5c, 0x5c]
            case 0x0a: out += [0x5c, 0x6e]
            case 0x0d: out += [0x5c, 0x72]
            case 0x09: out += [0x5c, 0x74]
            case 0..<0x20, 0x7f: out += [0x5c, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]]
            default: out.append(c)
            }
        }
        out.append(0x22)
    }

    /// The value for a difference line, made harmless for a terminal (control characters shown
    /// as escapes); digests say what they stand for instead of showing hex.
    var display: String {
        switch self {
        case .null: return "empty (NULL)"
        case .int(let i): return String(i)
        case .real(let d): return "\(d)"
        case .text(let t):
            var out = ""
            for ch in String(decoding: t, as: UTF8.self).unicodeScalars {
                if ch.value < 0x20 || (0x7f..<0xa0).contains(ch.value) || (0x202a...0x202e).contains(ch.value) || (0x2066...0x2069).contains(ch.value) {
                    out += "\\u{\(String(ch.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
            return t.isEmpty ? "empty" : out
        case .blob(let x): return "x'\(AuditChain.hex(x))'"
        case .digest: return "(personal data, compared by keyed digest)"
        }
    }
}
