import CaseModel
import TerminalKit

/// The slice of the desk the intake screen reads and changes.
public protocol IntakeSource {
    /// The intake form's defaults for this operator at `now`.
    func intakeDefaults(at now: Instant) throws -> IntakeDefaults
    /// Earlier cases a new complaint with these identifiers may repeat.
    func repeatSuggestions(phone: String, idNumber: String, policyNumber: String) throws -> [RepeatCandidate]
    /// Takes a complaint in, linked as a repeat when asked; proposes a crisis event over it when
    /// asked. Returns the case and the proposed event's id.
    func intake(_ draft: CaseDraft, repeatOf: String?, proposeCrisis: Bool) throws -> (ComplaintCase, Int64?)
}

extension CaseModelDataSource: IntakeSource {
    public func intakeDefaults(at now: Instant) throws -> IntakeDefaults { try desk.intakeDefaults(at: now, actor: actor) }

    public func repeatSuggestions(phone: String, idNumber: String, policyNumber: String) throws -> [RepeatCandidate] {
        try desk.repeatCandidates(phone: phone, idNumber: idNumber, policyNumber: policyNumber, actor: actor)
    }

    public func intake(_ draft: CaseDraft, repeatOf: String?, proposeCrisis: Bool) throws -> (ComplaintCase, Int64?) {
        try desk.intake(draft, actor: actor, repeatOf: repeatOf, proposingCrisis: proposeCrisis)
    }
}

/// Reads the operator's defaults and opens the intake form.
struct LoadIntakeDefaults: DeskRequest {
    func perform(_ desk: DeskContext) throws -> IntakeDefaults { try desk.source(IntakeSource.self).intakeDefaults(at: desk.now) }
    func apply(_ d: IntakeDefaults, to s: inout ConsoleState) -> [Effect] {
        IntakeScreen.start(&s, d)
        return []
    }
}

/// Looks up earlier cases on the identifiers typed so far.
struct SuggestRepeats: FormRequest {
    var phone: String
    var idNumber: String
    var policyNumber: String
    func perform(_ desk: DeskContext) throws -> [RepeatCandidate] {
        try desk.source(IntakeSource.self).repeatSuggestions(phone: phone, idNumber: idNumber, policyNumber: policyNumber)
    }
    func apply(_ list: [RepeatCandidate], to s: inout ConsoleState) -> [Effect] {
        guard IntakeForm.suggestionKey(phone, idNumber, policyNumber) == s.intake.suggestionKey else { return [] } // identifiers since changed
        s.intake.suggestions = list
        s.intake.suggestionList = ListCursor()
        if let l = s.intake.linkTo, !list.contains(where: { $0.number == l }) { s.intake.linkTo = nil }
        return []
    }
}

/// Takes the complaint in.
struct TakeIn: FormRequest {
    var draft: CaseDraft
    var repeatOf: String?
    var proposeCrisis: Bool
    func perform(_ desk: DeskContext) throws -> TakenIn {
        let (c, event) = try desk.source(IntakeSource.self).intake(draft, repeatOf: repeatOf, proposeCrisis: proposeCrisis)
        return TakenIn(number: c.number, proposedEvent: event, isReport: c.kind == .report)
    }
    func apply(_ t: TakenIn, to s: inout ConsoleState) -> [Effect] {
        let st = s.settings
        var text = st.t("已受理 \(t.number)", "Taken in as \(t.number)")
        if let r = repeatOf { text += st.t(",关联重复投诉 \(r)", ", linked as a repeat of \(r)") }
        if let event = t.proposedEvent { text += st.t(",已提议危机事件 #\(event)(D 启动)", "; crisis event #\(event) proposed (D declares)") }
        // A report case taken in by someone who may not see report cases: saved, and from now on
        // out of their sight. Opening it would answer "no such case" over the saved message, and
        // an operator at 3 a.m. would take the whistle-blower's call in a second time.
        if t.isReport && !Permissions.allows(s.role, .seeReports) {
            text += st.t("(举报件,由总裁办办理;此后您看不到此件)", " (a report case: the president's office handles it; it is out of your sight from now on)")
            return FormRequests.savedOutOfSight(&s, message: text)
        }
        return FormRequests.saved(&s, number: t.number, message: text)
    }
}

/// A case taken in, and the crisis event proposed over it.
struct TakenIn: Sendable {
    var number: String
    var proposedEvent: Int64?
    /// Whether it is a report case 举报件.
    var isReport = false
}
