import TerminalKit
import XCTest

/// The table widget against the buffer: columns give way by priority, text is cut in display
/// cells, the flexible column takes the rest, and a row's state decides its style.
final class TableTests: XCTestCase {
    let columns = [
        Table.Column("编号", width: 8, priority: 0),
        Table.Column("摘要", width: 0, minWidth: 6, priority: 2),
        Table.Column("处理人", width: 6, priority: 5),
        Table.Column("机构", width: 6, priority: 9),
    ]

    func testTheLeastImportantColumnsGoFirstAndTheFlexibleOneTakesTheRest() {
        let wide = Table(columns: columns, gutter: 2).fitted(to: 40)
        XCTAssertEqual(wide.columns.map(\.title), ["编号", "摘要", "处理人", "机构"])
        XCTAssertEqual(wide.columns[1].width, 40 - (2 + 9 + 7 + 7), "the summary gets what the others leave")
        let narrow = Table(columns: columns, gutter: 2).fitted(to: 24)
        XCTAssertEqual(narrow.columns.map(\.title), ["编号", "摘要", "处理人"], "the branch (priority 9) goes first")
        XCTAssertEqual(narrow.columns[1].width, 24 - (2 + 9 + 7))
        let tiny = Table(columns: columns, gutter: 2).fitted(to: 10)
        XCTAssertEqual(tiny.columns.count, 3, "never fewer than three columns")
        XCTAssertEqual(tiny.columns[1].width, 6, "the flexible column keeps its least width")
    }

    func testCellsAreCutInDisplayCellsAndNeverOverflow() {
        let t = Table(columns: columns, gutter: 2).fitted(to: 30)
        var b = CellBuffer(width: 30, height: 2)
        t.drawHeader(&b, y: 0)
        t.drawRow(&b, y: 1, [Table.Cell("TS-0001-LONG"), Table.Cell("理赔款两周未到账客户来电"), Table.Cell("李强")],
                  style: .normal, mark: "*")
        let lines = TextBackend.lines(b)
        XCTAssertEqual(lines[0], "  编号     摘要         处理人", "the branch gave way; the summary took the rest")
        XCTAssertTrue(lines[1].hasPrefix("* TS-0001…"), lines[1])
        XCTAssertTrue(lines[1].contains("理赔款两周…"), lines[1])
        for line in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 30, line) }
        XCTAssertEqual(TextBackend.styleAt(b, x: 0, y: 0), .tableHeader)
    }

    func testARowsStateDecidesItsStyleAndACellsOwnShowsOnlyOnAPlainRow() {
        let t = Table(columns: [Table.Column("a", width: 4), Table.Column("b", width: 4)])
        var b = CellBuffer(width: 10, height: 3)
        let cells = [Table.Cell("x"), Table.Cell("!!", style: .breach)]
        t.drawRow(&b, y: 0, cells, style: Table.rowStyle(selected: false, marked: false))
        t.drawRow(&b, y: 1, cells, style: Table.rowStyle(selected: true, marked: false), plain: false)
        t.drawRow(&b, y: 2, cells, style: Table.rowStyle(selected: true, marked: true), plain: false)
        XCTAssertEqual(TextBackend.styleAt(b, x: 5, y: 0), .breach, "a plain row shows the cell's colour")
        XCTAssertEqual(TextBackend.styleAt(b, x: 5, y: 1), .selected, "the selection bar reads as one bar")
        XCTAssertEqual(TextBackend.styleAt(b, x: 9, y: 1), .selected, "the bar runs to the edge")
        XCTAssertEqual(TextBackend.styleAt(b, x: 0, y: 2), .markedSelected)
        XCTAssertEqual(Table.rowStyle(selected: false, marked: true), .marked)
        XCTAssertEqual(Table.rowStyle(selected: false, marked: false, otherwise: .muted), .muted)
    }

    func testRightAlignedColumnsGapsAndMarginsLikeTheScreensDrawThem() {
        let t = Table(columns: [Table.Column("n", width: 5, alignment: .right, gap: 2), Table.Column("t", width: 4, gap: 0, keepsMargin: true),
                                Table.Column("u", width: 3, gap: 0)])
        var b = CellBuffer(width: 14, height: 1)
        t.drawRow(&b, y: 0, [Table.Cell("42"), Table.Cell("abcdef"), Table.Cell("z")], style: .normal)
        XCTAssertEqual(TextBackend.lines(b)[0], "   42  ab… z", "right-aligned, a gap of two, text one cell short of the next column")
    }

    func testARowInAnAreaStaysInsideIt() {
        let t = Table(columns: [Table.Column("", width: 6)])
        var b = CellBuffer(width: 12, height: 1)
        b.put("matrix", x: 0, y: 0)
        t.drawRow(&b, y: 0, in: Rect(x: 7, y: 0, width: 5, height: 1), [Table.Cell("告警告警")], style: .alertCritical)
        XCTAssertEqual(TextBackend.lines(b)[0], "matrix 告警…")
        XCTAssertEqual(TextBackend.styleAt(b, x: 0, y: 0), .normal, "nothing left of the area is touched")
    }
}
