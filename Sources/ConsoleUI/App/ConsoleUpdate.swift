import CaseModel
import TerminalKit

/// The console's one update function: state + event → new state and the effects to run.
///
/// Pure: it reads nothing but its arguments (the data comes in as events), so every key, tick
/// and store change can be tested without a terminal or a database.
public enum ConsoleUpdate {
    /// How long a status message stays.
    static let messageSeconds: Int64 = 6

    /// Applies an event; returns the effects to run.
    public static func update(_ s: inout ConsoleState, _ event: Event) -> [Effect] {
        switch event {
        case .key(let key):
            return handleKey(&s, key)
        case .tick(let now):
            s.now = now
            s.ticks += 1
            if let m = s.message, now >= m.until { s.message = nil }
            // Overdue counts move with time: refresh the dashboard now and then, not every tick.
            if s.screen == .dashboard, let d = s.dashboard, now.seconds - d.loadedAt.seconds >= s.settings.dashboardRefreshSeconds {
                return [.loadDashboard]
            }
            return []
        case .resize(let w, let h):
            s.width = w
            s.height = h
            clampQueue(&s)
            return []
        case .databaseChanged:
            // Read only what the visible screen needs; the others reload when shown again.
            s.dashboardStale = true
            switch s.screen {
            case .dashboard: return [.loadDashboard]
            case .queue: return [.loadQueue(s.queue.query, offset: s.queue.windowOffset)]
            case .caseView: return s.detail.map { [.loadCase($0.item.number)] } ?? []
            case .help: return []
            case .reports: return ReportsUpdate.load(s)
            case .intake: return []
            case .crisisBoard: return [.work(.loadCrisisBoard)]
            case .assign: return [.loadHandlerBoard]
            case .alerts: return [.loadAlertList(s.alertList.filter)]
            }
        case .dashboardLoaded(let d):
            s.dashboard = d
            s.dashboardStale = false
            s.countdownCursor = min(s.countdownCursor, max(0, d.countdown.count - 1))
            s.alertCursor = min(s.alertCursor, max(0, d.alerts.count - 1))
            return []
        case .queueLoaded(let page):
            guard page.query == s.queue.query else { return [] } // a stale answer to an older filter
            s.queue.rows = page.rows
            s.queue.windowOffset = page.offset
            s.queue.total = page.total
            s.queue.loaded = true
            clampQueue(&s)
            if s.queue.total > 0, s.queue.row(at: s.queue.cursor) == nil, page.offset != windowStart(s) {
                return [.loadQueue(s.queue.query, offset: windowStart(s))]
            }
            return []
        case .rosterLoaded(let r):
            s.roster = r
            return []
        case .branchesLoaded(let b):
            s.branches = b
            return []
        case .assigned(let numbers, let handler):
            s.queue.marks.subtract(numbers)
            say(&s, s.settings.t("已改派 \(numbers.count) 件给 \(handler)", "Reassigned \(numbers.count) case(s) to \(handler)"))
            // Reassigned from a case: show it with its new handler at once.
            if s.screen == .caseView, let n = s.detail?.item.number, numbers.contains(n) { return [.loadCase(n), .loadRoster] }
            return [.loadQueue(s.queue.query, offset: s.queue.windowOffset), .loadRoster]
        case .caseLoaded(let d):
            if s.detail?.item.number != d.item.number { s.work.revealed = nil }
            s.detail = d
            WorkUpdate.caseLoaded(&s, d)
            if s.screen != .caseView {
                s.backStack.append(s.screen)
                s.screen = .caseView
                s.detailScroll = 0
            }
            return []
        case .reportLoaded(let r):
            s.report = r
            return []
        case .acknowledged:
            say(&s, s.settings.t("告警已确认", "Alert acknowledged"))
            return [.loadDashboard]
        case .work(let w):
            return WorkUpdate.apply(&s, w)
        case .failed(let text):
            say(&s, text, error: true)
            return []
        case .alertEvaluation(let problem):
            s.alertProblem = problem
            return []
        case .handlerBoardLoaded, .moveAllProposed, .movedAll:
            return AssignUpdate.loaded(&s, event)
        case .alertListLoaded, .alertsAcknowledged:
            return AlertsUpdate.loaded(&s, event)
        }
    }

    /// Shows a status message.
    static func say(_ s: inout ConsoleState, _ text: String, error: Bool = false) {
        s.message = StatusMessage(text: text, isError: error, until: s.now.adding(seconds: messageSeconds))
    }

