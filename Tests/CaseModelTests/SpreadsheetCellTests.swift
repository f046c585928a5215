import Foundation
import XCTest
@testable import CaseModel

/// CSV formula neutralisation (docs/terminal-safety.md): which cells get a `'`, number columns,
/// and the way back on import.
final class SpreadsheetCellTests: XCTestCase {
    func testFormulaStartersArePrefixed() {
        for s in ["=HYPERLINK(\"http://x\",\"点\")", "+86 138", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\tx", "\rx", "'quoted", "-5", "-"] {
            XCTAssertEqual(SpreadsheetCell.neutralise(s), "'" + s, s)
        }
        for s in ["理赔", "a=b", "", " =x", "5", "1-2", "（=全角）"] {
            XCTAssertEqual(SpreadsheetCell.neutralise(s), s, s)
        }
    }

    func testNumberColumnsKeepNegativeNumbersAsNumbers() {
        for s in ["-5", "-0.50", "-12", "-", "7"] { XCTAssertEqual(SpreadsheetCell.neutralise(s, number: true), s, s) }
        for s in ["-5+cmd", "-1e5", "-.5", "--5", "=1", "+5", "-5.", "-5.5.5"] {
            XCTAssertEqual(SpreadsheetCell.neutralise(s, number: true), "'" + s, s)
        }
    }

    func testRestoreUndoesNeutraliseExactly() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("=+-@'\t\r a1理.\"")
        for _ in 0..<5_000 {
            let s = String((0..<Int.random(in: 0...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            XCTAssertEqual(SpreadsheetCell.restore(SpreadsheetCell.neutralise(s)), s, String(reflecting: s))
            XCTAssertEqual(SpreadsheetCell.restore(SpreadsheetCell.neutralise(s, number: true)), s, String(reflecting: s))
        }
    }

    func testTheWriterNeutralisesAndExemptsNumberColumns() throws {
        let w = CSVWriter(options: CSVWriteOptions(neutralizeFormulas: true))
        try w.writeRow(["=1+1", "-5", "-5", "'x", "ok"], numbers: [2])
        XCTAssertEqual(w.text, "'=1+1,'-5,-5,''x,ok\n")
        let raw = CSVWriter()
        try raw.writeRow(["=1+1", "-5"], numbers: [1])
        XCTAssertEqual(raw.text, "=1+1,-5\n")
    }

    func testReportCSVNeutralisesTextAndQuotesEveryLineBreak() {
        XCTAssertEqual(ReportCSV.field("-2+3"), "'-2+3")
        XCTAssertEqual(ReportCSV.field("-2.50", number: true, raw: false), "-2.50")
        XCTAssertEqual(ReportCSV.field("=x", number: false, raw: true), "=x")
        XCTAssertEqual(ReportCSV.field("a\r\nb"), "\"a\r\nb\"", "CRLF is one Character: the quote test looks at bytes")
        var c = ReportCSV()
        c.add("top", "@cmd", "-1", unit: "cases")
        XCTAssertEqual(c.text.split(separator: "\n").last.map(String.init), "top,'@cmd,-1,cases,,,,")
        XCTAssertEqual(c.text(raw: true).split(separator: "\n").last.map(String.init), "top,@cmd,-1,cases,,,,")
    }

    func testTakeBytesHandsOnWholeRowsAndForgetsThem() throws {
        let w = CSVWriter()
        try w.writeRow(["a", "理赔"])
        XCTAssertEqual(String(decoding: try w.takeBytes(), as: UTF8.self), "a,理赔\n")
        try w.writeRow(["b"])
        XCTAssertEqual(String(decoding: try w.takeBytes(), as: UTF8.self), "b\n")
        XCTAssertEqual(try w.takeBytes(), [])
    }
}
