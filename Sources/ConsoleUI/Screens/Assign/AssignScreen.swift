import CaseModel
import TerminalKit

/// The assign screen and the handler picker: choosing a handler for cases, and moving all of an
/// absent handler's open cases to those on duty, balanced by load, after a confirmation.
public enum AssignScreen: ScreenFeature {
    /// Every case-taking user with load and worst clock, and a proposed move-all waiting for yes.
    public struct State: ScreenState {
        public var entries: [HandlerLoad] = []
        public var list = ListCursor<String>()
        public var loaded = false
        /// A proposed balanced move; while set, the screen shows it and only y/n (and scrolling) act.
        public var plan: MoveAllPlan?
        public var planScroll = 0
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("改派", "assign") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] { [.loadHandlerBoard] }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { AssignView.draw(&b, s) }

    /// Rows of handlers the board shows at a height.
    static func visibleRows(height: Int) -> Int { max(1, height - 4) }

    /// Opens the assign screen and loads the board.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        Navigation.show(&s, .assign)
        return [.loadHandlerBoard]
    }

    /// Opens the handler picker for cases (from the queue's marks or a case).
    static func pick(_ s: inout ConsoleState, numbers: [String]) -> [Effect] {
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能改派", "Read-only: cases cannot be reassigned"), error: true)
            return []
        }
        s.overlay = .picker(numbers: numbers, selected: 0)
        return [.loadRoster]
    }

    /// The cases a reassignment applies to here: the queue's marks (else its cursor row) or the open case.
    static func contextNumbers(_ s: ConsoleState) -> [String] {
        switch s.screen {
        case .queue: return s.queue.chosen
        case .caseView: return s.caseScreen.detail.map { [$0.item.number] } ?? []
        default: return []
        }
    }

    /// Asks to confirm assigning the context's cases to a named handler (`:assign 李强`).
    static func assign(_ s: inout ConsoleState, to name: String) -> [Effect] {
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能改派", "Read-only: cases cannot be reassigned"), error: true)
            return []
        }
        let numbers = contextNumbers(s)
        guard !numbers.isEmpty else {
            ConsoleUpdate.say(&s, s.settings.t("先在队列中标记案件或打开一件案件", "Mark cases in the queue or open a case first"), error: true)
            return []
        }
        guard let who = s.roster.first(where: { $0.user.name == name }) ?? unique(s.roster.filter { $0.user.displayName == name }) else {
            ConsoleUpdate.say(&s, s.settings.t("\(SafeText.sanitize(name)) 不在在岗名单中", "\(SafeText.sanitize(name)) is not on duty"), error: true)
            return [.loadRoster]
        }
        s.overlay = .confirm(text: confirmation(s, numbers.count, who), action: .assign(numbers: numbers, handler: who.user.name))
        return []
    }

    /// "Reassign 3 case(s) to liqiang (now 12 open)?"
    static func confirmation(_ s: ConsoleState, _ count: Int, _ who: HandlerLoad) -> String {
        let name = PeopleNames([who.user.name: who.user.displayName]).nameAndLogin(who.user.name, s.settings.language)
        return s.settings.t("将 \(count) 件改派给 \(name)(当前 \(who.openLoad) 件)?",
                            "Reassign \(count) case(s) to \(name) (now \(who.openLoad) open)?")
    }

    static func unique(_ entries: [HandlerLoad]) -> HandlerLoad? { entries.count == 1 ? entries[0] : nil }

    /// Asks the desk for a balanced plan for moving a handler's open cases (shown, then confirmed).
    static func proposeMoveAll(_ s: inout ConsoleState, from name: String) -> [Effect] {
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能移交", "Read-only: cases cannot be moved"), error: true)
            return []
        }
        return [Effect(ProposeMoveAll(from: name))]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let b = s.assign
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            s.assign.list.move(command.cursorStep!, count: b.entries.count, page: max(1, s.height - 6), visible: visibleRows(height: s.height))
        case .open:
            // The selected handler's open cases, in the queue.
            guard let e = b.entries[safe: b.list.cursor] else { return [] }
            var q = QueueQuery()
            q.filter.handlers = [e.user.name]
            return QueueScreen.open(&s, query: q, keepMarks: true)
        case .moveAll:
            guard let e = b.entries[safe: b.list.cursor] else {
                ConsoleUpdate.say(&s, s.settings.t("没有可移交的处理人", "No handler selected"), error: true)
                return []
            }
            guard e.openLoad > 0 else {
                ConsoleUpdate.say(&s, s.settings.t("\(e.user.name) 没有未结案件", "\(e.user.name) has no open cases"), error: true)
                return []
            }
            return proposeMoveAll(&s, from: e.user.name)
        default:
            break
        }
        return []
    }

    /// Keys while a plan waits: C-y moves (thousands of cases cannot be moved back by accident,
    /// so no key prose can type confirms; docs/console-input.md), n/Esc/q/C-c cancels, arrows scroll.
    static func intercept(_ s: inout ConsoleState, _ key: Key) -> [Effect]? {
        guard let plan = s.assign.plan else { return nil }
        switch (key, s.settings.keyMap.command(for: key, in: .global)) {
        case (.ctrl("y"), _):
            s.assign.plan = nil
            return [Effect(ApplyMoveAll(plan: plan))]
        case (.char("y"), _), (.char("Y"), _), (.enter, _):
            ConsoleUpdate.say(&s, s.settings.t("移交须按 C-y 确认", "Press C-y to move the cases"), error: true)
        case (.char("n"), _), (.char("N"), _), (.escape, _), (.char("q"), _), (.ctrl("c"), _):
            s.assign.plan = nil
            ConsoleUpdate.say(&s, s.settings.t("已取消,未移交任何案件", "Cancelled: nothing moved"))
        case (_, let c?) where [.up, .down, .pageUp, .pageDown, .top].contains(c):
            Navigation.scroll(&s.assign.planScroll, c, page: max(1, s.height - 8))
        default:
            break
        }
        return []
    }
}

extension ConsoleState {
    /// The assign screen's state.
    public var assign: AssignScreen.State {
        get { screens[AssignScreen.State.self] }
        _modify { yield &screens[AssignScreen.State.self] }
    }
}

extension KeyContext {
    /// The assign screen's keys (`assign` in keys.conf).
    public static let assign = Screen.assign.keyContext
}
