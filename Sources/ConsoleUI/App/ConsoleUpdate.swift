import CaseModel
import TerminalKit

/// The console's one update function: state + event → new state and the effects to run.
///
/// Pure: it reads nothing but its arguments (the data comes in as events), so every key, tick
/// and store change can be tested without a terminal or a database. It routes: an open overlay
/// or form takes the keys first, then the screen's own questions, then the key map; a command
/// goes to `Navigation` when every screen shares it, else to the current screen's feature.
public enum ConsoleUpdate {
    /// How long a status message stays.
    static let messageSeconds: Int64 = 10

    /// Applies an event; returns the effects to run.
    public static func update(_ s: inout ConsoleState, _ event: Event) -> [Effect] {
        let before = s.screen
        let wasShowing = InputGuard.confirmationShowing(s)
        let formBefore = s.form?.purpose
        var effects = dispatch(&s, event)
        FormShapes.apply(&s.form)
        if s.form == nil { s.discardQuestion = false }
        InputGuard.track(&s, wasShowing: wasShowing)
        // A form just opened: its author's kept draft, if any, comes back into it.
        if let f = s.form, f.purpose != formBefore, let key = f.purpose.draftForm, !s.settings.readOnly {
            s.draftKept = nil
            effects.append(Effect(LoadDraft(form: key)))
        }
        if case .tick = event { effects += FormDraftKeeping.keep(&s) }
        // However the alerts screen was left (back, a case opened, a screen key), what it
        // showed has been looked at.
        if before == .alerts && s.screen != .alerts { effects += AlertsScreen.left(&s) }
        return effects
    }

    static func dispatch(_ s: inout ConsoleState, _ event: Event) -> [Effect] {
        switch event {
        case .key(let key):
            return handleKey(&s, key)
        case .paste(let text):
            return InputGuard.paste(&s, text)
        case .inputSettled:
            s.inputBurst += 1
            return OverlayUpdate.searchWhileTyping(&s)
        case .tick(let now):
            s.now = now
            s.ticks += 1
            if let m = s.message, now >= m.until { s.message = nil }
            if let f = s.flashUntil, now >= f { s.flashUntil = nil }
            return s.screen.feature.tick(&s) + HeaderFlash.tick(&s)
        case .resize(let w, let h):
            // Lists keep their cursor in view at any height (`ListCursor.window`).
            s.width = w
            s.height = h
            return []
        case .databaseChanged:
            // Read only what the visible screen needs; the others reload when shown again.
            s.deskChanged()
            return s.screen.feature.reenter(&s, force: true)
        case .completed(let outcome):
            if s.activity != nil, outcome.effect.activity(s.settings) != nil { s.activity = nil }
            return outcome.apply(&s)
        case .started(let activity):
            s.activity = activity
            return []
        case .progress(let done):
            s.activity?.done = done
            return []
        case .working(let twentieths):
            s.activity?.elapsedTwentieths = twentieths
            return []
        case .failed(let text):
            say(&s, text, error: true)
            return []
        case .alertEvaluation(let problem):
            s.alertProblem = problem
            return []
        }
    }

    /// Shows a status message (until the next key, or for `messageSeconds`).
    static func say(_ s: inout ConsoleState, _ text: String, error: Bool = false) {
        s.message = StatusMessage(text: text, isError: error, until: s.now.adding(seconds: messageSeconds))
    }

    /// A key: the open overlay, form or conflict takes it first, then the screen's own question,
    /// then the key map's command.
    static func handleKey(_ s: inout ConsoleState, _ key: Key) -> [Effect] {
        // A message has been seen once the next key comes; what this key says replaces it.
        if s.message != nil, s.activity == nil { s.message = nil }
        if InputGuard.ignores(&s, key) { return [] }
        if s.discardQuestion { return FormClosing.answer(&s, key) }
        if s.viewer != nil { return TextViewerUpdate.handleKey(&s, key) }
        if s.overlay != nil { return OverlayUpdate.handleKey(&s, key) }
        if s.form != nil || s.conflict != nil { return FormUpdate.handleKey(&s, key) }
        if let effects = s.screen.feature.intercept(&s, key) { return effects }
        // C-c outside every form and dialog asks like q: no key leaves the console unasked
        // (docs/console-input.md).
        if key == .ctrl("c") { return Navigation.requestQuit(&s) }
        guard let command = s.settings.keyMap.command(for: key, in: s.keyContext) else { return [] }
        return run(&s, command)
    }

    /// Runs a named command (from a key or the `:` command line).
    public static func run(_ s: inout ConsoleState, _ command: Command) -> [Effect] {
        if let effects = Navigation.run(&s, command) { return effects }
        return s.screen.feature.run(&s, command)
    }
}

extension ConsoleState {
    /// Something was written: screens showing desk-wide figures read them again when next shown.
    mutating func deskChanged() { dashboard.stale = true }
}
