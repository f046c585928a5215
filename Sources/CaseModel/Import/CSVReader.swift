import Foundation

/// Options for `CSVReader`.
public struct CSVReadOptions: Sendable, Equatable {
    /// Field separator byte (ASCII). Default `,`; see `.tab` and `.semicolon`.
    public var delimiter: UInt8
    /// Quote byte (ASCII). Default `"`.
    public var quote: UInt8
    /// When true, a quote inside an unquoted field is kept literally, and characters after a
    /// closing quote are appended to the field, instead of throwing. Default false (strict).
    public var lenientQuotes: Bool
    /// Maximum length of one field in bytes (after unescaping). Default 1 MiB.
    public var maxFieldLength: Int
    /// Maximum length of one record in bytes (field contents plus delimiters). Default 64 MiB.
    /// Together with `maxFieldLength` this bounds memory on malformed input, e.g. a stray quote
    /// that would otherwise swallow the rest of a 1 GB file into one field.
    public var maxRecordLength: Int
    /// Bytes requested per read from the source. Default 1 MiB. Tests use tiny values to put
    /// chunk boundaries everywhere.
    public var chunkSize: Int
    /// Skip a UTF-8 byte-order mark (EF BB BF) at the very start of the input. Default true.
    public var skipByteOrderMark: Bool

    public init(
        delimiter: UInt8 = UInt8(ascii: ","),
        quote: UInt8 = UInt8(ascii: "\""),
        lenientQuotes: Bool = false,
        maxFieldLength: Int = 1 << 20,
        maxRecordLength: Int = 64 << 20,
        chunkSize: Int = 1 << 20,
        skipByteOrderMark: Bool = true
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.lenientQuotes = lenientQuotes
        self.maxFieldLength = maxFieldLength
        self.maxRecordLength = maxRecordLength
        self.chunkSize = chunkSize
        self.skipByteOrderMark = skipByteOrderMark
    }

    /// Comma-separated (the default).
    public static var comma: CSVReadOptions { CSVReadOptions() }
    /// Tab-separated.
    public static var tab: CSVReadOptions { CSVReadOptions(delimiter: 0x09) }
    /// Semicolon-separated (common in European spreadsheet exports).
    public static var semicolon: CSVReadOptions { CSVReadOptions(delimiter: UInt8(ascii: ";")) }
}

/// A streaming RFC 4180 CSV reader.
///
/// Reads its source in chunks (`CSVReadOptions.chunkSize`) with a resumable byte-level state
/// machine, so memory stays bounded by the chunk size plus the largest record, whatever the
/// file size. Handles quoted fields with doubled quotes, embedded delimiters and line breaks,
/// CRLF / LF / lone-CR line ends, a leading UTF-8 BOM, a last line without a line end, and
/// skips empty lines (counted in `emptyLinesSkipped` and `CSVRecord.emptyLinesBefore`).
///
/// ```swift
/// let reader = try CSVReader(path: "complaints.csv")
/// let header = try reader.readHeader()
/// while let record = try reader.next() {
///     try header?.check(record)
///     let reference = try record.string(0)
/// }
/// ```
///
/// After `next()` throws, the reader is finished: later calls rethrow the same error.
/// A reader is not thread-safe; use it from one task at a time.
public final class CSVReader {
    /// The options in effect.
    public let options: CSVReadOptions

    /// Number of records returned so far.
    public private(set) var recordsRead = 0
    /// Number of empty lines skipped so far.
    public private(set) var emptyLinesSkipped = 0
    /// Bytes taken from the source so far (including any BOM); useful for progress reporting.
    public private(set) var bytesRead = 0
    /// 1-based physical line the reader is positioned at (the line after the last record once
    /// the last record ended with a line break).
    public var currentLine: Int { line }

    // MARK: Source
    private let fd: Int32
    private let ownsFileDescriptor: Bool
    private var sourceName = "input"
    private var fileHandle: FileHandle?
    private var memory: [UInt8]?
    private var memoryOffset = 0

