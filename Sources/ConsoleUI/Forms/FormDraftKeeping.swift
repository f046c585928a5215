import CaseModel
import TerminalKit

/// Keeps the open form's text as its author's draft while it changes, at most every few seconds,
/// so what was typed survives a crash, a `kill -9` or a closed terminal and is offered when the
/// form opens again (docs/console-input.md). Saving or discarding the form removes the draft.
enum FormDraftKeeping {
    /// Seconds between two keeps of a changing form (each keep is one write to the desk file).
    static let interval: Int64 = 5

    /// On the clock's tick: the effect keeping the form, when it changed since it was last kept.
    static func keep(_ s: inout ConsoleState) -> [Effect] {
        guard !s.settings.readOnly, !s.discardQuestion, let f = s.form, f.isChanged, let key = f.purpose.draftForm else { return [] }
        let values = f.values
        if let kept = s.draftKept {
            guard kept.values != values, s.now.seconds - kept.at.seconds >= interval else { return [] }
        }
        s.draftKept = (values, s.now)
        return [Effect(SaveDraft(form: key, fields: values, closing: false))]
    }
}
