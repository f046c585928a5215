import CaseModel
import TerminalKit

/// The dashboard: the queue matrix, alerts, the countdown of nearest deadlines, the day's intake
/// and the crisis ticker. Moving between panes and cells, opening a queue or a case,
/// acknowledging an alert.
public enum DashboardScreen: ScreenFeature {
    /// The dashboard's panes, in Tab order.
    public enum Pane: Int, Sendable, CaseIterable { case matrix, countdown, alerts }

    /// What the dashboard shows and where its cursors are.
    public struct State: ScreenState {
        /// The figures; nil until the first read.
        public var data: DashboardData?
        /// Something was written since the figures were read: read them again when shown.
        public var stale = true
        /// When the tick asked for the figures the clock moved, until they come (`tick`).
        public var refreshAskedAt: Instant?
        public var pane: Pane = .matrix
        /// Matrix cursor: row (categories, then the total row), column (severities, then the total).
        public var matrixRow = 0
        public var matrixColumn = 0
        /// Cursors of the countdown and alert panes (by case number and alert id).
        public var countdown = ListCursor<String>()
        public var alerts = ListCursor<String>()
        public init() {}
    }

    static let rows = Category.allCases.count + 1
    static let columns = Severity.ordered.count + 1

    static func name(_ st: ConsoleSettings) -> String { st.t("值班总览", "dashboard") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] {
        (s.dashboard.stale || force || s.dashboard.data == nil) ? [.loadDashboard] : []
    }

    /// Overdue counts, the intake and who is on duty move with the clock alone, each at an instant
    /// the last read named (`DeskDashboard.ClockMoves`): only then, and only those figures, are read
    /// again (docs/memory.md). Asked once, even when a read takes seconds (a big desk under
    /// load); asked again only if no answer came within `refreshRetrySeconds`.
    static func tick(_ s: inout ConsoleState) -> [Effect] {
        guard let d = s.dashboard.data else { return [] }
        let parts = d.cases.moves.moved(by: s.now)
        guard !parts.isEmpty else { return [] }
        if let asked = s.dashboard.refreshAskedAt, s.now.seconds.subtractingClamped(asked.seconds) < refreshRetrySeconds { return [] }
        s.dashboard.refreshAskedAt = s.now
        return [Effect(RefreshDashboardFigures(parts))]
    }

    /// How long a refresh may take before the tick asks again (a read that failed).
    static let refreshRetrySeconds: Int64 = 30

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { DashboardView.draw(&b, s) }

    /// The countdown rows' clocks as drawn (they colour the matrix too) and the crisis line.
    static func clockFace(_ s: ConsoleState) -> [String]? { DashboardView.clockFace(s) }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let d = s.dashboard.data
        switch command {
        case .nextPane:
            s.dashboard.pane = Pane(rawValue: (s.dashboard.pane.rawValue + 1) % Pane.allCases.count)!
        case .prevPane:
            s.dashboard.pane = Pane(rawValue: (s.dashboard.pane.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        case .up, .down, .pageUp, .pageDown, .top, .bottom, .left, .right:
            move(&s, command)
        case .open:
            switch s.dashboard.pane {
            case .matrix:
                var q = QueueQuery()
                if s.dashboard.matrixRow < Category.allCases.count { q.filter.categories = [Category.allCases[s.dashboard.matrixRow]] }
                if s.dashboard.matrixColumn < Severity.ordered.count { q.filter.severities = [Severity.ordered[s.dashboard.matrixColumn]] }
                return QueueScreen.open(&s, query: q, keepMarks: true)
            case .countdown:
                if let row = d?.countdown[safe: s.dashboard.countdown.cursor] { return [.loadCase(row.number)] }
            case .alerts:
                // A group opens the alerts screen on that group, expanded.
                if let g = d?.board?.groups[safe: s.dashboard.alerts.cursor] {
                    return AlertsScreen.open(&s, group: g, filter: DashboardData.paneFilter)
                }
            }
        case .acknowledge:
            guard !s.settings.readOnly else {
                ConsoleUpdate.say(&s, s.settings.t("只读模式:不能确认告警", "Read-only: alerts cannot be acknowledged"), error: true)
                return []
            }
            // Acknowledge only the group the operator is looking at: from another pane, `a` first
            // moves to the alert pane and selects, a second `a` asks to acknowledge the group.
            guard s.dashboard.pane == .alerts else {
                s.dashboard.pane = .alerts
                ConsoleUpdate.say(&s, s.settings.t("已切到告警窗格:选中后再按 a 确认", "Alert pane: select an alert, then press a again"))
                return []
            }
            guard let g = d?.board?.groups[safe: s.dashboard.alerts.cursor] else {
                ConsoleUpdate.say(&s, s.settings.t("没有可确认的告警", "No alert to acknowledge"), error: true)
                return []
            }
            return AlertsScreen.askToAcknowledge(&s, group: g, within: DashboardData.paneFilter, by: .none)
        default:
            break
        }
        return []
    }

    static func move(_ s: inout ConsoleState, _ command: Command) {
        let layout = DashboardLayout(width: s.width, height: s.height)
        switch s.dashboard.pane {
        case .matrix:
            switch command {
            case .up: s.dashboard.matrixRow = max(0, s.dashboard.matrixRow - 1)
            case .down: s.dashboard.matrixRow = min(rows - 1, s.dashboard.matrixRow + 1)
            case .left: s.dashboard.matrixColumn = max(0, s.dashboard.matrixColumn - 1)
            case .right: s.dashboard.matrixColumn = min(columns - 1, s.dashboard.matrixColumn + 1)
            case .top, .pageUp: s.dashboard.matrixRow = 0
            case .bottom, .pageDown: s.dashboard.matrixRow = rows - 1
            default: break
            }
        case .countdown:
            guard let step = command.cursorStep else { return }
            s.dashboard.countdown.move(step, count: s.dashboard.data?.countdown.count ?? 0, page: layout.countdownRows)
        case .alerts:
            guard let step = command.cursorStep else { return }
            s.dashboard.alerts.move(step, count: s.dashboard.data?.board?.groups.count ?? 0, page: layout.alertRows)
        }
    }
}

extension ConsoleState {
    /// The dashboard's state.
    public var dashboard: DashboardScreen.State {
        get { screens[DashboardScreen.State.self] }
        _modify { yield &screens[DashboardScreen.State.self] }
    }
}

extension KeyContext {
    /// The dashboard's keys (`dashboard` in keys.conf).
    public static let dashboard = Screen.dashboard.keyContext
}
