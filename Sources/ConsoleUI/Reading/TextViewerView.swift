import CaseModel
import TerminalKit

/// Draws the text viewer over the screen: its heading, as many wrapped lines as fit from the
/// scroll position, and a line saying where the reader is and which keys move.
enum TextViewerView {
    /// The viewer's lines at the console's width: wrapped paragraphs, or the calendar month.
    static func lines(_ v: TextViewer, _ s: ConsoleState) -> [String] {
        let width = TextViewer.textWidth(width: s.width)
        switch v.content {
        case .paragraphs(let p): return TextViewer.wrap(p, width: width)
        case .calendar(let year, let month): return TextViewer.wrap(CalendarPage.lines(year: year, month: month, s), width: width)
        }
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        guard let v = s.viewer else { return }
        let st = s.settings
        let f = TextViewer.frame(width: b.width, height: b.height)
        let all = lines(v, s)
        let rows = f.height - 2
        let first = max(0, min(v.scroll, all.count - rows))
        b.fill(x: f.x, y: f.y, width: f.width, height: f.height, style: .overlay)
        b.putPadded(" " + DisplayWidth.truncate(SafeText.sanitize(v.title), to: f.width - 2), x: f.x, y: f.y, width: f.width, style: .overlayTitle)
        for i in 0..<rows {
            guard let line = all[safe: first + i] else { break }
            b.put(line, x: f.x + 1, y: f.y + 1 + i, style: .overlay, maxWidth: f.width - 2)
        }
        let shownLast = min(all.count, first + rows)
        let position = all.isEmpty ? st.t("(空)", "(empty)")
            : st.t("第 \(first + 1)–\(shownLast) 行,共 \(all.count) 行", "lines \(first + 1)–\(shownLast) of \(all.count)")
        // The way out first: at 80 columns the end of the line is cut, and it must never be the Esc.
        var keys = st.t("Esc/q 关闭  ↑↓ PgUp PgDn 滚动", "Esc/q close  ↑↓ PgUp/PgDn scroll")
        if case .calendar = v.content { keys += st.t("  ←→ 换月", "  ←→ month") }
        let more = shownLast < all.count ? st.t("  (下面还有)", "  (more below)") : ""
        b.putPadded(" " + position + more + "   " + keys, x: f.x, y: f.y + f.height - 1, width: f.width, style: .overlayTitle)
    }
}
