import Foundation

/// One CSV record: the unescaped bytes of all its fields in one buffer, plus field boundaries.
///
/// Fields are kept as raw bytes so that reading a record costs two allocations regardless of
/// its field count, and so that a field can be decoded with something other than UTF-8 later
/// (e.g. GB18030 exports) via `bytes(_:)`. `string(_:)` decodes a field as strict UTF-8.
public struct CSVRecord: Sendable {
    /// 1-based physical line on which the record starts.
    public let line: Int
    /// 1-based physical line on which the record ends (differs from `line` when a quoted field
    /// contains line breaks).
    public let endLine: Int
    /// Number of empty lines skipped immediately before this record.
    public let emptyLinesBefore: Int
    /// The record's bytes with quoting undone (enclosing quotes dropped, doubled quotes
    /// undoubled). Field `i` is `rawBytes[range(i)]`; bytes between fields (delimiters) are not
    /// part of any field.
    public let rawBytes: [UInt8]
    /// `fieldBounds[2 * i] ..< fieldBounds[2 * i + 1]` is the range of field `i` in `rawBytes`.
    @usableFromInline let fieldBounds: [Int]

    init(line: Int, endLine: Int, emptyLinesBefore: Int, rawBytes: [UInt8], fieldBounds: [Int]) {
        self.line = line
        self.endLine = endLine
        self.emptyLinesBefore = emptyLinesBefore
        self.rawBytes = rawBytes
        self.fieldBounds = fieldBounds
    }

    /// Builds a record from strings (useful for tests and for feeding importers directly).
    public init(fields: [String], line: Int = 1) {
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        bounds.reserveCapacity(2 * fields.count)
        for field in fields {
            bounds.append(bytes.count)
            bytes.append(contentsOf: field.utf8)
            bounds.append(bytes.count)
        }
        self.init(line: line, endLine: line, emptyLinesBefore: 0, rawBytes: bytes, fieldBounds: bounds)
    }

    /// Number of fields in the record (always at least 1 for records produced by `CSVReader`).
    @inlinable public var count: Int { fieldBounds.count / 2 }

    /// Byte range of field `i` within `rawBytes`. Precondition: `0 <= i < count`.
    @inlinable public func range(_ i: Int) -> Range<Int> {
        precondition(i >= 0 && i < count, "CSVRecord field index \(i) out of range 0..<\(count)")
        return fieldBounds[2 * i] ..< fieldBounds[2 * i + 1]
    }

    /// Raw (unescaped, undecoded) bytes of field `i`. Precondition: `0 <= i < count`.
    @inlinable public func bytes(_ i: Int) -> ArraySlice<UInt8> { rawBytes[range(i)] }

    /// Calls `body` with the raw bytes of field `i` without copying. Precondition: `0 <= i < count`.
    @inlinable public func withUnsafeBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(i)
        return try rawBytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[r]))
        }
    }

    /// Byte length of field `i`. Precondition: `0 <= i < count`.
    @inlinable public func byteCount(_ i: Int) -> Int { range(i).count }

    /// Field `i` decoded as strict UTF-8.
    ///
    /// - Throws: `CSVError` `.missingField` if the record has no field `i` (ragged row), or
    ///   `.invalidUTF8` naming the line where the record starts, the 1-based column and the bad
    ///   byte's offset within the field.
    public func string(_ i: Int) throws -> String {
        guard i >= 0 && i < count else {
            throw CSVError(.missingField(count: count), line: line, column: i + 1)
        }
        let r = fieldBounds[2 * i] ..< fieldBounds[2 * i + 1]
        return try rawBytes.withUnsafeBufferPointer { buffer in
            let field = UnsafeBufferPointer(rebasing: buffer[r])
            if let s = CSVUTF8.decode(field) { return s }
            throw CSVError(.invalidUTF8(byteOffset: CSVUTF8.firstInvalidOffset(field) ?? 0), line: line, column: i + 1)
        }
    }

    /// Field `i` as strict UTF-8, or `nil` if the record is too short to have it.
    public func stringIfPresent(_ i: Int) throws -> String? {
        i >= 0 && i < count ? try string(i) : nil
    }

    /// The field in the column called `name` in `header`.
    public func string(_ name: String, in header: CSVHeader) throws -> String {
        try string(header.requireIndex(of: name))
    }

    /// All fields decoded as strict UTF-8.
    public func strings() throws -> [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        for i in 0 ..< count { result.append(try string(i)) }
        return result
    }

    /// Throws `.fieldCountMismatch` unless the record has exactly `expected` fields.
    public func requireFieldCount(_ expected: Int) throws {
        if count != expected {
            throw CSVError(.fieldCountMismatch(expected: expected, found: count), line: line)
        }
    }
}

/// The first record of a file, read as column names.
public struct CSVHeader: Sendable, Equatable {
    /// Column names, as written (not trimmed).
    public let names: [String]
    /// Line on which the header record starts.
    public let line: Int

    public init(names: [String], line: Int = 1) {
        self.names = names
        self.line = line
    }

    /// Number of columns.
    public var count: Int { names.count }

    /// Throws `.duplicateColumn` at `line` when two of `names` are the same column (ignoring
    /// case and surrounding spaces). Empty names cannot be addressed, so they may repeat.
    public static func checkUnique(_ names: [String], line: Int) throws {
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if key.isEmpty { continue }
            if let first = seen[key] { throw CSVError(.duplicateColumn(name.trimmingCharacters(in: .whitespaces), first: first + 1), line: line, column: i + 1) }
            seen[key] = i
        }
    }

    /// Index of the first column called `name`. With `caseInsensitive`, comparison also ignores
    /// surrounding whitespace.
    public func index(of name: String, caseInsensitive: Bool = false) -> Int? {
        if !caseInsensitive { return names.firstIndex(of: name) }
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return names.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }
    }

    /// Index of the column called `name`; throws `.missingColumn` if absent.
    public func requireIndex(of name: String, caseInsensitive: Bool = false) throws -> Int {
        guard let i = index(of: name, caseInsensitive: caseInsensitive) else {
            throw CSVError(.missingColumn(name), line: line)
        }
        return i
    }

    /// Throws `.fieldCountMismatch` (with the record's line) unless `record` has one field per column.
    public func check(_ record: CSVRecord) throws {
        try record.requireFieldCount(names.count)
    }
}

/// Strict UTF-8 helpers.
enum CSVUTF8 {
    /// Decodes `bytes` as UTF-8, or returns nil if they are not valid UTF-8.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // Validate first (the stdlib's `String(validating:)` is not specialised here and costs
        // several times more); after validation `String(decoding:)` cannot repair anything.
        guard firstInvalidOffset(bytes) == nil else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Offset of the first byte that is not part of a well-formed UTF-8 sequence, or nil.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i &+ 8 <= n && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i &+= 8
            }
            guard i < n else { break }
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF // allowed range of the second byte
            switch b0 {
            case 0xC2 ... 0xDF: length = 2
            case 0xE0: length = 3; lo = 0xA0
            case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
            case 0xED: length = 3; hi = 0x9F
            case 0xF0: length = 4; lo = 0x90
            case 0xF1 ... 0xF3: length = 4
            case 0xF4: length = 4; hi = 0x8F
            default: return i
            }
            guard i + 1 < n, bytes[i + 1] >= lo, bytes[i + 1] <= hi else { return i }
            for k in 2 ..< length {
                guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return i }
            }
            i += length
        }
        return nil
    }
}
