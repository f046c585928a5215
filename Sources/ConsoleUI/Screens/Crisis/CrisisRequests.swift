import CaseModel
import TerminalKit

/// The crisis board's rows and the policy that sets their report clocks.
public struct CrisisBoardData: Sendable {
    public var events: [CrisisEvent]
    public var policy: CrisisPolicy
    /// Creates board data.
    public init(events: [CrisisEvent], policy: CrisisPolicy) { self.events = events; self.policy = policy }
}

/// The slice of the desk the crisis board reads and changes (CaseModel's crisis commands, as the
/// console's user).
public protocol CrisisSource {
    /// Every crisis event with its cases and reports, and the report policy.
    func crisisBoard() throws -> CrisisBoardData
    func proposeCrisis(title: String, cases: [String], trigger: CrisisTrigger) throws -> Int64
    func declareCrisis(_ id: Int64) throws
    func dismissCrisis(_ id: Int64, reason: String) throws
    func fileCrisisReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String) throws
    func closeCrisis(_ id: Int64, cause: String, lessons: String) throws
    func archiveCrisis(_ id: Int64) throws
}

extension CaseModelDataSource: CrisisSource {
    public func crisisBoard() throws -> CrisisBoardData {
        let events = try desk.crisisEvents(activeOnly: false, actor: actor)
        // Active events in the desk's one urgency order (docs/crisis.md), as the crisis line
        // names them; then the rest, as the desk lists them.
        let policy = desk.policy.crisis
        let ordered = CrisisUrgency.sorted(events.filter { $0.status.isActive }, policy) + events.filter { !$0.status.isActive }
        return CrisisBoardData(events: ordered, policy: desk.policy.crisis)
    }
    public func proposeCrisis(title: String, cases: [String], trigger: CrisisTrigger) throws -> Int64 {
        try desk.proposeCrisis(title: title, cases: cases, trigger: trigger, actor: actor)
    }
    public func declareCrisis(_ id: Int64) throws { try desk.declareCrisis(id, actor: actor) }
    public func dismissCrisis(_ id: Int64, reason: String) throws { try desk.dismissCrisis(id, reason: reason, actor: actor) }
    public func fileCrisisReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String) throws {
        try desk.fileCrisisReport(id, kind: kind, to: whom, text: text, actor: actor)
    }
    public func closeCrisis(_ id: Int64, cause: String, lessons: String) throws { try desk.closeCrisis(id, cause: cause, lessons: lessons, actor: actor) }
    public func archiveCrisis(_ id: Int64) throws { try desk.archiveCrisis(id, actor: actor) }
}

/// Reads the board; the cursor stays on the same event when a change reorders it.
public struct LoadCrisisBoard: FormRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> CrisisBoardData { try desk.source(CrisisSource.self).crisisBoard() }
    public func apply(_ data: CrisisBoardData, to s: inout ConsoleState) -> [Effect] {
        let selected = s.crisis.board?.events[safe: s.crisis.list.cursor]?.id
        s.crisis.board = data
        if let selected, let i = data.events.firstIndex(where: { $0.id == selected }) { s.crisis.list.cursor = i }
        s.crisis.list.clamp(count: data.events.count, visible: CrisisScreen.listRows(events: data.events.count, height: s.height))
        return []
    }
}

extension Effect {
    /// Reads the crisis board.
    public static var loadCrisisBoard: Effect { Effect(LoadCrisisBoard()) }
}

/// Proposes a crisis event over cases.
struct ProposeCrisis: FormRequest {
    var title: String
    var cases: [String]
    var trigger: CrisisTrigger
    func perform(_ desk: DeskContext) throws -> Int64 { try desk.source(CrisisSource.self).proposeCrisis(title: title, cases: cases, trigger: trigger) }
    func apply(_ id: Int64, to s: inout ConsoleState) -> [Effect] {
        FormRequests.crisisSaved(&s, message: s.settings.t("已提议危机事件 #\(id)", "Crisis event #\(id) proposed"))
    }
}

/// Declares a proposed crisis event.
struct DeclareCrisis: FormRequest {
    var id: Int64
    func perform(_ desk: DeskContext) throws { try desk.source(CrisisSource.self).declareCrisis(id) }
    func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        FormRequests.crisisSaved(&s, message: s.settings.t("危机事件 #\(id) 已启动", "Crisis event #\(id) declared"))
    }
}

/// Dismisses a proposed crisis event, with the reason.
struct DismissCrisis: FormRequest {
    var id: Int64
    var reason: String
    func perform(_ desk: DeskContext) throws { try desk.source(CrisisSource.self).dismissCrisis(id, reason: reason) }
    func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        FormRequests.crisisSaved(&s, message: s.settings.t("危机事件 #\(id) 已排除", "Crisis event #\(id) dismissed"))
    }
}

/// Records a report on a crisis event (1 hour, 24 hours, update, final result).
struct FileCrisisReport: FormRequest {
    var id: Int64
    var kind: CrisisReportKind
    var to: String
    var text: String
    func perform(_ desk: DeskContext) throws { try desk.source(CrisisSource.self).fileCrisisReport(id, kind: kind, to: to, text: text) }
    func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        FormRequests.crisisSaved(&s, message: s.settings.t("#\(id) \(kind.label(.zh)) 已记录", "#\(id): report \(kind.label(.en)) recorded"))
    }
}

/// Closes a crisis event with its cause analysis and lessons.
struct CloseCrisis: FormRequest {
    var id: Int64
    var cause: String
    var lessons: String
    func perform(_ desk: DeskContext) throws { try desk.source(CrisisSource.self).closeCrisis(id, cause: cause, lessons: lessons) }
    func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        FormRequests.crisisSaved(&s, message: s.settings.t("危机事件 #\(id) 已结束(原因分析已记录)", "Crisis event #\(id) closed with its cause analysis"))
    }
}

/// Archives a closed crisis event.
struct ArchiveCrisis: FormRequest {
    var id: Int64
    func perform(_ desk: DeskContext) throws { try desk.source(CrisisSource.self).archiveCrisis(id) }
    func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        FormRequests.crisisSaved(&s, message: s.settings.t("危机事件 #\(id) 已归档", "Crisis event #\(id) archived"))
    }
}
