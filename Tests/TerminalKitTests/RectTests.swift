import TerminalKit
import XCTest

/// Layout arithmetic on rectangles.
final class RectTests: XCTestCase {
    func testSplittingNeverGoesOutside() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        let (header, body) = r.splitTop(1)
        XCTAssertEqual(header, Rect(x: 0, y: 0, width: 80, height: 1))
        XCTAssertEqual(body.y, 1)
        XCTAssertEqual(body.height, 23)
        let (rest, footer) = body.splitBottom(30)
        XCTAssertEqual(footer.height, 23, "a split larger than the rectangle takes all of it")
        XCTAssertTrue(rest.isEmpty)
        let (left, right) = r.splitLeft(62)
        XCTAssertEqual([left.width, right.x, right.width], [62, 62, 18])
        XCTAssertEqual(r.inset(dx: 2, dy: 1), Rect(x: 2, y: 1, width: 76, height: 22))
        XCTAssertEqual(r.row(30).height, 0, "a row outside is empty")
        XCTAssertEqual(Rect(x: 0, y: 0, width: -3, height: 2).width, 0)
    }
}
