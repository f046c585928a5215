/// Masks personal data for display: `138****1234`, `3301**********1234`, `0571-****6666`, `张**`,
/// and the same identifiers wherever they were typed into free text (docs/personal-data.md).
public enum Masking {
    /// Keeps a prefix and the last four characters, starring the middle; a landline keeps its area code.
    public static func mask(_ value: String) -> String {
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
        return mask(IdentifierScanner.whole(value)?.canonical ?? value)
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
