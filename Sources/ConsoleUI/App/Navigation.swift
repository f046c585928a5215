import CaseModel
import TerminalKit

/// Moving between screens, in one place: showing a screen (and remembering the way back), going
/// back, help, quitting, the command line, and the commands that open a screen from anywhere.
enum Navigation {
    /// Shows `screen`, remembering the current one to go back to (nothing when it shows already).
    static func show(_ s: inout ConsoleState, _ screen: Screen) {
        guard s.screen != screen else { return }
        s.backStack.append(s.screen)
        s.screen = screen
    }

    /// Leaves the current screen for the one before it (the dashboard when there is none).
    static func leave(_ s: inout ConsoleState) {
        s.screen = s.backStack.popLast() ?? .dashboard
    }

    /// The commands every screen shares; nil for a command the current screen handles itself.
    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect]? {
        switch command {
        case .help:
            guard s.screen != .help else { return [] }
            return HelpScreen.open(&s)
        case .quit:
            return requestQuit(&s)
        case .back:
            if let previous = s.backStack.popLast() {
                s.screen = previous
                return s.screen.feature.reenter(&s, force: false)
            }
            // Back from the dashboard leaves the console: ask, so a stray Esc at 3 a.m. loses nothing.
            return requestQuit(&s)
        case .commandLine:
            return CommandLineUpdate.open(&s, text: "")
        case .go:
            // Without a number it opens the prompt with `go ` typed, so Tab offers the numbers.
            return CommandLineUpdate.open(&s, text: "go ")
        case .dashboard:
            s.backStack.removeAll()
            s.screen = .dashboard
            return s.screen.feature.reenter(&s, force: false)
        case .refresh:
            return s.screen.feature.reenter(&s, force: true)
        case .queue:
            return QueueScreen.open(&s, query: s.queue.query, keepMarks: true)
        case .reports:
            return ReportsScreen.open(&s)
        case .assignScreen:
            return AssignScreen.open(&s)
        case .moveAll where s.screen != .assign:
            let effects = AssignScreen.open(&s)
            ConsoleUpdate.say(&s, s.settings.t("选中要移交的处理人,按 m", "Select the absent handler, then press m"))
            return effects
        case .alerts:
            return AlertsScreen.open(&s)
        case .ack:
            // Without a filter, as the acknowledge key on the screen showing.
            return s.screen.feature.run(&s, .acknowledge)
        case .newCase:
            return IntakeScreen.open(&s)
        case .search where s.screen != .queue:
            // From the dashboard as in the queue: the line opens empty here, Enter shows the queue.
            s.overlay = .input(InputLine(kind: .search, previous: s.queue.query.filter.search))
            return []
        case .crisisBoard:
            return CrisisScreen.open(&s)
        case .handover:
            return HandoverScreen.open(&s)
        case .roster:
            return RosterScreen.open(&s)
        // The tools' actions typed on the `:` line elsewhere lead to the screen they act on.
        case .handoverAck where s.screen != .handover:
            let effects = HandoverScreen.open(&s)
            ConsoleUpdate.say(&s, s.settings.t("核对交接内容后按 a 确认接班", "Read the handover, then press a to acknowledge it"))
            return effects
        case .shiftAdd where s.screen != .roster, .shiftMove where s.screen != .roster, .shiftRemove where s.screen != .roster:
            let effects = RosterScreen.open(&s)
            ConsoleUpdate.say(&s, s.settings.t("选中班次后按 n 新增、m 调整、x 删除", "Select a shift, then n adds, m moves, x removes"))
            return effects
        case .scripts where ![.caseView, .crisisBoard, .scripts].contains(s.screen):
            ConsoleUpdate.say(&s, s.settings.t("先打开案件或危机事件看板,再按 t 选话术", "Open a case or the crisis board first, then t picks a script"), error: true)
            return []
        case .calendar:
            // This month, from any screen (the dashboard's data carries the calendars).
            let today = DeskTime.standard.civil(s.now).date
            s.viewer = TextViewer(title: s.settings.t("节假日日历", "Holiday calendars"), calendarYear: today.year, month: today.month)
            return s.dashboard.data == nil ? [.loadDashboard] : []
        default:
            return nil
        }
    }

    /// Quitting always asks, whichever way it came (q or Esc on the dashboard, F10, C-c, `:quit`),
    /// so a stray key at 3 a.m. never closes the desk; the question names marked cases that would
    /// be lost. The answer is burst-guarded like every confirmation (`InputGuard`).
    static func requestQuit(_ s: inout ConsoleState) -> [Effect] {
        let marked = s.queue.list.marks.count
        let text = marked > 0
            ? s.settings.t("有 \(marked) 件已标记,确认退出?", "\(marked) case(s) are marked. Quit anyway?")
            : s.settings.t("退出值班台?", "Quit the console?")
        s.overlay = .confirm(text: text, action: .quit)
        return []
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
}

extension Command {
    /// The list step a movement command takes, nil for any other command.
    var cursorStep: CursorStep? {
        switch self {
        case .up: .up
        case .down: .down
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .top: .top
        case .bottom: .bottom
        default: nil
        }
    }
}
