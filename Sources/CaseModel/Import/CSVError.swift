import Foundation

/// An error found while reading or writing CSV.
///
/// Every error carries the 1-based physical line it refers to (0 when no line applies, e.g. a
/// file that cannot be opened) and, where it concerns one field, the 1-based column (field
/// number). `description` is a complete sentence suitable for showing to a desk user.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// A quoted field was still open at the end of the input. `line` is where the quote opened.
        case unterminatedQuote
        /// A quote character appeared inside an unquoted field (e.g. `ab"c`).
        case unexpectedQuote
        /// Something other than a delimiter or line end followed a closing quote (e.g. `"ab"c`).
        case unexpectedCharacterAfterQuote(UInt8)
        /// A field is not valid UTF-8; `byteOffset` is the offset of the first bad byte within the field.
        case invalidUTF8(byteOffset: Int)
        /// A field exceeded `CSVReadOptions.maxFieldLength` bytes.
        case fieldTooLong(limit: Int)
        /// A record exceeded `CSVReadOptions.maxRecordLength` bytes.
        case recordTooLong(limit: Int)
        /// A record has a different number of fields than expected (usually the header's count).
        case fieldCountMismatch(expected: Int, found: Int)
        /// A field index beyond the record's field count was requested.
        case missingField(count: Int)
        /// A header does not contain a required column.
        case missingColumn(String)
        /// A header names a column twice (ignoring case and surrounding spaces); `first` is the
        /// 1-based column that had it first, the error's `column` the repeat.
        case duplicateColumn(String, first: Int)
        /// An operating-system I/O failure (`errno`), with the path or operation involved.
        case io(errno: Int32, operation: String)
    }

    /// What went wrong.
    public let kind: Kind
    /// 1-based physical line number (0 if not applicable).
    public let line: Int
    /// 1-based field number within the record, if the error concerns one field.
    public let column: Int?

    public init(_ kind: Kind, line: Int, column: Int? = nil) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    public var description: String {
        var place = line > 0 ? "line \(line)" : ""
        if let column { place += place.isEmpty ? "column \(column)" : ", column \(column)" }
        let prefix = place.isEmpty ? "CSV error: " : "CSV error at \(place): "
        return prefix + message
    }

    /// The message without the location prefix.
    public var message: String {
        switch kind {
        case .unterminatedQuote:
            return "quoted field starting on line \(line) is never closed (reached end of file)"
        case .unexpectedQuote:
            return "quote character inside an unquoted field (quote the whole field and double the quote, or read with lenient quotes)"
        case .unexpectedCharacterAfterQuote(let byte):
            return "unexpected character \(CSVError.describe(byte)) after closing quote (expected a delimiter or line end)"
        case .invalidUTF8(let offset):
            return "field is not valid UTF-8 (first bad byte at offset \(offset) within the field)"
        case .fieldTooLong(let limit):
            return "field is longer than the maximum of \(limit) bytes"
        case .recordTooLong(let limit):
            return "record is longer than the maximum of \(limit) bytes"
        case .fieldCountMismatch(let expected, let found):
            return "record has \(found) field\(found == 1 ? "" : "s"), expected \(expected)"
        case .missingField(let count):
            return "record has only \(count) field\(count == 1 ? "" : "s")"
        case .missingColumn(let name):
            return "header has no column named \"\(name)\""
        case .duplicateColumn(let name, let first):
            return "header names column \"\(name)\" twice (also column \(first)): which one a value comes from would be a guess"
        case .io(let code, let operation):
            return "\(operation): \(String(cString: strerror(code))) (errno \(code))"
        }
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        switch byte {
        case 0x20: return "space"
        case 0x09: return "tab"
        default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }
}
