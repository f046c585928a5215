/// An in-memory screen: the view draws here, a backend shows it.
///
/// Every write is clipped to the buffer in display cells (measured by `DisplayWidth`), so nothing
/// drawn can wrap onto the next line, and a wide character never straddles the right edge.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where to show the cursor (text input), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    /// A blank buffer.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(), count: self.width * self.height)
    }

    /// The cell at a position.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills a rectangle with blanks of a style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: StyleRole) {
        for yy in max(0, y)..<min(height, y + h) {
            // A box edge that falls inside a wide character blanks the half left outside it.
            if w > 0 { breakWide(at: max(0, x), y: yy); breakWide(at: min(width, x + w) - 1, y: yy) }
            for xx in max(0, x)..<min(width, x + w) { self[xx, yy] = .blank(style) }
        }
    }

    /// Writes text at a position, at most `maxWidth` cells (default: to the right edge), cut with
    /// an ellipsis when it does not fit. Returns the cells used. Text is drawn as given: callers
    /// pass case data through `SafeText.sanitize` first (views do).
    @discardableResult
    public mutating func put(_ s: String, x: Int, y: Int, style: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let text = DisplayWidth.of(s) > limit ? DisplayWidth.truncate(s, to: limit) : s
        var cx = x
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // A lone zero-width character: attach it to the previous cell so it is never lost
                // nor drawn on a cell of its own.
                if cx > x { appendToPrevious(ch, x: cx, y: y) }
                continue
            }
            if cx + w > x + limit { break }
            if cx >= 0 {
                breakWide(at: cx, y: y)
                self[cx, y] = Cell(String(ch), width: UInt8(w), style: style)
                if w == 2 {
                    breakWide(at: cx + 1, y: y)
                    var cont = Cell.continuation
                    cont.style = style
                    self[cx + 1, y] = cont
                }
            }
            cx += w
        }
        return cx - x
    }

    /// Writes text padded with blanks (in the same style) to exactly `width` cells.
    @discardableResult
    public mutating func putPadded(_ s: String, x: Int, y: Int, width w: Int, style: StyleRole = .normal,
                                   alignRight: Bool = false) -> Int {
        guard w > 0 else { return 0 }
        fill(x: x, y: y, width: w, height: 1, style: style)
        let t = DisplayWidth.of(s) > w ? DisplayWidth.truncate(s, to: w) : s
        let used = DisplayWidth.of(t)
        put(t, x: alignRight ? x + w - used : x, y: y, style: style, maxWidth: w)
        return w
    }

    /// Sets the style of a run of cells without changing their text (selection bars).
    public mutating func restyle(x: Int, y: Int, width w: Int, style: StyleRole) {
        guard y >= 0, y < height else { return }
        for xx in max(0, x)..<min(width, x + w) { cells[y * width + xx].style = style }
    }

    /// Overwriting half of a wide character would leave the other half dangling: blank it.
    private mutating func breakWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let c = self[x, y]
        if c.width == 2, x + 1 < width { self[x + 1, y] = .blank(c.style) }
        if c.width == 0, x > 0, self[x - 1, y].width == 2 { self[x - 1, y] = .blank(self[x - 1, y].style) }
    }

    private mutating func appendToPrevious(_ ch: Character, x: Int, y: Int) {
        var px = x - 1
        while px > 0 && self[px, y].width == 0 { px -= 1 }
        if px >= 0 { self[px, y].text.append(ch) }
    }

    /// The text of one row, wide characters once, trailing blanks kept.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width {
            let c = self[x, y]
            if c.width == 0 { continue }
            s += c.text
        }
        return s
    }

    public static func == (a: CellBuffer, b: CellBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursorX == b.cursorX && a.cursorY == b.cursorY
    }
}
