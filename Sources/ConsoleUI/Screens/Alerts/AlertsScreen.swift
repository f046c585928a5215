import CaseModel
import TerminalKit

/// The alerts screen: the alerts grouped by rule and level (or also by branch or handler, `g`),
/// each group with its true counts; Enter expands a group to its alerts, newest first, or opens
/// an alert's case; `a` acknowledges a whole group (after a confirmation stating how many), the
/// marked alerts, or the selected one; filters by level, rule, state and branch.
public enum AlertsScreen: ScreenFeature {
    /// One line of the screen: a group's header, one of an expanded group's alerts, or the line
    /// saying an expanded group lists only part of its alerts.
    public enum Row: Sendable, Equatable {
        case group(AlertBoard.Group)
        case alert(AlertListItem)
        case more(shown: Int, total: Int)

        /// What keeps the cursor on the same line across reloads.
        var id: String {
            switch self {
            case .group(let g): "group:\(g.key.rule.rawValue):\(g.key.level.rawValue):\(g.key.value ?? "")"
            case .alert(let item): "alert:" + item.alert.id
            case .more(let shown, let total): "more:\(shown):\(total)"
            }
        }

        /// The alert on this line, if it is one.
        var item: AlertListItem? { if case .alert(let i) = self { i } else { nil } }
    }

    /// The filter, the grouping, the board and the expanded groups' lists, the cursor and the
    /// marks (alert ids, acknowledged together with `a`).
    public struct State: ScreenState {
        public var filter = AlertListFilter()
        public var dimension: AlertBoard.Dimension = .none
        public var board: AlertBoard?
        public var expanded: Set<AlertBoard.Key> = []
        public var lists: [AlertBoard.Key: AlertPage] = [:]
        public var rows: [Row] = []
        public var list = ListCursor<String>()
        public var loaded = false
        /// When the board shown was read: leaving the screen marks the alerts looked at as of then.
        public var loadedAt: Instant?
        public init() {}

        /// Every alert listed (in expanded groups), in screen order.
        public var items: [AlertListItem] { rows.compactMap(\.item) }

        /// Lays the groups out with the alerts of the expanded ones under their header.
        mutating func rebuildRows() {
            var out: [Row] = []
            for g in board?.groups ?? [] {
                out.append(.group(g))
                guard let page = lists[g.key] else { continue }
                out += page.items.map(Row.alert)
                if page.isPartial { out.append(.more(shown: page.items.count, total: page.total)) }
            }
            rows = out
        }
    }

    /// Rows the screen shows (header, filter line, column titles and footer aside).
    static func visibleRows(height: Int) -> Int { max(1, height - 4) }

