/// A rectangle of cells on the screen: where a widget draws. Layout is arithmetic on rects, so a
/// screen's `update` (paging by what is visible) and its `view` (drawing) use the same numbers.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// A rectangle; negative sizes count as empty.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }

    /// The whole of a buffer.
    public init(_ b: CellBuffer) { self.init(x: 0, y: 0, width: b.width, height: b.height) }

    public var isEmpty: Bool { width == 0 || height == 0 }
    /// The first column right of the rectangle, and the first row below it.
    public var right: Int { x + width }
    public var bottom: Int { y + height }

    /// One row of the rectangle (`i` from 0).
    public func row(_ i: Int) -> Rect { Rect(x: x, y: y + i, width: width, height: i >= 0 && i < height ? 1 : 0) }

    /// The top `rows` rows and the rest.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// The rest and the bottom `rows` rows.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - n), Rect(x: x, y: bottom - n, width: width, height: n))
    }

    /// The left `columns` columns and the rest.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// Smaller by `dx` columns on each side and `dy` rows at top and bottom.
    public func inset(dx: Int = 0, dy: Int = 0) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }
}

extension CellBuffer {
    /// Fills a rectangle with blanks of a style.
    public mutating func fill(_ r: Rect, style: StyleRole) { fill(x: r.x, y: r.y, width: r.width, height: r.height, style: style) }
}
