import CaseModel
import TerminalKit

/// The alerts screen: the full list with filters (level, rule, acknowledged or not, branch),
/// acknowledging one or many, and jumping to the case.
public enum AlertsScreen: ScreenFeature {
    /// The filter, the listed alerts, the cursor and the marks (alert ids, acknowledged together with `a`).
    public struct State: ScreenState {
        public var filter = AlertListFilter()
        public var items: [AlertListItem] = []
        public var list = ListCursor<String>()
        public var loaded = false
        public init() {}
    }

    /// Rows of alerts the screen shows (header, filter line, column titles and footer aside).
    static func visibleRows(height: Int) -> Int { max(1, height - 4) }

    static func name(_ st: ConsoleSettings) -> String { st.t("告警", "alerts") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { [.loadAlertList(s.alerts.filter)] }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { AlertsView.draw(&b, s) }

    /// Opens the alerts screen and loads its list (and the branches its filter offers).
    static func open(_ s: inout ConsoleState) -> [Effect] {
        Navigation.show(&s, .alerts)
        return [.loadAlertList(s.alerts.filter), .loadBranches]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let list = s.alerts
        let visible = visibleRows(height: s.height)
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            s.alerts.list.move(command.cursorStep!, count: list.items.count, page: visible)
        case .mark:
            guard let item = list.items[safe: list.list.cursor] else { return [] }
            s.alerts.list.toggleMark(item.alert.id)
            s.alerts.list.move(.down, count: list.items.count, page: visible)
        case .unmarkAll:
            s.alerts.list.marks.removeAll()
        case .open:
            guard let item = list.items[safe: list.list.cursor] else { return [] }
            guard let number = item.alert.caseNumber else {
                ConsoleUpdate.say(&s, s.settings.t("此告警不涉及单个案件", "This alert is not about one case"), error: true)
                return []
            }
            return [.loadCase(number)]
        case .acknowledge:
            return acknowledge(&s)
        case .alertLevel, .alertRule, .alertState, .alertBranch:
            var f = list.filter
            cycle(command, &f, branches: s.branches)
            return refilter(&s, f)
        default:
            break
        }
        return []
    }

    /// Acknowledges the marked alerts, or the selected one when none is marked.
    static func acknowledge(_ s: inout ConsoleState) -> [Effect] {
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能确认告警", "Read-only: alerts cannot be acknowledged"), error: true)
            return []
        }
        let list = s.alerts
        let open = list.items.filter { $0.alert.acknowledgedAt == nil }.map(\.alert.id)
        let ids = list.list.marks.isEmpty ? (list.items[safe: list.list.cursor].map { [$0.alert.id] } ?? []) : open.filter { list.list.marks.contains($0) }
        guard !ids.isEmpty, ids.allSatisfy(open.contains) else {
            ConsoleUpdate.say(&s, s.settings.t("没有未确认的告警可确认", "No unacknowledged alert to acknowledge"), error: true)
            return []
        }
        return [Effect(AcknowledgeAlerts(ids: ids))]
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

    /// Sets a filter axis from a `:` argument (`:alert-level critical`, `:alerts warning`);
    /// an unknown value is refused in the status line and nothing changes.
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
        default:
            return []
        }
        var effects = s.screen == .alerts ? [] : open(&s)
        effects.removeAll { $0.is(LoadAlertList.self) }
        return effects + refilter(&s, f)
    }

    static func refuse(_ s: inout ConsoleState, _ command: Command, _ value: String) -> [Effect] {
        let allowed = command.argument.map { $0.placeholder(false) } ?? ""
        ConsoleUpdate.say(&s, s.settings.t("\(command.rawValue): 无效的值 \(SafeText.sanitize(value))(可选 \(allowed))",
                                           "\(command.rawValue): unknown value \(SafeText.sanitize(value)) (one of \(allowed))"), error: true)
        return []
    }

    /// Reloads the list for a new filter, from its top; marks stay (acknowledging checks them).
    static func refilter(_ s: inout ConsoleState, _ f: AlertListFilter) -> [Effect] {
        s.alerts.filter = f
        s.alerts.list.cursor = 0
        s.alerts.list.top = 0
        s.alerts.loaded = false
        return [.loadAlertList(f)]
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
