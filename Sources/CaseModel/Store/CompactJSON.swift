import Foundation

/// A small, fast JSON encoder for flat string maps (event details), with sorted keys so the same
/// event always serialises to the same bytes.
enum CompactJSON {
    /// Encodes `{"a":"1","b":"2"}`.
    static func object(_ map: [String: String]) -> String {
        if map.isEmpty { return "{}" }
        var out = "{"
        var first = true
        for key in map.keys.sorted() {
            if !first { out += "," }
            first = false
            string(key, into: &out)
            out += ":"
            string(map[key]!, into: &out)
        }
        return out + "}"
    }

    /// Appends `s` as a JSON string. Controls (C0, DEL, C1) are always escaped; `forDisplay` also
    /// escapes the bidirectional formatting characters (docs/terminal-safety.md), so JSON shown on
    /// a terminal carries nothing `SafeText` would mark. Stored event details keep their old bytes.
    static func string(_ s: String, into out: inout String, forDisplay: Bool = false) {
        out += "\""
        // Most values need no escaping: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x80 }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) || u.value == 0x2028 || u.value == 0x2029
                    || (forDisplay && SafeText.mark(for: u) != nil) {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }

    /// Decodes a flat object; anything else yields an empty map (details are informational).
    static func parseObject(_ text: String) -> [String: String] {
        guard let data = text.data(using: .utf8),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in obj { out[k] = (v as? String) ?? "\(v)" }
        return out
    }
}
