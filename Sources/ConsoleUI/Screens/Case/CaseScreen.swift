import CaseModel
import TerminalKit

/// The case screen: every field (personal data masked unless revealed for a reason), the clocks,
/// the repeat links, the crisis event, the timeline; each action the case's status allows is a
/// key that opens its form.
public enum CaseScreen: ScreenFeature {
    /// The case shown, the line under the cursor, how far it is scrolled, and whether its
    /// personal data was revealed.
    public struct State: ScreenState {
        public var detail: CaseDetail?
        /// The line Enter opens whole (a text, a clock, a timeline entry).
        public var cursor = 0
        /// The first row shown.
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
        switch command {
        case .read: return CaseReading.open(&s)
        case .explain: return CaseReading.explain(&s)
        case .scripts: return ScriptsScreen.openForCase(&s)
        default: break
        }
        guard CaseActions.commands.contains(command) else {
            move(&s, command)
            return []
        }
        guard let d = s.caseScreen.detail else { return [] }
        guard !s.settings.readOnly else {
            ConsoleUpdate.say(&s, s.settings.readOnlyText, error: true)
            return []
        }
        // What the role may not do is not offered; a key typed anyway says who may.
        let track = CaseTrack.of(d.item.kind)
        guard command.permitted(for: s.role, track: track) else {
            ConsoleUpdate.say(&s, command.refusal(for: s.role, user: s.settings.userName, track: track, s.settings), error: true)
            return []
        }
        switch CaseActions.form(command, d, s.settings) {
        case .success(let f): s.form = f
        case .failure(let r): if !r.message.isEmpty { ConsoleUpdate.say(&s, r.message, error: true) }
        }
        return []
    }

    /// Moves the cursor a line or a page and scrolls so the line's rows are in view.
    static func move(_ s: inout ConsoleState, _ command: Command) {
        guard let d = s.caseScreen.detail else { return }
        let lines = CaseView.lines(s, d)
        let rows = CaseView.rows(lines, width: s.width)
        let visible = CaseView.visibleRows(height: s.height)
        var c = s.caseScreen.cursor
        switch command {
        case .down: c += 1
        case .up: c -= 1
        case .pageDown: c = (rows[safe: min(rows.count - 1, (rows.firstIndex { $0.line == c } ?? 0) + visible)]?.line ?? c)
        case .pageUp: c = (rows[safe: max(0, (rows.firstIndex { $0.line == c } ?? 0) - visible)]?.line ?? c)
        case .top: c = 0
        case .bottom: c = lines.count - 1
        default: return
        }
        c = max(0, min(c, lines.count - 1))
        s.caseScreen.cursor = c
        let top = rows.firstIndex { $0.line == c } ?? 0
        let bottom = rows.lastIndex { $0.line == c } ?? top
        if top < s.caseScreen.scroll { s.caseScreen.scroll = top }
        if bottom >= s.caseScreen.scroll + visible { s.caseScreen.scroll = bottom - visible + 1 }
        s.caseScreen.scroll = max(0, min(s.caseScreen.scroll, rows.count - visible))
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
            s.caseScreen.cursor = 0
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
