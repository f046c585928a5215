import CaseModel
import TerminalKit

/// Help: every key of the screen it was opened from, generated from the key map (so a remapped
/// or disabled key shows as it really is).
enum HelpView {
    /// The help lines for a context: one command a line with all its keys.
    static func lines(_ s: ConsoleState) -> [String] {
        let st = s.settings
        let zh = st.language == .zh
        var out: [String] = []
        for (command, keys) in st.keyMap.entries(in: s.help.context.keyContext) where offered(command, s) {
            let names = keys.map(\.name).joined(separator: " ")
            out.append("  " + DisplayWidth.pad(names, to: 22) + "  " + command.summary(zh))
        }
        out.append("")
        out += commandLineLines(st)
        out.append("")
        out.append(st.t("  弹出窗口中: Enter 确认  Esc 取消  y/n 回答确认问题", "  In dialogs: Enter accepts  Esc cancels  y/n answer a question"))
        out.append(st.t("  键位可在 keys.conf 中修改或禁用 (bind/unbind)", "  Keys can be changed or disabled in keys.conf (bind/unbind)"))
        return out
    }

    /// Whether help lists a command: not what the role may not do, nothing that writes on a
    /// read-only desk, and on the case screen only the actions open to the case in its state
    /// (the same list as its action bar).
    static func offered(_ c: Command, _ s: ConsoleState) -> Bool {
        if s.settings.readOnly && !c.permissions.isEmpty { return false }
        if s.help.context == .caseView, CaseActions.commands.contains(c), let d = s.caseScreen.detail {
            return CaseView.available(d.item, role: s.role, user: s.settings.userName).contains(c)
        }
        return c.permitted(for: s.role)
    }

    /// The `:` command line's part: every command runs by name; those taking an argument and the
    /// aliases are listed from the same tables the prompt completes from.
    static func commandLineLines(_ st: ConsoleSettings) -> [String] {
        let zh = st.language == .zh
        var out = [st.t("  命令行: 每个命令都可用 :名称 执行,Tab 补全名称和参数", "  Command line: every command runs as :name, Tab completes names and arguments")]
        for c in Command.allCases {
            guard let arg = c.argument else { continue }
            let usage = ":" + c.rawValue + " " + arg.placeholder(zh)
            out.append("  " + DisplayWidth.pad(DisplayWidth.truncate(usage, to: 30), to: 30) + "  " + c.summary(zh))
        }
        let aliases = st.keyMap.aliases.map { "\($0.name)=\($0.expansion)" }.joined(separator: "  ")
        out.append(st.t("  别名: ", "  Aliases: ") + aliases)
        return out
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let screenName = s.help.context.feature.name(st)
        ScreenChrome.header(&b, s, title: st.t("帮助 · \(screenName)", "Help · \(screenName)"))
        b.putPadded(st.t("  按键                    功能", "  Keys                    Action"), x: 0, y: 1, width: b.width, style: .tableHeader)
        let all = lines(s)
        let rows = s.height - 3
        let first = max(0, min(s.help.scroll, all.count - rows))
        for i in 0..<rows {
            guard let line = all[safe: first + i] else { break }
            b.put(line, x: 0, y: 2 + i)
        }
        ScreenChrome.footer(&b, s, y: s.height - 1, commands: [.back, .down, .up])
    }
}
