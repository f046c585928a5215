import CaseModel
import TerminalKit

/// The alerts screen's state: the filter, the listed alerts, the cursor and the marks.
public struct AlertListState: Sendable {
    public var filter = AlertListFilter()
    public var items: [AlertListItem] = []
    public var cursor = 0
    public var top = 0
    /// Marked alert ids: acknowledged together with `a`.
    public var marks: Set<String> = []
    public var loaded = false
}

/// The alerts screen: the full list with filters (level, rule, acknowledged or not, branch),
/// acknowledging one or many, and jumping to the case.
enum AlertsUpdate {
    /// Rows of alerts the screen shows (header, filter line, column titles and footer aside).
    static func visibleRows(height: Int) -> Int { max(1, height - 4) }

    /// Opens the alerts screen and loads its list (and the branches its filter offers).
    static func open(_ s: inout ConsoleState) -> [Effect] {
        if s.screen != .alerts {
            s.backStack.append(s.screen)
            s.screen = .alerts
        }
        return [.loadAlertList(s.alertList.filter), .loadBranches]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let list = s.alertList
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            s.alertList.cursor = DashboardUpdate.step(list.cursor, command, count: list.items.count, page: visibleRows(height: s.height))
            clamp(&s)
        case .mark:
            guard let item = list.items[safe: list.cursor] else { return [] }
            if s.alertList.marks.contains(item.alert.id) { s.alertList.marks.remove(item.alert.id) } else { s.alertList.marks.insert(item.alert.id) }
            s.alertList.cursor = min(list.items.count - 1, list.cursor + 1)
            clamp(&s)
        case .unmarkAll:
            s.alertList.marks.removeAll()
        case .open:
            guard let item = list.items[safe: list.cursor] else { return [] }
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
        let list = s.alertList
        let open = list.items.filter { $0.alert.acknowledgedAt == nil }.map(\.alert.id)
        let ids = list.marks.isEmpty ? (list.items[safe: list.cursor].map { [$0.alert.id] } ?? []) : open.filter { list.marks.contains($0) }
        guard !ids.isEmpty, ids.allSatisfy(open.contains) else {
            ConsoleUpdate.say(&s, s.settings.t("没有未确认的告警可确认", "No unacknowledged alert to acknowledge"), error: true)
            return []
        }
        return [.acknowledgeAlerts(ids)]
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
        var f = s.alertList.filter
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
        effects.removeAll { if case .loadAlertList = $0 { return true } else { return false } }
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
        s.alertList.filter = f
        s.alertList.cursor = 0
        s.alertList.top = 0
        s.alertList.loaded = false
        return [.loadAlertList(f)]
    }

    /// Keeps the cursor inside the list and on screen.
    static func clamp(_ s: inout ConsoleState) {
        let visible = visibleRows(height: s.height)
        let n = s.alertList.items.count
        s.alertList.cursor = max(0, min(s.alertList.cursor, n - 1))
        if s.alertList.cursor < s.alertList.top { s.alertList.top = s.alertList.cursor }
        if s.alertList.cursor >= s.alertList.top + visible { s.alertList.top = s.alertList.cursor - visible + 1 }
        s.alertList.top = max(0, min(s.alertList.top, max(0, n - visible)))
    }

    /// Results of the alert effects.
    static func loaded(_ s: inout ConsoleState, _ event: Event) -> [Effect] {
        switch event {
        case .alertListLoaded(let filter, let items):
            guard filter == s.alertList.filter else { return [] } // an answer to an older filter
            s.alertList.items = items
            s.alertList.loaded = true
            // A mark on an alert that left the list (cleared, or filtered out) would act unseen.
            let listed = Set(items.map(\.alert.id))
            s.alertList.marks.formIntersection(listed)
            clamp(&s)
        case .alertsAcknowledged(let count):
            s.alertList.marks.removeAll()
            s.dashboardStale = true
            ConsoleUpdate.say(&s, s.settings.t("已确认 \(count) 条告警", "Acknowledged \(count) alert(s)"))
            return [.loadAlertList(s.alertList.filter)]
        default:
            break
        }
        return []
    }
}
