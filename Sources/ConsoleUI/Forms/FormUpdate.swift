import CaseModel
import TerminalKit

/// Part 2's update: keys while a form or a conflict is showing, the case screen's and the crisis
/// board's commands, and the results of their effects. Pure, like `ConsoleUpdate`.
enum WorkUpdate {
    // MARK: keys

    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        if let conflict = s.work.conflict {
            switch key {
            case .char("y"), .char("Y"), .enter, .char("r"):
                // Reload: the form stays with what was typed, now based on the version just read,
                // so sending it again is a decision made with the other change in view.
                s.work.conflict = nil
                s.work.rebaseOnLoad = conflict.number
                return [.loadCase(conflict.number)]
            case .char("n"), .char("N"), .escape, .char("q"):
                s.work.conflict = nil
                s.work.form = nil
                ConsoleUpdate.say(&s, s.settings.t("未保存", "Nothing was saved"))
            default: break
            }
            return []
        }
        guard var form = s.work.form else { return [] }
        let isIntake = form.purpose == .intake
        if isIntake, let effects = intakeKey(&s, &form, key) {
            s.work.form = form
            return effects
        }
        let outcome = form.handle(key)
        s.work.form = form
        switch outcome {
        case .none: return []
        case .cancel:
            s.work.form = nil
            if isIntake { leaveIntake(&s) }
            ConsoleUpdate.say(&s, s.settings.t("已取消,未保存", "Cancelled; nothing was saved"))
            return []
        case .changed(let id):
            s.work.form?.confirmed = false
            guard isIntake else { return [] }
            if id == "people" { peopleHint(&s) }
            if IntakeForm.identifiers.contains(id) { return suggest(&s) }
            return []
        case .left(let id):
            guard isIntake, var f = s.work.form, !f.value(id).isEmpty else { return [] }
            // Check the field just left with the desk's own rules; show only its own message (a
            // summary not typed yet must not hide the phone's).
            if f.value("summary").trimmingSpaces.isEmpty { f.set("summary", "-") }
            if let e = IntakeForm.check(f, s.settings, now: s.now), e.field == id,
               let i = f.fields.firstIndex(where: { $0.id == id }) {
                s.work.form?.fields[i].error = e.message.hasPrefix(id + ": ") ? String(e.message.dropFirst(id.count + 2)) : e.message
            }
            return []
        case .submit:
            return submit(&s)
        }
    }

    /// The intake's own keys: ^N/^P choose a suggestion, Enter on an identifier field links it.
    static func intakeKey(_ s: inout ConsoleState, _ f: inout Form, _ key: Key) -> [Effect]? {
        guard !f.confirming, !s.work.suggestions.isEmpty else { return nil }
        switch key {
        case .ctrl("n"):
            s.work.suggestionCursor = min(s.work.suggestions.count - 1, s.work.suggestionCursor + 1)
            return []
        case .ctrl("p"):
            s.work.suggestionCursor = max(0, s.work.suggestionCursor - 1)
            return []
        case .enter:
            guard let id = f.focused?.id, IntakeForm.identifiers.contains(id),
                  let chosen = s.work.suggestions[safe: s.work.suggestionCursor], s.work.linkTo != chosen.number else { return nil }
            s.work.linkTo = chosen.number
            ConsoleUpdate.say(&s, s.settings.t("将关联为 \(chosen.number) 的重复投诉(再按 Enter 保存)", "Will be linked as a repeat of \(chosen.number) (Enter again saves)"))
            return []
        default:
            return nil
        }
    }

    static func suggest(_ s: inout ConsoleState) -> [Effect] {
        guard let f = s.work.form else { return [] }
        let key = IntakeForm.suggestionKey(f)
        guard key != s.work.suggestionKey else { return [] }
        s.work.suggestionKey = key
        let phone = f.value("phone").trimmingSpaces, id = f.value("id_number").trimmingSpaces, policy = f.value("policy_number").trimmingSpaces
        if phone.isEmpty && id.isEmpty && policy.isEmpty {
            s.work.suggestions = []
            s.work.linkTo = nil
            return []
        }
        return [.work(.suggest(phone: phone, idNumber: id, policyNumber: policy))]
    }

    static func peopleHint(_ s: inout ConsoleState) {
        guard let f = s.work.form, let i = f.fields.firstIndex(where: { $0.id == "people" }) else { return }
        let threshold = s.work.intakeDefaults?.crisisPeople ?? 5
        let n = Int(f.value("people")) ?? 0
        s.work.form?.fields[i].hint = n >= threshold
            ? s.settings.t("群体投诉:保存时提议危机事件", "group complaint: a crisis event is proposed on save")
            : s.settings.t("≥\(threshold)人提议危机事件", "\(threshold)+ proposes a crisis")
    }

    /// Checks and sends the open form; asks first when the form has a confirmation.
    static func submit(_ s: inout ConsoleState) -> [Effect] {
        guard var f = s.work.form else { return [] }
        let st = s.settings
        guard !st.readOnly else {
            f.showError(st.t("只读模式:不能保存", "Read-only: nothing can be saved"), field: nil)
            s.work.form = f
            return []
        }
        guard f.checkRequired(requiredMessage: st.t("必填", "required")) else { s.work.form = f; return [] }
        let result = f.purpose == .intake ? IntakeForm.effect(f, st, s.work, now: s.now) : CaseActions.effect(f, st)
        switch result {
        case .failure(let e):
            f.showError(e.message, field: e.field)
            s.work.form = f
            return []
        case .success(let effect):
            if f.confirmText != nil && !f.confirmed {
                f.confirming = true
                s.work.form = f
                return []
            }
            f.confirmed = false
            s.work.form = f
            return [.work(effect)]
        }
    }

    /// Leaves the intake screen for the one before it.
    static func leaveIntake(_ s: inout ConsoleState) {
        guard s.screen == .intake else { return }
        s.screen = s.backStack.popLast() ?? .dashboard
        s.work.suggestions = []
        s.work.suggestionKey = ""
        s.work.linkTo = nil
    }

    // MARK: commands

    /// Commands that work from any screen: a new case, the crisis board.
    static func runGlobal(_ s: inout ConsoleState, _ command: Command) -> [Effect]? {
        switch command {
        case .newCase:
            guard !s.settings.readOnly else {
                ConsoleUpdate.say(&s, s.settings.t("只读模式:不能受理", "Read-only: no intake"), error: true)
                return []
            }
            return [.work(.loadIntakeDefaults)]
        case .crisisBoard:
            if s.screen != .crisisBoard {
                s.backStack.append(s.screen)
                s.screen = .crisisBoard
                s.work.crisisScroll = 0
            }
            return [.work(.loadCrisisBoard)]
        default:
            return nil
        }
    }

    /// The case screen: actions open their forms; the rest scroll.
    static func runCase(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        guard CaseActions.commands.contains(command) else {
            ConsoleUpdate.scroll(&s.detailScroll, command, page: max(1, s.height - 6))
            return []
        }
        guard let d = s.detail else { return [] }
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能办理", "Read-only: cases cannot be worked"), error: true)
            return []
        }
        switch CaseActions.form(command, d, s.settings) {
        case .success(let f): s.work.form = f
        case .failure(let r): if !r.message.isEmpty { ConsoleUpdate.say(&s, r.message, error: true) }
        }
        return []
    }

    /// The crisis board: move between events, open one's first case, act on it.
    static func runCrisis(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let events = s.work.crisis?.events ?? []
        switch command {
        case .up: s.work.crisisCursor = max(0, s.work.crisisCursor - 1)
        case .down: s.work.crisisCursor = min(max(0, events.count - 1), s.work.crisisCursor + 1)
        case .top: s.work.crisisCursor = 0
        case .bottom: s.work.crisisCursor = max(0, events.count - 1)
        case .pageDown: s.work.crisisScroll += 5
        case .pageUp: s.work.crisisScroll = max(0, s.work.crisisScroll - 5)
        case .open:
            if let n = events[safe: s.work.crisisCursor]?.caseNumbers.first { return [.loadCase(n)] }
        default:
            guard CrisisForms.commands.contains(command) else { return [] }
            guard !s.settings.readOnly else {
                ConsoleUpdate.say(&s, s.settings.t("只读模式", "Read-only"), error: true)
                return []
            }
            switch CrisisForms.form(command, events[safe: s.work.crisisCursor], s.settings, policy: s.work.crisis?.policy ?? CrisisPolicy()) {
            case .success(let f): s.work.form = f
            case .failure(let r): if !r.message.isEmpty { ConsoleUpdate.say(&s, r.message, error: true) }
            }
        }
        return []
    }

    // MARK: results

    /// A case was read: after an explicit reload, the open form now acts on this version. Other
    /// reads (another console's change) leave the form's version alone, so it still conflicts.
    static func caseLoaded(_ s: inout ConsoleState, _ d: CaseDetail) {
        guard s.work.rebaseOnLoad == d.item.number else { return }
        s.work.rebaseOnLoad = nil
        guard let f = s.work.form else { return }
        switch f.purpose {
        case .action(let n, let a, _) where n == d.item.number: s.work.form?.purpose = .action(number: n, action: a, version: d.item.version)
        case .severity(let n, _) where n == d.item.number: s.work.form?.purpose = .severity(number: n, version: d.item.version)
        default: break
        }
        ConsoleUpdate.say(&s, s.settings.t("已重新读取,请核对后再保存", "Reloaded: check the case, then save again"))
    }

    static func apply(_ s: inout ConsoleState, _ e: WorkEvent) -> [Effect] {
        switch e {
        case .intakeDefaults(let d):
            s.work.intakeDefaults = d
            s.work.form = IntakeForm.make(d, s.settings)
            s.work.suggestions = []
            s.work.suggestionKey = ""
            s.work.suggestionCursor = 0
            s.work.linkTo = nil
            if s.screen != .intake {
                s.backStack.append(s.screen)
                s.screen = .intake
            }
            return []
        case .suggestions(let key, let list):
            guard key == s.work.suggestionKey else { return [] } // an answer for identifiers since changed
            s.work.suggestions = list
            s.work.suggestionCursor = 0
            if let l = s.work.linkTo, !list.contains(where: { $0.number == l }) { s.work.linkTo = nil }
            return []
        case .saved(let number, let message):
            let wasIntake = s.work.form?.purpose == .intake
            s.work.form = nil
            s.dashboardStale = true
            if wasIntake { leaveIntake(&s) }
            ConsoleUpdate.say(&s, message)
            return [.loadCase(number)]
        case .crisisSaved(let message):
            s.work.form = nil
            s.dashboardStale = true
            ConsoleUpdate.say(&s, message)
            return [.work(.loadCrisisBoard)]
        case .revealed(let d):
            s.work.form = nil
            s.detail = d
            s.work.revealed = d.item.number
            ConsoleUpdate.say(&s, s.settings.t("个人信息已显示(已记入审计)", "Personal data shown (recorded in the audit trail)"))
            return []
        case .crisisBoard(let data):
            // The cursor stays on the same event when a change reorders the board.
            let selected = s.work.crisis?.events[safe: s.work.crisisCursor]?.id
            s.work.crisis = data
            if let selected, let i = data.events.firstIndex(where: { $0.id == selected }) { s.work.crisisCursor = i }
            s.work.crisisCursor = min(s.work.crisisCursor, max(0, data.events.count - 1))
            return []
        case .conflict(let info):
            s.work.conflict = info
            return []
        case .refused(let field, let message):
            if var f = s.work.form {
                f.showError(message, field: field)
                s.work.form = f
            } else {
                ConsoleUpdate.say(&s, message, error: true)
            }
            return []
        }
    }
}
