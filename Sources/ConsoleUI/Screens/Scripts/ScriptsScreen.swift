import CaseModel
import TerminalKit

/// The script picker: the standard reply scripts that fit a case at its stage (or a crisis event
/// on the crisis board), best first, each filled in for it as the reader sees it (masked); the
/// selected script's whole wording below. `n` or `c` copies the wording into a note or a contact
/// record on the case, `r` into a report on the crisis event, each editable before C-s saves it
/// (docs/scripts.md).
public enum ScriptsScreen: ScreenFeature {
    /// What the scripts are filled for.
    public enum Target: Sendable, Equatable {
        /// A case, at the version the person saw (the note is saved against it).
        case caseFile(number: String)
        /// A crisis event on the crisis board.
        case crisis(id: Int64)
    }

    /// The target, the filled scripts (nil until read), the cursor on them and how far the
    /// wording is scrolled.
    public struct State: ScreenState {
        public var target: Target?
        public var scripts: [FilledScript]?
        public var list = ListCursor<Int>()
        public var scroll = 0
        public init() {}
    }

    static func name(_ st: ConsoleSettings) -> String { st.t("标准话术", "reply scripts") }

    static func reenter(_ s: inout ConsoleState, force: Bool) -> [Effect] {
        force ? s.scripts.target.map { [Effect(LoadScripts(target: $0))] } ?? [] : []
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) { ScriptsView.draw(&b, s) }

    /// Rows of scripts the list shows at a height (the wording takes the rest).
    static func listRows(count: Int, height: Int) -> Int { min(max(3, count), max(3, (height - 6) / 3)) }

    /// Opens the picker for the case on the case screen.
    static func openForCase(_ s: inout ConsoleState) -> [Effect] {
        guard let d = s.caseScreen.detail else { return [] }
        return open(&s, .caseFile(number: d.item.number))
    }

    /// Opens the picker for the crisis event selected on the crisis board.
    static func openForCrisis(_ s: inout ConsoleState) -> [Effect] {
        guard let e = s.crisis.board?.events[safe: s.crisis.list.cursor] else {
            ConsoleUpdate.say(&s, s.settings.t("没有选中的危机事件", "No crisis event selected"), error: true)
            return []
        }
        return open(&s, .crisis(id: e.id))
    }

    static func open(_ s: inout ConsoleState, _ target: Target) -> [Effect] {
        s.scripts = State()
        s.scripts.target = target
        Navigation.show(&s, .scripts)
        return [Effect(LoadScripts(target: target))]
    }

    static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let count = s.scripts.scripts?.count ?? 0
        switch command {
        case .up, .down, .top, .bottom:
            s.scripts.list.move(command.cursorStep!, count: count, page: 1, visible: listRows(count: count, height: s.height))
            s.scripts.scroll = 0
        case .pageDown: s.scripts.scroll += 5
        case .pageUp: s.scripts.scroll = max(0, s.scripts.scroll - 5)
        case .open, .note, .contact, .report:
            return use(&s, command)
        default: break
        }
        return []
    }

    /// Copies the selected script into the record the command makes: back on the case screen a
    /// note or contact form holding the wording (recorded with the script's id and version), or
    /// back on the crisis board a report form holding it.
    static func use(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        let st = s.settings
        guard let target = s.scripts.target, let filled = s.scripts.scripts?[safe: s.scripts.list.cursor] else { return [] }
        guard !st.readOnly else {
            ConsoleUpdate.say(&s, st.readOnlyText, error: true)
            return []
        }
        switch target {
        case .caseFile(let number):
            let action: Command = command == .contact ? .contact : .note
            guard command != .report else { return [] }
            guard let d = s.caseScreen.detail, d.item.number == number else { return [] }
            let track = CaseTrack.of(d.item.kind)
            guard action.permitted(for: s.role, track: track) else {
                ConsoleUpdate.say(&s, action.refusal(for: s.role, user: st.userName, track: track, st), error: true)
                return []
            }
            switch CaseActions.form(action, d, st) {
            case .success(var f):
                guard case .action(let n, let a, let version) = f.purpose else { return [] }
                f.purpose = .scripted(number: n, action: a, version: version,
                                      script: filled.use(savedText: filled.text), filled: filled.text)
                f.title += st.t(" · 话术 ", " · script ") + SafeText.sanitize(filled.script.label)
                f.set("note", to: filled.text)
                Navigation.leave(&s)
                s.form = f
            case .failure(let r): ConsoleUpdate.say(&s, r.message, error: true)
            }
        case .crisis(let id):
            guard command == .report || command == .open else { return [] }
            guard Command.report.permitted(for: s.role) else {
                ConsoleUpdate.say(&s, Command.report.refusal(for: s.role, user: st.userName, track: .general, st), error: true)
                return []
            }
            let event = s.crisis.board?.events.first { $0.id == id }
            switch CrisisForms.form(.report, event, st, policy: s.crisis.board?.policy ?? CrisisPolicy()) {
            case .success(var f):
                f.set("text", to: filled.text)
                Navigation.leave(&s)
                s.form = f
            case .failure(let r): ConsoleUpdate.say(&s, r.message, error: true)
            }
        }
        return []
    }
}

extension Form {
    /// Puts `text` into field `id` as the form's starting value: the form counts as untouched
    /// until the person edits it (Esc then closes without asking).
    mutating func set(_ id: String, to text: String) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].value = text
        fields[i].cursor = nil
        pristine[id] = text
    }
}

extension ConsoleState {
    /// The script picker's state.
    public var scripts: ScriptsScreen.State {
        get { screens[ScriptsScreen.State.self] }
        _modify { yield &screens[ScriptsScreen.State.self] }
    }
}

extension KeyContext {
    /// The script picker's keys (`scripts` in keys.conf).
    public static let scripts = Screen.scripts.keyContext
}
