import CaseModel
import TerminalKit

/// The script picker: the fitting scripts best first (title, when to use it, version, how many
/// values are left for the person to complete), and below the selected script's whole wording as
/// it will be copied into the record.
enum ScriptsView {
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let target: String
        switch s.scripts.target {
        case .caseFile(let number)?: target = number
        case .crisis(let id)?: target = st.t("危机事件 #\(id)", "crisis event #\(id)")
        case nil: target = ""
        }
        ScreenChrome.header(&b, s, title: st.t("标准话术", "Reply scripts") + " · " + target)
        let isCrisis: Bool = { if case .crisis? = s.scripts.target { return true } else { return false } }()
        b.putPadded(isCrisis ? st.t(" 危机话术(网点、媒体、监管),按本事件填写", " crisis scripts (outlet, media, regulator), filled for this event")
                             : st.t(" 适合本案及当前阶段的话术,最合适的在前;个人信息已遮蔽", " scripts that fit this case and stage, best first; personal data masked"),
                    x: 0, y: 1, width: b.width, style: .muted)
        let commands: [Command] = (isCrisis ? [.report] : [.note, .contact]) + [.back]
        guard let scripts = s.scripts.scripts else {
            b.put(st.t(" 读取中…", " Loading…"), x: 0, y: 3, style: .muted)
            ScreenChrome.footer(&b, s, y: b.height - 1, commands: [.back])
            return
        }
        let table = Table(columns: [
            Table.Column("  #", width: 4, gap: 0, keepsMargin: true),
            Table.Column(st.t("话术", "script"), width: b.width >= 120 ? 30 : 20, gap: 0, keepsMargin: true),
            Table.Column(st.t("适用情形", "when to use it"), width: 0, minWidth: 10, gap: 0, keepsMargin: true),
            Table.Column(st.t("版本", "version"), width: st.language == .zh ? 11 : 8, gap: 0, keepsMargin: true),
            Table.Column(st.t("待补", "to fill"), width: 9, gap: 0, keepsMargin: true),
        ]).fitted(to: b.width)
        table.drawHeader(&b, y: 2)
        let rows = ScriptsScreen.listRows(count: scripts.count, height: b.height)
        if scripts.isEmpty {
            b.put(st.t("  没有适合的话术", "  no script fits"), x: 0, y: 3, style: .muted)
        }
        let first = s.scripts.list.window(visible: rows, count: scripts.count)
        for i in 0..<rows {
            guard let f = scripts[safe: first + i] else { break }
            let selected = first + i == s.scripts.list.cursor
            let cells = [Table.Cell("  \(first + i + 1)"), Table.Cell(SafeText.sanitize(f.script.title)),
                         Table.Cell(SafeText.sanitize(f.script.situation)),
                         Table.Cell(version(f.script, st.language)),
                         Table.Cell(f.gaps.isEmpty ? "" : "\(f.gaps.count)", style: f.gaps.isEmpty ? nil : .warning)]
            table.drawRow(&b, y: 3 + i, cells, style: selected ? .selected : .normal, plain: !selected)
        }
        let top = 3 + rows
        ScreenChrome.rule(&b, s, y: top)
        if let f = scripts[safe: s.scripts.list.cursor] {
            let lines = wording(f, s, width: b.width - 2)
            let visible = b.height - top - 2
            let start = max(0, min(s.scripts.scroll, lines.count - visible))
            for i in 0..<visible {
                guard let (line, style) = lines[safe: start + i] else { break }
                b.put(" " + line, x: 0, y: top + 1 + i, style: style)
            }
        }
        ScreenChrome.footer(&b, s, y: b.height - 1, commands: commands)
    }

    /// A script's version and language in the screen's words (`第1版 中文`, `v1 zh`).
    static func version(_ script: ReplyScript, _ language: Language) -> String {
        guard language == .zh else { return "v\(script.version) \(SafeText.sanitize(script.language))" }
        let names = ["zh": "中文", "en": "英文"]
        return "第\(script.version)版 " + (names[script.language] ?? SafeText.sanitize(script.language))
    }

    /// The selected script's lines: its id and version, the values still to complete, then the
    /// wording wrapped to the width (made harmless).
    static func wording(_ f: FilledScript, _ s: ConsoleState, width: Int) -> [(String, StyleRole)] {
        let st = s.settings
        // On a Chinese screen the script is named by its title (its id is an English code).
        let name = st.language == .zh ? "\(SafeText.sanitize(f.script.title)) · \(version(f.script, .zh))" : SafeText.sanitize(f.script.label)
        var out: [(String, StyleRole)] = [(name, .paneTitle)]
        if !f.gaps.isEmpty {
            out.append((st.t("保存前请补全: ", "complete before saving: ") + f.gaps.map { $0.label(st.language) }.joined(separator: st.t("、", ", ")), .warning))
        }
        out += TextViewer.wrap([f.text], width: max(8, width)).map { ($0, StyleRole.normal) }
        return out
    }
}
