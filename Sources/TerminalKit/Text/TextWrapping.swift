/// Cuts text into lines of at most a width in display cells (a Chinese character takes two):
/// at a space where a Latin word would otherwise be split, anywhere in Chinese text. Nothing is
/// left out, so every character of the text is on one of the lines. The command line's `show`
/// and the console's text viewer wrap through here (docs/console-reading.md).
public enum TextWrapping {
    /// Every line of `text` (split at newlines; `\r\n` counts as one) wrapped to `width` cells.
    /// `clean` makes each line harmless first (the caller's sanitizer).
    public static func lines(_ text: String, width: Int, clean: (String) -> String = { $0 }) -> [String] {
        let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return paragraphs.flatMap { wrap(clean(String($0)), width) }
    }

    /// One line without newlines wrapped to `width` cells (at least one character a line).
    public static func wrap(_ line: String, _ width: Int) -> [String] {
        guard width > 0 else { return [line] }
        if DisplayWidth.of(line) <= width { return [line] }
        var out: [String] = []
        var current: [Character] = [], used = 0
        var lastSpace: Int?   // index in `current` just after the last space
        for ch in line {
            let w = DisplayWidth.of(ch)
            if used + w > width && !current.isEmpty {
                // Only a Latin word is carried whole to the next line; Chinese text breaks anywhere.
                let inWord = w == 1 && ch != " " && current.last.map { DisplayWidth.of($0) == 1 && $0 != " " } == true
                if inWord, let cut = lastSpace, cut > 0, cut < current.count {
                    out.append(trimmed(String(current[..<cut])))
                    current = Array(current[cut...])
                } else {
                    out.append(trimmed(String(current)))
                    current = []
                }
                used = current.reduce(0) { $0 + DisplayWidth.of($1) }
                lastSpace = nil
                if ch == " " && current.isEmpty { continue }
            }
            current.append(ch)
            used += w
            if ch == " " { lastSpace = current.count }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    private static func trimmed(_ s: String) -> String {
        var s = s
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
