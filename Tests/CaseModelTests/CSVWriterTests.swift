import Foundation
import XCTest

@testable import CaseModel

final class CSVWriterTests: XCTestCase {
    func written(_ rows: [[String]], options: CSVWriteOptions = CSVWriteOptions()) throws -> String {
        let writer = CSVWriter(options: options)
        for row in rows { try writer.writeRow(row) }
        return writer.text
    }

    // MARK: Quoting

    func testQuotesOnlyWhenNeeded() throws {
        XCTAssertEqual(try written([["plain", "with,comma", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\nend"]]),
                       "plain,\"with,comma\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"crlf\r\nend\"\n")
        XCTAssertEqual(try written([[" lead", "trail ", "\ttab", "in side", "", "投诉 😀", "'quote'"]]),
                       "\" lead\",\"trail \",\"\ttab\",in side,,投诉 😀,'quote'\n")
        XCTAssertEqual(try written([["\""], ["\"\""], ["a\"b\"c"]]), "\"\"\"\"\n\"\"\"\"\"\"\n\"a\"\"b\"\"c\"\n")
    }

    func testEmptyRowsAndFields() throws {
        XCTAssertEqual(try written([[""]]), "\"\"\n", "a single empty field must not become an empty line")
        XCTAssertEqual(try written([["", ""]]), ",\n")
        XCTAssertEqual(try written([["a", ""]]), "a,\n")
        XCTAssertEqual(try written([[]]), "\n")
    }

    func testFieldStartingWithByteOrderMarkIsQuoted() throws {
        let text = try written([["\u{FEFF}x", "y"]])
        XCTAssertEqual(text, "\"\u{FEFF}x\",y\n")
        let record = try XCTUnwrap(try CSVReader(string: text).next())
        XCTAssertEqual(try record.string(0), "\u{FEFF}x", "survives a reader that strips a leading BOM")
    }

    func testOtherDelimiter() throws {
        let options = CSVWriteOptions(delimiter: 0x09)
        XCTAssertEqual(try written([["a,b", "c\td", "e;f"]], options: options), "a,b\t\"c\td\"\te;f\n")
        let semicolon = CSVWriteOptions(delimiter: UInt8(ascii: ";"))
        XCTAssertEqual(try written([["1,5", "x;y"]], options: semicolon), "1,5;\"x;y\"\n")
    }

    func testByteOrderMarkOption() throws {
        XCTAssertEqual(Array(try written([["a"]]).utf8), Array("a\n".utf8), "off by default")
        let withBOM = CSVWriter(options: CSVWriteOptions(includeByteOrderMark: true))
        try withBOM.writeRow(["a", "b"])
        XCTAssertEqual(withBOM.bytes, [0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8))
        XCTAssertEqual(try CSVReader(bytes: withBOM.bytes).readAll().map { try $0.strings() }, [["a", "b"]])
    }

    func testFormulaNeutralization() throws {
        let risky = ["=SUM(A1:A9)", "+44 20 7946 0000", "-5", "@cmd", "\tx", "a=b", "safe", "", "=a,b"]
        XCTAssertEqual(try written([risky]), "=SUM(A1:A9),+44 20 7946 0000,-5,@cmd,\"\tx\",a=b,safe,,\"=a,b\"\n",
                       "off by default: data fidelity")
        let options = CSVWriteOptions(neutralizeFormulas: true)
        XCTAssertEqual(try written([risky], options: options),
                       "'=SUM(A1:A9),'+44 20 7946 0000,'-5,'@cmd,\"'\tx\",a=b,safe,,\"'=a,b\"\n")
    }

    func testVariadicAndCounts() throws {
        let writer = CSVWriter()
        try writer.writeRow("ref", "status")
        try writer.writeRow(["C-1", "open"].lazy.map { $0 })
        XCTAssertEqual(writer.rowsWritten, 2)
        XCTAssertEqual(writer.text, "ref,status\nC-1,open\n")
    }

    func testRecordPassThroughKeepsRawBytes() throws {
        let gb: [UInt8] = [0xCD, 0xB6, 0xCB, 0xDF] // GB18030, not UTF-8
        let input = Array("id,\"a,b\",".utf8) + gb + Array("\n\"\"\n".utf8)
        let records = try CSVReader(bytes: input).readAll()
        let writer = CSVWriter()
        for record in records { try writer.writeRow(record) }
        XCTAssertEqual(writer.bytes, input)
    }

    // MARK: Files and buffering

    func testWritesFilesThroughSmallBuffers() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-writer-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let long = String(repeating: "长文本, \"quoted\" ", count: 50) // longer than the buffer
        var rows: [[String]] = []
        for i in 0 ..< 300 { rows.append(["C-\(i)", i % 7 == 0 ? long : "short \(i)", "x\ny"]) }

        let writer = try CSVWriter(path: url.path, options: CSVWriteOptions(bufferSize: 64))
        for row in rows { try writer.writeRow(row) }
        try writer.close()
        try writer.close() // idempotent

        let expected = try written(rows)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), expected)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600, "exports are owner-only by default")
        XCTAssertEqual(try CSVReader(path: url.path).readAll().map { try $0.strings() }, rows)

