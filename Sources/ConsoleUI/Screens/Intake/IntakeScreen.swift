import CaseModel
import TerminalKit

/// The intake screen: a new complaint by keyboard, the form filling the screen, earlier cases on
/// the same phone, ID or policy suggested beside it as they are typed, one chosen to link the new
/// case as a repeat.
public enum IntakeScreen: ScreenFeature {
    /// The operator's defaults, the repeat suggestions and the link chosen (the form itself is
    /// `ConsoleState.form`).
    public struct State: ScreenState {
        public var defaults: IntakeDefaults?
        /// Earlier cases the intake may repeat, for the identifiers they were looked up with.
        public var suggestions: [RepeatCandidate] = []
        public var suggestionKey = ""
        public var suggestionList = ListCursor<String>()
        /// The earlier case the new one will be linked to (chosen with Enter).
        public var linkTo: String?
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("新建投诉", "new complaint") }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { IntakeView.draw(&b, s) }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] { [] }

    /// Reads the operator's defaults; the form opens when they arrive.
    static func open(_ s: inout ConsoleState) -> [Effect] {
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能受理", "Read-only: no intake"), error: true)
            return []
        }
        return [Effect(LoadIntakeDefaults())]
    }

    /// A fresh form with the defaults, on the intake screen.
    static func start(_ s: inout ConsoleState, _ d: IntakeDefaults) {
        s.intake = State()
        s.intake.defaults = d
        s.form = IntakeForm.make(d, s.settings, now: s.now)
        Navigation.show(&s, .intake)
    }

    /// Leaves the intake screen for the one before it.
    static func leave(_ s: inout ConsoleState) {
        guard s.screen == .intake else { return }
        Navigation.leave(&s)
        s.intake.suggestions = []
        s.intake.suggestionKey = ""
        s.intake.linkTo = nil
    }

    /// The intake's own keys while its form is open: ^N/^P choose a suggestion, Enter on an
    /// identifier field links it. Nil for the keys the form takes.
    static func formKey(_ s: inout ConsoleState, _ f: inout Form, _ key: Key) -> [Effect]? {
        guard !f.confirming, !s.intake.suggestions.isEmpty else { return nil }
        let count = s.intake.suggestions.count
        switch key {
        case .ctrl("n"):
            s.intake.suggestionList.move(.down, count: count, page: 1, visible: count)
            return []
        case .ctrl("p"):
            s.intake.suggestionList.move(.up, count: count, page: 1, visible: count)
            return []
        case .enter:
            guard let id = f.focused?.id, IntakeForm.identifiers.contains(id),
                  let chosen = s.intake.suggestions[safe: s.intake.suggestionList.cursor], s.intake.linkTo != chosen.number else { return nil }
            s.intake.linkTo = chosen.number
            ConsoleUpdate.say(&s, s.settings.t("将关联为 \(chosen.number) 的重复投诉(C-s 保存)", "Will be linked as a repeat of \(chosen.number) (C-s saves)"))
            return []
        default:
            return nil
        }
    }

    /// A field changed: the people hint follows the count; identifiers look up repeats.
    static func fieldChanged(_ s: inout ConsoleState, _ id: String) -> [Effect] {
        if id == "people" { peopleHint(&s) }
        if IntakeForm.identifiers.contains(id) { return suggest(&s) }
        return []
    }

    /// The focus left a field: check it with the desk's own rules and show only its own message
    /// (a summary not typed yet must not hide the phone's).
    static func fieldLeft(_ s: inout ConsoleState, _ id: String) {
        guard var f = s.form, !f.value(id).isEmpty else { return }
        if f.value("summary").trimmingSpaces.isEmpty { f.set("summary", "-") }
        if let e = IntakeForm.problems(f, s.settings, now: s.now).first(where: { $0.field == id }),
           let i = f.fields.firstIndex(where: { $0.id == id }) {
            s.form?.fields[i].error = e.message.hasPrefix(id + ": ") ? String(e.message.dropFirst(id.count + 2)) : e.message
        }
    }

    static func suggest(_ s: inout ConsoleState) -> [Effect] {
        guard let f = s.form else { return [] }
        let key = IntakeForm.suggestionKey(f)
        guard key != s.intake.suggestionKey else { return [] }
        s.intake.suggestionKey = key
        let phone = f.value("phone").trimmingSpaces, id = f.value("id_number").trimmingSpaces, policy = f.value("policy_number").trimmingSpaces
        if phone.isEmpty && id.isEmpty && policy.isEmpty {
            s.intake.suggestions = []
            s.intake.linkTo = nil
            return []
        }
        return [Effect(SuggestRepeats(phone: phone, idNumber: id, policyNumber: policy))]
    }

    static func peopleHint(_ s: inout ConsoleState) {
        guard let f = s.form, let i = f.fields.firstIndex(where: { $0.id == "people" }) else { return }
        let threshold = s.intake.defaults?.crisisPeople ?? 5
        let n = Int(f.value("people")) ?? 0
        s.form?.fields[i].hint = n >= threshold
            ? s.settings.t("群体投诉:保存时提议危机事件", "group complaint: a crisis event is proposed on save")
            : s.settings.t("≥\(threshold)人提议危机事件", "\(threshold)+ proposes a crisis")
    }
}

extension ConsoleState {
    /// The intake screen's state.
    public var intake: IntakeScreen.State {
        get { screens[IntakeScreen.State.self] }
        _modify { yield &screens[IntakeScreen.State.self] }
    }
}

extension KeyContext {
    /// The intake screen's keys (`intake` in keys.conf).
    public static let intake = Screen.intake.keyContext
}
