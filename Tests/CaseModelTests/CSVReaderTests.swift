import Foundation
import XCTest

@testable import CaseModel

final class CSVReaderTests: XCTestCase {
    /// Chunk sizes used by `read`: tiny ones put boundaries inside quote pairs, CRLFs and
    /// multi-byte characters; the last is the default.
    static let chunkSizes = [1, 2, 3, 4, 5, 7, 13, 64, 1 << 20]

    /// Reads `bytes` completely with each chunk size, checks that every chunk size gives the same
    /// result, and returns the records of the last run.
    func read(_ bytes: [UInt8], options: CSVReadOptions = CSVReadOptions(), file: StaticString = #filePath, line: UInt = #line) throws -> [CSVRecord] {
        var reference: [CSVRecord]?
        for size in Self.chunkSizes {
            var opts = options
            opts.chunkSize = size
            let records = try CSVReader(bytes: bytes, options: opts).readAll()
            if let reference {
                XCTAssertEqual(records.count, reference.count, "record count with chunk size \(size)", file: file, line: line)
                for (a, b) in zip(records, reference) {
                    XCTAssertEqual(try a.fieldsAsBytes(), try b.fieldsAsBytes(), "fields with chunk size \(size)", file: file, line: line)
                    XCTAssertEqual([a.line, a.endLine, a.emptyLinesBefore], [b.line, b.endLine, b.emptyLinesBefore], "lines with chunk size \(size)", file: file, line: line)
                }
            }
            reference = records
        }
        return reference ?? []
    }

    func read(_ text: String, options: CSVReadOptions = CSVReadOptions(), file: StaticString = #filePath, line: UInt = #line) throws -> [CSVRecord] {
        try read(Array(text.utf8), options: options, file: file, line: line)
    }

    func rows(_ text: String, options: CSVReadOptions = CSVReadOptions(), file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try read(text, options: options, file: file, line: line).map { try $0.strings() }
    }

    /// The error thrown when reading `bytes` (with each chunk size; all must throw the same).
    func readError(_ bytes: [UInt8], options: CSVReadOptions = CSVReadOptions(), file: StaticString = #filePath, line: UInt = #line) -> CSVError? {
        var reference: CSVError?
        for size in Self.chunkSizes {
            var opts = options
            opts.chunkSize = size
            do {
                _ = try CSVReader(bytes: bytes, options: opts).readAll()
                XCTFail("expected an error with chunk size \(size)", file: file, line: line)
                return nil
            } catch let error as CSVError {
                if let reference { XCTAssertEqual(error, reference, "error with chunk size \(size)", file: file, line: line) }
                reference = error
            } catch {
                XCTFail("unexpected error \(error)", file: file, line: line)
                return nil
            }
        }
        return reference
    }

    func readError(_ text: String, options: CSVReadOptions = CSVReadOptions(), file: StaticString = #filePath, line: UInt = #line) -> CSVError? {
        readError(Array(text.utf8), options: options, file: file, line: line)
    }

    // MARK: Basic structure

    func testSimpleRecords() throws {
        XCTAssertEqual(try rows("ref,status,amount\nC-1,open,12.50\nC-2,closed,0\n"), [
            ["ref", "status", "amount"], ["C-1", "open", "12.50"], ["C-2", "closed", "0"],
        ])
    }

    func testEmptyInputHasNoRecords() throws {
        XCTAssertEqual(try rows("").count, 0)
        let reader = CSVReader(bytes: [])
        XCTAssertNil(try reader.next())
        XCTAssertNil(try reader.next(), "stays at end")
        XCTAssertNil(try CSVReader(string: "").readHeader())
    }

