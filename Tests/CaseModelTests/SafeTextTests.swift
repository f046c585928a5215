import Foundation
import XCTest
@testable import CaseModel

/// The terminal sanitiser (docs/terminal-safety.md): every class of sequence a terminal acts on
/// becomes a visible mark; ordinary text, CJK, combining marks, emoji, tab and newline do not change.
final class SafeTextTests: XCTestCase {
    /// Whether a scalar could act on a terminal or reorder the text (judged independently here).
    static func acts(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || (0x80..<0xA0).contains(v) || v == 0x061C
            || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    func testEveryClassOfSequenceBecomesVisibleMarks() {
        let cases: [(String, String, String)] = [
            ("ESC alone", "a\u{1B}b", "a␛b"),
            ("CSI clear screen", "\u{1B}[2J\u{1B}[H", "␛[2J␛[H"),
            ("CSI colour", "\u{1B}[31m红\u{1B}[0m", "␛[31m红␛[0m"),
            ("OSC 0 title, BEL", "\u{1B}]0;pwned\u{07}", "␛]0;pwned␇"),
            ("OSC 52 clipboard, ST", "\u{1B}]52;c;cHduZWQ=\u{1B}\\", "␛]52;c;cHduZWQ=␛\\"),
            ("OSC 8 hyperlink", "\u{1B}]8;;http://x/\u{1B}\\链接", "␛]8;;http://x/␛\\链接"),
            ("DCS", "\u{1B}P+q544e\u{1B}\\", "␛P+q544e␛\\"),
            ("C0: NUL BS CR VT FF", "\u{00}\u{08}\u{0D}\u{0B}\u{0C}", "␀␈␍␋␌"),
            ("DEL", "a\u{7F}", "a␡"),
            ("C1 CSI", "\u{9B}2J", "<U+009B>2J"),
            ("C1 OSC and ST", "\u{9D}0;t\u{9C}", "<U+009D>0;t<U+009C>"),
            ("C1 DCS, NEL", "\u{90}q\u{85}", "<U+0090>q<U+0085>"),
            ("bidi overrides", "\u{202E}abc\u{202C}\u{202D}", "<U+202E>abc<U+202C><U+202D>"),
            ("bidi embeddings", "\u{202A}\u{202B}", "<U+202A><U+202B>"),
            ("bidi isolates", "\u{2066}\u{2067}\u{2068}x\u{2069}", "<U+2066><U+2067><U+2068>x<U+2069>"),
            ("bidi marks", "\u{200E}\u{200F}\u{061C}", "<U+200E><U+200F><U+061C>"),
        ]
        for (name, input, want) in cases {
            XCTAssertEqual(SafeText.forTerminal(input), want, name)
            XCTAssertFalse(SafeText.forTerminal(input).unicodeScalars.contains(where: Self.acts), name)
            XCTAssertFalse(SafeText.sanitize(input).unicodeScalars.contains(where: Self.acts), name)
        }
    }

    func testOrdinaryTextIsUntouched() {
        for text in ["理赔款两周未到账，客户很着急。", "Zürich café", "e\u{301}\u{302} Z\u{0300}\u{0301}", "👨‍👩‍👧‍👦🇨🇳👍🏽",
                     "零\u{200B}宽\u{200D}", "שלום مرحبا", "ＡＢ　全角", "— … “引号” → ①", "行\u{2028}段", "tab\there\nnext line"] {
            XCTAssertEqual(SafeText.forTerminal(text), text)
            XCTAssertTrue(SafeText.isHarmless(text, keepingLines: true) || SafeText.forTerminal(text) == text)
        }
    }

    func testTabAndNewlineAreKeptOnLinesAndFoldedOnScreen() {
        XCTAssertEqual(SafeText.forTerminal("a\tb\nc"), "a\tb\nc")
        XCTAssertEqual(SafeText.sanitize("a\tb\nc"), "a b⏎c")
        XCTAssertEqual(SafeText.forTerminal("a\r\nb"), "a␍\nb", "a CR could overwrite what was printed before it on the line")
    }

    func testTheFastPathAgreesWithTheMarksForEveryScalarUpToU3000() {
        for v in 0..<0x3000 {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = "x" + String(u) + "理"
            XCTAssertEqual(SafeText.mark(for: u) != nil, Self.acts(u), String(format: "U+%04X", v))
            if SafeText.mark(for: u) != nil { XCTAssertFalse(SafeText.isHarmless(s, keepingLines: true), String(format: "U+%04X", v)) }
            XCTAssertFalse(SafeText.forTerminal(s).unicodeScalars.contains(where: Self.acts), String(format: "U+%04X", v))
        }
    }

    func testBytesThatAreNotUTF8BecomeReplacementCharacters() {
        let bytes: [UInt8] = [0x61, 0xC3, 0x28, 0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0x1B, 0x5B, 0x32, 0x4A, 0xC2, 0x9B, 0x62]
        let s = SafeText.forTerminal(bytes: bytes)
        XCTAssertTrue(s.hasPrefix("a\u{FFFD}("))
        XCTAssertTrue(s.contains("␛[2J<U+009B>b"))
        XCTAssertNotNil(String(validating: Array(s.utf8), as: UTF8.self))
        XCTAssertFalse(s.unicodeScalars.contains(where: Self.acts))
    }

    func testJSONEscapesWhatATerminalWouldActOnAndReadsBackTheSame() throws {
        let text = "摘要\u{1B}]0;t\u{07}\u{9B}\u{202E}x\u{2066}"
        let json = JSONText.write(["s": text], pretty: false)
        XCTAssertEqual(SafeText.forTerminal(json), json, "nothing left for the terminal layer to mark")
        XCTAssertTrue(json.contains("\\u202e") && json.contains("\\u001b") && json.contains("\\u009b"))
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])?["s"], text)
    }

    func testTheHTMLReportShowsControlsAndBidiAsMarks() {
        XCTAssertEqual(ReportHTML.escape("<b>\u{1B}]0;t\u{07}\u{202E}&"), "&lt;b&gt;␛]0;t␇&lt;U+202E&gt;&amp;")
    }
}
