import TerminalKit
import XCTest

/// Bracketed paste markers in the key stream become one paste event, however reads split them.
final class PasteDecoderTests: XCTestCase {
    /// What a terminal sends for `text` as keys (Esc, `[`, …; Enter for a line break).
    func keys(_ text: String) -> [TerminalInput] {
        text.map { ch -> TerminalInput in
            switch ch {
            case "\u{1B}": return .key(.escape)
            case "\r", "\n": return .key(.enter)
            default: return .key(.char(ch))
            }
        }
    }

    func testAPasteBetweenMarkersIsOneTextEventAndNoKey() {
        var d = PasteDecoder()
        let out = d.feed(keys("a\u{1B}[200~客户说:\nW 撤诉\ny\u{1B}[201~b"))
        XCTAssertEqual(out, [.key(.char("a")), .paste("客户说:\nW 撤诉\ny"), .key(.char("b"))])
        XCTAssertFalse(d.isWaiting)
    }

    func testMarkersSplitAcrossReadsAtEveryPlace() {
        let stream = keys("\u{1B}[200~第一行\n第二行\u{1B}[201~")
        for cut in 1..<stream.count {
            var d = PasteDecoder()
            var out = d.feed(Array(stream[..<cut]))
            XCTAssertTrue(out.isEmpty, "nothing before the end at cut \(cut): \(out)")
            out += d.feed(Array(stream[cut...]))
            XCTAssertEqual(out.last, .paste("第一行\n第二行"), "cut at \(cut)")
            XCTAssertEqual(out.count, 1, "cut \(cut): no key leaks out: \(out)")
        }
    }

    func testAnEscAloneIsTheEscKeyOnceNothingFollowsAndOtherSequencesPassThrough() {
        var d = PasteDecoder()
        XCTAssertEqual(d.feed(.key(.escape)), [])
        XCTAssertEqual(d.idle(), [.key(.escape)])
        XCTAssertEqual(d.feed(keys("\u{1B}[2x")), [.key(.escape), .key(.char("[")), .key(.char("2")), .key(.char("x"))])
        XCTAssertEqual(d.feed(keys("\u{1B}\u{1B}")), [.key(.escape)])
        XCTAssertEqual(d.idle(), [.key(.escape)])
    }

    func testEscapesInsideAPasteAreTextNotAnEndAndControlKeysAreDropped() {
        var d = PasteDecoder()
        var out = d.feed(keys("\u{1B}[200~x\u{1B}[31my"))
        out += d.feed([.key(.ctrl("c")), .key(.up)])
        out += d.feed(keys("\u{1B}[201~"))
        XCTAssertEqual(out, [.paste("x[31my")])
    }

    func testAPasteWhoseEndNeverComesEndsAsTextWhenAskedNeverAsKeys() {
        var d = PasteDecoder()
        _ = d.feed(keys("\u{1B}[200~W\ny"))
        XCTAssertEqual(d.idle(), [], "a pause does not end a paste")
        XCTAssertEqual(d.idle(endPaste: true), [.paste("W\ny")])
        XCTAssertFalse(d.inPaste)
    }
}