    func testFinalLineWithoutNewline() throws {
        XCTAssertEqual(try rows("a,b\nc,d"), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(try rows("x"), [["x"]])
        XCTAssertEqual(try rows("\"quoted\""), [["quoted"]])
        XCTAssertEqual(try rows("a,\"\""), [["a", ""]])
    }

    func testEmptyFieldsAndTrailingDelimiter() throws {
        XCTAssertEqual(try rows("a,,c\n,,\na,\n,b"), [["a", "", "c"], ["", "", ""], ["a", ""], ["", "b"]])
        XCTAssertEqual(try rows("a,b,"), [["a", "b", ""]])
    }

    func testSpacesArePreserved() throws {
        XCTAssertEqual(try rows(" a , b ,\" c \"\n"), [[" a ", " b ", " c "]])
        XCTAssertEqual(try rows("   \n"), [["   "]], "a line of spaces is a record, not an empty line")
    }

    func testAlternativeDelimiters() throws {
        XCTAssertEqual(try rows("a\tb,c\t\"d\te\"\n", options: .tab), [["a", "b,c", "d\te"]])
        XCTAssertEqual(try rows("a;b,c;\"d;e\"\n1;2;3", options: .semicolon), [["a", "b,c", "d;e"], ["1", "2", "3"]])
        XCTAssertEqual(try rows("a|b\n", options: CSVReadOptions(delimiter: UInt8(ascii: "|"))), [["a", "b"]])
    }

    // MARK: Quoting

    func testQuotedFieldsWithDelimitersAndNewlines() throws {
        let text = "id,narrative\n1,\"Called, then wrote:\nplease call back\"\n2,\"multi\r\nline\rmixed\"\n"
        XCTAssertEqual(try rows(text), [
            ["id", "narrative"],
            ["1", "Called, then wrote:\nplease call back"],
            ["2", "multi\r\nline\rmixed"],
        ])
    }

    func testDoubledQuotes() throws {
        XCTAssertEqual(try rows("\"a\"\"b\",\"\"\"\",\"\",\"x\"\"\"\"y\"\"\"\n"), [["a\"b", "\"", "", "x\"\"y\""]])
        XCTAssertEqual(try rows("\"\"\"quoted\"\" start\",end"), [["\"quoted\" start", "end"]])
    }

    func testLineOfEmptyQuotedFieldIsARecord() throws {
        let records = try read("\"\"\nnext\n")
        XCTAssertEqual(try records.map { try $0.strings() }, [[""], ["next"]])
    }

    // MARK: Line ends and empty lines

    func testLineEndings() throws {
        let expected = [["a", "b"], ["c", "d"], ["e", "f"]]
        XCTAssertEqual(try rows("a,b\nc,d\ne,f\n"), expected)
        XCTAssertEqual(try rows("a,b\r\nc,d\r\ne,f\r\n"), expected)
        XCTAssertEqual(try rows("a,b\rc,d\re,f\r"), expected, "lone CR ends a line")
        XCTAssertEqual(try rows("a,b\r\nc,d\re,f\n"), expected, "mixed")
        XCTAssertEqual(try read("a\r\nb\rc\nd").map(\.line), [1, 2, 3, 4])
    }

    func testEmptyLinesAreSkippedAndReported() throws {
        // Lines: 1 "", 2 "", 3 "a", 4 "" (CRLF), 5 "" (CR), 6 "b", 7 "".
        let text = "\n\na\n\r\n\rb\n\n"
        let records = try read(text)
        XCTAssertEqual(try records.map { try $0.strings() }, [["a"], ["b"]])
        XCTAssertEqual(records.map(\.line), [3, 6])
        XCTAssertEqual(records.map(\.emptyLinesBefore), [2, 2])

        let reader = CSVReader(string: text)
        _ = try reader.readAll()
        XCTAssertEqual(reader.emptyLinesSkipped, 5)
        XCTAssertEqual(reader.recordsRead, 2)

        let onlyEmpty = CSVReader(string: "\n\r\n\r\n")
        XCTAssertNil(try onlyEmpty.next())
        XCTAssertEqual(onlyEmpty.emptyLinesSkipped, 3)
    }

    func testLineNumbersAfterEmbeddedNewlines() throws {
        let text = "h1,h2\n1,\"x\ny\nz\"\n2,\"a\r\nb\"\r\n3,\"c\rd\"\n\n4,\"\n\"\n5,e"
        let records = try read(text)
        XCTAssertEqual(records.map(\.line), [1, 2, 5, 7, 10, 12])
        XCTAssertEqual(records.map(\.endLine), [1, 4, 6, 8, 11, 12])
        XCTAssertEqual(try records[1].string(1), "x\ny\nz")
        XCTAssertEqual(try records[2].string(1), "a\r\nb")
        XCTAssertEqual(try records[3].string(1), "c\rd")
        XCTAssertEqual(records[4].emptyLinesBefore, 1)
    }

    func testLineCountAfterCRInsideQuotesFollowedByAnotherField() throws {
        // A CR ending one quoted field must not make an LF in the next quoted field look like CRLF.
        let records = try read("\"a\r\",\"\nb\"\nnext\n")
        XCTAssertEqual(try records[0].strings(), ["a\r", "\nb"])
        XCTAssertEqual(records[0].endLine, 3)
        XCTAssertEqual(records[1].line, 4)

        // Likewise a CR followed by a doubled quote and then an LF: two line breaks.
        let doubled = try read("\"a\r\"\"\nb\"\nnext")
        XCTAssertEqual(try doubled[0].string(0), "a\r\"\nb")
        XCTAssertEqual(doubled[0].endLine, 3)
        XCTAssertEqual(doubled[1].line, 4)
    }

    // MARK: BOM and encodings

    func testByteOrderMarkIsSkipped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let records = try read(bom + Array("ref,name\n1,x\n".utf8))
        XCTAssertEqual(try records[0].strings(), ["ref", "name"], "no BOM glued to the first header")
        XCTAssertEqual(records[0].line, 1)
        XCTAssertEqual(try read(bom).count, 0)
        XCTAssertEqual(try read(bom + [UInt8(ascii: "a")]).map { try $0.strings() }, [["a"]])
        XCTAssertEqual(try read(bom + Array("\"q,1\"".utf8)).map { try $0.strings() }, [["q,1"]])

        let kept = try read(bom + Array("a\n".utf8), options: CSVReadOptions(skipByteOrderMark: false))
        XCTAssertEqual(try kept[0].string(0), "\u{FEFF}a")

        // A BOM that is not at the very start is data.
        XCTAssertEqual(try read(Array("a\n".utf8) + bom).map { try $0.strings() }, [["a"], ["\u{FEFF}"]])
        // A prefix of a BOM is data too.
        XCTAssertEqual(try read([0xEF, 0xBB]).first?.bytes(0).map { $0 }, [0xEF, 0xBB])
    }

