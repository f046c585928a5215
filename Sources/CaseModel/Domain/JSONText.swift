import Foundation

/// Serialises JSON values (dictionaries, arrays, strings, numbers, booleans, NSNull) with keys
/// sorted by their UTF-8 bytes. Controls and bidirectional overrides inside strings are written as
/// `\uXXXX` escapes: the same value to any JSON reader, and nothing a terminal would act on.
///
/// Foundation's `.sortedKeys` on Linux sorts through ICU collation, which made `list --json` of
/// 200 cases take half a second; byte order is just as stable and documented.
enum JSONText {
    static func write(_ value: Any, pretty: Bool) -> String {
        var out = ""
        out.reserveCapacity(4096)
        append(value, to: &out, pretty: pretty, indent: 0)
        return out
    }

    private static func append(_ value: Any, to out: inout String, pretty: Bool, indent: Int) {
        // Collections first: on Linux a failed cast of a dictionary or an array to String, Bool
        // or a number bridges the whole collection to NSDictionary/NSArray to try, which was 40%
        // of `console list --json` (200 cases, each dictionary bridged several times).
        switch value {
        case let dict as [String: Any]:
            if dict.isEmpty { out += "{}"; return }
            out += "{"
            let keys = dict.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (n, key) in keys.enumerated() {
                if n > 0 { out += "," }
                if pretty { newline(&out, indent + 1) }
                CompactJSON.string(key, into: &out, forDisplay: true)
                out += pretty ? ": " : ":"
                append(dict[key]!, to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out += "}"
        case let array as [Any]:
            if array.isEmpty { out += "[]"; return }
            out += "["
            for (n, item) in array.enumerated() {
                if n > 0 { out += "," }
                if pretty { newline(&out, indent + 1) }
                append(item, to: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&out, indent) }
            out += "]"
        case let s as String:
            CompactJSON.string(s, into: &out, forDisplay: true)
        case let b as Bool:
            out += b ? "true" : "false"
        case let i as Int:
            out += String(i)
        case let i as Int64:
            out += String(i)
        case let d as Double:
            if d.isFinite && d == d.rounded() && abs(d) < 1e15 { out += String(Int64(d)) } else if d.isFinite { out += String(d) } else { out += "null" }
        case is NSNull:
            out += "null"
        case let n as NSNumber:
            out += n.stringValue
        case let i as Int32:
            out += String(i)
        default:
            CompactJSON.string("\(value)", into: &out, forDisplay: true)
        }
    }

    private static func newline(_ out: inout String, _ indent: Int) {
        out += "\n" + String(repeating: "  ", count: indent)
    }
}
