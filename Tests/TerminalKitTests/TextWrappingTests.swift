import TerminalKit
import XCTest

/// Wrapping by display width: every character kept, no line wider than asked, Chinese broken
/// anywhere and a Latin word carried whole (docs/console-reading.md).
final class TextWrappingTests: XCTestCase {
    func testNothingIsLostAndNoLineIsTooWide() {
        let text = "客户来电称春节期间行李丢失，要求 compensation under the travel policy 补足差额。\n第二段：承诺节后回电。"
        for width in [8, 9, 17, 40, 80] {
            let lines = TextWrapping.lines(text, width: width)
            for l in lines { XCTAssertLessThanOrEqual(DisplayWidth.of(l), width, "\(width): \(l)") }
            let kept = lines.joined().filter { !$0.isWhitespace }
            XCTAssertEqual(kept, text.filter { !$0.isWhitespace }, "width \(width)")
        }
    }

    func testALatinWordMovesWholeAndChineseBreaksAnywhere() {
        XCTAssertEqual(TextWrapping.wrap("abc defgh", 6), ["abc", "defgh"])
        XCTAssertEqual(TextWrapping.wrap("春节期间行李丢失", 6), ["春节期", "间行李", "丢失"])
        XCTAssertEqual(TextWrapping.wrap("春节期间行李丢失", 7), ["春节期", "间行李", "丢失"], "a wide character never straddles the edge")
        XCTAssertEqual(TextWrapping.lines("一\r\n二\n", width: 10), ["一", "二", ""])
    }
}
