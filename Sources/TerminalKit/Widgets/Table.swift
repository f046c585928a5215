/// A table: a header row and rows of cells in columns, as every list on screen draws them.
///
/// Columns have a width in cells; one column may be flexible (width 0) and takes what the others
/// leave, at least its `minWidth`. When the columns do not fit, `fitted(to:)` drops the least
/// important ones first (highest `priority`; columns without one always stay). Text is cut with
/// `…` to its column, measured in display cells, so Chinese lines up. A row takes the style of
/// its state (selected, marked, both); a cell's own style shows only on a plain row, so the
/// selection bar reads as one bar.
public struct Table: Sendable {
    /// How a column's text sits in its cells.
    public enum Alignment: Sendable, Equatable { case left, right }

    /// A column: its title, width, and how it gives way.
    public struct Column: Sendable, Equatable {
        public var title: String
        /// Cells; 0 for the flexible column.
        public var width: Int
        /// The flexible column's least width.
        public var minWidth: Int
        /// Lower is more important; nil never drops.
        public var priority: Int?
        public var alignment: Alignment
        /// Blank cells after the column.
        public var gap: Int
        /// Text stops one cell short of the next column (for tables drawn without gaps).
        public var keepsMargin: Bool

        /// Creates a column.
        public init(_ title: String, width: Int, minWidth: Int = 0, priority: Int? = nil, alignment: Alignment = .left,
                    gap: Int = 1, keepsMargin: Bool = false) {
            self.title = title; self.width = width; self.minWidth = minWidth; self.priority = priority
            self.alignment = alignment; self.gap = gap; self.keepsMargin = keepsMargin
        }

        /// Whether this is the column that takes the rest of the width.
        public var isFlexible: Bool { width == 0 }
    }

    /// One cell of a row: its text and, optionally, its own style.
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var style: StyleRole?
        /// Creates a cell.
        public init(_ text: String, style: StyleRole? = nil) { self.text = text; self.style = style }
    }

    /// The columns, in order.
    public var columns: [Column]
    /// Cells left of the first column (the mark column).
    public var gutter: Int

    /// A table of `columns` starting `gutter` cells from the left edge.
    public init(columns: [Column], gutter: Int = 0) {
        self.columns = columns
        self.gutter = gutter
    }

    /// The columns for a width: the least important dropped until the fixed ones and the flexible
    /// one at its least width fit (never fewer than `keeping`), the flexible one given the rest.
    public func fitted(to width: Int, keeping: Int = 3) -> Table {
        var all = columns
        while true {
            let fixed = all.filter { !$0.isFlexible }.reduce(gutter) { $0 + $1.width + $1.gap }
            let flexibleMin = all.first(where: \.isFlexible)?.minWidth ?? 0
            let droppable = all.filter { !$0.isFlexible && $0.priority != nil }
            if fixed + flexibleMin <= width || all.count <= keeping || droppable.isEmpty {
                if let i = all.firstIndex(where: \.isFlexible) { all[i].width = max(all[i].minWidth, width - fixed) }
                return Table(columns: all, gutter: gutter)
            }
            let worst = droppable.max { ($0.priority ?? 0) < ($1.priority ?? 0) }!
            all.removeAll { $0.title == worst.title && $0.priority == worst.priority }
        }
    }

    /// The style of a row: selected, marked, both, or its own when neither.
    public static func rowStyle(selected: Bool, marked: Bool, otherwise: StyleRole = .normal) -> StyleRole {
        selected ? (marked ? .markedSelected : .selected) : (marked ? .marked : otherwise)
    }

    /// Draws the header row in `area` (one row; the whole width of the buffer when left out).
    public func drawHeader(_ b: inout CellBuffer, y: Int, in area: Rect? = nil, style: StyleRole = .tableHeader, titles: [String]? = nil) {
        let r = area ?? Rect(x: 0, y: y, width: b.width, height: 1)
        b.fill(x: r.x, y: r.y, width: r.width, height: 1, style: style)
        drawCells(&b, r, (titles ?? columns.map(\.title)).map { Cell($0) }, style: style, plain: false, alignment: { _ in .left })
    }

    /// Draws one row in `area` (one row; the whole width of the buffer when left out): the row
    /// style over the whole row, the `mark` glyph in the gutter, then each cell (a cell's own
    /// style only when `plain`).
    public func drawRow(_ b: inout CellBuffer, y: Int, in area: Rect? = nil, _ cells: [Cell], style: StyleRole, plain: Bool = true,
                        mark: String? = nil) {
        let r = area ?? Rect(x: 0, y: y, width: b.width, height: 1)
        b.fill(x: r.x, y: r.y, width: r.width, height: 1, style: style)
        if let mark { b.put(mark, x: r.x, y: r.y, style: style, maxWidth: r.width) }
        drawCells(&b, r, cells, style: style, plain: plain, alignment: { columns[$0].alignment })
    }

    private func drawCells(_ b: inout CellBuffer, _ area: Rect, _ cells: [Cell], style: StyleRole, plain: Bool,
                           alignment: (Int) -> Alignment) {
        var x = area.x + gutter
        for (i, column) in columns.enumerated() where x < area.right {
            let cell = cells[safe: i] ?? Cell("")
            let room = column.keepsMargin ? column.width - 1 : column.width
            let text = DisplayWidth.of(cell.text) > room ? DisplayWidth.truncate(cell.text, to: room) : cell.text
            b.putPadded(text, x: x, y: area.y, width: min(column.width, area.right - x), style: plain ? cell.style ?? style : style,
                        alignRight: alignment(i) == .right)
            x += column.width + column.gap
        }
    }
}