    func testChineseAndEmoji() throws {
        let text = "投诉编号,客户,描述\nC-1,张伟,\"保单, 理赔\n延误 😡\"\nC-2,👨‍👩‍👧,ok\n"
        XCTAssertEqual(try rows(text), [
            ["投诉编号", "客户", "描述"], ["C-1", "张伟", "保单, 理赔\n延误 😡"], ["C-2", "👨‍👩‍👧", "ok"],
        ])
    }

    func testRawBytesAllowAnotherDecoder() throws {
        // "投诉" in GB18030 is CD B6 CB DF — not valid UTF-8.
        let gb: [UInt8] = [0xCD, 0xB6, 0xCB, 0xDF]
        let bytes = Array("id,".utf8) + gb + Array("\n".utf8)
        let record = try XCTUnwrap(try read(bytes).first)
        XCTAssertEqual(Array(record.bytes(1)), gb)
        XCTAssertEqual(record.withUnsafeBytes(1) { Array($0) }, gb)
        XCTAssertEqual(record.byteCount(1), 4)
        XCTAssertEqual(try record.string(0), "id")
        XCTAssertThrowsError(try record.string(1))
    }

    func testInvalidUTF8NamesLineAndColumn() throws {
        let bytes = Array("a,b,c\n1,2,3\nx,ok,bad".utf8) + [0xFF] + Array("!\n".utf8)
        let records = try read(bytes)
        XCTAssertEqual(try records[2].string(1), "ok")
        XCTAssertThrowsError(try records[2].string(2)) { error in
            guard let error = error as? CSVError else { return XCTFail("not a CSVError: \(error)") }
            XCTAssertEqual(error.kind, .invalidUTF8(byteOffset: 3))
            XCTAssertEqual(error.line, 3)
            XCTAssertEqual(error.column, 3)
            XCTAssertEqual(error.description, "CSV error at line 3, column 3: field is not valid UTF-8 (first bad byte at offset 3 within the field)")
        }
        XCTAssertThrowsError(try records[2].strings())
    }

