import CaseModel
import TerminalKit

/// The case queue: a table over tens of thousands of cases, loaded a window at a time; marking,
/// search, filter, sort, and starting a reassignment.
public enum QueueScreen: ScreenFeature {
    /// The query, a window of loaded rows, the cursor and the marks.
    public struct State: ScreenState {
        public var query = QueueQuery()
        /// The loaded window: rows `windowOffset ..< windowOffset + rows.count` of the result.
        public var rows: [CaseRow] = []
        public var windowOffset = 0
        public var total = 0
        /// Cursor and first visible row (absolute indexes), and the marked case numbers (kept by
        /// number so they survive scrolling, paging and filtering).
        public var list = ListCursor<String>()
        public var loaded = false
        public init() {}

        /// The row at an absolute index, when it is in the loaded window.
        public func row(at index: Int) -> CaseRow? {
            let i = index - windowOffset
            return i >= 0 && i < rows.count ? rows[i] : nil
        }

        /// The cases a command acts on: the marked ones, else the one under the cursor.
        var chosen: [String] { list.marks.isEmpty ? (row(at: list.cursor).map { [$0.number] } ?? []) : list.marks.sorted() }
    }

    /// Table rows visible at a terminal height (header, column titles, status line and footer aside).
    public static func visibleRows(height: Int) -> Int { max(1, height - 4) }
    /// The first row of the table.
    public static let tableTop = 2

    static func name(_ st: ConsoleSettings) -> String { st.t("案件队列", "queue") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { [.loadQueue(s.queue.query, offset: s.queue.windowOffset)] }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { QueueView.draw(&b, s) }

    /// The rows in view's clocks: a queue at rest draws a frame when one of them turns, not every
    /// second (docs/memory.md).
    static func clockFace(_ s: ConsoleState) -> [String]? { QueueView.clockFace(s) }

    /// Shows the queue with a query; marks stay unless told otherwise.
    static func open(_ s: inout ConsoleState, query: QueueQuery, keepMarks: Bool) -> [Effect] {
        Navigation.show(&s, .queue)
        if query != s.queue.query || !s.queue.loaded {
            s.queue.query = query
            s.queue.list.cursor = 0
            s.queue.list.top = 0
            s.queue.rows = []
            s.queue.windowOffset = 0
            s.queue.loaded = false
        }
        if !keepMarks { s.queue.list.marks.removeAll() }
        var effects: [Effect] = [.loadQueue(s.queue.query, offset: windowStart(s))]
        if s.roster.isEmpty { effects.append(.loadRoster) }
        return effects
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let visible = visibleRows(height: s.height)
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            s.queue.list.move(command.cursorStep!, count: s.queue.total, page: visible)
            return moved(&s)
        case .open:
            guard let row = s.queue.row(at: s.queue.list.cursor) else { return [] }
            return [.loadCase(row.number)]
        case .mark:
            guard let row = s.queue.row(at: s.queue.list.cursor) else { return [] }
            s.queue.list.toggleMark(row.number)
            s.queue.list.move(.down, count: s.queue.total, page: visible)
            return moved(&s)
        case .unmarkAll:
            s.queue.list.marks.removeAll()
            return []
        case .reassign:
            guard !s.settings.readOnly else {
                ConsoleUpdate.say(&s, s.settings.t("只读模式:不能改派", "Read-only: cases cannot be reassigned"), error: true)
                return []
            }
            let numbers = s.queue.chosen
            guard !numbers.isEmpty else {
                ConsoleUpdate.say(&s, s.settings.t("没有可改派的案件", "Nothing to reassign"), error: true)
                return []
            }
            return AssignScreen.pick(&s, numbers: numbers)
        case .search:
            s.overlay = .input(InputLine(kind: .search, previous: s.queue.query.filter.search))
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
            let all = QueueSort.allCases
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

    /// After the cursor moved: load another window when the rows in view left the loaded one.
    static func moved(_ s: inout ConsoleState) -> [Effect] {
        let visible = visibleRows(height: s.height)
        s.queue.list.clamp(count: s.queue.total, visible: visible)
        let top = s.queue.list.top
        let wantEnd = min(s.queue.total, top + visible)
        let haveEnd = s.queue.windowOffset + s.queue.rows.count
        if top < s.queue.windowOffset || wantEnd > haveEnd {
            let start = max(0, min(top - s.settings.queuePageSize / 4, s.queue.total - s.settings.queuePageSize))
            return [.loadQueue(s.queue.query, offset: start)]
        }
        return []
    }

    /// Shows the queue for a new query from its first row; marks stay.
    static func requery(_ s: inout ConsoleState, _ q: QueueQuery) -> [Effect] {
        open(&s, query: q, keepMarks: true)
    }

    /// Where the loaded window should start so the cursor sits well inside it.
    static func windowStart(_ s: ConsoleState) -> Int {
        let page = s.settings.queuePageSize
        return max(0, min(s.queue.list.cursor - page / 4, s.queue.total - page))
    }
}

extension ConsoleState {
    /// The queue's state.
    public var queue: QueueScreen.State {
        get { screens[QueueScreen.State.self] }
        _modify { yield &screens[QueueScreen.State.self] }
    }
}

extension KeyContext {
    /// The queue's keys (`queue` in keys.conf).
    public static let queue = Screen.queue.keyContext
}
