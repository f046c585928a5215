import TerminalKit

extension Glyphs {
    /// The glyphs for the console's settings (`--ascii`, `ascii = yes`, or wide ambiguous characters).
    static func of(_ s: ConsoleSettings) -> Glyphs { of(ascii: s.asciiGlyphs) }
}
