import CaseModel
import TerminalKit

/// Draws the `:` prompt on the bottom line, what the command expects once its name is typed, and
/// above it the candidates Tab found (the one in the text highlighted).
enum CommandLineView {
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState, _ p: CommandPrompt) {
        let st = s.settings
        let y = b.height - 1
        b.fill(x: 0, y: y, width: b.width, height: 1, style: .input)
        let shown = FormView.singleLine(p.text, cursor: p.cursor ?? p.text.count, width: b.width - 2)
        let x = b.put(":" + shown.text, x: 0, y: y, style: .input)
        if p.cursor == nil, let hint = hint(p.text, s) {
            b.put(hint, x: x, y: y, style: .placeholder, maxWidth: max(0, b.width - x))
        }
        b.cursor = (min(1 + shown.column, b.width - 1), y)
        guard !p.candidates.isEmpty else { return }
        b.fill(x: 0, y: y - 1, width: b.width, height: 1, style: .overlay)
        var cx = 1
        for (i, c) in p.candidates.enumerated() {
            let text = SafeText.sanitize(c)
            let w = DisplayWidth.of(text)
            if cx + w + 2 > b.width {
                b.put(st.t("…", "…"), x: min(cx, b.width - 1), y: y - 1, style: .overlay)
                break
            }
            b.put(text, x: cx, y: y - 1, style: i == p.cycle ? .selected : .overlay)
            cx += w + 2
        }
    }

    /// Greyed text after what was typed: how to use the line, or the argument the command wants.
    static func hint(_ text: String, _ s: ConsoleState) -> String? {
        let st = s.settings
        if text.isEmpty { return st.t(" 命令名,Tab 补全,Enter 执行,Esc 取消", " command name, Tab completes, Enter runs, Esc cancels") }
        guard text.hasSuffix(" "), text.filter({ $0 == " " }).count == 1 else { return nil }
        let name = String(text.dropLast())
        guard let (command, preset) = CommandLineUpdate.lookup(name, s), preset.isEmpty, let arg = command.argument else { return nil }
        return arg.placeholder(st.language == .zh) + st.t("  (Tab 补全;不填则打开界面)", "  (Tab completes; leave empty to open the screen)")
    }
}