    // MARK: Chunk buffer
    private let chunk: UnsafeMutablePointer<UInt8>
    private let chunkCapacity: Int
    private let chunkSize: Int
    private var pos = 0
    private var end = 0
    private var sawEndOfInput = false
    private var started = false
    private var finished = false
    private var failure: CSVError?

    // MARK: Parser state
    private enum State: UInt8 { case recordStart, fieldStart, unquoted, quoted, quoteInQuoted }
    private var state = State.recordStart
    private var line = 1
    private var afterCR = false
    private var recordLine = 1
    private var recordEndLine = 1
    private var quoteLine = 1
    private var fieldStart = 0
    private var emptyBefore = 0
    private var out: CSVGrowableBuffer<UInt8>
    private var bounds: CSVGrowableBuffer<Int>
    private let special: UnsafeMutablePointer<Bool>

    /// Opens the file at `path` for streaming.
    /// - Throws: `CSVError` `.io` if the file cannot be opened.
    public convenience init(path: String, options: CSVReadOptions = CSVReadOptions()) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CSVError(.io(errno: errno, operation: "cannot open \(path)"), line: 0) }
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        self.init(fileDescriptor: fd, closeWhenDone: true, options: options)
        sourceName = path
    }

    /// Reads from an open file descriptor (a file, pipe or standard input).
    /// - Parameter closeWhenDone: close the descriptor when the reader is deallocated.
    public init(fileDescriptor: Int32, closeWhenDone: Bool = false, options: CSVReadOptions = CSVReadOptions()) {
        self.options = options
        self.fd = fileDescriptor
        self.ownsFileDescriptor = closeWhenDone
        precondition(options.chunkSize > 0, "CSVReadOptions.chunkSize must be positive")
        precondition(![options.quote, 0x0A, 0x0D].contains(options.delimiter), "CSV delimiter must differ from quote, CR and LF")
        precondition(![0x0A, 0x0D].contains(options.quote), "CSV quote must differ from CR and LF")
        chunkSize = options.chunkSize
        chunkCapacity = max(options.chunkSize, 4)
        chunk = .allocate(capacity: chunkCapacity)
        out = CSVGrowableBuffer(capacity: 1024)
        bounds = CSVGrowableBuffer(capacity: 128)
        special = .allocate(capacity: 256)
        special.initialize(repeating: false, count: 256)
        for b in [options.delimiter, options.quote, 0x0A, 0x0D] { special[Int(b)] = true }
    }

    /// Reads from a `FileHandle` (e.g. `FileHandle.standardInput`); the handle is not closed.
    public convenience init(fileHandle: FileHandle, options: CSVReadOptions = CSVReadOptions()) {
        self.init(fileDescriptor: fileHandle.fileDescriptor, closeWhenDone: false, options: options)
        self.fileHandle = fileHandle
    }

    /// Reads from bytes in memory (still chunked by `options.chunkSize`).
    public convenience init(bytes: [UInt8], options: CSVReadOptions = CSVReadOptions()) {
        self.init(fileDescriptor: -1, closeWhenDone: false, options: options)
        memory = bytes
    }

    /// Reads from data in memory.
    public convenience init(data: Data, options: CSVReadOptions = CSVReadOptions()) {
        self.init(bytes: [UInt8](data), options: options)
    }

    /// Reads from the UTF-8 encoding of `string`.
    public convenience init(string: String, options: CSVReadOptions = CSVReadOptions()) {
        self.init(bytes: Array(string.utf8), options: options)
    }

    deinit {
        chunk.deallocate()
        special.deallocate()
        out.deallocate()
        bounds.deallocate()
        if ownsFileDescriptor && fd >= 0 { close(fd) }
    }

    // MARK: Public reading API

    /// The next record, or nil at the end of the input.
    /// - Throws: `CSVError` for malformed input or I/O failure; the reader is then finished.
    public func next() throws -> CSVRecord? {
        if let failure { throw failure }
        if finished { return nil }
        while true {
            if pos == end {
                if try !fill() { return try finishAtEndOfInput() }
            }
            if try parse() { return makeRecord() }
        }
    }

    /// Reads the next record as a header (column names as strict UTF-8); nil if the input is empty.
    public func readHeader() throws -> CSVHeader? {
        guard let record = try next() else { return nil }
        let names = try record.strings()
        try CSVHeader.checkUnique(names, line: record.line)
        return CSVHeader(names: names, line: record.line)
    }

    /// Calls `body` for each remaining record.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        while let record = try next() { try body(record) }
    }

    /// All remaining records (for small inputs and tests; large files should stream with `next()`).
    public func readAll() throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }

    // MARK: Internals

    private func fail(_ kind: CSVError.Kind, line: Int, column: Int?) -> CSVError {
        let error = CSVError(kind, line: line, column: column)
        failure = error
        return error
    }

    /// Reads up to `count` bytes from the source into `buffer`; 0 means end of input.
    private func readSource(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        if let memory {
            let n = min(count, memory.count - memoryOffset)
            if n > 0 {
                memory.withUnsafeBufferPointer { src in
                    buffer.update(from: src.baseAddress! + memoryOffset, count: n)
                }
                memoryOffset += n
            }
            return n
        }
        while true {
            let n = read(fd, buffer, count)
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            throw fail(.io(errno: code, operation: "cannot read \(sourceName)"), line: line, column: nil)
        }
    }

    /// Refills the chunk buffer; false at end of input.
    private func fill() throws -> Bool {
        pos = 0
        end = 0
        if sawEndOfInput { return false }
        let n = try readSource(into: chunk, count: chunkSize)
        if n == 0 { sawEndOfInput = true; return false }
        end = n
        if !started {
            started = true
            // Make sure the first three bytes are present to recognise a BOM, even with tiny chunks.
            while end < 3 {
                let m = try readSource(into: chunk + end, count: min(chunkSize, chunkCapacity - end))
                if m == 0 { sawEndOfInput = true; break }
                end += m
            }
            if options.skipByteOrderMark && end >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF {
                pos = 3
            }
        }
        bytesRead += end
        return true
    }

    private func finishAtEndOfInput() throws -> CSVRecord? {
        switch state {
        case .recordStart:
            finished = true
            return nil
        case .quoted:
            throw fail(.unterminatedQuote, line: quoteLine, column: bounds.count / 2 + 1)
        case .fieldStart, .unquoted, .quoteInQuoted:
            if out.count - fieldStart > options.maxFieldLength { throw fieldTooLong(fields: bounds.count / 2) }
            bounds.append(fieldStart, out.count)
            recordEndLine = line
            state = .recordStart
            finished = true
            return makeRecord()
        }
    }

    private func makeRecord() -> CSVRecord {
        let record = CSVRecord(
            line: recordLine,
            endLine: recordEndLine,
            emptyLinesBefore: emptyBefore,
            rawBytes: out.array(),
            fieldBounds: bounds.array()
        )
        emptyBefore = 0
        recordsRead += 1
        return record
    }

    private func skipEmptyLine() {
        emptyLinesSkipped += 1
        emptyBefore += 1
    }

    /// Field `fields + 1` (1-based) of the current record exceeded the field limit.
    private func fieldTooLong(fields: Int) -> CSVError {
        fail(.fieldTooLong(limit: options.maxFieldLength), line: recordLine, column: fields + 1)
    }

    private func recordTooLong() -> CSVError {
        fail(.recordTooLong(limit: options.maxRecordLength), line: recordLine, column: nil)
    }

    /// Runs the state machine over the buffered bytes. Returns true when a record is complete
    /// (its bytes are in `out`, its field bounds in `bounds`), false when the chunk is exhausted
    /// mid-record.
    ///
    /// Bytes are not copied field by field: the span of the chunk from `pending` up to the
    /// current position is copied to `out` only when a byte must be dropped (an opening or
    /// closing quote, the first of a doubled quote), at the end of the record and at the end of
    /// the chunk. So an unquoted record costs one copy, and its delimiters stay in `out` between
    /// the fields; `bounds` holds (start, end) offsets in `out` for each field.
    private func parse() throws -> Bool {
        let p = UnsafePointer(chunk)
        let special = UnsafePointer(self.special)
        let e = end
        let delimiter = options.delimiter
        let quote = options.quote
        let lenient = options.lenientQuotes
        let maxField = options.maxFieldLength
        let maxRecord = options.maxRecordLength
        let lf: UInt8 = 0x0A
        let cr: UInt8 = 0x0D
        let delimiterMask = CSVSWAR.broadcast(delimiter)
        let quoteMask = CSVSWAR.broadcast(quote)

        var i = pos
        var pending = i // chunk index from which bytes still have to be copied to `out`
        var state = self.state
        var line = self.line
        var afterCR = self.afterCR
        var out = self.out
        var bounds = self.bounds
        var fieldStart = self.fieldStart // offset in `out` where the current field starts
        defer {
            self.pos = i
            self.state = state
            self.line = line
            self.afterCR = afterCR
            self.out = out
            self.bounds = bounds
            self.fieldStart = fieldStart
        }

        while i < e {
            switch state {
            case .recordStart:
                let b = p[i]
                if b == lf {
                    i += 1
                    if afterCR { afterCR = false } else { line += 1; skipEmptyLine() }
                    continue
                }
                if b == cr {
                    i += 1
                    line += 1
                    afterCR = true
                    skipEmptyLine()
                    continue
                }
                afterCR = false
                recordLine = line
                out.count = 0
                bounds.count = 0
                pending = i
                fieldStart = 0
                state = .fieldStart

            case .fieldStart:
                if p[i] == quote {
                    out.append(p + pending, count: i &- pending)
                    i += 1
                    pending = i
                    fieldStart = out.count
                    quoteLine = line
                    afterCR = false
                    state = .quoted
                } else {
                    state = .unquoted
                }

            case .unquoted:
                // Eight bytes at a time while possible (SWAR), then byte by byte.
                while i &+ 8 <= e {
                    let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                    let hits = CSVSWAR.zeroBytes(word ^ delimiterMask) | CSVSWAR.zeroBytes(word ^ quoteMask)
                        | CSVSWAR.zeroBytes(word ^ CSVSWAR.lfMask) | CSVSWAR.zeroBytes(word ^ CSVSWAR.crMask)
                    if hits != 0 { i &+= hits.trailingZeroBitCount &>> 3; break }
                    i &+= 8
                }
                while i < e && !special[Int(p[i])] { i += 1 }
                if i == e { break }
                let b = p[i]
                if b == delimiter {
                    let fieldEnd = out.count &+ (i &- pending)
                    if _slowPath(fieldEnd &- fieldStart > maxField) { throw fieldTooLong(fields: bounds.count / 2) }
                    bounds.append(fieldStart, fieldEnd)
                    i += 1
                    fieldStart = fieldEnd &+ 1
                    state = .fieldStart
                } else if b == lf || b == cr {
                    let fieldEnd = out.count &+ (i &- pending)
                    if _slowPath(fieldEnd &- fieldStart > maxField) { throw fieldTooLong(fields: bounds.count / 2) }
                    bounds.append(fieldStart, fieldEnd)
                    out.append(p + pending, count: i &- pending)
                    if _slowPath(out.count > maxRecord) { throw recordTooLong() }
                    i += 1
                    recordEndLine = line
                    line += 1
                    afterCR = b == cr
                    state = .recordStart
                    return true
                } else if lenient {
                    i += 1 // keep the quote as content
                } else {
                    throw fail(.unexpectedQuote, line: line, column: bounds.count / 2 + 1)
                }

            case .quoted:
                let scanStart = i
                while i &+ 8 <= e {
                    let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                    let hits = CSVSWAR.zeroBytes(word ^ quoteMask)
                        | CSVSWAR.zeroBytes(word ^ CSVSWAR.lfMask) | CSVSWAR.zeroBytes(word ^ CSVSWAR.crMask)
                    if hits != 0 { i &+= hits.trailingZeroBitCount &>> 3; break }
                    i &+= 8
                }
                while i < e {
                    let b = p[i]
                    if b == quote || b == lf || b == cr { break }
                    i += 1
                }
                if i > scanStart { afterCR = false }
                if i == e { break }
                let b = p[i]
                if b == quote {
                    // Closing quote or first of a doubled quote: drop it either way.
                    out.append(p + pending, count: i &- pending)
                    i += 1
                    pending = i
                    state = .quoteInQuoted
                } else {
                    // Line break inside the field: content, but counts as a physical line.
                    i += 1
                    if b == cr {
                        line += 1
                        afterCR = true
                    } else {
                        if !afterCR { line += 1 }
                        afterCR = false
                    }
                }

            case .quoteInQuoted:
                let b = p[i]
                if b == quote {
                    // Doubled quote: this second one is content (`pending` already points at it).
                    i += 1
                    afterCR = false
                    state = .quoted
                } else if b == delimiter {
                    let fieldEnd = out.count &+ (i &- pending)
                    if _slowPath(fieldEnd &- fieldStart > maxField) { throw fieldTooLong(fields: bounds.count / 2) }
                    bounds.append(fieldStart, fieldEnd)
                    i += 1
                    fieldStart = fieldEnd &+ 1
                    state = .fieldStart
                } else if b == lf || b == cr {
                    let fieldEnd = out.count &+ (i &- pending)
                    if _slowPath(fieldEnd &- fieldStart > maxField) { throw fieldTooLong(fields: bounds.count / 2) }
                    bounds.append(fieldStart, fieldEnd)
                    out.append(p + pending, count: i &- pending)
                    if _slowPath(out.count > maxRecord) { throw recordTooLong() }
                    i += 1
                    recordEndLine = line
                    line += 1
                    afterCR = b == cr
                    state = .recordStart
                    return true
                } else if lenient {
                    state = .unquoted // characters after the closing quote are kept
                } else {
                    throw fail(.unexpectedCharacterAfterQuote(b), line: line, column: bounds.count / 2 + 1)
                }
            }
        }
        // Chunk exhausted in the middle of a record (or between records).
        if state != .recordStart {
            out.append(p + pending, count: e &- pending)
            if _slowPath(out.count &- fieldStart > maxField && state != .fieldStart) { throw fieldTooLong(fields: bounds.count / 2) }
            if _slowPath(out.count > maxRecord) { throw recordTooLong() }
        }
        return false
    }
}

