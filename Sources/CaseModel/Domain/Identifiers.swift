/// The stored (canonical) form of each identifier field, so that one number is stored one way
/// however it was typed, and a search for it is an equality on an index (docs/personal-data.md).
///
/// Every way into the desk (intake flags, JSON, CSV and mapped import, the intake form) goes
/// through `CaseDraft.validated`, which stores these forms.
public enum Identifiers {
    /// A phone number as stored: a mainland mobile as 11 digits (`+86 138-1234-5678` →
    /// `13812345678`), a landline as area code and number (`(0571) 8888 6666` → `0571-88886666`),
    /// a foreign number as `+` and digits, anything else as its digits. Text that is not a phone
    /// number at all is returned trimmed, for validation to refuse.
    public static func phone(_ raw: String) -> String {
        let folded = fold(raw).trimmed
        if let m = IdentifierScanner.whole(folded), m.kind.isPhone { return m.canonical }
        var digits = ""
        var plus = false
        for (i, u) in folded.unicodeScalars.enumerated() {
            if let d = IdentifierScanner.digit(u) { digits.unicodeScalars.append(d) }
            else if i == 0 && IdentifierScanner.isPlus(u) { plus = true }
            else if !IdentifierScanner.isSeparator(u) { return folded }
        }
        if digits.hasPrefix("00") { return "+" + digits.dropFirst(2) }
        return plus ? "+" + digits : digits
    }

    /// An ID number as stored: no spaces or dashes, ASCII, final X upper-case.
    public static func idNumber(_ raw: String) -> String {
        String(fold(raw).trimmed.unicodeScalars.filter { !IdentifierScanner.isSpace($0) && $0 != "-" }).uppercased()
    }

    /// A bank account as stored: the digits when it is digits in groups (`6222 0212 3456 7890`),
    /// otherwise the trimmed text.
    public static func account(_ raw: String) -> String {
        let folded = fold(raw).trimmed
        var digits = ""
        for u in folded.unicodeScalars {
            if let d = IdentifierScanner.digit(u) { digits.unicodeScalars.append(d) }
            else if !(IdentifierScanner.isSpace(u) || u == "-") { return folded }
        }
        return digits
    }

    /// A policy or claim number as stored: ASCII, no white space, letters upper-case (`p44 0012` → `P440012`).
    public static func reference(_ raw: String) -> String {
        String(fold(raw).trimmed.unicodeScalars.filter { !$0.properties.isWhitespace }).uppercased()
    }

    // MARK: - the forms older rows may hold

    /// The ways a phone number may be stored: its canonical form and, for rows saved before phones
    /// were normalised, the forms intake used to accept (`+86 138-1234-5678`, `138 1234 5678`, …).
    static func storedForms(phone canonical: String) -> [String] {
        let c = Array(canonical)
        var bodies: [String] = [canonical]
        var national: [String] = []
        if c.count == 11, c.first == "1" {
            let a = String(c[0..<3]), b = String(c[3..<7]), d = String(c[7...])
            bodies += [a + " " + b + " " + d, a + "-" + b + "-" + d]
            national = bodies
        } else if let dash = c.firstIndex(of: "-"), c.first == "0" {
            let area = String(c[..<dash]), local = String(c[(dash + 1)...])
            bodies += [area + local, area + " " + local]
            let trunkless = String(area.dropFirst())
            national = [trunkless + local, trunkless + " " + local, trunkless + "-" + local]
        }
        var out = bodies
        for prefix in ["+86", "+86 ", "+86-", "0086", "0086 ", "0086-", "86", "86 ", "86-"] {
            out += national.map { prefix + $0 }
        }
        return unique(out)
    }

    /// The ways an ID number may be stored (the final X was always upper-cased at intake).
    static func storedForms(idNumber canonical: String) -> [String] { [canonical] }

    /// The ways an account number may be stored: digits, or in fours with spaces or dashes.
    static func storedForms(account canonical: String) -> [String] {
        guard canonical.allSatisfy({ $0.isASCII && $0.isNumber }) else { return [canonical] }
        var fours: [String] = []
        var rest = Substring(canonical)
        while !rest.isEmpty { fours.append(String(rest.prefix(4))); rest = rest.dropFirst(4) }
        return unique([canonical, fours.joined(separator: " "), fours.joined(separator: "-")])
    }

    /// The ways a policy or claim number may be stored: as normalised, and as older rows kept it
    /// (trimmed only, so possibly lower-case).
    static func storedForms(reference canonical: String, typed: String) -> [String] {
        unique([canonical, canonical.lowercased(), typed.trimmed])
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Full-width ASCII forms (`１３８`, `Ｘ`, `（`) and the ideographic space as plain ASCII.
    static func fold(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0xE3 }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(u.value - 0xFF01 + 0x21)!)
            case 0x3000: out.append(" ")
            default: out.append(u)
            }
        }
        return String(out)
    }
}
