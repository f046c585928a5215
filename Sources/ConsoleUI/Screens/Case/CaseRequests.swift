import CaseModel
import TerminalKit

/// The slice of the desk the case screen reads and changes: the case, and the commands its
/// forms become (each the CaseModel command the command line calls, as the console's user).
public protocol CaseScreenSource {
    /// A case, its timeline, clocks and the names of the people in it.
    func caseDetail(_ number: String) throws -> CaseDetail
    /// A workflow action at the version the person saw; a newer version is a `CaseConflict`.
    func act(_ number: String, _ action: WorkflowAction, _ input: ActionInput, expectedVersion: Int) throws -> ComplaintCase
    /// Raises or lowers severity.
    func setSeverity(_ number: String, to severity: Severity, reason: String, expectedVersion: Int) throws -> ComplaintCase
    /// Links a case as a repeat of an earlier one.
    func linkRepeat(_ number: String, to earlier: String) throws -> ComplaintCase
    /// Marks a complaint valid (with the responsible staff) or invalid.
    func determineValidity(_ number: String, valid: Bool, reason: String, responsible: String, lead: String) throws
    /// Declares a crisis over a case: its proposed event, or a new one proposed and declared. Returns the event id.
    func declareCrisis(fromCase number: String, eventID: Int64?, title: String) throws -> Int64
    /// Reveals a case's personal data for a reason (audited first).
    func reveal(_ number: String, reason: String) throws -> CaseDetail
}

extension CaseModelDataSource: CaseScreenSource {
    public func caseDetail(_ number: String) throws -> CaseDetail { try desk.caseDetail(number, actor: actor) }

    public func act(_ number: String, _ action: WorkflowAction, _ input: ActionInput, expectedVersion: Int) throws -> ComplaintCase {
        try conflictNamed { try desk.act(number, action, input, actor: actor, expectedVersion: expectedVersion) }
    }

    public func setSeverity(_ number: String, to severity: Severity, reason: String, expectedVersion: Int) throws -> ComplaintCase {
        try conflictNamed { try desk.setSeverity(number, to: severity, reason: reason, actor: actor, expectedVersion: expectedVersion) }
    }

    public func linkRepeat(_ number: String, to earlier: String) throws -> ComplaintCase {
        try desk.linkRepeat(number, to: earlier, actor: actor)
    }

    public func determineValidity(_ number: String, valid: Bool, reason: String, responsible: String, lead: String) throws {
        _ = try desk.determineValidity(number, valid: valid, reason: reason, responsible: valid ? responsible : nil,
                                       lead: valid ? lead : nil, actor: actor)
    }

    public func declareCrisis(fromCase number: String, eventID: Int64?, title: String) throws -> Int64 {
        // The event the rules (or intake) already proposed for this case, else a new one.
        let proposed = try desk.crisisEvents(activeOnly: true, actor: actor).first { $0.status == .proposed && $0.caseNumbers.contains(number) }?.id
        let id = try eventID ?? proposed ?? desk.proposeCrisis(title: title, cases: [number], trigger: .manual, actor: actor)
        try desk.declareCrisis(id, actor: actor)
        return id
    }

    public func reveal(_ number: String, reason: String) throws -> CaseDetail {
        try desk.revealedDetail(number, reason: reason, actor: actor)
    }

    /// Turns the desk's conflict into one that names the person as the roster shows them (王敏).
    private func conflictNamed<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let DomainError.conflict(number, _, _, by, at) {
            let shown = (try? desk.displayNames(actor: actor))?[by].flatMap { $0.isEmpty ? nil : $0 } ?? by
            throw CaseConflict(ConflictInfo(number: number, changedBy: shown, changedAt: at))
        }
    }
}

/// Reads a case and shows it (from any screen: a queue row, a countdown, an alert, `:go`).
public struct LoadCase: DeskRequest {
    public var number: String
    public func perform(_ desk: DeskContext) throws -> CaseDetail { try desk.source(CaseScreenSource.self).caseDetail(number) }
    public func apply(_ d: CaseDetail, to s: inout ConsoleState) -> [Effect] {
        CaseScreen.loaded(&s, d)
        return []
    }
}

