import CaseModel
import TerminalKit

/// Something drawn over the current screen that takes the keys until it closes.
public enum Overlay: Sendable {
    /// Pick a handler for the marked cases.
    case picker(numbers: [String], selected: Int)
    /// Ask before doing something far-reaching.
    case confirm(text: String, action: PendingAction)
    /// Text input: `/` search.
    case input(kind: InputKind, text: String)
    /// The `:` command line with its completion.
    case prompt(CommandPrompt)
    /// The queue's filter editor.
    case filter(FilterEditor)
}

/// What a text input is for.
public enum InputKind: Sendable, Equatable { case search }

/// An action waiting for a yes.
public enum PendingAction: Sendable, Equatable {
    case assign(numbers: [String], handler: String)
    /// Every alert a filter takes, as many as the confirmation stated (refused whole if that moved).
    case acknowledgeAlerts(filter: AlertListFilter, expecting: Int)
    case quit
}
