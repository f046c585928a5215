import CaseModel
import Foundation
import TerminalKit

/// The alerts screen: the filter on its first line, then every matching alert with its level,
/// rule, subject, branch, when it was raised and who acknowledged it.
enum AlertsView {
    /// The filter as a line: each axis with the key that steps it.
    static func describe(_ s: ConsoleState) -> String {
        let st = s.settings
        let f = s.alertList.filter
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
        let list = s.alertList
        ConsoleView.header(&b, s, title: st.t("告警", "Alerts"))
        b.fill(x: 0, y: 1, width: b.width, height: 1, style: .paneTitle)
        let count = list.items.isEmpty ? "0/0" : "\(list.cursor + 1)/\(list.items.count)"
        let right = " " + count + "  " + st.t("已标记 \(list.marks.count)", "marked \(list.marks.count)") + " "
        b.put(describe(s), x: 0, y: 1, style: .paneTitle, maxWidth: max(0, b.width - DisplayWidth.of(right)))
        b.put(right, x: max(0, b.width - DisplayWidth.of(right)), y: 1, style: .paneTitle)
        let wide = b.width >= 120
        var cols: [(String, Int)] = [(st.t("级别", "level"), st.language == .zh ? 6 : 8), (st.t("规则", "rule"), st.language == .zh ? 10 : 14),
                                     (st.t("案件/对象", "case/subject"), 17), (st.t("分公司", "branch"), 10), (st.t("发生", "raised"), 11)]
        if wide { cols.append((st.t("确认人", "ack by"), 10)) }
        let fixed = cols.reduce(2) { $0 + $1.1 + 1 }
        cols.append((st.t("内容", "message"), max(10, b.width - fixed)))
        b.fill(x: 0, y: 2, width: b.width, height: 1, style: .tableHeader)
        var x = 2
        for (title, w) in cols { x += b.putPadded(title, x: x, y: 2, width: min(w, max(0, b.width - x)), style: .tableHeader) + 1 }
        let top = 3
        let rows = AlertsUpdate.visibleRows(height: s.height)
        if list.loaded && list.items.isEmpty {
            b.put(st.t("   没有符合条件的告警", "   no alerts match"), x: 0, y: top, style: .muted)
        }
        let g = Glyphs.of(st)
        for i in 0..<rows {
            let index = list.top + i
            guard let item = list.items[safe: index] else { break }
            let a = item.alert
            let y = top + i
            let marked = list.marks.contains(a.id)
            let selected = index == list.cursor
            let acked = a.acknowledgedAt != nil
            let base: StyleRole = selected ? (marked ? .markedSelected : .selected) : (marked ? .marked : acked ? .muted : .normal)
            b.fill(x: 0, y: y, width: b.width, height: 1, style: base)
            b.put(marked ? g.mark : " ", x: 0, y: y, style: base)
            let levelStyle: StyleRole = selected || marked || acked ? base : a.level == .critical ? .alertCritical : a.level == .warning ? .alertWarning : .alertInfo
            var values = [a.level.label(st.language), a.rule.label(st.language), SafeText.sanitize(a.caseNumber ?? a.subject),
                          SafeText.sanitize(item.branch), DeskTime.standard.short(a.raisedAt)]
            if wide { values.append(a.acknowledgedBy.map(SafeText.sanitize) ?? "-") }
            // The case column already names the case: the message starts after it, so at 80
            // columns what is left says what happened.
            var message = st.language == .zh ? a.messageZh : a.messageEn
            if let n = a.caseNumber, message.hasPrefix(n) {
                message = String(message.dropFirst(n.count)).trimmingCharacters(in: CharacterSet(charactersIn: " :：,，"))
            }
            values.append(SafeText.sanitize(Masking.maskText(message)))
            var x = 2
            for (i, (_, w)) in cols.enumerated() {
                let width = min(w, max(0, b.width - x))
                x += b.putPadded(values[i], x: x, y: y, width: width, style: i == 0 ? levelStyle : base) + 1
            }
        }
        ConsoleView.footer(&b, s, y: s.height - 1, commands: [.mark, .acknowledge, .open, .alertLevel, .alertState, .help, .back])
    }
}
