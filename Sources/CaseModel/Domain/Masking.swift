/// Masks personal data for display: `138****1234`, `3301**********1234`, `0571-****6666`, `张**`,
/// and the same identifiers wherever they were typed into free text (docs/personal-data.md).
public enum Masking {
    /// Keeps a prefix and the last four characters, starring the middle; a landline keeps its area code.
    public static func mask(_ value: String) -> String {
        maskASCII(value) ?? maskCharacters(value)
    }

    /// `mask`, character by character (any text).
    static func maskCharacters(_ value: String) -> String {
        let chars = Array(value)
        if let dash = chars.firstIndex(of: "-"), chars.first == "0", (3...4).contains(dash), chars.count - dash - 1 >= 7,
           chars.indices.allSatisfy({ $0 == dash || chars[$0].isASCII && chars[$0].isNumber }) {
            let local = chars.count - dash - 1
            return String(chars[...dash]) + String(repeating: "*", count: local - 4) + String(chars[(chars.count - 4)...])
        }
        guard chars.count > 4 else { return String(repeating: "*", count: chars.count) }
        let keepEnd = 4
        let keepStart = chars.count >= 15 ? 4 : (chars.count >= 11 ? 3 : max(0, min(3, chars.count - keepEnd - 2)))
        let hidden = chars.count - keepStart - keepEnd
        return String(chars[0..<keepStart]) + String(repeating: "*", count: hidden) + String(chars[(chars.count - keepEnd)...])
    }

    /// Masks a stored identifier (phone, ID, policy, claim or account number) in its canonical
    /// form, so a value stored before identifiers were normalised (`+86 138-1234-5678`) looks
    /// exactly like one stored since (`138****5678`).
    public static func maskIdentifier(_ value: String) -> String {
        if value.isEmpty { return value }
        if isCanonicalWithoutScanning(value) { return mask(value) }
        return mask(IdentifierScanner.whole(value)?.canonical ?? value)
    }

    /// Whether `value` is certainly its own canonical form (or no identifier at all), so that
    /// `maskIdentifier` need not scan it: stored identifiers are canonical, and an export masks
    /// five of them per case (docs/bulk-data.md). True for ASCII text holding a character no
    /// identifier is written with (a policy number's letters: `whole` finds nothing), and for
    /// ASCII digits alone that neither begin with 0 (a landline gains its dash) nor with 86 (a
    /// country code is taken off). `MaskingShortcutTests` holds this to the scanner's answer.
    static func isCanonicalWithoutScanning(_ value: String) -> Bool {
        let u = value.utf8
        var allDigits = true
        var foreign = false
        for b in u {
            if b >= 0x80 { return false }
            if b >= 0x30 && b <= 0x39 { continue }
            allDigits = false
            switch b {
            case 0x20, 0x09, 0x2D, 0x2E, 0x28, 0x29, 0x2B, UInt8(ascii: "x"), UInt8(ascii: "X"): break
            default: foreign = true
            }
        }
        if foreign { return true }
        guard allDigits, let first = u.first else { return false }
        return first != UInt8(ascii: "0") && !value.hasPrefix("86")
    }

    /// `mask` for text of ASCII characters only, byte by byte (one character is one byte there);
    /// nil for any other text.
    private static func maskASCII(_ value: String) -> String? {
        let b = Array(value.utf8)
        guard b.allSatisfy({ $0 < 0x80 }), !b.contains(0x0D) else { return nil }   // CR LF is one character
        let n = b.count
        let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        var out: [UInt8]
        if let dash = b.firstIndex(of: UInt8(ascii: "-")), b.first == UInt8(ascii: "0"), (3...4).contains(dash), n - dash - 1 >= 7,
           b.indices.allSatisfy({ $0 == dash || digit(b[$0]) }) {
            out = Array(b[...dash]) + Array(repeating: UInt8(ascii: "*"), count: n - dash - 1 - 4) + Array(b[(n - 4)...])
        } else if n <= 4 {
            out = Array(repeating: UInt8(ascii: "*"), count: n)
        } else {
            let keepStart = n >= 15 ? 4 : (n >= 11 ? 3 : max(0, min(3, n - 4 - 2)))
            out = Array(b[0..<keepStart]) + Array(repeating: UInt8(ascii: "*"), count: n - keepStart - 4) + Array(b[(n - 4)...])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Masks a person's name, keeping the family name: `张**`.
    public static func maskName(_ name: String) -> String {
        let chars = Array(name)
        guard chars.count > 1 else { return name }
        return String(chars[0]) + String(repeating: "*", count: chars.count - 1)
    }

    /// Free text with every identifier in it masked as its structured field would be:
    /// `客户电话13812345678` → `客户电话138****5678`. Dates, amounts and case numbers stay.
    public static func maskText(_ text: String) -> String {
        replacing(IdentifierScanner.matches(in: text), in: text) { mask($0.canonical) }
    }

    /// Whether free text holds an identifier: a form must not offer such text for editing masked
    /// (saving it would overwrite the real text with stars).
    public static func containsIdentifier(_ text: String) -> Bool {
        !IdentifierScanner.matches(in: text).isEmpty
    }

    /// The character that stands for a whole identifier in the text free-text search looks at:
    /// an object replacement character, which no search term can usefully contain.
    static let searchPlaceholder: Unicode.Scalar = "\u{FFFC}"

    /// Free text with each identifier cut out, leaving one placeholder: the text a free-text
    /// search matches against, so no term can match any part of an identifier.
    static func redactedForSearch(_ text: String) -> String {
        replacing(IdentifierScanner.matches(in: text), in: text) { _ in String(searchPlaceholder) }
    }

    private static func replacing(_ found: [IdentifierScanner.Match], in text: String,
                                  _ replacement: (IdentifierScanner.Match) -> String) -> String {
        guard !found.isEmpty else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var at = 0
        for m in found {
            out.append(contentsOf: scalars[at..<m.range.lowerBound])
            out.append(contentsOf: replacement(m).unicodeScalars)
            at = m.range.upperBound
        }
        out.append(contentsOf: scalars[at...])
        return String(out)
    }
}
