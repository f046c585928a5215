import ConsoleUI
import TerminalKit

extension ConsoleProgram {
    /// Sends keys by name (`"j"`, `"Enter"`, `"Space"`, `"C-s"`), each as a person presses it: the
    /// input settles after each, so a question that opens reads the next key.
    public func press(_ names: String...) {
        for n in names { send(.key(Key.parse(n)!)); send(.inputSettled) }
    }

    /// Types text into whatever has the keys (a form field, the command line), one character at a time.
    public func type(_ text: String) { for ch in text { send(.key(.char(ch))); send(.inputSettled) } }

    /// Sends keys as one burst, the way a terminal without bracketed paste delivers a paste: all
    /// queued before the console reacts to any; the input settles only after the last.
    public func burst(_ keys: [Key]) {
        for k in keys { send(.key(k)) }
        send(.inputSettled)
    }

    /// The keys a terminal without bracketed paste sends for pasted text: characters, and Enter for
    /// each line break.
    public static func keys(of text: String) -> [Key] { text.map { $0 == "\n" ? .enter : .char($0) } }

    /// A bracketed paste of `text`.
    public func paste(_ text: String) {
        send(.paste(text))
        send(.inputSettled)
    }

    /// The screen as text lines.
    public var screen: [String] { TextBackend.lines(ConsoleView.render(state)) }
}
