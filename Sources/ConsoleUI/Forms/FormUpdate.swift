import CaseModel
import TerminalKit

/// Keys while a form or a conflict is showing: the form widget's keys, checking and sending the
/// form (after its confirmation), and the answer to a conflict. Pure, like `ConsoleUpdate`.
enum FormUpdate {
    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        if let conflict = s.conflict {
            switch key {
            case .char("y"), .char("Y"), .enter, .char("r"):
                // Reload: the form stays with what was typed, now based on the version just read,
                // so sending it again is a decision made with the other change in view.
                s.conflict = nil
                s.rebaseOnLoad = conflict.number
                return [.loadCase(conflict.number)]
            case .char("n"), .char("N"), .escape, .char("q"):
                s.conflict = nil
                s.form = nil
                ConsoleUpdate.say(&s, s.settings.t("未保存", "Nothing was saved"))
            case .ctrl("c"):
                // Back to the form, where C-c asks before anything typed is thrown away.
                s.conflict = nil
                return FormClosing.cancel(&s)
            default: break
            }
            return []
        }
        guard var form = s.form else { return [] }
        let isIntake = form.purpose == .intake
        if isIntake, let effects = IntakeScreen.formKey(&s, &form, key) {
            s.form = form
            return effects
        }
        if form.confirming, form.confirmNeedsExplicitKey, [.char("y"), .char("Y"), .enter].contains(key) {
            ConsoleUpdate.say(&s, s.settings.t("此操作不可撤销:按 C-y 确认,n/Esc 返回修改", "This cannot be undone: C-y confirms, n/Esc goes back"), error: true)
            return []
        }
        let outcome = form.handle(key)
        s.form = form
        switch outcome {
        case .none: return []
        case .cancel:
            return FormClosing.cancel(&s)
        case .pasteRefused:
            return []
        case .changed(let id):
            s.form?.confirmed = false
            return isIntake ? IntakeScreen.fieldChanged(&s, id) : []
        case .left(let id):
            if isIntake { IntakeScreen.fieldLeft(&s, id) }
            return []
        case .submit:
            return submit(&s)
        }
    }

    /// Checks and sends the open form; asks first when the form has a confirmation.
    static func submit(_ s: inout ConsoleState) -> [Effect] {
        guard var f = s.form else { return [] }
        let st = s.settings
        guard !st.readOnly else {
            f.showError(st.t("只读模式:不能保存", "Read-only: nothing can be saved"), field: nil)
            s.form = f
            return []
        }
        // Every problem at once, each beside its field: required fields left empty, then the
        // desk's own checks (the intake reports all its refusals together).
        var problems: [FieldError] = f.fields.filter { $0.required && $0.value.trimmingSpaces.isEmpty }.map { FieldError($0.id, st.t("必填", "required")) }
        problems += f.fields.filter { $0.takesText && $0.value.count > $0.maxLength }.map {
            FieldError($0.id, st.t("\($0.value.count) 字,超出上限 \($0.maxLength) 字", "\($0.value.count) characters, over the limit of \($0.maxLength)"))
        }
        let result: Result<Effect, FieldError>
        switch f.purpose {
        case .intake:
            let all = IntakeForm.problems(f, st, now: s.now).filter { p in !problems.contains { $0.field == p.field } }
            problems += all
            result = all.isEmpty ? IntakeForm.request(f, st, s.intake, now: s.now) : .failure(all[0])
        case .crisisPropose, .crisisDeclare, .crisisDismiss, .crisisReport, .crisisClose, .crisisArchive: result = CrisisForms.request(f, st)
        case .handoverAck: result = HandoverScreen.request(f, st)
        case .shiftAdd, .shiftMove, .shiftRemove: result = RosterForms.request(f, st, now: s.now)
        default: result = CaseActions.request(f, st)
        }
        if case .failure(let e) = result, !problems.contains(where: { $0.field == e.field }) { problems.append(e) }
        if !problems.isEmpty {
            f.showErrors(problems.map { ($0.field.isEmpty ? nil : $0.field, $0.message) })
            s.form = f
            return []
        }
        switch result {
        case .failure(let e):
            f.showError(e.message, field: e.field)
            s.form = f
            return []
        case .success(let effect):
            if f.confirmText != nil && !f.confirmed {
                f.confirming = true
                s.form = f
                return []
            }
            f.confirmed = false
            s.form = f
            return [effect]
        }
    }

    /// A case was read: after an explicit reload, the open form now acts on this version. Other
    /// reads (another console's change) leave the form's version alone, so it still conflicts.
    static func caseLoaded(_ s: inout ConsoleState, _ d: CaseDetail) {
        guard s.rebaseOnLoad == d.item.number else { return }
        s.rebaseOnLoad = nil
        guard let f = s.form else { return }
        switch f.purpose {
        case .action(let n, let a, _) where n == d.item.number: s.form?.purpose = .action(number: n, action: a, version: d.item.version)
        case .severity(let n, _) where n == d.item.number: s.form?.purpose = .severity(number: n, version: d.item.version)
        case .scripted(let n, let a, _, let use, let filled) where n == d.item.number:
            s.form?.purpose = .scripted(number: n, action: a, version: d.item.version, script: use, filled: filled)
        default: break
        }
        ConsoleUpdate.say(&s, s.settings.t("已重新读取,请核对后再保存", "Reloaded: check the case, then save again"))
    }
}
