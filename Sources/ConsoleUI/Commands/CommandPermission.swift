import CaseModel
import TerminalKit

extension Command {
    /// The permissions of CaseModel's table (`Permissions`), any one of which lets a role take
    /// this command; empty for a command that needs no more than reading. A workflow action needs
    /// its own permission (`Permission.of`); closing needs either kind of close; everything else
    /// what its desk operation's access entry says.
    var permissions: [Permission] {
        if let action = CaseActions.workflowAction(self) {
            return action == .close ? [.close, .closeInvalid] : [Permission.of(action)]
        }
        if self == .severity { return [.raiseSeverity, .lowerSeverity] }
        guard case .requires(let p)? = operation?.access, p != .readCases else { return [] }
        return [p]
    }

    /// Whether `role` may take this command on a case of `track` (the action bar and help offer
    /// only these; the desk still checks when the form is sent). Unknown role: not yet read, so
    /// nothing is hidden on a guess.
    func permitted(for role: Role?, track: CaseTrack = .general) -> Bool {
        guard let role else { return true }
        let needed = permissions
        return needed.isEmpty || needed.contains { Permissions.allows(role, $0, track: track) }
    }

    /// Why `role` may not take this command, in the console's language (who may instead).
    func refusal(for role: Role?, user: String, track: CaseTrack, _ st: ConsoleSettings) -> String {
        guard let p = permissions.first else { return "" }
        return Permissions.refusal(p, Actor(name: user, role: role), track: track).text(st.language)
    }
}

extension ConsoleState {
    /// The console user's role as the roster says (read with the dashboard); nil until read.
    var role: Role? { dashboard.data?.cases.reader?.role }
}
