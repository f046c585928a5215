/// Line and chart glyphs, with an ASCII set for terminals where box-drawing and block characters
/// (East-Asian *ambiguous* width) would be drawn two cells wide and break the layout.
public struct Glyphs: Sendable {
    public var horizontal: String
    public var vertical: String
    public var bars: [String]
    public var mark: String
    public var pointer: String

    /// Box-drawing and block glyphs.
    public static let unicode = Glyphs(horizontal: "─", vertical: "│", bars: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], mark: "*", pointer: ">")
    /// Plain ASCII.
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", bars: ["_", ".", ":", "-", "=", "+", "*", "#"], mark: "*", pointer: ">")

    /// The glyphs to draw with: ASCII when asked, or when ambiguous characters are wide.
    public static func of(ascii: Bool) -> Glyphs {
        ascii || DisplayWidth.ambiguousIsWide ? .ascii : .unicode
    }
}
