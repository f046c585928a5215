/// A centred box over whatever is drawn: a title bar, lines, and a foot bar; the dialogs, the
/// handler picker and the conflict question are boxes.
public enum Box {
    /// Draws the box; `selected` highlights one of its lines and keeps it in view when the lines
    /// do not all fit.
    public static func draw(_ b: inout CellBuffer, title: String, lines: [String], selected: Int?) {
        let inner = min(b.width - 4, max(DisplayWidth.of(title) + 4, lines.map { DisplayWidth.of($0) }.max() ?? 0) + 2)
        let height = min(b.height - 2, lines.count + 2)
        let x0 = max(0, (b.width - inner - 2) / 2)
        let y0 = max(0, (b.height - height) / 2)
        b.fill(x: x0, y: y0, width: inner + 2, height: height, style: .overlay)
        b.putPadded(" " + title, x: x0, y: y0, width: inner + 2, style: .overlayTitle)
        let room = height - 2
        let first = selected.map { max(0, min($0 - room + 1, lines.count - room)) } ?? 0
        for i in 0..<room {
            guard let line = lines[safe: first + i] else { break }
            b.putPadded(" " + line, x: x0 + 1, y: y0 + 1 + i, width: inner, style: first + i == selected ? .selected : .overlay)
        }
        b.fill(x: x0, y: y0 + height - 1, width: inner + 2, height: 1, style: .overlayTitle)
    }
}
