import ConsoleUI
import TerminalKit

extension ConsoleProgram {
    /// Sends keys by name (`"j"`, `"Enter"`, `"Space"`).
    public func press(_ names: String...) {
        for n in names { send(.key(Key.parse(n)!)) }
    }

    /// Types text into whatever has the keys (a form field, the command line), one character at a time.
    public func type(_ text: String) { for ch in text { send(.key(.char(ch))) } }

    /// The screen as text lines.
    public var screen: [String] { TextBackend.lines(ConsoleView.render(state)) }
}
