import CaseModel
import TerminalKit

/// A request a filled form becomes: the desk's refusal lands beside the field it names (the form
/// stays open with what was typed), and a newer version of the case asks whether to reload.
public protocol FormRequest: DeskRequest {}

extension FormRequest {
    public func fail(_ error: any Error, message: String, to s: inout ConsoleState) -> [Effect] {
        if let conflict = error as? CaseConflict {
            s.conflict = conflict.info
            return []
        }
        if var f = s.form {
            if let refusals = (error as? DomainError)?.refusals, refusals.contains(where: { $0.field != nil }) {
                // Beside its field a refusal says only why: the field's own label is already there
                // (the desk's text would add its label again: `承诺完成: 承诺完成时间：…`).
                let language = s.settings.language
                f.showErrors(refusals.map { ($0.field, $0.field == nil ? $0.text(language) : $0.reason.text(language)) })
            } else {
                f.showError(message, field: FormRequests.fieldOf(error))
            }
            s.form = f
        } else {
            ConsoleUpdate.say(&s, message, error: true)
        }
        return []
    }
}

/// What every form's outcome does: a case saved opens it, a crisis event saved reloads the board.
enum FormRequests {
    /// A case was saved: the form closes (leaving the intake screen), the message shows, and the
    /// case is read and shown.
    static func saved(_ s: inout ConsoleState, number: String, message: String) -> [Effect] {
        closed(&s, message: message) + [.loadCase(number)]
    }

    /// A case was saved that the user may not read (a report case taken in by a role that does
    /// not see them): the form closes and the message stays, with nothing opened.
    static func savedOutOfSight(_ s: inout ConsoleState, message: String) -> [Effect] {
        closed(&s, message: message)
    }

    /// Closes the saved form (leaving the intake screen) and shows `message`; returns the effect
    /// that discards its kept draft, if any.
    private static func closed(_ s: inout ConsoleState, message: String) -> [Effect] {
        let wasIntake = s.form?.purpose == .intake
        let draft = keptDraft(s)
        s.form = nil
        s.deskChanged()
        if wasIntake { IntakeScreen.leave(&s) }
        ConsoleUpdate.say(&s, message)
        return draft
    }

    /// The open form was saved: its kept draft, if any, goes.
    static func keptDraft(_ s: ConsoleState) -> [Effect] {
        guard !s.settings.readOnly, let key = s.form?.purpose.draftForm else { return [] }
        return [Effect(DiscardDraft(form: key))]
    }

    /// A crisis event was saved: the form closes, the message shows, the board is read again.
    static func crisisSaved(_ s: inout ConsoleState, message: String) -> [Effect] {
        let draft = keptDraft(s)
        s.form = nil
        s.deskChanged()
        ConsoleUpdate.say(&s, message)
        return draft + [.loadCrisisBoard]
    }

    /// The form field a desk refusal names (`basis`, `promised`).
    static func fieldOf(_ error: any Error) -> String? {
        (error as? DomainError)?.refusal.field
    }
}
