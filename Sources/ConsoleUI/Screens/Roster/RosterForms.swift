import CaseModel
import TerminalKit

/// The roster screen's changes as forms: a new shift (person, from, to), a shift moved (new times,
/// perhaps another person), a shift removed (asks first). Times are typed as the desk writes them
/// (`2026-02-18 08:00`); CaseModel checks the rest (docs/roster.md).
enum RosterForms {
    /// Opens the form for a command, or says why not (read-only desk, a role that may not plan).
    static func open(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let st = s.settings
        guard !st.readOnly else {
            ConsoleUpdate.say(&s, st.readOnlyText, error: true)
            return []
        }
        guard command.permitted(for: s.role) else {
            ConsoleUpdate.say(&s, command.refusal(for: s.role, user: st.userName, track: .general, st), error: true)
            return []
        }
        let selected = RosterScreen.selected(s)
        let t = DeskTime.standard
        func stamp(_ i: Instant) -> String { t.format(i).prefix(16).replacingOccurrences(of: "T", with: " ") }
        let hint = st.t("如 2026-02-18 08:00", "e.g. 2026-02-18 08:00")
        switch command {
        case .shiftAdd:
            // A new shift starts where the selected one ends, for the same length (a 12-hour one by default).
            let from = selected?.shift.endsAt
            let to = selected.map { $0.shift.endsAt.adding(seconds: $0.shift.seconds) }
            s.form = Form(purpose: .shiftAdd, title: st.t("新增班次", "Add a shift"), fields: [
                FormField("person", st.t("人员", "person"), required: true, hint: st.t("登录名或姓名", "login or name"), maxLength: 40),
                FormField("from", st.t("开始", "from"), value: from.map(stamp) ?? "", required: true, hint: hint, maxLength: 25),
                FormField("to", st.t("结束", "to"), value: to.map(stamp) ?? "", required: true, hint: hint, maxLength: 25),
            ], intro: [st.t("同一人班次不得重叠,须在假期值班期内", "one person's shifts may not overlap; inside the holiday period")])
        case .shiftMove, .shiftRemove:
            guard let d = selected else {
                ConsoleUpdate.say(&s, st.t("请先选中一个班次", "Select a shift first"), error: true)
                return []
            }
            let intro = [SafeText.sanitize(d.user.displayName.isEmpty ? d.user.name : d.user.displayName) + "  "
                         + RosterView.span(d.shift.startsAt, d.shift.endsAt)]
            if command == .shiftMove {
                s.form = Form(purpose: .shiftMove(id: d.shift.id), title: st.t("调整班次", "Move the shift"), fields: [
                    FormField("person", st.t("人员", "person"), value: d.user.name, required: true, hint: st.t("登录名或姓名", "login or name"), maxLength: 40),
                    FormField("from", st.t("开始", "from"), value: stamp(d.shift.startsAt), required: true, hint: hint, maxLength: 25),
                    FormField("to", st.t("结束", "to"), value: stamp(d.shift.endsAt), required: true, hint: hint, maxLength: 25),
                ], intro: intro)
            } else {
                var f = Form(purpose: .shiftRemove(id: d.shift.id), title: st.t("删除班次", "Remove the shift"), fields: [], intro: intro)
                f.confirmText = st.t("删除此班次?删除后若无组长在岗将标红。", "Remove this shift? Hours left with no team lead show in red.")
                s.form = f
            }
        default: break
        }
        return []
    }

    /// The change a filled form becomes, or the field whose time is not one.
    static func request(_ f: Form, _ st: ConsoleSettings, now: Instant) -> Result<Effect, FieldError> {
        if case .shiftRemove(let id) = f.purpose { return .success(Effect(ChangeShift(change: .remove(id: id)))) }
        func time(_ field: String) -> Result<Instant, FieldError> {
            switch DeskTime.standard.check(f.value(field).trimmingSpaces) {
            case .success(let t): return .success(t)
            case .failure(let e):
                let why = e == DeskTime.notISO ? st.t("不是时间", "not a time") : e.reason
                return .failure(FieldError(field, st.t("\(why),如 2026-02-18 08:00", "\(why): e.g. 2026-02-18 08:00")))
            }
        }
        let from: Instant, to: Instant
        switch time("from") { case .success(let t): from = t; case .failure(let e): return .failure(e) }
        switch time("to") { case .success(let t): to = t; case .failure(let e): return .failure(e) }
        guard from < to else { return .failure(FieldError("to", st.t("结束须晚于开始", "must be after the start"))) }
        let person = f.value("person").trimmingSpaces
        switch f.purpose {
        case .shiftAdd: return .success(Effect(ChangeShift(change: .add(person: person, from: from, to: to))))
        case .shiftMove(let id): return .success(Effect(ChangeShift(change: .move(id: id, from: from, to: to, person: person.isEmpty ? nil : person))))
        default: return .failure(FieldError("", ""))
        }
    }
}
