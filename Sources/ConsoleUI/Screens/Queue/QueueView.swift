import CaseModel
import Foundation
import TerminalKit

/// The queue: a table of cases over a loaded window of rows, with marks, the cursor, the filter
/// and sort on the status line, and key hints.
enum QueueView {
    /// A table column: its title, width, and how to draw a row's value.
    struct Column {
        var id: ConsoleQueries.SortColumn?
        var title: String
        var width: Int
        var priority: Int
        var value: (CaseRow, ClockText.Reading?) -> String
    }

    /// The columns that fit a width, in display order; the summary takes what is left.
    static func columns(_ s: ConsoleState, width: Int) -> [Column] {
        let st = s.settings
        let zh = st.language == .zh
        func labelWidth<T: Labeled>(_ t: T.Type, cap: Int) -> Int { min(cap, T.allCases.map { DisplayWidth.of($0.label(st.language)) }.max() ?? 4) }
        var all: [Column] = [
            Column(id: .number, title: st.t("编号", "number"), width: 16, priority: 0) { r, _ in r.item.number },
            Column(id: .severity, title: st.t("严重度", "sev"), width: zh ? 6 : 7, priority: 1) { r, _ in r.item.severity.label(st.language) },
            Column(id: .category, title: st.t("类别", "category"), width: zh ? 4 : 8, priority: 4) { r, _ in r.item.category.label(st.language) },
            Column(id: .kind, title: st.t("件类", "kind"), width: labelWidth(CaseKind.self, cap: 8), priority: 8) { r, _ in r.item.kind.label(st.language) },
            Column(id: nil, title: st.t("摘要", "summary"), width: 0, priority: 2) { r, _ in SafeText.sanitize(Masking.maskText(r.item.summary)) },
            Column(id: nil, title: st.t("投诉人", "complainant"), width: zh ? 6 : 11, priority: 7) { r, _ in Masking.maskName(SafeText.sanitize(r.item.complainant.name)) },
            Column(id: .handler, title: st.t("处理人", "handler"), width: 10, priority: 5) { r, _ in r.item.handler.map(SafeText.sanitize) ?? st.t("未分派", "-") },
            Column(id: .status, title: st.t("状态", "status"), width: labelWidth(CaseStatus.self, cap: zh ? 6 : 11), priority: 6) { r, _ in r.item.status.label(st.language) },
            Column(id: .due, title: st.t("应于", "due"), width: 11, priority: 9) { _, c in c.map { DeskTime.standard.short($0.due) } ?? "-" },
            Column(id: nil, title: st.t("剩余", "left"), width: 15, priority: 3) { _, c in c.map { ClockText.left($0, st, now: s.now) } ?? "-" },
            Column(id: .branch, title: st.t("机构", "branch"), width: 10, priority: 10) { r, _ in SafeText.sanitize(r.item.branch) },
        ]
        let summaryMin = 14
        let markWidth = 2
        // Drop the least important columns until the rest and a readable summary fit.
        while true {
            let fixed = all.filter { $0.width > 0 }.reduce(markWidth) { $0 + $1.width + 1 }
            if fixed + summaryMin <= width || all.count <= 3 {
                let i = all.firstIndex { $0.width == 0 }!
                all[i].width = max(summaryMin, width - fixed)
                return all
            }
            let worst = all.filter { $0.width > 0 }.max { $0.priority < $1.priority }!
            all.removeAll { $0.title == worst.title }
        }
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let q = s.queue
        ConsoleView.header(&b, s, title: st.t("案件队列", "Case queue"))
        let cols = columns(s, width: b.width)
        // Column titles, the sorted one marked with its direction.
        var x = 2
        b.fill(x: 0, y: 1, width: b.width, height: 1, style: .tableHeader)
        for c in cols {
            var title = c.title
            if let id = c.id, id == q.query.sort { title += q.query.descending ? "↓" : "↑" }
            b.putPadded(title, x: x, y: 1, width: c.width, style: .tableHeader)
            x += c.width + 1
        }
        let visible = QueueLayout.visibleRows(height: s.height)
        let g = Glyphs.of(st)
        if q.loaded && q.total == 0 {
            b.put(st.t("   没有符合条件的案件", "   no cases match"), x: 0, y: QueueLayout.tableTop, style: .muted)
        }
        for i in 0..<visible {
            let index = q.top + i
            guard index < q.total else { break }
            let y = QueueLayout.tableTop + i
            guard let row = q.row(at: index) else {
                b.put("  …", x: 0, y: y, style: .muted)
                continue
            }
            let reading = ClockText.read(row, at: s.now)
            let marked = q.marks.contains(row.number)
            let selected = index == q.cursor
            let base: StyleRole = selected ? (marked ? .markedSelected : .selected) : (marked ? .marked : .normal)
            b.fill(x: 0, y: y, width: b.width, height: 1, style: base)
            b.put(marked ? g.mark : " ", x: 0, y: y, style: base)
            var x = 2
            for c in cols {
                var style = base
                if c.title == st.t("剩余", "left") && !selected && !marked { style = ClockText.style(reading?.state) }
                if c.id == .severity && !selected && !marked && (row.item.severity == .crisis || row.item.severity == .major) { style = .crisis }
                var text = c.value(row, reading)
                if c.title == st.t("剩余", "left"), let r = reading, r.state != .ok { text = ClockText.marker(r.state).trimmingCharacters(in: .whitespaces) + text }
                b.putPadded(text, x: x, y: y, width: c.width, style: style)
                x += c.width + 1
            }
        }
        // Status line: position, total, marks, filter, sort.
        let statusY = s.height - 2
        b.fill(x: 0, y: statusY, width: b.width, height: 1, style: .paneTitle)
        let position = q.total == 0 ? "0/0" : "\(q.cursor + 1)/\(q.total)"
        var status = " " + position + "  " + st.t("已标记 \(q.marks.count)", "marked \(q.marks.count)")
        let filter = FilterEditor.describe(q.query.filter, settings: st)
        status += "  " + st.t("筛选: ", "filter: ") + (filter.isEmpty ? st.t("未结案件", "open cases") : filter)
        status += "  " + st.t("排序: ", "sort: ") + sortLabel(q.query.sort, st) + (q.query.descending ? "↓" : "↑")
        b.put(status, x: 0, y: statusY, style: .paneTitle)
        ConsoleView.footer(&b, s, y: s.height - 1, commands: [.mark, .reassign, .search, .filter, .sortNext, .open, .help, .back])
    }

    /// The sort column's name.
    static func sortLabel(_ c: ConsoleQueries.SortColumn, _ st: ConsoleSettings) -> String {
        switch c {
        case .due: return st.t("时限", "due")
        case .number: return st.t("编号", "number")
        case .severity: return st.t("严重度", "severity")
        case .category: return st.t("类别", "category")
        case .kind: return st.t("件类", "kind")
        case .status: return st.t("状态", "status")
        case .handler: return st.t("处理人", "handler")
        case .received: return st.t("受理时间", "received")
        case .branch: return st.t("机构", "branch")
        }
    }
}
