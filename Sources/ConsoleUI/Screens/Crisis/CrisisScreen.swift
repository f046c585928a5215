import CaseModel
import TerminalKit

/// The crisis board: every crisis event with its people, involvement and report clocks; below,
/// the selected event's cases, reports and record. Moving between events, opening an event's
/// first case, and the forms that propose, declare, dismiss, report on, close and archive events.
public enum CrisisScreen: ScreenFeature {
    /// The board's events, the cursor on them, and how far the selected event's record is scrolled.
    public struct State: ScreenState {
        public var board: CrisisBoardData?
        public var list = ListCursor<Int64>()
        public var scroll = 0
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("危机事件", "crisis board") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { [.loadCrisisBoard] }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { CrisisBoardView.draw(&b, s) }

    /// Rows of events the board shows at a height (the selected event's record takes the rest).
    static func listRows(events: Int, height: Int) -> Int { min(max(3, events), max(3, (height - 6) / 3)) }

    /// Shows the board and reads it.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        if s.screen != .crisisBoard {
            Navigation.show(&s, .crisisBoard)
            s.crisis.scroll = 0
        }
        return [.loadCrisisBoard]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let events = s.crisis.board?.events ?? []
        switch command {
        case .up, .down, .top, .bottom:
            s.crisis.list.move(command.cursorStep!, count: events.count, page: 1, visible: listRows(events: events.count, height: s.height))
        case .pageDown: s.crisis.scroll += 5
        case .pageUp: s.crisis.scroll = max(0, s.crisis.scroll - 5)
        case .scripts: return ScriptsScreen.openForCrisis(&s)
        case .open:
            if let n = events[safe: s.crisis.list.cursor]?.caseNumbers.first { return [.loadCase(n)] }
        case .read:
            // The selected event's record whole: every report as filed (identifiers masked, as on the board).
            guard let e = events[safe: s.crisis.list.cursor] else { return [] }
            let shown = Disclosure.masked.crisisEvent(e)
            s.viewer = TextViewer(title: "#\(e.id) " + shown.title, paragraphs: CrisisBoardView.record(shown, s))
        default:
            guard CrisisForms.commands.contains(command) else { return [] }
            guard !s.settings.readOnly else {
                ConsoleUpdate.say(&s, s.settings.readOnlyText, error: true)
                return []
            }
            guard command.permitted(for: s.role) else {
                ConsoleUpdate.say(&s, command.refusal(for: s.role, user: s.settings.userName, track: .general, s.settings), error: true)
                return []
            }
            switch CrisisForms.form(command, events[safe: s.crisis.list.cursor], s.settings, policy: s.crisis.board?.policy ?? CrisisPolicy()) {
            case .success(let f): s.form = f
            case .failure(let r): if !r.message.isEmpty { ConsoleUpdate.say(&s, r.message, error: true) }
            }
        }
        return []
    }
}

extension ConsoleState {
    /// The crisis board's state.
    public var crisis: CrisisScreen.State {
        get { screens[CrisisScreen.State.self] }
        _modify { yield &screens[CrisisScreen.State.self] }
    }
}

extension KeyContext {
    /// The crisis board's keys (`crisis` in keys.conf).
    public static let crisis = Screen.crisisBoard.keyContext
}
