import CaseModel
import TerminalKit

/// Keys while the text viewer is open: it scrolls, pages, changes the calendar's month and closes.
///
/// Keys are read directly (Esc, q and C-c always close, as C-c cancels a form) so a remapped key
/// map never traps the reader.
enum TextViewerUpdate {
    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        guard var v = s.viewer else { return [] }
        let nav = s.settings.keyMap.command(for: key, in: .global)
        let page = max(1, TextViewer.textRows(height: s.height) - 1)
        let last = max(0, TextViewerView.lines(v, s).count - TextViewer.textRows(height: s.height))
        switch (key, nav) {
        case (.escape, _), (.char("q"), _), (.enter, _), (.ctrl("c"), _):
            s.viewer = nil
            return []
        case (.up, _), (_, .up?): v.scroll -= 1
        case (.down, _), (_, .down?): v.scroll += 1
        case (.pageUp, _), (_, .pageUp?), (.backspace, _): v.scroll -= page
        case (.pageDown, _), (_, .pageDown?), (.char(" "), _): v.scroll += page
        case (.home, _), (_, .top?): v.scroll = 0
        case (.end, _), (_, .bottom?): v.scroll = last
        case (.left, _), (_, .left?), (.right, _), (_, .right?):
            guard case .calendar(let year, let month) = v.content else { break }
            let forward = key == .right || nav == .right
            let m = year * 12 + (month - 1) + (forward ? 1 : -1)
            // The years a desk time can be in (DeskTime's bounds).
            guard (2000 * 12)...(2100 * 12 + 11) ~= m else { break }
            v.content = .calendar(year: m / 12, month: m % 12 + 1)
            v.scroll = 0
        default: break
        }
        let newLast = max(0, TextViewerView.lines(v, s).count - TextViewer.textRows(height: s.height))
        v.scroll = max(0, min(v.scroll, newLast))
        s.viewer = v
        return []
    }
}