    func testUTF8Validation() throws {
        func offset(_ bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { CSVUTF8.firstInvalidOffset($0) }
        }
        func decode(_ bytes: [UInt8]) -> String? {
            bytes.withUnsafeBufferPointer { CSVUTF8.decode($0) }
        }
        XCTAssertNil(offset(Array("plain ascii text longer than eight bytes".utf8)))
        XCTAssertNil(offset(Array("é中😀\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}".utf8)))
        XCTAssertEqual(decode(Array("é中😀".utf8)), "é中😀")
        XCTAssertEqual(offset([0x41, 0x80]), 1, "lone continuation byte")
        XCTAssertEqual(offset([0xC0, 0x80]), 0, "overlong NUL")
        XCTAssertEqual(offset([0xC1, 0xBF]), 0, "overlong")
        XCTAssertEqual(offset([0xE0, 0x9F, 0xBF]), 0, "overlong 3-byte")
        XCTAssertEqual(offset([0xED, 0xA0, 0x80]), 0, "UTF-16 surrogate")
        XCTAssertEqual(offset([0xF0, 0x8F, 0xBF, 0xBF]), 0, "overlong 4-byte")
        XCTAssertEqual(offset([0xF4, 0x90, 0x80, 0x80]), 0, "above U+10FFFF")
        XCTAssertEqual(offset([0xF5, 0x80, 0x80, 0x80]), 0)
        XCTAssertEqual(offset(Array("abcdefghij".utf8) + [0xE4, 0xB8]), 10, "truncated at end")
        XCTAssertEqual(offset([0xE4, 0xB8, 0x41]), 0, "truncated before ASCII")
        XCTAssertEqual(offset(Array("12345678".utf8) + [0xFF]), 8)
        XCTAssertNil(decode([0xFF]))
        XCTAssertEqual(decode([]), "")
    }

    // MARK: Chunk boundaries

    func testEveryChunkSizeGivesTheSameResult() throws {
        let text = "\u{FEFF}ref,\"客户 \"\"VIP\"\"\",note\r\n"
            + "C-1,\"a\"\"\",\"x,\r\ny\"\r\n"
            + "C-2,😀👍🏽,\"\"\"\"\r\n"
            + "\r\n"
            + "C-3,\"é\re\",\"\"\n"
            + "C-4,末尾,\"end\""
        let bytes = Array(text.utf8)
        let expected: [[String]] = [
            ["ref", "客户 \"VIP\"", "note"],
            ["C-1", "a\"", "x,\r\ny"],
            ["C-2", "😀👍🏽", "\""],
            ["C-3", "é\re", ""],
            ["C-4", "末尾", "end"],
        ]
        for size in 1 ... bytes.count + 1 {
            let reader = CSVReader(bytes: bytes, options: CSVReadOptions(chunkSize: size))
            let records = try reader.readAll()
            XCTAssertEqual(try records.map { try $0.strings() }, expected, "chunk size \(size)")
            XCTAssertEqual(records.map(\.line), [1, 2, 4, 6, 8], "chunk size \(size)")
            XCTAssertEqual(reader.emptyLinesSkipped, 1, "chunk size \(size)")
        }
    }

    func testStreamsInsteadOfLoadingEverything() throws {
        var text = "a,b\n"
        for i in 0 ..< 5000 { text += "\(i),\"row \(i)\"\n" }
        let reader = CSVReader(string: text, options: CSVReadOptions(chunkSize: 4096))
        XCTAssertEqual(try reader.next().map { try $0.strings() }, ["a", "b"])
        XCTAssertEqual(reader.bytesRead, 4096, "only the first chunk has been read")
        var count = 1
        while try reader.next() != nil { count += 1 }
        XCTAssertEqual(count, 5001)
        XCTAssertEqual(reader.bytesRead, text.utf8.count)
    }

    // MARK: Errors

