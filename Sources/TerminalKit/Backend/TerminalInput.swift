/// What a terminal backend reads: a key, or the terminal's new size.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
}
