import CaseModel
import Foundation
import TerminalKit

/// The alerts screen: the filter on its first line, then every matching alert with its level,
/// rule, subject, branch, when it was raised and who acknowledged it.
enum AlertsView {
    /// The filter as a line: each axis with the key that steps it.
    static func describe(_ s: ConsoleState) -> String {
        let st = s.settings
        let f = s.alerts.filter
        let all = st.t("全部", "all")
        let state = f.acknowledged == false ? st.t("未确认", "unacknowledged") : f.acknowledged == true ? st.t("已确认", "acknowledged") : all
        func key(_ c: Command) -> String { st.keyMap.keys(for: c, in: .alerts).first?.name ?? ":" + c.rawValue }
        return " " + [
            "\(key(.alertLevel)) " + st.t("级别", "level") + ": " + (f.level?.label(st.language) ?? all),
            "\(key(.alertRule)) " + st.t("规则", "rule") + ": " + (f.rule?.label(st.language) ?? all),
            "\(key(.alertState)) " + st.t("状态", "state") + ": " + state,
            "\(key(.alertBranch)) " + st.t("分公司", "branch") + ": " + (f.branch.map(SafeText.sanitize) ?? all),
        ].joined(separator: "  ")
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let list = s.alerts
        ScreenChrome.header(&b, s, title: st.t("告警", "Alerts"))
        b.fill(x: 0, y: 1, width: b.width, height: 1, style: .paneTitle)
        let count = list.items.isEmpty ? "0/0" : "\(list.list.cursor + 1)/\(list.items.count)"
        let right = " " + count + "  " + st.t("已标记 \(list.list.marks.count)", "marked \(list.list.marks.count)") + " "
        b.put(describe(s), x: 0, y: 1, style: .paneTitle, maxWidth: max(0, b.width - DisplayWidth.of(right)))
        b.put(right, x: max(0, b.width - DisplayWidth.of(right)), y: 1, style: .paneTitle)
        let wide = b.width >= 120
        var cols = [Table.Column(st.t("级别", "level"), width: st.language == .zh ? 6 : 8), Table.Column(st.t("规则", "rule"), width: st.language == .zh ? 10 : 14),
                    Table.Column(st.t("案件/对象", "case/subject"), width: 17), Table.Column(st.t("分公司", "branch"), width: 10),
                    Table.Column(st.t("发生", "raised"), width: 11)]
        if wide { cols.append(Table.Column(st.t("确认人", "ack by"), width: 10)) }
        cols.append(Table.Column(st.t("内容", "message"), width: 0, minWidth: 10))
        let table = Table(columns: cols, gutter: 2).fitted(to: b.width)
        table.drawHeader(&b, y: 2)
        let top = 3
        let rows = AlertsScreen.visibleRows(height: s.height)
        if list.loaded && list.items.isEmpty {
            b.put(st.t("   没有符合条件的告警", "   no alerts match"), x: 0, y: top, style: .muted)
        }
        let g = Glyphs.of(st)
        let first = list.list.window(visible: rows, count: list.items.count)
        for i in 0..<rows {
            let index = first + i
            guard let item = list.items[safe: index] else { break }
            let a = item.alert
            let marked = list.list.marks.contains(a.id)
            let selected = index == list.list.cursor
            let acked = a.acknowledgedAt != nil
            let levelStyle: StyleRole = a.level == .critical ? .alertCritical : a.level == .warning ? .alertWarning : .alertInfo
            var values = [a.level.label(st.language), a.rule.label(st.language), SafeText.sanitize(a.caseNumber ?? a.subject),
                          SafeText.sanitize(item.branch), DeskTime.standard.short(a.raisedAt)]
            if wide { values.append(a.acknowledgedBy.map { SafeText.sanitize(s.names.name($0)) } ?? "-") }
            // The case column already names the case: the message starts after it, so at 80
            // columns what is left says what happened.
            var message = st.language == .zh ? a.messageZh : a.messageEn
            if let n = a.caseNumber, message.hasPrefix(n) {
                message = String(message.dropFirst(n.count)).trimmingCharacters(in: CharacterSet(charactersIn: " :：,，"))
            }
            values.append(SafeText.sanitize(Masking.maskText(message)))
            // The level keeps its colour on a plain row; an acknowledged one is muted throughout.
            let cells = values.enumerated().map { Table.Cell($1, style: $0 == 0 ? levelStyle : nil) }
            table.drawRow(&b, y: top + i, cells, style: Table.rowStyle(selected: selected, marked: marked, otherwise: acked ? .muted : .normal),
                          plain: !selected && !marked && !acked, mark: marked ? g.mark : " ")
        }
        ScreenChrome.footer(&b, s, y: s.height - 1, commands: [.mark, .acknowledge, .open, .alertLevel, .alertState, .help, .back])
    }
}
