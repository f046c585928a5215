import CaseModel
import Foundation
import PostgresNIO

/// A desk value as the server stores it: normalised to its column's type, encoded for
/// `COPY … FROM STDIN` (text format), and read back (docs/server-desk.md, "Moving a desk").
enum DeskValueCoding {
    /// Why a value does not fit its column.
    struct Refusal: Error { let why: String }

    /// The value as its column's type holds it, or why it cannot be (a text in a number column,
    /// a fraction in a whole-number column, a NUL in a text, which a server's text cannot hold).
    static func normalized(_ v: DeskValue, _ column: DeskColumn) -> Result<DeskValue, Refusal> {
        switch (column.type, v) {
        case (_, .null): return column.notNull ? .failure(Refusal(why: "is empty but may not be")) : .success(.null)
        case (.integer, .integer): return .success(v)
        case (.integer, .real(let d)):
            guard d.rounded() == d, let i = Int64(exactly: d) else { return .failure(Refusal(why: "holds \(d), not a whole number")) }
            return .success(.integer(i))
        case (.real, .real): return .success(v)
        case (.real, .integer(let i)): return .success(.real(Double(i)))
        case (.text, .text(let s)):
            return s.utf8.contains(0) ? .failure(Refusal(why: "holds a NUL character, which a server's text cannot hold")) : .success(v)
        case (.text, .integer(let i)): return .success(.text(String(i)))
        case (.text, .real(let d)): return .success(.text(String(d)))
        case (.blob, .blob): return .success(v)
        case (.blob, .text(let s)): return .success(.blob(Array(s.utf8)))
        case (.integer, _), (.real, _): return .failure(Refusal(why: "holds a text or bytes, not a number"))
        case (.text, .blob): return .failure(Refusal(why: "holds bytes, not a text"))
        case (.blob, _): return .failure(Refusal(why: "holds a number, not bytes"))
        }
    }

    /// Appends a normalised value in COPY's text format.
    static func appendCopy(_ v: DeskValue, into out: inout [UInt8]) {
        switch v {
        case .null: out += [0x5c, 0x4e] // \N
        case .integer(let i): out += Array(String(i).utf8)
        case .real(let d):
            if d.isNaN { out += Array("NaN".utf8) }
            else if d.isInfinite { out += Array((d < 0 ? "-Infinity" : "Infinity").utf8) }
            else { out += Array("\(d)".utf8) }
        case .text(let s):
            for b in s.utf8 {
                switch b {
                case 0x5c: out += [0x5c, 0x5c]
                case 0x0a: out += [0x5c, 0x6e]
                case 0x0d: out += [0x5c, 0x72]
                case 0x09: out += [0x5c, 0x74]
                default: out.append(b)
                }
            }
        case .blob(let bytes):
            out += [0x5c, 0x5c, 0x78] // \\x: bytea's hex form, its backslash escaped for COPY
            let hex = Array("0123456789abcdef".utf8)
            for b in bytes { out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)]) }
        }
    }

    /// A server cell read back as its column's type.
    static func decode(_ cell: PostgresCell, _ column: DeskColumn) throws -> DeskValue {
        switch column.type {
        case .integer: return try cell.decode(Int64?.self).map(DeskValue.integer) ?? .null
        case .real: return try cell.decode(Double?.self).map(DeskValue.real) ?? .null
        case .text: return try cell.decode(String?.self).map(DeskValue.text) ?? .null
        case .blob: return try cell.decode(ByteBuffer?.self).map { DeskValue.blob(Array($0.readableBytesView)) } ?? .null
        }
    }
}

/// A table's rows folded into one number, in order (both sides fold in this process, with the
/// same per-process hash seed, so equal rows in equal order give equal digests).
struct TableDigest {
    private var hasher = Hasher()
    private(set) var rows = 0

    mutating func add(_ row: [DeskValue]) {
        hasher.combine(row)
        rows += 1
    }

    func finish() -> Int { hasher.finalize() }
}
