/// The test backend: turns a buffer into lines of text, for snapshot assertions and screen dumps.
public enum TextBackend {
    /// The buffer's rows as text with trailing blanks removed (wide characters appear once).
    public static func lines(_ buffer: CellBuffer) -> [String] {
        (0..<buffer.height).map { y in
            var s = buffer.line(y)
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
    }

    /// The buffer as one string, rows joined by newlines.
    public static func text(_ buffer: CellBuffer) -> String { lines(buffer).joined(separator: "\n") }

    /// The element a cell belongs to, for tests that check colour-carrying cells (breach, warning).
    public static func styleAt(_ buffer: CellBuffer, x: Int, y: Int) -> StyleRole { buffer[x, y].style }
}