    func testUnterminatedQuoteNamesTheLineWhereItStarted() throws {
        let error = try XCTUnwrap(readError("ref,note\nC-1,ok\nC-2,\"never closed\n\nmore text\n"))
        XCTAssertEqual(error.kind, .unterminatedQuote)
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.column, 2)
        XCTAssertEqual(error.description, "CSV error at line 3, column 2: quoted field starting on line 3 is never closed (reached end of file)")
        XCTAssertEqual(readError("\"")?.kind, .unterminatedQuote)
        XCTAssertEqual(readError("a,\"b\"\"")?.line, 1, "a doubled quote does not close the field")
    }

    func testQuoteInsideUnquotedFieldIsAnErrorByDefault() throws {
        let error = try XCTUnwrap(readError("a,b\nsay,he said \"hi\"\n"))
        XCTAssertEqual(error.kind, .unexpectedQuote)
        XCTAssertEqual(error.line, 2)
        XCTAssertEqual(error.column, 2)
        XCTAssertTrue(error.description.hasPrefix("CSV error at line 2, column 2: quote character inside an unquoted field"), error.description)

        let lenient = CSVReadOptions(lenientQuotes: true)
        XCTAssertEqual(try rows("a,b\nsay,he said \"hi\"\n5\",x\"\"y", options: lenient), [["a", "b"], ["say", "he said \"hi\""], ["5\"", "x\"\"y"]])
    }

    func testCharacterAfterClosingQuote() throws {
        let error = try XCTUnwrap(readError("a\n\"abc\"def,x\n"))
        XCTAssertEqual(error.kind, .unexpectedCharacterAfterQuote(UInt8(ascii: "d")))
        XCTAssertEqual(error.line, 2)
        XCTAssertEqual(error.column, 1)
        XCTAssertEqual(error.description, "CSV error at line 2, column 1: unexpected character 'd' after closing quote (expected a delimiter or line end)")
        XCTAssertEqual(readError("\"a\" ,b")?.kind, .unexpectedCharacterAfterQuote(0x20))
        XCTAssertTrue(readError("\"a\" ,b")?.description.contains("unexpected character space") ?? false)

        let lenient = CSVReadOptions(lenientQuotes: true)
        XCTAssertEqual(try rows("\"abc\"def,x\n\"a\" ,b", options: lenient), [["abcdef", "x"], ["a ", "b"]])
    }

    func testFieldLengthLimit() throws {
        let options = CSVReadOptions(maxFieldLength: 10)
        XCTAssertEqual(try rows("0123456789,\"0123456789\"\n", options: options), [["0123456789", "0123456789"]])
        let unquoted = try XCTUnwrap(readError("ok\nx,01234567890\n", options: options))
        XCTAssertEqual(unquoted.kind, .fieldTooLong(limit: 10))
        XCTAssertEqual(unquoted.line, 2)
        XCTAssertEqual(unquoted.column, 2)
        XCTAssertEqual(unquoted.description, "CSV error at line 2, column 2: field is longer than the maximum of 10 bytes")
        XCTAssertEqual(readError("\"0123\"\"4567890\"", options: options)?.kind, .fieldTooLong(limit: 10))
        XCTAssertEqual(readError("\"012345\n67890\"", options: options)?.kind, .fieldTooLong(limit: 10))
        XCTAssertEqual(readError("a,01234567890", options: options)?.kind, .fieldTooLong(limit: 10), "last field at end of input")
        // Doubled quotes count once: 10 content bytes.
        XCTAssertEqual(try rows("\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"", options: options), [[String(repeating: "\"", count: 10)]])
    }

    func testUnterminatedQuoteIsStoppedByFieldLimitNotMemory() throws {
        var options = CSVReadOptions(maxFieldLength: 1000)
        options.chunkSize = 256
        let bytes = Array("a,\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
        let reader = CSVReader(bytes: bytes, options: options)
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual((error as? CSVError)?.kind, .fieldTooLong(limit: 1000))
        }
        XCTAssertLessThan(reader.bytesRead, 2000, "gave up soon after the limit")
    }

    func testRecordLengthLimit() throws {
        let options = CSVReadOptions(maxRecordLength: 20)
        XCTAssertEqual(try rows("aaaa,bbbb,cccc,dddd\n", options: options).count, 1)
        let error = try XCTUnwrap(readError("x\naaaa,bbbb,cccc,dddd,eeee\n", options: options))
        XCTAssertEqual(error.kind, .recordTooLong(limit: 20))
        XCTAssertEqual(error.line, 2)
    }

    func testHundredKilobyteNarrativeWithDefaultLimits() throws {
        let narrative = String(repeating: "The customer wrote, \"again\":\n投诉 😡 ", count: 2500)
        XCTAssertGreaterThan(narrative.utf8.count, 100_000)
        let escaped = narrative.replacingOccurrences(of: "\"", with: "\"\"")
        let text = "ref,narrative,after\nC-9,\"\(escaped)\",tail\nC-10,short,x\n"
        for size in [7, 4096, 1 << 20] {
            let records = try CSVReader(string: text, options: CSVReadOptions(chunkSize: size)).readAll()
            XCTAssertEqual(records.count, 3)
            XCTAssertEqual(try records[1].string(1), narrative)
            XCTAssertEqual(try records[1].string(2), "tail")
            XCTAssertEqual(records[2].line, 2 + 2500 + 1)
        }
    }

    func testErrorIsSticky() throws {
        let reader = CSVReader(string: "a\"b\nc\n")
        XCTAssertThrowsError(try reader.next())
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual((error as? CSVError)?.kind, .unexpectedQuote)
        }
    }

    func testMissingFileError() throws {
        XCTAssertThrowsError(try CSVReader(path: "/nonexistent/dir/complaints.csv")) { error in
            guard let error = error as? CSVError else { return XCTFail("not a CSVError") }
            XCTAssertEqual(error.kind, .io(errno: ENOENT, operation: "cannot open /nonexistent/dir/complaints.csv"))
            XCTAssertTrue(error.description.contains("No such file or directory"), error.description)
        }
    }

    // MARK: Headers and ragged rows

    func testHeaderAndRaggedRows() throws {
        let reader = CSVReader(string: "Ref,Status , Amount\nC-1,open,1\nC-2,open\nC-3,open,3,extra\n")
        let header = try XCTUnwrap(try reader.readHeader())
        XCTAssertEqual(header.names, ["Ref", "Status ", " Amount"])
        XCTAssertEqual(header.count, 3)
        XCTAssertEqual(header.index(of: "Ref"), 0)
        XCTAssertNil(header.index(of: "status"))
        XCTAssertEqual(header.index(of: "status", caseInsensitive: true), 1)
        XCTAssertEqual(header.index(of: "AMOUNT", caseInsensitive: true), 2)
        XCTAssertThrowsError(try header.requireIndex(of: "Owner")) { error in
            XCTAssertEqual((error as? CSVError)?.description, "CSV error at line 1: header has no column named \"Owner\"")
        }

        let first = try XCTUnwrap(try reader.next())
        XCTAssertNoThrow(try header.check(first))
        XCTAssertEqual(try first.string("Ref", in: header), "C-1")

        let short = try XCTUnwrap(try reader.next())
        XCTAssertEqual(short.count, 2, "ragged rows are reported, not rejected")
        XCTAssertThrowsError(try header.check(short)) { error in
            guard let error = error as? CSVError else { return XCTFail("not a CSVError") }
            XCTAssertEqual(error.kind, .fieldCountMismatch(expected: 3, found: 2))
            XCTAssertEqual(error.description, "CSV error at line 3: record has 2 fields, expected 3")
        }
        XCTAssertNil(try short.stringIfPresent(2))
        XCTAssertThrowsError(try short.string(2)) { error in
            XCTAssertEqual((error as? CSVError)?.description, "CSV error at line 3, column 3: record has only 2 fields")
        }

        let long = try XCTUnwrap(try reader.next())
        XCTAssertEqual(long.count, 4)
        XCTAssertThrowsError(try long.requireFieldCount(3))
        XCTAssertNil(try reader.next())
    }

    // MARK: Sources

    func testReadsFilesAndFileHandles() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-reader-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let text = "\u{FEFF}ref,note\r\nC-1,\"two\r\nlines\"\r\nC-2,末尾"
        try Data(text.utf8).write(to: url)

        for size in [1, 3, 1 << 20] {
            let reader = try CSVReader(path: url.path, options: CSVReadOptions(chunkSize: size))
            XCTAssertEqual(try reader.readAll().map { try $0.strings() }, [["ref", "note"], ["C-1", "two\r\nlines"], ["C-2", "末尾"]])
            XCTAssertEqual(reader.currentLine, 4)
        }

        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let records = try CSVReader(fileHandle: handle).readAll()
        XCTAssertEqual(records.map(\.line), [1, 2, 4])

        let fromData = try CSVReader(data: Data(text.utf8)).readAll()
        XCTAssertEqual(fromData.count, 3)
    }

    func testForEachRecord() throws {
        var seen: [String] = []
        try CSVReader(string: "a\nb\nc").forEachRecord { seen.append(try $0.string(0)) }
        XCTAssertEqual(seen, ["a", "b", "c"])
    }

    func testRecordFromStrings() throws {
        let record = CSVRecord(fields: ["a", "", "投诉"], line: 7)
        XCTAssertEqual(record.count, 3)
        XCTAssertEqual(try record.strings(), ["a", "", "投诉"])
        XCTAssertEqual(record.line, 7)
        XCTAssertEqual(record.range(2), 1 ..< 7)
    }
}

fileprivate extension CSVRecord {
    /// Every field's raw bytes (test helper).
    func fieldsAsBytes() throws -> [[UInt8]] {
        (0 ..< count).map { Array(bytes($0)) }
    }
}