    static func name(_ st: ConsoleSettings) -> String { st.t("告警", "alerts") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { [.loadAlertBoard(s.alerts)] }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { AlertsView.draw(&b, s) }

    /// Opens the alerts screen and loads its board (and the branches its filter offers). Opened
    /// this way it shows every rule; only a group opened from the dashboard's pane keeps to the
    /// role's view.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        if s.screen != .alerts && s.alerts.filter.view != .all {
            s.alerts.filter.view = .all
            s.alerts.expanded = []
        }
        Navigation.show(&s, .alerts)
        return [.loadAlertBoard(s.alerts), .loadBranches]
    }

    /// Opens the alerts screen on one group of the dashboard's pane, expanded.
    static func open(_ s: inout ConsoleState, group: AlertBoard.Group, filter: AlertListFilter) -> [Effect] {
        s.alerts.filter = filter
        s.alerts.dimension = .none
        s.alerts.expanded = [group.key]
        s.alerts.loaded = false
        s.alerts.list.cursor = 0
        s.alerts.list.top = 0
        Navigation.show(&s, .alerts)
        return [.loadAlertBoard(s.alerts), .loadBranches]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let list = s.alerts
        let visible = visibleRows(height: s.height)
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            s.alerts.list.move(command.cursorStep!, count: list.rows.count, page: visible)
        case .mark:
            guard let item = list.rows[safe: list.list.cursor]?.item else {
                ConsoleUpdate.say(&s, s.settings.t("Enter 展开分组后逐条标记;a 确认整组", "Enter expands a group to mark alerts; a acknowledges the whole group"))
                return []
            }
            s.alerts.list.toggleMark(item.alert.id)
            s.alerts.list.move(.down, count: list.rows.count, page: visible)
        case .unmarkAll:
            s.alerts.list.marks.removeAll()
        case .open:
            switch list.rows[safe: list.list.cursor] {
            case .group(let g)?:
                if s.alerts.expanded.contains(g.key) {
                    s.alerts.expanded.remove(g.key)
                    s.alerts.lists[g.key] = nil
                    s.alerts.rebuildRows()
                    return []
                }
                s.alerts.expanded.insert(g.key)
                return [.loadAlertBoard(s.alerts)]
            case .alert(let item)?:
                guard let number = item.alert.caseNumber else {
                    ConsoleUpdate.say(&s, s.settings.t("此告警不涉及单个案件", "This alert is not about one case"), error: true)
                    return []
                }
                return [.loadCase(number)]
            default:
                return []
            }
        case .acknowledge:
            return acknowledge(&s)
        case .alertGroup:
            return regroup(&s, next(list.dimension))
        case .alertLevel, .alertRule, .alertState, .alertBranch:
            var f = list.filter
            cycle(command, &f, branches: s.branches)
            return refilter(&s, f)
        default:
            break
        }
        return []
    }

    /// Leaving the screen: the alerts it showed (as of their reading) are no longer new.
    static func left(_ s: inout ConsoleState) -> [Effect] {
        guard !s.settings.readOnly, let at = s.alerts.loadedAt else { return [] }
        s.alerts.loadedAt = nil
        return [Effect(MarkAlertsLooked(at: at))]
    }

    /// The grouping after `d`: rule and level only, then also by branch, then by handler.
    static func next(_ d: AlertBoard.Dimension) -> AlertBoard.Dimension {
        switch d {
        case .none: .branch
        case .branch: .handler
        case .handler: .none
        }
    }

    /// Acknowledges the marked alerts; else the group under the cursor (asking first, with its
    /// count); else the alert under the cursor.
    static func acknowledge(_ s: inout ConsoleState) -> [Effect] {
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能确认告警", "Read-only: alerts cannot be acknowledged"), error: true)
            return []
        }
        let list = s.alerts
        let open = Set(list.items.filter { $0.alert.acknowledgedAt == nil }.map(\.alert.id))
        if !list.list.marks.isEmpty {
            let ids = list.items.map(\.alert.id).filter { list.list.marks.contains($0) && open.contains($0) }
            guard !ids.isEmpty else { return nothingToAcknowledge(&s) }
            return [Effect(AcknowledgeAlerts(ids: ids))]
        }
        switch list.rows[safe: list.list.cursor] {
        case .group(let g)?:
            return askToAcknowledge(&s, group: g, within: list.filter, by: list.dimension)
        case .alert(let item)? where open.contains(item.alert.id):
            return [Effect(AcknowledgeAlerts(ids: [item.alert.id]))]
        default:
            return nothingToAcknowledge(&s)
        }
    }

    /// Asks to acknowledge a whole group: its count is read first and the confirmation states it.
    static func askToAcknowledge(_ s: inout ConsoleState, group g: AlertBoard.Group, within filter: AlertListFilter,
                                 by dimension: AlertBoard.Dimension) -> [Effect] {
        guard g.unacknowledged > 0 else { return nothingToAcknowledge(&s) }
        return [Effect(PreviewAlertAcknowledgement(filter: g.filter(within: filter, by: dimension), describing: AlertsView.groupName(g, s.settings)))]
    }

    static func nothingToAcknowledge(_ s: inout ConsoleState) -> [Effect] {
        ConsoleUpdate.say(&s, s.settings.t("没有未确认的告警可确认", "No unacknowledged alert to acknowledge"), error: true)
        return []
    }

    /// `:ack rule=new-major branch=上海分公司`: every unacknowledged alert the filter takes, after a
    /// confirmation stating how many. Without an argument, as `a`.
    static func acknowledge(_ s: inout ConsoleState, filter text: String) -> [Effect] {
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能确认告警", "Read-only: alerts cannot be acknowledged"), error: true)
            return []
        }
        switch AlertFilterArgument.parse(text) {
        case .success(let f):
            return [Effect(PreviewAlertAcknowledgement(filter: f, describing: SafeText.sanitize(text)))]
        case .failure(let e):
            ConsoleUpdate.say(&s, e.message(s.settings), error: true)
            return []
        }
    }

    /// Steps one filter axis to its next value (after the last, back to "all").
    static func cycle(_ command: Command, _ f: inout AlertListFilter, branches: [String]) {
        func next<T: Equatable>(_ current: T?, in all: [T]) -> T? {
            guard let c = current, let i = all.firstIndex(of: c) else { return all.first }
            return i + 1 < all.count ? all[i + 1] : nil
        }
        switch command {
        case .alertLevel: f.level = next(f.level, in: AlertLevel.allCases.reversed())
        case .alertRule: f.rule = next(f.rule, in: Array(AlertRule.allCases))
        case .alertState: f.acknowledged = f.acknowledged == false ? true : f.acknowledged == true ? nil : false
        case .alertBranch: f.branch = next(f.branch, in: branches)
        default: break
        }
    }

    /// Sets a filter axis from a `:` argument (`:alert-level critical`, `:alerts warning`,
    /// `:alert-group branch`); an unknown value is refused in the status line and nothing changes.
    static func setFilter(_ s: inout ConsoleState, _ command: Command, _ value: String) -> [Effect] {
        var f = s.alerts.filter
        let all = value == "all"
        switch command {
        case .alerts, .alertLevel:
            guard all || AlertLevel(rawValue: value) != nil else { return refuse(&s, command, value) }
            f.level = AlertLevel(rawValue: value)
        case .alertRule:
            guard all || AlertRule(rawValue: value) != nil else { return refuse(&s, command, value) }
            f.rule = AlertRule(rawValue: value)
        case .alertState:
            switch value {
            case "unacknowledged": f.acknowledged = false
            case "acknowledged": f.acknowledged = true
            case "all": f.acknowledged = nil
            default: return refuse(&s, command, value)
            }
        case .alertBranch:
            f.branch = all ? nil : value
        case .alertGroup:
            let d: AlertBoard.Dimension? = value == "rule" ? AlertBoard.Dimension.none : AlertBoard.Dimension(rawValue: value)
            guard let d, value != "none" else { return refuse(&s, command, value) }
            var effects = s.screen == .alerts ? [] : open(&s)
            effects.removeAll { $0.is(LoadAlertBoard.self) }
            return effects + regroup(&s, d)
        default:
            return []
        }
        var effects = s.screen == .alerts ? [] : open(&s)
        effects.removeAll { $0.is(LoadAlertBoard.self) }
        return effects + refilter(&s, f)
    }

    static func refuse(_ s: inout ConsoleState, _ command: Command, _ value: String) -> [Effect] {
        let allowed = command.argument.map { $0.placeholder(false) } ?? ""
        ConsoleUpdate.say(&s, s.settings.t("\(command.rawValue): 无效的值 \(SafeText.sanitize(value))(可选 \(allowed))",
                                           "\(command.rawValue): unknown value \(SafeText.sanitize(value)) (one of \(allowed))"), error: true)
        return []
    }

    /// Reloads the board for a new filter, from its top, groups collapsed; marks stay (acknowledging checks them).
    static func refilter(_ s: inout ConsoleState, _ f: AlertListFilter) -> [Effect] {
        s.alerts.filter = f
        return reload(&s)
    }

    /// Reloads the board grouped another way, from its top, groups collapsed.
    static func regroup(_ s: inout ConsoleState, _ d: AlertBoard.Dimension) -> [Effect] {
        s.alerts.dimension = d
        return reload(&s)
    }

    static func reload(_ s: inout ConsoleState) -> [Effect] {
        s.alerts.expanded = []
        s.alerts.list.cursor = 0
        s.alerts.list.top = 0
        s.alerts.loaded = false
        return [.loadAlertBoard(s.alerts)]
    }
}

extension ConsoleState {
    /// The alerts screen's state.
    public var alerts: AlertsScreen.State {
        get { screens[AlertsScreen.State.self] }
        _modify { yield &screens[AlertsScreen.State.self] }
    }
}

extension KeyContext {
    /// The alerts screen's keys (`alerts` in keys.conf).
    public static let alerts = Screen.alerts.keyContext
}
