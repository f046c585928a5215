/// Makes case text safe to draw: control characters and escape sequences become visible
/// placeholders so that nothing from a case ever reaches the terminal as a command.
public enum SafeText {
    /// Replaces C0/C1 controls (ESC, BEL, CR, ...) with `�`-style visible marks and newlines with `⏎`.
    public static func sanitize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A: out.append("⏎")
            case 0x09: out.append(" ")
            case 0x1B: out.append("␛")
            case 0x00..<0x20, 0x7F: out.append(Unicode.Scalar(0x2400 + (u.value == 0x7F ? 0x21 : u.value))!)
            case 0x80..<0xA0: out.append("�")
            case 0x202A...0x202E, 0x2066...0x2069: out.append("�") // bidi overrides could reorder the screen
            default: out.append(u)
            }
        }
        return String(out)
    }
}
