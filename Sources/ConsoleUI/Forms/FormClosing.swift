import CaseModel
import TerminalKit

/// Closing a form without saving: at once when nothing was typed; otherwise a question, answered
/// with C-y (discard: a key no text can type by accident), `d` (keep a draft and close) or n/Esc
/// (back to the form). Esc and C-c both come here (docs/console-input.md).
enum FormClosing {
    /// Esc or C-c on the open form.
    static func cancel(_ s: inout ConsoleState) -> [Effect] {
        guard let f = s.form else { return [] }
        if f.isChanged && !s.settings.readOnly {
            s.discardQuestion = true
            return []
        }
        // Typed and erased again: a draft kept meanwhile goes too.
        let kept = s.draftKept != nil ? f.purpose.draftForm.map { [Effect(DiscardDraft(form: $0))] } ?? [] : []
        close(&s)
        ConsoleUpdate.say(&s, s.settings.t("已取消,未保存", "Cancelled; nothing was saved"))
        return kept
    }

    /// The answer to the discard question.
    static func answer(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        guard let f = s.form else { s.discardQuestion = false; return [] }
        switch key {
        case .ctrl("y"):
            s.discardQuestion = false
            close(&s)
            ConsoleUpdate.say(&s, s.settings.t("已放弃,未保存", "Discarded; nothing was saved"))
            return f.purpose.draftForm.map { [Effect(DiscardDraft(form: $0))] } ?? []
        case .char("d"), .char("D"):
            s.discardQuestion = false
            close(&s)
            guard let key = f.purpose.draftForm else { return [] }
            return [Effect(SaveDraft(form: key, fields: f.values, closing: true))]
        case .char("n"), .char("N"), .escape, .ctrl("c"):
            s.discardQuestion = false
        default:
            break
        }
        return []
    }

    /// Closes the form (leaving the intake screen).
    static func close(_ s: inout ConsoleState) {
        let wasIntake = s.form?.purpose == .intake
        s.form = nil
        if wasIntake { IntakeScreen.leave(&s) }
    }

    /// Draws the question over the form.
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        guard s.discardQuestion, let f = s.form else { return }
        let st = s.settings
        let canKeep = f.purpose.draftForm != nil
        Box.draw(&b, title: st.t("放弃已填写的内容?", "Discard what was typed?"), lines: [
            st.t("“\(SafeText.sanitize(f.title))”中已填写的内容尚未保存。", "What was typed in “\(SafeText.sanitize(f.title))” is not saved."),
            "",
            st.t("C-y 放弃(不可恢复)", "C-y discard (cannot be undone)") + (canKeep ? st.t("    d 存为草稿并关闭", "    d keep a draft and close") : "")
                + st.t("    n/Esc 返回表单", "    n/Esc back to the form"),
        ], selected: nil)
        b.cursor = nil
    }
}
