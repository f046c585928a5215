import TerminalKit
import TextSafety
import XCTest

/// Display width: the one measure every column and truncation uses, so tables line up in Chinese.
final class DisplayWidthTests: XCTestCase {
    func testWidths() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("理赔"), 4)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "combining mark takes no cell")
        XCTAssertEqual(DisplayWidth.of("👍"), 2)
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4, "fullwidth forms")
    }

    func testTruncateNeverSplitsACharacter() {
        XCTAssertEqual(DisplayWidth.truncate("理赔款两周未到账", to: 7), "理赔款…")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.truncate("理赔款两周未到账", to: 7)), 7)
        XCTAssertEqual(DisplayWidth.truncate("abc", to: 3), "abc")
        XCTAssertEqual(DisplayWidth.pad("理赔", to: 6), "理赔  ")
        XCTAssertEqual(DisplayWidth.pad("理赔", to: 6, alignRight: true), "  理赔")
    }

    func testSanitizeRemovesEscapes() {
        let s = SafeText.sanitize("a\u{1B}]0;pwned\u{07}\u{1B}[2Jb\nc\u{9B}")
        XCTAssertFalse(s.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) })
        XCTAssertTrue(s.hasPrefix("a␛]0;pwned"))
    }
}

/// The cell buffer never leaves half a wide character.
final class CellBufferEdgeTests: XCTestCase {
    func testABoxEdgeInsideAWideCharacterLeavesNoHalfCharacter() {
        var b = CellBuffer(width: 10, height: 1)
        b.put("调查中", x: 0, y: 0)           // cells 0-5
        b.fill(x: 3, y: 0, width: 2, height: 1, style: .normal)   // splits 查 (2-3) and 中 (4-5)
        XCTAssertEqual(b.line(0).trimmingCharacters(in: .whitespaces), "调")
        XCTAssertEqual(DisplayWidth.of(b.line(0)), 10, "the row still spans exactly its width")
    }
}
