import CaseModel
import Foundation
import TerminalKit

/// The queue: a table of cases over a loaded window of rows, with marks, the cursor, the filter
/// and sort on the status line, and key hints.
enum QueueView {
    /// A column of the queue: the table column, the sort it stands for, and a row's value.
    struct Column {
        var sort: QueueSort?
        var table: Table.Column
        var value: (CaseRow, ClockText.Reading?) -> String
        /// Whether this is the "time left" column (coloured by the clock).
        var isTimeLeft = false
    }

    /// Every column, most important first by `priority`; the summary takes what is left.
    static func columns(_ s: ConsoleState) -> [Column] {
        let st = s.settings
        let zh = st.language == .zh
        func labelWidth<T: Labeled>(_ t: T.Type, cap: Int) -> Int { min(cap, T.allCases.map { DisplayWidth.of($0.label(st.language)) }.max() ?? 4) }
        func col(_ sort: QueueSort?, _ zhTitle: String, _ en: String, _ width: Int, _ priority: Int, minWidth: Int = 0,
                 _ value: @escaping (CaseRow, ClockText.Reading?) -> String) -> Column {
            Column(sort: sort, table: Table.Column(st.t(zhTitle, en), width: width, minWidth: minWidth, priority: priority), value: value)
        }
        var timeLeft = col(nil, "剩余/超时(工时)", "left/over (work)", 16, 3) { _, c in c.map { ClockText.left($0, st) } ?? "-" }
        timeLeft.isTimeLeft = true
        return [
            col(.number, "编号", "number", 16, 0) { r, _ in r.item.number },
            col(.severity, "严重度", "sev", zh ? 6 : 7, 1) { r, _ in r.item.severity.label(st.language) },
            col(.category, "类别", "category", zh ? 4 : 8, 4) { r, _ in r.item.category.label(st.language) },
            col(.kind, "件类", "kind", labelWidth(CaseKind.self, cap: 8), 8) { r, _ in r.item.kind.label(st.language) },
            col(nil, "摘要", "summary", 0, 2, minWidth: 14) { r, _ in SafeText.sanitize(Masking.maskText(r.item.summary)) },
            col(nil, "投诉人", "complainant", zh ? 6 : 11, 7) { r, _ in Masking.maskName(SafeText.sanitize(r.item.complainant.name)) },
            col(.handler, "处理人", "handler", 10, 5) { r, _ in r.item.handler.map { SafeText.sanitize(s.names.name($0)) } ?? st.t("未分派", "-") },
            col(.status, "状态", "status", labelWidth(CaseStatus.self, cap: zh ? 6 : 11), 6) { r, _ in r.item.status.label(st.language) },
            col(.due, "应于", "due", 11, 9) { _, c in c.map { DeskTime.standard.short($0.due) } ?? "-" },
            timeLeft,
            col(.branch, "机构", "branch", 10, 10) { r, _ in SafeText.sanitize(r.item.branch) },
        ]
    }

    /// The columns that fit a width, in display order, and the table they make (a mark gutter of 2).
    static func layout(_ s: ConsoleState, width: Int) -> ([Column], Table) {
        let all = columns(s)
        let table = Table(columns: all.map(\.table), gutter: 2).fitted(to: width)
        let kept = table.columns.map { c in all.first { $0.table.title == c.title }! }
        return (kept, table)
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let q = s.queue
        ScreenChrome.header(&b, s, title: st.t("案件队列", "Case queue"))
        let (cols, table) = layout(s, width: b.width)
        // Column titles, the sorted one marked with its direction.
        table.drawHeader(&b, y: 1, titles: cols.map { c in
            c.sort.map { $0 == q.query.sort } == true ? c.table.title + (q.query.descending ? "↓" : "↑") : c.table.title
        })
        let visible = QueueScreen.visibleRows(height: s.height)
        let g = Glyphs.of(st)
        if q.loaded && q.total == 0 {
            b.put(st.t("   没有符合条件的案件", "   no cases match"), x: 0, y: QueueScreen.tableTop, style: .muted)
        }
        let first = q.list.window(visible: visible, count: q.total)
        for i in 0..<visible {
            let index = first + i
            guard index < q.total else { break }
            let y = QueueScreen.tableTop + i
            guard let row = q.row(at: index) else {
                b.put("  …", x: 0, y: y, style: .muted)
                continue
            }
            let reading = ClockText.read(row, at: s.now)
            let marked = q.list.marks.contains(row.number)
            let cells = cols.map { c -> Table.Cell in
                var text = c.value(row, reading)
                var style: StyleRole?
                if c.isTimeLeft {
                    style = ClockText.style(reading?.state)
                    if let r = reading, r.state != .ok { text = ClockText.marker(r.state).trimmingCharacters(in: .whitespaces) + text }
                }
                if c.sort == .severity && (row.item.severity == .crisis || row.item.severity == .major) { style = .crisis }
                return Table.Cell(text, style: style)
            }
            table.drawRow(&b, y: y, cells, style: Table.rowStyle(selected: index == q.list.cursor, marked: marked),
                          plain: index != q.list.cursor && !marked, mark: marked ? g.mark : " ")
        }
        // Status line: position, total, marks, filter, sort.
        let statusY = s.height - 2
        b.fill(x: 0, y: statusY, width: b.width, height: 1, style: .paneTitle)
        let position = q.total == 0 ? "0/0" : "\(q.list.cursor + 1)/\(q.total)"
        // Until the first page of a new query arrives (in the background), no count is claimed.
        var status = " " + (q.loaded ? position + "  " + st.t("已标记 \(q.list.marks.count)", "marked \(q.list.marks.count)")
                                     : st.t("正在读取…", "loading…"))
        let filter = FilterEditor.describe(q.query.filter, settings: st)
        status += "  " + st.t("筛选: ", "filter: ") + (filter.isEmpty ? st.t("未结案件", "open cases") : filter)
        status += "  " + st.t("排序: ", "sort: ") + sortLabel(q.query.sort, st) + (q.query.descending ? "↓" : "↑")
        b.put(status, x: 0, y: statusY, style: .paneTitle)
        ScreenChrome.footer(&b, s, y: s.height - 1, commands: [.mark, .reassign, .search, .filter, .sortNext, .open, .help, .back])
    }

    /// What `draw` reads from the clock beyond the minute: each row in view's clock state (its
    /// marker and colour) and time left, whether or not the column fits the width.
    static func clockFace(_ s: ConsoleState) -> [String] {
        let q = s.queue
        let visible = QueueScreen.visibleRows(height: s.height)
        let first = q.list.window(visible: visible, count: q.total)
        var face: [String] = []
        face.reserveCapacity(visible)
        for index in first..<max(first, min(q.total, first + visible)) {
            guard let row = q.row(at: index), let r = ClockText.read(row, at: s.now) else { face.append(""); continue }
            face.append(ClockText.marker(r.state) + ClockText.left(r, s.settings))
        }
        return face
    }

    /// The sort column's name.
    static func sortLabel(_ c: QueueSort, _ st: ConsoleSettings) -> String {
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
