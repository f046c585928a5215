/// What a terminal backend reads: a key, the terminal's new size, or a paste.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Text the terminal said was pasted (bracketed paste): it is text for the focused field and
    /// never keys, whatever it holds (docs/console-input.md).
    case paste(String)
}
