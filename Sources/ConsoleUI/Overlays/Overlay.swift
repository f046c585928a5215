import CaseModel
import TerminalKit

/// Something drawn over the current screen that takes the keys until it closes.
public enum Overlay: Sendable {
    /// Pick a handler for the marked cases.
    case picker(numbers: [String], selected: Int)
    /// Ask before doing something far-reaching.
    case confirm(text: String, action: PendingAction)
    /// Text input: `/` search.
    case input(InputLine)
    /// The `:` command line with its completion.
    case prompt(CommandPrompt)
    /// The queue's filter editor.
    case filter(FilterEditor)
}

/// What a text input is for.
public enum InputKind: Sendable, Equatable { case search }

/// A one-line text input: what is being typed, with its cursor, and the previous text (Up brings
/// it back; the line itself opens empty).
public struct InputLine: Sendable, Equatable {
    public var kind: InputKind
    public var edit: EditableText
    public var previous: String

    /// An empty line for `kind`, remembering `previous`.
    public init(kind: InputKind, previous: String = "") {
        self.kind = kind; self.edit = EditableText(); self.previous = previous
    }

    /// The most characters the line takes.
    public static let maxLength = 200
}

/// An action waiting for a yes.
public enum PendingAction: Sendable, Equatable {
    case assign(numbers: [String], handler: String)
    /// Every alert a filter takes, as many as the confirmation stated (refused whole if that moved).
    case acknowledgeAlerts(filter: AlertListFilter, expecting: Int)
    case quit
}