    // MARK: keys

    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        if s.overlay != nil { return OverlayUpdate.handleKey(&s, key) }
        if s.work.form != nil || s.work.conflict != nil { return WorkUpdate.handleKey(&s, key) }
        // A proposed move-all waits for y or n before any other key does anything.
        if s.screen == .assign, s.assignBoard.plan != nil { return AssignUpdate.confirmKey(&s, key) }
        guard let command = s.settings.keyMap.command(for: key, in: s.keyContext) else { return [] }
        return run(&s, command)
    }

    /// Runs a named command (from a key or the `:` command line).
    public static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        switch command {
        case .help:
            guard s.screen != .help else { return [] }
            s.helpContext = s.keyContext
            s.helpScroll = 0
            s.backStack.append(s.screen)
            s.screen = .help
            return []
        case .quit:
            return requestQuit(&s, always: false)
        case .back:
            if let previous = s.backStack.popLast() {
                s.screen = previous
                return reenter(&s)
            }
            // Back from the dashboard leaves the console: ask, so a stray Esc at 3 a.m. loses nothing.
            return requestQuit(&s, always: true)
        case .commandLine:
            return CommandLineUpdate.open(&s, text: "")
        case .assignScreen:
            return AssignUpdate.open(&s)
        case .alerts:
            return AlertsUpdate.open(&s)
        case .go:
            // Without a number it opens the prompt with `go ` typed, so Tab offers the numbers.
            return CommandLineUpdate.open(&s, text: "go ")
        case .reassign where s.screen == .caseView:
            guard let number = s.detail?.item.number else { return [] }
            return AssignUpdate.pick(&s, numbers: [number])
        case .moveAll where s.screen != .assign:
            let effects = AssignUpdate.open(&s)
            say(&s, s.settings.t("选中要移交的处理人,按 m", "Select the absent handler, then press m"))
            return effects
        case .dashboard:
            s.backStack.removeAll()
            s.screen = .dashboard
            return reenter(&s)
        case .queue:
            return openQueue(&s, query: s.queue.query, keepMarks: true)
        case .reports:
            if s.screen != .reports {
                s.backStack.append(s.screen)
                s.screen = .reports
            }
            return ReportsUpdate.load(s)
        case .refresh:
            return reenter(&s, force: true)
        default:
            if let effects = WorkUpdate.runGlobal(&s, command) { return effects }
        }
        switch s.screen {
        case .dashboard: return DashboardUpdate.run(&s, command)
        case .queue: return QueueUpdate.run(&s, command)
        case .reports: return ReportsUpdate.run(&s, command)
        case .caseView: return WorkUpdate.runCase(&s, command)
        case .crisisBoard: return WorkUpdate.runCrisis(&s, command)
        case .intake: return []
        case .help:
            scroll(&s.helpScroll, command, page: max(1, s.height - 4))
            return []
        case .assign: return AssignUpdate.run(&s, command)
        case .alerts: return AlertsUpdate.run(&s, command)
        }
    }

    /// Moves a text screen's scroll offset by a line or a page (never above the top).
    static func scroll(_ offset: inout Int, _ command: Command, page: Int) {
        switch command {
        case .down: offset += 1
        case .up: offset = max(0, offset - 1)
        case .pageDown: offset += page
        case .pageUp: offset = max(0, offset - page)
        case .top: offset = 0
        default: break
        }
    }

    /// Quitting asks first when something would be lost (marked cases) or when it came from
    /// "back" on the dashboard (`always`); the quit key itself (F10) is deliberate.
    static func requestQuit(_ s: inout ConsoleState, always: Bool) -> [Effect] {
        if !s.queue.marks.isEmpty {
            s.overlay = .confirm(text: s.settings.t("有 \(s.queue.marks.count) 件已标记,确认退出?", "\(s.queue.marks.count) case(s) are marked. Quit anyway?"),
                                 action: .quit)
        } else if always {
            s.overlay = .confirm(text: s.settings.t("退出值班台?", "Quit the console?"), action: .quit)
        } else {
            s.quitRequested = true
        }
        return []
    }

    /// Reloads what a screen shows when it comes back into view.
    static func reenter(_ s: inout ConsoleState, force: Bool = false) -> [Effect] {
        switch s.screen {
        case .dashboard: return (s.dashboardStale || force || s.dashboard == nil) ? [.loadDashboard] : []
        case .queue: return [.loadQueue(s.queue.query, offset: s.queue.windowOffset)]
        case .caseView: return force ? (s.detail.map { [.loadCase($0.item.number)] } ?? []) : []
        case .help: return []
        case .reports: return force ? ReportsUpdate.load(s) : []
        case .intake: return []
        case .crisisBoard: return [.work(.loadCrisisBoard)]
        case .assign: return [.loadHandlerBoard]
        case .alerts: return [.loadAlertList(s.alertList.filter)]
        }
    }

    /// Shows the queue with a query; marks stay unless told otherwise.
    static func openQueue(_ s: inout ConsoleState, query: QueueQuery, keepMarks: Bool) -> [Effect] {
        if s.screen != .queue {
            s.backStack.append(s.screen)
            s.screen = .queue
        }
        if query != s.queue.query || !s.queue.loaded {
            s.queue.query = query
            s.queue.cursor = 0
            s.queue.top = 0
            s.queue.rows = []
            s.queue.windowOffset = 0
            s.queue.loaded = false
        }
        if !keepMarks { s.queue.marks.removeAll() }
        var effects: [Effect] = [.loadQueue(s.queue.query, offset: windowStart(s))]
        if s.roster.isEmpty { effects.append(.loadRoster) }
        return effects
    }

    /// Where the loaded window should start so the cursor sits well inside it.
    static func windowStart(_ s: ConsoleState) -> Int {
        let page = s.settings.queuePageSize
        return max(0, min(s.queue.cursor - page / 4, s.queue.total - page))
    }

    /// Keeps the queue's cursor and scroll inside the result and the screen.
    static func clampQueue(_ s: inout ConsoleState) {
        let visible = QueueLayout.visibleRows(height: s.height)
        s.queue.cursor = max(0, min(s.queue.cursor, s.queue.total - 1))
        if s.queue.cursor < s.queue.top { s.queue.top = s.queue.cursor }
        if s.queue.cursor >= s.queue.top + visible { s.queue.top = s.queue.cursor - visible + 1 }
        s.queue.top = max(0, min(s.queue.top, max(0, s.queue.total - visible)))
    }
}