/// Byte-parallel search within a 64-bit word.
enum CSVSWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080
    static let lfMask = broadcast(0x0A)
    static let quoteMask = broadcast(UInt8(ascii: "\""))
    static let crMask = broadcast(0x0D)

    @inline(__always) static func broadcast(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

    /// Sets the high bit of (at least) the lowest zero byte of `x`; the lowest set bit is exact,
    /// bits above it may be false positives, so only `trailingZeroBitCount` is meaningful.
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
}

/// A manually managed growable buffer of trivial values, used in the reader's hot loop where
/// `Array`'s uniqueness and bounds checks would dominate. Copies share storage; the owner is
/// responsible for calling `deallocate()` exactly once.
struct CSVGrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if _slowPath(count == capacity) { grow(minimum: count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    @inline(__always)
    mutating func append(_ first: Element, _ second: Element) {
        if _slowPath(count &+ 2 > capacity) { grow(minimum: count + 2) }
        (base + count).initialize(to: first)
        (base + count + 1).initialize(to: second)
        count &+= 2
    }

    @inline(__always)
    mutating func append(_ source: UnsafePointer<Element>, count n: Int) {
        if _slowPath(count + n > capacity) { grow(minimum: count + n) }
        (base + count).initialize(from: source, count: n)
        count += n
    }

    @inline(never)
    mutating func grow(minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func array() -> [Element] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    func deallocate() {
        base.deallocate()
    }
}
