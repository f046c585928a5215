import CaseModel
import TerminalKit

/// What keeps typed and pasted text from ever becoming a command, a confirmation or a save
/// (docs/console-input.md): a paste goes into the focused field as text or nowhere, and a
/// confirmation ignores the keys that were already queued when it appeared.
enum InputGuard {
    /// Whether a yes/no question is showing: a form's confirmation, the discard question, a
    /// conflict, a dialog's confirmation, or the move-all plan.
    static func confirmationShowing(_ s: ConsoleState) -> Bool {
        if s.discardQuestion || s.conflict != nil || s.form?.confirming == true || s.assign.plan != nil { return true }
        if case .confirm? = s.overlay { return true }
        return false
    }

    /// Records when a question appeared (after every event).
    static func track(_ s: inout ConsoleState, wasShowing: Bool) {
        let showing = confirmationShowing(s)
        if showing && !wasShowing { s.confirmationBurst = s.inputBurst }
        if !showing { s.confirmationBurst = nil }
    }

    /// Whether a key must be ignored: it came in the same burst as the key that opened the question
    /// showing, so nobody had seen the question when it was typed (a paste without bracketed paste,
    /// keys typed ahead). Says so, so the person knows to answer again.
    static func ignores(_ s: inout ConsoleState, _ key: Key) -> Bool {
        guard confirmationShowing(s), let opened = s.confirmationBurst, opened == s.inputBurst else { return false }
        ConsoleUpdate.say(&s, s.settings.t("确认框出现前已输入的按键已忽略:请看清后再作答",
                                           "Keys typed before the question appeared were ignored: read it, then answer"), error: true)
        return true
    }

    /// A paste: into the focused text field or the `:` or `/` line as text; anywhere else it is
    /// ignored and the status line says so. Never a key.
    static func paste(_ s: inout ConsoleState, _ text: String) -> [Effect] {
        let st = s.settings
        if confirmationShowing(s) {
            ConsoleUpdate.say(&s, st.t("粘贴已忽略:请先回答确认框", "Paste ignored: answer the question first"), error: true)
            return []
        }
        switch s.overlay {
        case .input(var line)?:
            line.edit.insert(Form.pasteText(text, multiline: false))
            s.overlay = .input(line)
            return []
        case .prompt(var p)?:
            var edit = EditableText(p.text, cursor: p.cursor)
            edit.insert(Form.pasteText(text, multiline: false))
            p.text = edit.text
            p.cursor = edit.cursor
            p.candidates = []; p.cycle = nil
            s.overlay = .prompt(p)
            return []
        case nil:
            break
        default:
            ConsoleUpdate.say(&s, st.t("粘贴已忽略:此处没有输入框", "Paste ignored: there is no text field here"), error: true)
            return []
        }
        guard var f = s.form else {
            ConsoleUpdate.say(&s, st.t("粘贴已忽略:此处没有输入框", "Paste ignored: there is no text field here"), error: true)
            return []
        }
        let outcome = f.paste(text)
        switch outcome {
        case .pasteRefused(.notText):
            ConsoleUpdate.say(&s, st.t("粘贴已忽略:当前栏不是文字栏", "Paste ignored: this field takes no text"), error: true)
            return []
        case .pasteRefused(.tooLong(let field, let count, let limit)):
            f.showErrors([(field, st.t("粘贴内容过长:粘贴后 \(count) 字,本栏上限 \(limit) 字,未粘贴", "paste too long: \(count) characters with it, the limit is \(limit); nothing pasted"))])
            s.form = f
            return []
        case .pasteRefused(.notANumber(let field)):
            f.showErrors([(field, st.t("粘贴内容不是数字,未粘贴", "the paste is not a number; nothing pasted"))])
            s.form = f
            return []
        case .changed(let id):
            f.confirmed = false
            s.form = f
            return f.purpose == .intake ? IntakeScreen.fieldChanged(&s, id) : []
        default:
            s.form = f
            return []
        }
    }
}
