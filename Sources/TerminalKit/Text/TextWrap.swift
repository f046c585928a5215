/// Wraps edited text into rows of a width, keeping track of which characters each row shows, so a
/// multi-line field can draw the rows around its cursor and put the cursor in the right cell.
public enum TextWrap {
    /// One row: what it shows and the characters of the text it covers.
    public struct Row: Sendable, Equatable {
        public var text: String
        /// The row's first character in the text.
        public var start: Int
        /// Characters it covers (a line break ending it is not counted).
        public var count: Int { widths.count }
        /// The cells each of its characters takes.
        public var widths: [Int] = []
    }

    /// The rows of `text` at `width` cells: a line break starts a row, and a row full to `width`
    /// continues on the next (wide characters never split). `display` turns each character into
    /// what is drawn (made harmless); it must not return a line break.
    public static func rows(_ text: String, width: Int, display: (Character) -> String = { String($0) }) -> [Row] {
        let width = max(1, width)
        var rows: [Row] = []
        var current = Row(text: "", start: 0)
        var used = 0
        var index = 0
        for ch in text {
            if ch == "\n" || ch == "\r\n" {
                rows.append(current)
                current = Row(text: "", start: index + 1)
                used = 0
                index += 1
                continue
            }
            let shown = display(ch)
            let w = DisplayWidth.of(shown)
            if used + w > width && current.count > 0 {
                rows.append(current)
                current = Row(text: "", start: index)
                used = 0
            }
            current.text += shown
            current.widths.append(w)
            used += w
            index += 1
        }
        rows.append(current)
        return rows
    }

    /// The row and the cell column of a cursor (characters before it) among `rows`.
    public static func locate(cursor: Int, in rows: [Row]) -> (row: Int, column: Int) {
        guard !rows.isEmpty else { return (0, 0) }
        var r = 0
        for (i, row) in rows.enumerated() where row.start <= cursor { r = i }
        let row = rows[r]
        let before = min(max(0, cursor - row.start), row.count)
        let column = row.widths.prefix(before).reduce(0, +)
        return (r, column)
    }
}
