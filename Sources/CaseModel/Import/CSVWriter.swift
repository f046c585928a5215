import Foundation

/// Options for `CSVWriter`.
public struct CSVWriteOptions: Sendable, Equatable {
    /// Field separator byte (ASCII). Default `,`.
    public var delimiter: UInt8
    /// Write a UTF-8 byte-order mark first (some spreadsheet programs need it to detect UTF-8).
    /// Default false.
    public var includeByteOrderMark: Bool
    /// Defence against CSV formula injection for exports meant to be opened in a spreadsheet:
    /// a field starting with `=`, `+`, `-`, `@`, tab, CR or `'` gets a `'` prefix, except a plain
    /// number in a column the caller marks as numeric (`writeRow(_:numbers:)`); see
    /// `SpreadsheetCell`. Off by default, because it changes the data (a text `-5` becomes `'-5`).
    public var neutralizeFormulas: Bool
    /// Size of the output buffer in bytes. Default 256 KiB.
    public var bufferSize: Int

    public init(
        delimiter: UInt8 = UInt8(ascii: ","),
        includeByteOrderMark: Bool = false,
        neutralizeFormulas: Bool = false,
        bufferSize: Int = 256 << 10
    ) {
        self.delimiter = delimiter
        self.includeByteOrderMark = includeByteOrderMark
        self.neutralizeFormulas = neutralizeFormulas
        self.bufferSize = bufferSize
    }
}

/// A buffered RFC 4180 CSV writer.
///
/// A field is quoted only when it must be: when it contains the delimiter, a quote, CR or LF,
/// has a leading or trailing space or tab, or starts with a byte-order mark; quotes inside are
/// doubled. A row consisting of a single empty field is written as `""` so that it is not read
/// back as a (skipped) empty line. Lines end with `\n`.
///
/// Output is buffered: call `flush()` (or `close()`) to push it out and see write errors.
/// Deallocation flushes on a best-effort basis. A writer is not thread-safe.
public final class CSVWriter {
    /// The options in effect.
    public let options: CSVWriteOptions
    /// Number of rows written so far.
    public private(set) var rowsWritten = 0

    private var fd: Int32
    private let ownsFileDescriptor: Bool
    private var fileHandle: FileHandle?
    private let inMemory: Bool
    private var memory: [UInt8] = []
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private var closed = false
    private let needsQuote: UnsafeMutablePointer<Bool>
    private let delimiterMask: UInt64

    /// Writes to an open file descriptor.
    /// - Parameter closeWhenDone: close the descriptor on `close()` or deallocation.
    public init(fileDescriptor: Int32, closeWhenDone: Bool = false, options: CSVWriteOptions = CSVWriteOptions()) {
        precondition(![UInt8(ascii: "\""), 0x0A, 0x0D].contains(options.delimiter), "CSV delimiter must differ from quote, CR and LF")
        self.options = options
        self.fd = fileDescriptor
        self.ownsFileDescriptor = closeWhenDone
        self.inMemory = fileDescriptor < 0
        capacity = max(options.bufferSize, 64)
        buffer = .allocate(capacity: capacity)
        delimiterMask = CSVSWAR.broadcast(options.delimiter)
        needsQuote = .allocate(capacity: 256)
        needsQuote.initialize(repeating: false, count: 256)
        for b in [options.delimiter, UInt8(ascii: "\""), 0x0A, 0x0D] { needsQuote[Int(b)] = true }
        if options.includeByteOrderMark {
            buffer[0] = 0xEF; buffer[1] = 0xBB; buffer[2] = 0xBF
            count = 3
        }
    }

    /// Writes into memory; read the result with `text` or `bytes`.
    public convenience init(options: CSVWriteOptions = CSVWriteOptions()) {
        self.init(fileDescriptor: -1, closeWhenDone: false, options: options)
    }

    /// Writes to a `FileHandle`; the handle is not closed.
    public convenience init(fileHandle: FileHandle, options: CSVWriteOptions = CSVWriteOptions()) {
        self.init(fileDescriptor: fileHandle.fileDescriptor, closeWhenDone: false, options: options)
        self.fileHandle = fileHandle
    }

