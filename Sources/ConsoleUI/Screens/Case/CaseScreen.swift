import CaseModel
import TerminalKit

/// The case screen: every field (personal data masked unless revealed for a reason), the clocks,
/// the repeat links, the crisis event, the timeline; each action the case's status allows is a
/// key that opens its form.
public enum CaseScreen: ScreenFeature {
    /// The case shown, how far it is scrolled, and whether its personal data was revealed.
    public struct State: ScreenState {
        public var detail: CaseDetail?
        public var scroll = 0
        /// The case whose personal data was revealed (audited); masked again when the case changes.
        public var revealed: String?
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("案件", "case") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] {
        force ? (s.caseScreen.detail.map { [.loadCase($0.item.number)] } ?? []) : []
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { CaseView.draw(&b, s) }

    /// Actions open their forms; reassign opens the picker; the rest scroll.
    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        if command == .reassign {
            guard let number = s.caseScreen.detail?.item.number else { return [] }
            return AssignScreen.pick(&s, numbers: [number])
        }
        guard CaseActions.commands.contains(command) else {
            Navigation.scroll(&s.caseScreen.scroll, command, page: max(1, s.height - 6))
            return []
        }
        guard let d = s.caseScreen.detail else { return [] }
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.t("只读模式:不能办理", "Read-only: cases cannot be worked"), error: true)
            return []
        }
        switch CaseActions.form(command, d, s.settings) {
        case .success(let f): s.form = f
        case .failure(let r): if !r.message.isEmpty { ConsoleUpdate.say(&s, r.message, error: true) }
        }
        return []
    }

    /// A case was read: shown (from any screen), its personal data masked again when it is
    /// another case, an open form rebased after an explicit reload.
    static func loaded(_ s: inout ConsoleState, _ d: CaseDetail) {
        if s.caseScreen.detail?.item.number != d.item.number { s.caseScreen.revealed = nil }
        s.caseScreen.detail = d
        FormUpdate.caseLoaded(&s, d)
        if s.screen != .caseView {
            Navigation.show(&s, .caseView)
            s.caseScreen.scroll = 0
        }
    }
}

extension ConsoleState {
    /// The case screen's state.
    public var caseScreen: CaseScreen.State {
        get { screens[CaseScreen.State.self] }
        _modify { yield &screens[CaseScreen.State.self] }
    }
}

extension KeyContext {
    /// The case screen's keys (`case` in keys.conf).
    public static let caseView = Screen.caseView.keyContext
}
