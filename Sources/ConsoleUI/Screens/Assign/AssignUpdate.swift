import CaseModel
import TerminalKit

/// The assign screen's state: every case-taking user with load and worst clock, and a proposed
/// move-all waiting for confirmation.
public struct AssignBoardState: Sendable {
    public var entries: [RosterEntry] = []
    public var cursor = 0
    public var loaded = false
    /// A proposed balanced move; while set, the screen shows it and only y/n (and scrolling) act.
    public var plan: MoveAllPlan?
    public var planScroll = 0
}

/// The assign screen and the handler picker: choosing a handler for cases, and moving all of an
/// absent handler's open cases to the others, balanced by load, after a confirmation.
enum AssignUpdate {
    /// Opens the assign screen and loads the board.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        if s.screen != .assign {
            s.backStack.append(s.screen)
            s.screen = .assign
        }
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
        case .queue:
            return s.queue.marks.isEmpty ? (s.queue.row(at: s.queue.cursor).map { [$0.number] } ?? []) : s.queue.marks.sorted()
        case .caseView:
            return s.detail.map { [$0.item.number] } ?? []
        default:
            return []
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
        s.overlay = .confirm(
            text: s.settings.t("将 \(numbers.count) 件改派给 \(who.user.name)(当前 \(who.openLoad) 件)?",
                               "Reassign \(numbers.count) case(s) to \(who.user.name) (now \(who.openLoad) open)?"),
            action: .assign(numbers: numbers, handler: who.user.name))
        return []
    }

    static func unique(_ entries: [RosterEntry]) -> RosterEntry? { entries.count == 1 ? entries[0] : nil }

    /// Asks the desk for a balanced plan for moving a handler's open cases (shown, then confirmed).
    static func proposeMoveAll(_ s: inout ConsoleState, from name: String) -> [Effect] {
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能移交", "Read-only: cases cannot be moved"), error: true)
            return []
        }
        return [.proposeMoveAll(from: name)]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let b = s.assignBoard
        switch command {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            s.assignBoard.cursor = DashboardUpdate.step(b.cursor, command, count: b.entries.count, page: max(1, s.height - 6))
        case .open:
            // The selected handler's open cases, in the queue.
            guard let e = b.entries[safe: b.cursor] else { return [] }
            var q = QueueQuery()
            q.filter.handlers = [e.user.name]
            return ConsoleUpdate.openQueue(&s, query: q, keepMarks: true)
        case .moveAll:
            guard let e = b.entries[safe: b.cursor] else {
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

    /// Keys while a plan waits: y/Enter moves, n/Esc/q cancels, arrows scroll the list.
    static func confirmKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        guard let plan = s.assignBoard.plan else { return [] }
        switch (key, s.settings.keyMap.command(for: key, in: .global)) {
        case (.char("y"), _), (.char("Y"), _), (.enter, _):
            s.assignBoard.plan = nil
            return [.applyMoveAll(plan)]
        case (.char("n"), _), (.char("N"), _), (.escape, _), (.char("q"), _):
            s.assignBoard.plan = nil
            ConsoleUpdate.say(&s, s.settings.t("已取消,未移交任何案件", "Cancelled: nothing moved"))
        case (_, let c?) where [.up, .down, .pageUp, .pageDown, .top].contains(c):
            ConsoleUpdate.scroll(&s.assignBoard.planScroll, c, page: max(1, s.height - 8))
        default:
            break
        }
        return []
    }

    /// Results of the assign effects.
    static func loaded(_ s: inout ConsoleState, _ event: Event) -> [Effect] {
        switch event {
        case .handlerBoardLoaded(let entries):
            s.assignBoard.entries = entries
            s.assignBoard.loaded = true
            s.assignBoard.cursor = min(s.assignBoard.cursor, max(0, entries.count - 1))
        case .moveAllProposed(let plan):
            var effects: [Effect] = []
            if s.screen != .assign { effects = open(&s) }
            s.assignBoard.plan = plan
            s.assignBoard.planScroll = 0
            return effects
        case .movedAll(let from, let count):
            s.dashboardStale = true
            ConsoleUpdate.say(&s, s.settings.t("已将 \(from) 的 \(count) 件按负荷移交", "Moved \(count) case(s) of \(from), balanced by load"))
            return [.loadHandlerBoard, .loadRoster]
        default:
            break
        }
        return []
    }
}
