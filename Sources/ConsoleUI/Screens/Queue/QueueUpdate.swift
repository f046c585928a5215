import CaseModel
import TerminalKit

/// The queue's commands: moving over tens of thousands of rows (loading windows as needed),
/// marking, search, filter, sort, and starting a reassignment.
enum QueueUpdate {
    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let visible = QueueLayout.visibleRows(height: s.height)
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            s.queue.cursor = DashboardUpdate.step(s.queue.cursor, command, count: s.queue.total, page: visible)
            return moved(&s)
        case .open:
            guard let row = s.queue.row(at: s.queue.cursor) else { return [] }
            return [.loadCase(row.number)]
        case .mark:
            guard let row = s.queue.row(at: s.queue.cursor) else { return [] }
            if s.queue.marks.contains(row.number) { s.queue.marks.remove(row.number) } else { s.queue.marks.insert(row.number) }
            s.queue.cursor = min(s.queue.total - 1, s.queue.cursor + 1)
            return moved(&s)
        case .unmarkAll:
            s.queue.marks.removeAll()
            return []
        case .reassign:
            guard !s.settings.readOnly else {
                ConsoleUpdate.say(&s, s.settings.t("只读模式:不能改派", "Read-only: cases cannot be reassigned"), error: true)
                return []
            }
            let numbers = s.queue.marks.isEmpty ? (s.queue.row(at: s.queue.cursor).map { [$0.number] } ?? []) : s.queue.marks.sorted()
            guard !numbers.isEmpty else {
                ConsoleUpdate.say(&s, s.settings.t("没有可改派的案件", "Nothing to reassign"), error: true)
                return []
            }
            return AssignUpdate.pick(&s, numbers: numbers)
        case .search:
            s.overlay = .input(kind: .search, text: s.queue.query.filter.search)
            return []
        case .filter:
            s.overlay = .filter(FilterEditor(draft: s.queue.query.filter))
            return [.loadBranches, .loadRoster]
        case .clearFilter:
            var q = s.queue.query
            q.filter = QueueQuery.openCases
            return requery(&s, q)
        case .sortNext:
            var q = s.queue.query
            let all = ConsoleQueries.SortColumn.allCases
            q.sort = all[(all.firstIndex(of: q.sort)! + 1) % all.count]
            q.descending = false
            return requery(&s, q)
        case .sortReverse:
            var q = s.queue.query
            q.descending.toggle()
            return requery(&s, q)
        case .toggleClosed:
            var q = s.queue.query
            switch q.filter.openness {
            case .open: q.filter.openness = .any
            case .any: q.filter.openness = .closed
            case .closed: q.filter.openness = .open
            }
            return requery(&s, q)
        default:
            return []
        }
    }

    /// After the cursor moved: scroll, and load another window when it left the loaded one.
    static func moved(_ s: inout ConsoleState) -> [Effect] {
        ConsoleUpdate.clampQueue(&s)
        let visible = QueueLayout.visibleRows(height: s.height)
        let wantEnd = min(s.queue.total, s.queue.top + visible)
        let haveEnd = s.queue.windowOffset + s.queue.rows.count
        if s.queue.top < s.queue.windowOffset || wantEnd > haveEnd {
            let start = max(0, min(s.queue.top - s.settings.queuePageSize / 4, s.queue.total - s.settings.queuePageSize))
            return [.loadQueue(s.queue.query, offset: start)]
        }
        return []
    }

    /// Shows the queue for a new query from its first row; marks stay.
    static func requery(_ s: inout ConsoleState, _ q: QueueQuery) -> [Effect] {
        ConsoleUpdate.openQueue(&s, query: q, keepMarks: true)
    }
}