        // The same through a FileHandle, flushed explicitly.
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        let viaHandle = CSVWriter(fileHandle: handle, options: CSVWriteOptions(bufferSize: 100))
        for row in rows { try viaHandle.writeRow(row) }
        try viaHandle.flush()
        try handle.close()
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), expected)
    }

    func testInMemoryWriterWithTinyBuffer() throws {
        let rows = [["a", String(repeating: "z", count: 500)], ["b", "\"" + String(repeating: "q", count: 300) + "\""]]
        XCTAssertEqual(try written(rows, options: CSVWriteOptions(bufferSize: 16)), try written(rows))
    }

    func testCannotCreateFile() throws {
        XCTAssertThrowsError(try CSVWriter(path: "/nonexistent/dir/out.csv")) { error in
            guard let error = error as? CSVError else { return XCTFail("not a CSVError") }
            XCTAssertEqual(error.kind, .io(errno: ENOENT, operation: "cannot create /nonexistent/dir/out.csv"))
        }
    }

    // MARK: Round trip

    func testRoundTripRandomNastyRows() throws {
        var rng = CSVTestRandom(seed: 0xC0FFEE)
        let pieces = [
            "a", "Z", "0", " ", "  ", "\t", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "\n\n",
            "投诉", "保单理赔", "😀", "👨‍👩‍👧", "🇬🇧", "é", "e\u{301}", "=", "+", "-", "@", "'",
            "\u{FEFF}", "\u{0}", "\u{7F}", "\u{2028}", "x".padding(toLength: 40, withPad: "yz", startingAt: 0),
        ]
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09] {
            var rows: [[String]] = []
            for _ in 0 ..< 400 {
                let fieldCount = 1 + Int(rng.next() % 8)
                var row: [String] = []
                for _ in 0 ..< fieldCount {
                    let length = Int(rng.next() % 6)
                    row.append((0 ..< length).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined())
                }
                rows.append(row)
            }
            let writer = CSVWriter(options: CSVWriteOptions(delimiter: delimiter, bufferSize: 1 + Int(rng.next() % 200) + 64))
            for row in rows { try writer.writeRow(row) }
            let bytes = writer.bytes

            for chunkSize in [1, 2, 3, 7, 11, 64, 1 << 20] {
                let reader = CSVReader(bytes: bytes, options: CSVReadOptions(delimiter: delimiter, chunkSize: chunkSize))
                let records = try reader.readAll()
                XCTAssertEqual(try records.map { try $0.strings() }, rows, "delimiter \(delimiter), chunk size \(chunkSize)")
                XCTAssertEqual(reader.emptyLinesSkipped, 0)

                // Line numbers: each record starts on the line after the previous one ended, and
                // spans as many extra lines as its fields contain line breaks.
                var expectedLine = 1
                for (record, row) in zip(records, rows) {
                    XCTAssertEqual(record.line, expectedLine, "chunk size \(chunkSize)")
                    XCTAssertEqual(record.endLine - record.line, row.map(Self.lineBreaks).reduce(0, +), "chunk size \(chunkSize)")
                    expectedLine = record.endLine + 1
                }
            }
        }
    }

    func testRoundTripWithFormulaNeutralizationOnlyAddsApostrophes() throws {
        let rows = [["=1+1", "-2", "plain", "@a,b"]]
        let text = try written(rows, options: CSVWriteOptions(neutralizeFormulas: true))
        XCTAssertEqual(try CSVReader(string: text).readAll().map { try $0.strings() }, [["'=1+1", "'-2", "plain", "'@a,b"]])
    }

    /// Physical line breaks in a string: CRLF counts once, lone CR and LF once each.
    static func lineBreaks(_ s: String) -> Int {
        let bytes = Array(s.utf8)
        var count = 0
        for (i, b) in bytes.enumerated() {
            if b == 0x0D { count += 1 }
            if b == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { count += 1 }
        }
        return count
    }
}

/// Small deterministic generator so a failing round trip can be reproduced.
private struct CSVTestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