    /// Creates (or truncates) the file at `path` and writes to it.
    /// - Parameter permissions: mode for a newly created file; owner-only by default, since
    ///   exports usually hold personal data.
    public convenience init(path: String, permissions: mode_t = 0o600, options: CSVWriteOptions = CSVWriteOptions()) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw CSVError(.io(errno: errno, operation: "cannot create \(path)"), line: 0) }
        self.init(fileDescriptor: fd, closeWhenDone: true, options: options)
    }

    /// A writer to standard output (not closed). Do not interleave with `print`, which has its
    /// own buffer.
    public static func standardOutput(options: CSVWriteOptions = CSVWriteOptions()) -> CSVWriter {
        CSVWriter(fileDescriptor: STDOUT_FILENO, closeWhenDone: false, options: options)
    }

    deinit {
        if !closed {
            try? flush()
            if ownsFileDescriptor && fd >= 0 { _ = Foundation.close(fd) }
        }
        buffer.deallocate()
        needsQuote.deallocate()
    }

    // MARK: Output (in-memory writers)

    /// Everything written so far (in-memory writers only; empty for file writers).
    public var bytes: [UInt8] {
        memory + UnsafeBufferPointer(start: buffer, count: inMemory ? count : 0)
    }

    /// Everything written so far as text (in-memory writers only).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Everything written so far, which the writer then forgets (in-memory writers only): for
    /// passing a long output on in pieces. Taken after a whole row, a piece ends on a whole row.
    public func takeBytes() throws -> [UInt8] {
        try flush()
        defer { memory.removeAll(keepingCapacity: true) }
        return memory
    }

    // MARK: Writing

    /// Writes one row.
    public func writeRow(_ fields: [String]) throws {
        try writeRow(fields, numbers: [])
    }

    /// Writes one row whose fields at `numbers` are numbers (a plain negative number there is
    /// not neutralised as a formula).
    public func writeRow(_ fields: [String], numbers: Set<Int>) throws {
        precondition(!closed, "CSVWriter used after close()")
        for i in fields.indices {
            if i > 0 { try put(options.delimiter) }
            let field = fields[i]
            // Only a cell starting with '-' can be a formula or a number (`SpreadsheetCell`):
            // the set is asked for those alone, not for every cell of every row.
            let number = field.utf8.first == UInt8(ascii: "-") && numbers.contains(i)
            if try field.utf8.withContiguousStorageIfAvailable({ try writeField($0, number: number) }) == nil {
                var copy = field
                try copy.withUTF8 { try writeField($0, number: number) }
            }
        }
        try finishRow(fieldCount: fields.count, lastFieldWasEmpty: fields.last?.isEmpty ?? false)
    }

    /// Writes one row.
    public func writeRow<S: Sequence>(_ fields: S) throws where S.Element == String {
        try writeRow(Array(fields))
    }

    /// Writes one row.
    public func writeRow(_ fields: String...) throws {
        try writeRow(fields)
    }

    /// Writes a record read by `CSVReader` byte for byte (no decoding), so data in any encoding
    /// passes through unchanged.
    public func writeRow(_ record: CSVRecord) throws {
        precondition(!closed, "CSVWriter used after close()")
        for i in 0 ..< record.count {
            if i > 0 { try put(options.delimiter) }
            try record.withUnsafeBytes(i) { try writeField($0) }
        }
        try finishRow(fieldCount: record.count, lastFieldWasEmpty: record.count > 0 && record.byteCount(record.count - 1) == 0)
    }

    /// Pushes buffered output to the file (or into `bytes` for in-memory writers).
    public func flush() throws {
        guard count > 0 else { return }
        if inMemory {
            memory.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
        } else {
            try writeOut(UnsafeBufferPointer(start: buffer, count: count))
        }
        count = 0
    }

    /// Flushes and, if the writer owns its file descriptor, closes it. Further writes are a
    /// programming error.
    public func close() throws {
        guard !closed else { return }
        try flush()
        closed = true
        if ownsFileDescriptor && fd >= 0 {
            if Foundation.close(fd) != 0 { throw CSVError(.io(errno: errno, operation: "close failed"), line: 0) }
            fd = -1
        }
    }

    // MARK: Internals

    private func finishRow(fieldCount: Int, lastFieldWasEmpty: Bool) throws {
        // A single empty field would make an empty line, which readers skip: write "" instead.
        if fieldCount == 1 && lastFieldWasEmpty {
            try put(UInt8(ascii: "\""))
            try put(UInt8(ascii: "\""))
        }
        try put(0x0A)
        rowsWritten += 1
    }

    private func writeField(_ field: UnsafeBufferPointer<UInt8>, number: Bool = false) throws {
        let n = field.count
        guard n > 0, let p = field.baseAddress else { return }
        let prefixApostrophe = options.neutralizeFormulas && SpreadsheetCell.needsPrefix(field, number: number)
        var quote = p[0] == 0x20 || p[0] == 0x09 || p[n - 1] == 0x20 || p[n - 1] == 0x09
            || (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        var hasQuoteChar = false
        if !quote {
            // Fast path: copy while checking, eight bytes at a time; commit only if nothing
            // needs quoting.
            if !prefixApostrophe && n <= capacity &- count {
                let dst = buffer + count
                var i = 0
                while i &+ 8 <= n {
                    let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    let hits = CSVSWAR.zeroBytes(word ^ delimiterMask) | CSVSWAR.zeroBytes(word ^ CSVSWAR.quoteMask)
                        | CSVSWAR.zeroBytes(word ^ CSVSWAR.lfMask) | CSVSWAR.zeroBytes(word ^ CSVSWAR.crMask)
                    if hits != 0 { break }
                    UnsafeMutableRawPointer(dst + i).storeBytes(of: word, as: UInt64.self)
                    i &+= 8
                }
                let table = UnsafePointer(needsQuote)
                while i < n {
                    let b = p[i]
                    if table[Int(b)] { break }
                    dst[i] = b
                    i &+= 1
                }
                if i == n {
                    count &+= n
                    return
                }
                quote = true
            } else {
                let table = UnsafePointer(needsQuote)
                var i = 0
                while i < n && !table[Int(p[i])] { i += 1 }
                quote = i < n
            }
        }
        if quote {
            var i = 0
            while i < n { if p[i] == UInt8(ascii: "\"") { hasQuoteChar = true; break }; i += 1 }
        }
        if !quote {
            if prefixApostrophe { try put(UInt8(ascii: "'")) }
            try put(p, count: n)
            return
        }
        try put(UInt8(ascii: "\""))
        if prefixApostrophe { try put(UInt8(ascii: "'")) }
        if hasQuoteChar {
            var start = 0
            for i in 0 ..< n where p[i] == UInt8(ascii: "\"") {
                try put(p + start, count: i + 1 - start) // includes this quote
                try put(UInt8(ascii: "\""))              // and doubles it
                start = i + 1
            }
            try put(p + start, count: n - start)
        } else {
            try put(p, count: n)
        }
        try put(UInt8(ascii: "\""))
    }

    @inline(__always)
    private func put(_ byte: UInt8) throws {
        if _slowPath(count == capacity) { try flush() }
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    private func put(_ bytes: UnsafePointer<UInt8>, count n: Int) throws {
        if _slowPath(count + n > capacity) {
            try flush()
            if n >= capacity {
                if inMemory {
                    memory.append(contentsOf: UnsafeBufferPointer(start: bytes, count: n))
                } else {
                    try writeOut(UnsafeBufferPointer(start: bytes, count: n))
                }
                return
            }
        }
        (buffer + count).update(from: bytes, count: n)
        count += n
    }

    private func writeOut(_ data: UnsafeBufferPointer<UInt8>) throws {
        guard var p = data.baseAddress else { return }
        var remaining = data.count
        while remaining > 0 {
            let n = write(fd, p, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVError(.io(errno: errno, operation: "write failed"), line: 0)
            }
            p += n
            remaining -= n
        }
    }
}
