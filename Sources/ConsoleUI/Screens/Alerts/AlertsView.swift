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
    static func describe(_ s: ConsoleState, width: Int = .max) -> String {
        let st = s.settings
        let f = s.alerts.filter
        let all = st.t("全部", "all")
        let state = f.acknowledged == false ? st.t("未确认", "unacknowledged") : f.acknowledged == true ? st.t("已确认", "acknowledged") : all
        func key(_ c: Command) -> String { st.keyMap.keys(for: c, in: .alerts).first?.name ?? ":" + c.rawValue }
        // Opened from the dashboard's pane: the role's view, said first (A or F7 shows every rule).
        let view = f.view == .roleDefault ? [st.t("本角色视图", "role's view")] : []
        let group = "\(key(.alertGroup)) " + st.t("分组", "by") + ": " + dimensionLabel(s.alerts.dimension, st)
        let axes: [(key: Command, name: String, value: String, narrows: Bool)] = [
            (.alertLevel, st.t("级别", "level"), f.level?.label(st.language) ?? all, f.level != nil),
            (.alertRule, st.t("规则", "rule"), f.rule?.label(st.language) ?? all, f.rule != nil),
            (.alertState, st.t("状态", "state"), state, f.acknowledged != nil),
            (.alertBranch, st.t("分公司", "branch"), f.branch.map(SafeText.sanitize) ?? all, f.branch != nil),
        ]
        let full = " " + (view + [group] + axes.map { "\(key($0.key)) \($0.name): \($0.value)" }).joined(separator: "  ")
        if DisplayWidth.of(full) <= width { return full }
        // A narrow screen (80 columns) names only the axes that narrow the list, and says which
        // keys step the others, rather than cutting the line in the middle of an axis.
        let set = axes.filter(\.narrows).map { "\(key($0.key)) \($0.name): \($0.value)" }
        let keys = axes.filter { !$0.narrows }.map { key($0.key) }
        let hint = keys.isEmpty ? [] : [keys.joined(separator: "/") + " " + st.t("筛选", "filter")]
        return " " + (view + [group] + set + hint).joined(separator: "  ")
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
        let room = max(0, b.width - DisplayWidth.of(right))
        b.put(describe(s, width: room), x: 0, y: 1, style: .paneTitle, maxWidth: room)
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

    /// The group rows' table (its header is the screen's column titles): level, rule, the
    /// branch or handler when split by one, count, unacknowledged, new, newest. Text stops one
    /// cell short of the next column; the expand mark sits in the gutter.
    static func groupTable(_ st: ConsoleSettings, dimension: AlertBoard.Dimension) -> Table {
        let zh = st.language == .zh
        var columns = [Table.Column(st.t("级别", "level"), width: zh ? 6 : 9, gap: 0),
                       Table.Column(st.t("规则", "rule"), width: zh ? 12 : 16, gap: 0, keepsMargin: true)]
        if dimension != .none {
            columns.append(Table.Column(dimension == .branch ? st.t("分公司", "branch") : st.t("处理人", "handler"), width: 15, gap: 0, keepsMargin: true))
        }
        columns += [Table.Column(st.t("条数", "alerts"), width: 7, alignment: .right),
                    Table.Column(st.t("未确认", "unack"), width: 8, alignment: .right),
                    Table.Column(st.t("新", "new"), width: 6, alignment: .right, gap: 2),
                    Table.Column(st.t("最新", "newest"), width: 11, gap: 0)]
        return Table(columns: columns, gutter: 3)
    }

    static func drawTitles(_ b: inout CellBuffer, _ s: ConsoleState) {
        let table = groupTable(s.settings, dimension: s.alerts.dimension)
        // The figures' titles sit over the figures, right-aligned as they are.
        table.drawHeader(&b, y: 2, titles: table.columns.map { $0.alignment == .right ? DisplayWidth.pad($0.title, to: $0.width, alignRight: true) : $0.title })
    }

    static func drawGroup(_ b: inout CellBuffer, _ s: ConsoleState, _ g: AlertBoard.Group, y: Int, selected: Bool) {
        let st = s.settings
        let base: StyleRole = selected ? .selected : (g.unacknowledged == 0 ? .muted : .normal)
        var cells = [Table.Cell(g.key.level.label(st.language), style: levelStyle(g.key.level)), Table.Cell(g.key.rule.label(st.language))]
        if s.alerts.dimension != .none { cells.append(Table.Cell(g.key.value.map { valueLabel(g, $0, st) } ?? "")) }
        cells += [Table.Cell(figure(g.count)), Table.Cell(figure(g.unacknowledged)),
                  Table.Cell(g.new > 0 ? "+" + figure(g.new) : "", style: .warning), Table.Cell(DeskTime.standard.short(g.newestAt))]
        groupTable(st, dimension: s.alerts.dimension)
            .drawRow(&b, y: y, cells, style: base, plain: !selected, mark: s.alerts.expanded.contains(g.key) ? " - " : " + ")
    }

    /// The alert rows' table: the new mark, the case (or subject), on a wide screen the branch
    /// and who acknowledged, when raised, and the text; the mark glyph sits in the gutter.
    static func alertTable(_ st: ConsoleSettings, width: Int) -> Table {
        var columns = [Table.Column("", width: 4, gap: 0), Table.Column("", width: 18, gap: 0)]
        if width >= 120 { columns += [Table.Column("", width: 14, gap: 0), Table.Column("", width: 16, gap: 0)] }
        columns += [Table.Column("", width: 13, gap: 0), Table.Column("", width: 0, gap: 0)]
        return Table(columns: columns, gutter: 3).fitted(to: width)
    }

    static func drawAlert(_ b: inout CellBuffer, _ s: ConsoleState, _ item: AlertListItem, y: Int, selected: Bool) {
        let st = s.settings
        let a = item.alert
        let marked = s.alerts.list.marks.contains(a.id)
        let acked = a.acknowledgedAt != nil
        let style: StyleRole = Table.rowStyle(selected: selected, marked: marked, otherwise: acked ? .muted : .normal)
        // New since the user last looked: stands out on every row it is on.
        var cells = [Table.Cell(item.isNew ? st.t("新", "new") : "", style: .warning), Table.Cell(SafeText.sanitize(a.caseNumber ?? a.subject))]
        if b.width >= 120 {
            cells += [Table.Cell(SafeText.sanitize(item.branch)),
                      Table.Cell(acked ? st.t("已确认 ", "ack ") + SafeText.sanitize(a.acknowledgedBy ?? "") : "")]
        }
        // The text comes from the case as it is now (CaseModel's AlertText: the handler by
        // display name, the status, the clock); the case column already names the case.
        var message = st.language == .zh ? a.messageZh : a.messageEn
        if let n = a.caseNumber, message.hasPrefix(n) {
            message = String(message.dropFirst(n.count)).trimmingCharacters(in: CharacterSet(charactersIn: " :：,，"))
        }
        cells += [Table.Cell(DeskTime.standard.short(a.raisedAt)), Table.Cell(SafeText.sanitize(Masking.maskText(message)))]
        alertTable(st, width: b.width).drawRow(&b, y: y, cells, style: style, plain: !selected && !marked,
                                               mark: " " + (marked ? Glyphs.of(st).mark : " "))
    }
}
