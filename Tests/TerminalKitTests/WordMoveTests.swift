import TerminalKit
import XCTest

/// Word moves and word deletes in line editing, with Chinese text that has no spaces
/// (docs/console-input.md, "Words"), and Alt read from Esc and a character.
final class WordMoveTests: XCTestCase {
    /// Applies keys (by name) to a text with the cursor at `cursor`; the text and cursor after.
    func edit(_ text: String, cursor: Int? = nil, _ keys: String...) -> (String, Int) {
        var e = EditableText(text, cursor: cursor)
        for k in keys { _ = e.apply(Key.parse(k)!) }
        return (e.text, e.cursor)
    }

    func testAltBAndAltFMoveByWordsAndARunOfCJKIsOneWord() {
        let s = "客户来电，理赔款未到账 P2026001"
        XCTAssertEqual(edit(s, "M-b").1, 12, "back over the policy number")
        XCTAssertEqual(edit(s, "M-b", "M-b").1, 5, "back over 理赔款未到账 (a CJK run is one word)")
        XCTAssertEqual(edit(s, "M-b", "M-b", "M-b").1, 0, "back over the full-width comma to 客户来电")
        XCTAssertEqual(edit(s, cursor: 0, "M-f").1, 4)
        XCTAssertEqual(edit(s, cursor: 0, "M-f", "M-f").1, 11)
        XCTAssertEqual(edit(s, cursor: 0, "M-f", "M-f", "M-f").1, 20)
        XCTAssertEqual(edit("保单P2026", cursor: 0, "M-f").1, 2, "CJK then Latin is a boundary")
        XCTAssertEqual(edit("abc", cursor: 0, "M-b").1, 0, "nothing before: stays")
    }

    func testCwAndAltDDeleteOneWordEitherSide() {
        XCTAssertEqual(edit("客户来电，理赔款未到账", "C-w").0, "客户来电，")
        XCTAssertEqual(edit("客户来电，理赔款未到账", "C-w", "C-w").0, "")
        XCTAssertEqual(edit("call back 明天上午", "C-w").0, "call back ")
        XCTAssertEqual(edit("客户来电，理赔款未到账", cursor: 0, "M-d").0, "，理赔款未到账")
        XCTAssertEqual(edit("客户来电，理赔款未到账", cursor: 4, "M-d").0, "客户来电")
        XCTAssertEqual(edit("a\n第二行", "C-w").0, "a\n", "a word move stays on the cursor's line")
        XCTAssertEqual(edit("第一行\nb", cursor: 0, "M-d").0, "\nb")
    }

    func testEscAndACharacterInOneReadAreAltAndEscAloneStaysEsc() {
        var d = PasteDecoder()
        XCTAssertEqual(d.feed([.key(.escape), .key(.char("b"))]), [.key(.alt("b"))])
        XCTAssertEqual(d.feed(.key(.escape)), [])
        XCTAssertEqual(d.idle(), [.key(.escape)], "Esc with nothing after it is Esc")
        XCTAssertEqual(d.feed([.key(.escape), .key(.enter)]), [.key(.escape), .key(.enter)], "Esc then Enter is not Alt")
        XCTAssertEqual(Key.parse("M-f"), .alt("f"))
        XCTAssertEqual(Key.alt("d").name, "M-d")
    }
}