extension Effect {
    /// Reads a case and shows it.
    public static func loadCase(_ number: String) -> Effect { Effect(LoadCase(number: number)) }
}

/// A workflow action from its form, at the version the person saw.
struct ActOnCase: FormRequest {
    var number: String
    var action: WorkflowAction
    var input: ActionInput
    var version: Int
    func perform(_ desk: DeskContext) throws -> ComplaintCase {
        try desk.source(CaseScreenSource.self).act(number, action, input, expectedVersion: version)
    }
    func apply(_ c: ComplaintCase, to s: inout ConsoleState) -> [Effect] {
        let st = s.settings, L = st.language
        return FormRequests.saved(&s, number: number, message: st.t("\(number) \(action.label(L)) 已保存 · \(c.status.label(L))",
                                                                    "\(number): \(action.label(L)) saved · \(c.status.label(L))"))
    }
}

/// Raises or lowers a case's severity, at the version the person saw.
struct SetSeverity: FormRequest {
    var number: String
    var severity: Severity
    var reason: String
    var version: Int
    func perform(_ desk: DeskContext) throws -> ComplaintCase {
        try desk.source(CaseScreenSource.self).setSeverity(number, to: severity, reason: reason, expectedVersion: version)
    }
    func apply(_ c: ComplaintCase, to s: inout ConsoleState) -> [Effect] {
        let st = s.settings
        return FormRequests.saved(&s, number: number, message: st.t("\(number) 严重度: \(c.severity.label(st.language))",
                                                                    "\(number) severity: \(c.severity.label(st.language))"))
    }
}

/// Links a case as a repeat of an earlier one.
struct LinkRepeat: FormRequest {
    var number: String
    var earlier: String
    func perform(_ desk: DeskContext) throws -> ComplaintCase { try desk.source(CaseScreenSource.self).linkRepeat(number, to: earlier) }
    func apply(_ c: ComplaintCase, to s: inout ConsoleState) -> [Effect] {
        FormRequests.saved(&s, number: number, message: s.settings.t("\(number) 已关联 \(earlier),第\(c.repeatCount)次投诉",
                                                                     "\(number) linked to \(earlier): complaint #\(c.repeatCount)"))
    }
}

/// Marks a complaint valid or invalid.
struct DetermineValidity: FormRequest {
    var number: String
    var valid: Bool
    var reason: String
    var responsible: String
    var lead: String
    func perform(_ desk: DeskContext) throws {
        try desk.source(CaseScreenSource.self).determineValidity(number, valid: valid, reason: reason, responsible: responsible, lead: lead)
    }
    func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        FormRequests.saved(&s, number: number, message: s.settings.t("\(number) 已认定\(valid ? "有效" : "无效")", "\(number) marked \(valid ? "valid" : "invalid")"))
    }
}

/// Declares a crisis event over a case.
struct DeclareFromCase: FormRequest {
    var number: String
    var eventID: Int64?
    var title: String
    func perform(_ desk: DeskContext) throws -> Int64 {
        try desk.source(CaseScreenSource.self).declareCrisis(fromCase: number, eventID: eventID, title: title)
    }
    func apply(_ id: Int64, to s: inout ConsoleState) -> [Effect] {
        FormRequests.saved(&s, number: number, message: s.settings.t("危机事件 #\(id) 已启动", "Crisis event #\(id) declared"))
    }
}

/// Reveals a case's personal data for a reason (recorded in the audit trail first).
struct RevealCase: FormRequest {
    var number: String
    var reason: String
    func perform(_ desk: DeskContext) throws -> CaseDetail { try desk.source(CaseScreenSource.self).reveal(number, reason: reason) }
    func apply(_ d: CaseDetail, to s: inout ConsoleState) -> [Effect] {
        s.form = nil
        s.caseScreen.detail = d
        s.caseScreen.revealed = d.item.number
        ConsoleUpdate.say(&s, s.settings.t("个人信息已显示(已记入审计)", "Personal data shown (recorded in the audit trail)"))
        return []
    }
}
