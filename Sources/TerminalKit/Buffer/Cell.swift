/// One terminal cell: a grapheme, the cells it takes, and the element it belongs to.
///
/// A wide grapheme (CJK) is stored in its first cell with `width` 2; the cell after it is a
/// continuation (`width` 0, empty text) that the backends skip.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: StyleRole

    /// Creates a cell.
    public init(_ text: String, width: UInt8 = 1, style: StyleRole = .normal) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A blank cell in a style.
    public static func blank(_ style: StyleRole = .normal) -> Cell { Cell(" ", width: 1, style: style) }
    /// The second half of a wide character.
    static let continuation = Cell("", width: 0, style: .normal)
}
