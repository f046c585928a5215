import TerminalKit
import XCTest

/// The list cursor every list shares: inside the list, in view, marks kept by key.
final class ListCursorTests: XCTestCase {
    func testTheCursorStaysInsideTheListAndInView() {
        var l = ListCursor<String>()
        l.move(.down, count: 0, page: 5)
        XCTAssertEqual(l.cursor, 0, "an empty list keeps the cursor at 0")
        for _ in 0..<7 { l.move(.down, count: 20, page: 5) }
        XCTAssertEqual(l.cursor, 7)
        XCTAssertEqual(l.top, 3, "scrolled just enough to show the cursor on the last row")
        l.move(.up, count: 20, page: 5)
        XCTAssertEqual(l.top, 3, "moving up inside the view does not scroll")
        l.move(.pageDown, count: 20, page: 5)
        l.move(.pageDown, count: 20, page: 5)
        l.move(.pageDown, count: 20, page: 5)
        XCTAssertEqual(l.cursor, 19, "page down stops at the last row")
        XCTAssertEqual(l.top, 15)
        l.move(.top, count: 20, page: 5)
        XCTAssertEqual([l.cursor, l.top], [0, 0])
        l.move(.bottom, count: 20, page: 5)
        XCTAssertEqual(l.cursor, 19)
    }

    func testTheWindowShowsTheCursorAtAnyHeightAndLeavesNoEmptyRowsAtTheEnd() {
        var l = ListCursor<String>()
        l.move(.bottom, count: 30, page: 10)
        XCTAssertEqual(l.window(visible: 10, count: 30), 20)
        XCTAssertEqual(l.window(visible: 4, count: 30), 26, "a smaller terminal still shows the cursor")
        XCTAssertEqual(l.window(visible: 50, count: 30), 0, "a taller one shows the whole list from the top")
        l.clamp(count: 5, visible: 10)
        XCTAssertEqual([l.cursor, l.top], [4, 0], "a list that shrank pulls the cursor back in")
    }

    func testMarksAreKeptByKey() {
        var l = ListCursor<String>()
        l.toggleMark("TS-1")
        l.toggleMark("TS-2")
        l.toggleMark("TS-1")
        XCTAssertEqual(l.marks, ["TS-2"])
        l.move(.bottom, count: 100, page: 10)
        XCTAssertEqual(l.marks, ["TS-2"], "moving does not touch the marks")
    }
}
