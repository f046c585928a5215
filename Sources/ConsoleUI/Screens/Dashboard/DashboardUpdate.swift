import CaseModel
import TerminalKit

/// The dashboard's commands: moving between panes and cells, opening a queue or a case,
/// acknowledging an alert.
enum DashboardUpdate {
    static let rows = Category.allCases.count + 1
    static let columns = Severity.ordered.count + 1

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let d = s.dashboard
        switch command {
        case .nextPane:
            s.pane = ConsoleState.Pane(rawValue: (s.pane.rawValue + 1) % ConsoleState.Pane.allCases.count)!
        case .prevPane:
            s.pane = ConsoleState.Pane(rawValue: (s.pane.rawValue + ConsoleState.Pane.allCases.count - 1) % ConsoleState.Pane.allCases.count)!
        case .up, .down, .pageUp, .pageDown, .top, .bottom, .left, .right:
            move(&s, command)
        case .open:
            switch s.pane {
            case .matrix:
                var q = QueueQuery()
                if s.matrixRow < Category.allCases.count { q.filter.categories = [Category.allCases[s.matrixRow]] }
                if s.matrixColumn < Severity.ordered.count { q.filter.severities = [Severity.ordered[s.matrixColumn]] }
                return ConsoleUpdate.openQueue(&s, query: q, keepMarks: true)
            case .countdown:
                if let row = d?.countdown[safe: s.countdownCursor] { return [.loadCase(row.number)] }
            case .alerts:
                if let n = d?.alerts[safe: s.alertCursor]?.caseNumber { return [.loadCase(n)] }
            }
        case .acknowledge:
            guard !s.settings.readOnly else {
                ConsoleUpdate.say(&s, s.settings.t("只读模式:不能确认告警", "Read-only: alerts cannot be acknowledged"), error: true)
                return []
            }
            // Acknowledge only the alert the operator is looking at: from another pane, `a` first
            // moves to the alert pane and selects, a second `a` acknowledges.
            guard s.pane == .alerts else {
                s.pane = .alerts
                ConsoleUpdate.say(&s, s.settings.t("已切到告警窗格:选中后再按 a 确认", "Alert pane: select an alert, then press a again"))
                return []
            }
            guard let alert = d?.alerts[safe: s.alertCursor] else {
                ConsoleUpdate.say(&s, s.settings.t("没有可确认的告警", "No alert to acknowledge"), error: true)
                return []
            }
            return [.acknowledge(alertID: alert.id)]
        default:
            break
        }
        return []
    }

    static func move(_ s: inout ConsoleState, _ command: Command) {
        let layout = DashboardLayout(width: s.width, height: s.height)
        switch s.pane {
        case .matrix:
            switch command {
            case .up: s.matrixRow = max(0, s.matrixRow - 1)
            case .down: s.matrixRow = min(rows - 1, s.matrixRow + 1)
            case .left: s.matrixColumn = max(0, s.matrixColumn - 1)
            case .right: s.matrixColumn = min(columns - 1, s.matrixColumn + 1)
            case .top, .pageUp: s.matrixRow = 0
            case .bottom, .pageDown: s.matrixRow = rows - 1
            default: break
            }
        case .countdown:
            let n = s.dashboard?.countdown.count ?? 0
            s.countdownCursor = step(s.countdownCursor, command, count: n, page: layout.countdownRows)
        case .alerts:
            let n = s.dashboard?.alerts.count ?? 0
            s.alertCursor = step(s.alertCursor, command, count: n, page: layout.alertRows)
        }
    }

    /// Moves a list cursor by a command, inside `0..<count`.
    static func step(_ i: Int, _ command: Command, count: Int, page: Int) -> Int {
        guard count > 0 else { return 0 }
        let next: Int
        switch command {
        case .up: next = i - 1
        case .down: next = i + 1
        case .pageUp: next = i - page
        case .pageDown: next = i + page
        case .top: next = 0
        case .bottom: next = count - 1
        default: next = i
        }
        return max(0, min(count - 1, next))
    }
}
