import CaseModel
import Foundation
import TerminalKit

/// The alerts screen: the filter and the true totals on its first line ("570 / 1,196"), then the
/// groups — level, rule (and branch or handler), count, unacknowledged, new, newest — each
/// expanded group followed by its alerts, newest first, new ones marked.
enum AlertsView {
    /// A count with thousands separators ("1,196"), as the totals read.
    static func figure(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A group as the confirmation and the rows name it: "重大 · 提示 · 上海分公司".
    static func groupName(_ g: AlertBoard.Group, _ st: ConsoleSettings) -> String {
        var parts = [g.key.rule.label(st.language), g.key.level.label(st.language)]
        if let v = g.key.value { parts.append(valueLabel(g, v, st)) }
        return parts.joined(separator: " · ")
    }

    /// The branch or handler a group is split by, as shown (the handler by display name).
    static func valueLabel(_ g: AlertBoard.Group, _ value: String, _ st: ConsoleSettings) -> String {
        if value.isEmpty { return st.t("(无)", "(none)") }
        return SafeText.sanitize(g.label ?? value)
    }

    static func dimensionLabel(_ d: AlertBoard.Dimension, _ st: ConsoleSettings) -> String {
        switch d {
        case .none: st.t("规则·级别", "rule·level")
        case .branch: st.t("规则·级别·分公司", "rule·level·branch")
        case .handler: st.t("规则·级别·处理人", "rule·level·handler")
        }
    }

    /// The filter as a line: each axis with the key that steps it.
    static func describe(_ s: ConsoleState) -> String {
        let st = s.settings
        let f = s.alerts.filter
        let all = st.t("全部", "all")
        let state = f.acknowledged == false ? st.t("未确认", "unacknowledged") : f.acknowledged == true ? st.t("已确认", "acknowledged") : all
        func key(_ c: Command) -> String { st.keyMap.keys(for: c, in: .alerts).first?.name ?? ":" + c.rawValue }
        // Opened from the dashboard's pane: the role's view, said first (A or F7 shows every rule).
        let view = f.view == .roleDefault ? [st.t("本角色视图", "role's view")] : []
        return " " + (view + [
            "\(key(.alertGroup)) " + st.t("分组", "by") + ": " + dimensionLabel(s.alerts.dimension, st),
            "\(key(.alertLevel)) " + st.t("级别", "level") + ": " + (f.level?.label(st.language) ?? all),
            "\(key(.alertRule)) " + st.t("规则", "rule") + ": " + (f.rule?.label(st.language) ?? all),
            "\(key(.alertState)) " + st.t("状态", "state") + ": " + state,
            "\(key(.alertBranch)) " + st.t("分公司", "branch") + ": " + (f.branch.map(SafeText.sanitize) ?? all),
        ]).joined(separator: "  ")
    }

    static func levelStyle(_ l: AlertLevel) -> StyleRole { l == .critical ? .alertCritical : l == .warning ? .alertWarning : .alertInfo }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let list = s.alerts
        ScreenChrome.header(&b, s, title: st.t("告警", "Alerts"))
        b.fill(x: 0, y: 1, width: b.width, height: 1, style: .paneTitle)
        var right = " "
        if let board = list.board {
            // True totals: what the filter takes of everything active, never the size of a page.
            right += st.t("\(figure(board.matching)) / \(figure(board.active)) 条", "\(figure(board.matching)) of \(figure(board.active))")
        }
        right += "  " + st.t("已标记 \(list.list.marks.count)", "marked \(list.list.marks.count)") + " "
        b.put(describe(s), x: 0, y: 1, style: .paneTitle, maxWidth: max(0, b.width - DisplayWidth.of(right)))
        b.put(right, x: max(0, b.width - DisplayWidth.of(right)), y: 1, style: .paneTitle)
        drawTitles(&b, s)
        let top = 3
        let rows = AlertsScreen.visibleRows(height: s.height)
        if list.loaded && list.rows.isEmpty {
            b.put(st.t("   没有符合条件的告警", "   no alerts match"), x: 0, y: top, style: .muted)
        }
        let first = list.list.window(visible: rows, count: list.rows.count)
        for i in 0..<rows {
            let index = first + i
            guard let row = list.rows[safe: index] else { break }
            let selected = index == list.list.cursor
            switch row {
            case .group(let g): drawGroup(&b, s, g, y: top + i, selected: selected)
            case .alert(let item): drawAlert(&b, s, item, y: top + i, selected: selected)
            case .more(let shown, let total):
                b.putPadded(st.t("      … 仅列出最新 \(figure(shown)) 条,共 \(figure(total)) 条(a 确认整组)",
                                 "      … newest \(figure(shown)) of \(figure(total)) listed (a acknowledges the whole group)"),
                            x: 0, y: top + i, width: b.width, style: selected ? .selected : .muted)
            }
        }
        ScreenChrome.footer(&b, s, y: s.height - 1, commands: [.open, .acknowledge, .alertGroup, .mark, .alertLevel, .alertState, .help, .back])
    }

