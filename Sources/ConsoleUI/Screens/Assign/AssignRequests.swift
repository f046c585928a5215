import CaseModel
import TerminalKit

/// The slice of the desk the assign screen and the picker read and change.
public protocol AssignSource {
    /// Every case-taking user on duty or still holding open cases, with load and worst clock.
    func handlerBoard(at now: Instant) throws -> [HandlerLoad]
    /// Reassigns cases (all or nothing, audited by the desk).
    func assign(_ numbers: [String], to handler: String) throws
    /// The balanced move of a handler's open cases to those on duty (nothing written).
    func proposeMoveAll(from handler: String) throws -> MoveAllPlan
    /// Writes a proposed move in one transaction; returns how many cases moved. `progress` hears
    /// how many are done so far.
    func applyMoveAll(_ plan: MoveAllPlan, progress: @escaping @Sendable (Int) -> Void) throws -> Int
}

extension CaseModelDataSource: AssignSource {
    public func handlerBoard(at now: Instant) throws -> [HandlerLoad] { try desk.handlerBoard(at: now, actor: actor) }
    public func assign(_ numbers: [String], to handler: String) throws { try desk.assign(numbers, to: handler, actor: actor) }
    public func proposeMoveAll(from handler: String) throws -> MoveAllPlan { try desk.proposeMoveAll(from: handler, actor: actor) }
    public func applyMoveAll(_ plan: MoveAllPlan, progress: @escaping @Sendable (Int) -> Void) throws -> Int {
        try desk.applyMoveAll(plan, actor: actor, progress: progress).count
    }
}

/// Reads the board of handlers.
public struct LoadHandlerBoard: DeskRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> [HandlerLoad] { try desk.source(AssignSource.self).handlerBoard(at: desk.now) }
    public func apply(_ entries: [HandlerLoad], to s: inout ConsoleState) -> [Effect] {
        s.assign.entries = entries
        s.assign.loaded = true
        s.assign.list.clamp(count: entries.count, visible: AssignScreen.visibleRows(height: s.height))
        return []
    }
}

extension Effect {
    /// Reads the board of handlers.
    public static var loadHandlerBoard: Effect { Effect(LoadHandlerBoard()) }
}

/// Reassigns cases to a handler (after the confirmation).
public struct AssignCases: DeskRequest {
    public var numbers: [String]
    public var handler: String
    public func perform(_ desk: DeskContext) throws { try desk.source(AssignSource.self).assign(numbers, to: handler) }
    public func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        s.queue.list.marks.subtract(numbers)
        ConsoleUpdate.say(&s, s.settings.t("已改派 \(numbers.count) 件给 \(s.names.name(handler))", "Reassigned \(numbers.count) case(s) to \(s.names.name(handler))"))
        // Reassigned from a case: show it with its new handler at once.
        if s.screen == .caseView, let n = s.caseScreen.detail?.item.number, numbers.contains(n) { return [.loadCase(n), .loadRoster] }
        return [.loadQueue(s.queue.query, offset: s.queue.windowOffset), .loadRoster]
    }
}

/// Asks the desk for a balanced plan for a handler's open cases (nothing written).
public struct ProposeMoveAll: DeskRequest {
    public var from: String
    public func perform(_ desk: DeskContext) throws -> MoveAllPlan { try desk.source(AssignSource.self).proposeMoveAll(from: from) }
    public func apply(_ plan: MoveAllPlan, to s: inout ConsoleState) -> [Effect] {
        var effects: [Effect] = []
        if s.screen != .assign { effects = AssignScreen.open(&s) }
        s.assign.plan = plan
        s.assign.planScroll = 0
        return effects
    }
    public func activity(_ st: ConsoleSettings) -> Activity? {
        Activity(text: st.t("正在计算 \(SafeText.sanitize(from)) 的移交方案", "Planning the move of \(SafeText.sanitize(from))'s cases"))
    }
}

/// Writes a confirmed move-all: thousands of cases on a big desk, so it runs with progress.
public struct ApplyMoveAll: DeskRequest {
    public var plan: MoveAllPlan
    public func perform(_ desk: DeskContext) throws -> Int { try desk.source(AssignSource.self).applyMoveAll(plan, progress: desk.progress) }
    public func apply(_ count: Int, to s: inout ConsoleState) -> [Effect] {
        s.deskChanged()
        ConsoleUpdate.say(&s, s.settings.t("已将 \(s.names.name(plan.from.name)) 的 \(count) 件按负荷移交", "Moved \(count) case(s) of \(s.names.name(plan.from.name)), balanced by load"))
        return [.loadHandlerBoard, .loadRoster]
    }
    public func activity(_ st: ConsoleSettings) -> Activity? {
        Activity(text: st.t("正在移交 \(plan.from.name) 的 \(plan.moves.count) 件", "Moving \(plan.moves.count) case(s) of \(plan.from.name)"),
                 total: plan.moves.count)
    }
}
