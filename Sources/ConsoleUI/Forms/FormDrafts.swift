import CaseModel
import TerminalKit

/// The slice of the desk that keeps forms in progress for their author (CaseModel's drafts,
/// docs/drafts.md).
public protocol DraftSource {
    /// The author's draft of a form, or nil.
    func draft(_ form: DraftForm) throws -> FormDraft?
    /// Keeps (or replaces) the author's draft of a form.
    func saveDraft(_ form: DraftForm, fields: [String: String]) throws
    /// Removes the author's draft of a form (saved or discarded).
    func discardDraft(_ form: DraftForm) throws
}

extension CaseModelDataSource: DraftSource {
    public func draft(_ form: DraftForm) throws -> FormDraft? { try desk.draft(form, actor: actor) }
    public func saveDraft(_ form: DraftForm, fields: [String: String]) throws { try desk.saveDraft(form, fields: fields, actor: actor) }
    public func discardDraft(_ form: DraftForm) throws { try desk.discardDraft(form, actor: actor) }
}

extension FormPurpose {
    /// Which draft keeps this form, or nil for a form not worth keeping (revealing personal data).
    var draftForm: DraftForm? {
        switch self {
        case .intake: return .intake
        case .action(let n, let a, _): return .caseAction(number: n, action: a.rawValue)
        case .severity(let n, _): return .caseAction(number: n, action: "severity")
        case .linkRepeat(let n): return .caseAction(number: n, action: "link")
        case .validity(let n): return .caseAction(number: n, action: "validity")
        case .declareFromCase(let n, _): return .caseAction(number: n, action: "declare")
        case .reveal: return nil
        // A script's wording is made again from the script; a plain note's draft must not replace it.
        case .scripted, .handoverAck, .shiftAdd, .shiftMove, .shiftRemove: return nil
        case .crisisPropose: return .crisis(event: nil, action: "propose")
        case .crisisDeclare(let id): return .crisis(event: id, action: "declare")
        case .crisisDismiss(let id): return .crisis(event: id, action: "dismiss")
        case .crisisReport(let id): return .crisis(event: id, action: "report")
        case .crisisClose(let id): return .crisis(event: id, action: "close")
        case .crisisArchive(let id): return .crisis(event: id, action: "archive")
        }
    }
}

/// Reads the draft of a form just opened; when the form is still untouched, the draft's text goes
/// back into it and the status line says so (Esc then asks before discarding it again).
struct LoadDraft: DeskRequest {
    var form: DraftForm
    func perform(_ desk: DeskContext) throws -> FormDraft? { try desk.source(DraftSource.self).draft(form) }
    func apply(_ d: FormDraft?, to s: inout ConsoleState) -> [Effect] {
        guard let d, var f = s.form, f.purpose.draftForm == form, !f.isChanged else { return [] }
        for i in f.fields.indices {
            guard let v = d.fields[f.fields[i].id] else { continue }
            f.fields[i].value = v
            f.fields[i].cursor = nil
        }
        s.form = f
        ConsoleUpdate.say(&s, s.settings.t("已恢复 \(DeskTime.standard.short(d.savedAt)) 保存的草稿", "Draft saved \(DeskTime.standard.short(d.savedAt)) restored"))
        return []
    }
    /// A desk without drafts (read-only, a stand-in) simply has none to offer.
    func fail(_ error: any Error, message: String, to s: inout ConsoleState) -> [Effect] { [] }
}

/// Keeps what was typed as a draft; closes the form when asked to (Esc → keep draft).
struct SaveDraft: DeskRequest {
    var form: DraftForm
    var fields: [String: String]
    var closing: Bool
    func perform(_ desk: DeskContext) throws { try desk.source(DraftSource.self).saveDraft(form, fields: fields) }
    func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] {
        guard closing else { return [] }
        ConsoleUpdate.say(&s, s.settings.t("已存为草稿,下次打开此表单时恢复", "Kept as a draft: it comes back when this form is opened again"))
        return []
    }
    func fail(_ error: any Error, message: String, to s: inout ConsoleState) -> [Effect] {
        guard closing else { return [] } // a background keep that failed is retried on the next change
        ConsoleUpdate.say(&s, s.settings.t("草稿未能保存:", "The draft was not kept: ") + message, error: true)
        return []
    }
}

/// Removes a draft once its form was saved or discarded.
struct DiscardDraft: DeskRequest {
    var form: DraftForm
    func perform(_ desk: DeskContext) throws { try desk.source(DraftSource.self).discardDraft(form) }
    func apply(_ output: Void, to s: inout ConsoleState) -> [Effect] { [] }
    func fail(_ error: any Error, message: String, to s: inout ConsoleState) -> [Effect] { [] }
}