    /// Column x positions of a group row (shared by the titles).
    struct Columns {
        var level = 3, rule: Int, value: Int?, count: Int, open: Int, new: Int, newest: Int
        init(_ st: ConsoleSettings, dimension: AlertBoard.Dimension) {
            let zh = st.language == .zh
            rule = level + (zh ? 6 : 9)
            var x = rule + (zh ? 12 : 16)
            if dimension != .none { value = x; x += 15 }
            count = x; open = count + 8; new = open + 9; newest = new + 7
        }
    }

    static func drawTitles(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let c = Columns(st, dimension: s.alerts.dimension)
        b.fill(x: 0, y: 2, width: b.width, height: 1, style: .tableHeader)
        b.put(st.t("级别", "level"), x: c.level, y: 2, style: .tableHeader)
        b.put(st.t("规则", "rule"), x: c.rule, y: 2, style: .tableHeader)
        if let v = c.value { b.put(s.alerts.dimension == .branch ? st.t("分公司", "branch") : st.t("处理人", "handler"), x: v, y: 2, style: .tableHeader) }
        b.putPadded(st.t("条数", "alerts"), x: c.count, y: 2, width: 7, style: .tableHeader, alignRight: true)
        b.putPadded(st.t("未确认", "unack"), x: c.open, y: 2, width: 8, style: .tableHeader, alignRight: true)
        b.putPadded(st.t("新", "new"), x: c.new, y: 2, width: 6, style: .tableHeader, alignRight: true)
        b.put(st.t("最新", "newest"), x: c.newest + 1, y: 2, style: .tableHeader)
    }

    static func drawGroup(_ b: inout CellBuffer, _ s: ConsoleState, _ g: AlertBoard.Group, y: Int, selected: Bool) {
        let st = s.settings
        let c = Columns(st, dimension: s.alerts.dimension)
        let base: StyleRole = selected ? .selected : (g.unacknowledged == 0 ? .muted : .normal)
        b.fill(x: 0, y: y, width: b.width, height: 1, style: base)
        b.put(s.alerts.expanded.contains(g.key) ? " - " : " + ", x: 0, y: y, style: base)
        b.put(g.key.level.label(st.language), x: c.level, y: y, style: selected ? base : levelStyle(g.key.level))
        b.put(g.key.rule.label(st.language), x: c.rule, y: y, style: base, maxWidth: (c.value ?? c.count) - c.rule - 1)
        if let x = c.value, let v = g.key.value { b.put(valueLabel(g, v, st), x: x, y: y, style: base, maxWidth: c.count - x - 1) }
        b.putPadded(figure(g.count), x: c.count, y: y, width: 7, style: base, alignRight: true)
        b.putPadded(figure(g.unacknowledged), x: c.open, y: y, width: 8, style: base, alignRight: true)
        if g.new > 0 { b.putPadded("+" + figure(g.new), x: c.new, y: y, width: 6, style: selected ? base : .warning, alignRight: true) }
        b.put(DeskTime.standard.short(g.newestAt), x: c.newest + 1, y: y, style: base)
    }

    static func drawAlert(_ b: inout CellBuffer, _ s: ConsoleState, _ item: AlertListItem, y: Int, selected: Bool) {
        let st = s.settings
        let a = item.alert
        let marked = s.alerts.list.marks.contains(a.id)
        let acked = a.acknowledgedAt != nil
        let style: StyleRole = Table.rowStyle(selected: selected, marked: marked, otherwise: acked ? .muted : .normal)
        b.fill(x: 0, y: y, width: b.width, height: 1, style: style)
        var x = 3
        b.put(marked ? Glyphs.of(st).mark : " ", x: 1, y: y, style: style)
        // New since the user last looked: stands out on every row it is on.
        x += b.putPadded(item.isNew ? st.t("新", "new") : "", x: x, y: y, width: 4, style: selected || marked ? style : .warning)
        let subject = SafeText.sanitize(a.caseNumber ?? a.subject)
        x += b.putPadded(subject, x: x, y: y, width: 18, style: style)
        let wide = b.width >= 120
        if wide {
            x += b.putPadded(SafeText.sanitize(item.branch), x: x, y: y, width: 14, style: style)
            x += b.putPadded(acked ? st.t("已确认 ", "ack ") + SafeText.sanitize(a.acknowledgedBy ?? "") : "", x: x, y: y, width: 16, style: style)
        }
        x += b.putPadded(DeskTime.standard.short(a.raisedAt), x: x, y: y, width: 13, style: style)
        // The text comes from the case as it is now (CaseModel's AlertText: the handler by
        // display name, the status, the clock); the case column already names the case.
        var message = st.language == .zh ? a.messageZh : a.messageEn
        if let n = a.caseNumber, message.hasPrefix(n) {
            message = String(message.dropFirst(n.count)).trimmingCharacters(in: CharacterSet(charactersIn: " :：,，"))
        }
        b.put(SafeText.sanitize(Masking.maskText(message)), x: x, y: y, style: style, maxWidth: max(0, b.width - x))
    }
}
