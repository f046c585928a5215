/// Makes text from cases, users and files harmless to show on a terminal: every character a
/// terminal would act on, or that reorders what a person reads, becomes a visible mark.
///
/// One notation serves the full-screen console and the command line (see docs/terminal-safety.md):
/// C0 controls become their Control Pictures (ESC `␛`, BEL `␇`, CR `␍`, NUL `␀`), DEL becomes `␡`,
/// C1 controls and bidirectional formatting characters become `<U+009B>`, `<U+202E>`. Because ESC
/// and the C1 introducers are what make a CSI, OSC or DCS sequence, replacing them leaves the rest
/// of any sequence as inert printable text, so no sequence needs parsing.
public enum SafeText {
    /// The visible mark for a scalar a terminal would act on, or nil when it is harmless as it is.
    /// Newline and tab get no mark here: whether they are kept is the caller's layout.
    public static func mark(for u: Unicode.Scalar) -> String? {
        switch u.value {
        case 0x0A, 0x09: return nil
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + u.value)!)
        case 0x7F: return "\u{2421}"
        case 0x80..<0xA0, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return code(u)
        default: return nil
        }
    }

    /// For one screen cell line (the full-screen console, table cells): newline shown as `⏎`, tab as
    /// a space, everything else as `mark(for:)`.
    public static func sanitize(_ s: String) -> String {
        guard !isHarmless(s, keepingLines: false) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A: out.append("⏎")
            case 0x09: out.append(" ")
            default: if let m = mark(for: u) { out.append(contentsOf: m.unicodeScalars) } else { out.append(u) }
            }
        }
        return String(out)
    }

    /// For lines written to a terminal by the command line: newline and tab kept, everything
    /// else as `mark(for:)`.
    public static func forTerminal(_ s: String) -> String {
        guard !isHarmless(s, keepingLines: true) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if let m = mark(for: u) { out.append(contentsOf: m.unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

    /// Bytes that should be UTF-8 (an export, a file's text), for a terminal: a byte sequence that
    /// is not UTF-8 becomes `�` (U+FFFD) instead of reaching the terminal raw, then as `forTerminal`.
    public static func forTerminal<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        forTerminal(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether `s` has nothing to mark (the common case, checked on bytes without building a copy).
    public static func isHarmless(_ s: String, keepingLines: Bool) -> Bool {
        for b in s.utf8 {
            if b < 0x20 {
                if keepingLines && (b == 0x0A || b == 0x09) { continue }
                return false
            }
            // DEL, and the lead bytes of every marked scalar above U+007F: C1 (0xC2), ALM (0xD8),
            // LRM/RLM and the bidi controls (0xE2). A lead byte only sends the string the slow way.
            if b == 0x7F || b == 0xC2 || b == 0xD8 || b == 0xE2 { return false }
        }
        return true
    }

    private static func code(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}
