import Foundation

/// A source file read row by row through a mapping (CSV with a header, or JSON lines), streaming:
/// memory stays bounded by the read chunk and the largest row, whatever the file's size.
final class MappedSource {
    /// A row as the source wrote it, for the rejects file.
    enum Raw {
        case csv(CSVRecord)
        case json(String)
        case none
    }

    /// One row: mapped, or refused with the reason.
    enum Item {
        case mapped(MappedRow, line: Int, raw: Raw)
        case rejected(ImportRowError, raw: Raw)
    }

    let mapping: ImportMapping
    let builder: MappedRowBuilder
    let path: String
    private(set) var headerRecord: CSVRecord?
    private(set) var headerNames: [String] = []
    private var csv: CSVReader?
    private var json: JSONLineReader?
    private var jsonKeys: [String] = []

    /// Opens `path` and reads the header; throws `ImportRefused` for a file that cannot be read
    /// as declared, `MappingFileError` for a mapping column the file lacks.
    init(path: String, mapping: ImportMapping) throws {
        self.path = path
        self.mapping = mapping
        func refuse(_ message: String) -> ImportRefused { ImportRefused(report: ImportReport(file: path), fileError: message) }
        switch mapping.format {
        case .csv:
            let reader: CSVReader
            do {
                reader = try CSVReader(path: path, options: CSVReadOptions(delimiter: mapping.delimiter, quote: mapping.quote, maxFieldLength: 4 << 20))
            } catch { throw refuse("\(error)") }
            let header: CSVRecord
            do {
                guard let h = try reader.next() else { throw refuse("empty file (a header row is required)") }
                header = h
            } catch let e as CSVError { throw refuse(e.description) }
            let decoder = TextDecoder(mapping.encoding)
            var names: [String] = []
            for i in 0..<header.count {
                let name = header.withUnsafeBytes(i) { decoder.decode($0) }
                switch name {
                case .success(let s): names.append(s)
                case .failure(let e): throw refuse("line \(header.line): header column \(i + 1) is \(e.message(mapping.encoding)); is the `encoding` in the mapping right?")
                }
            }
            do { try CSVHeader.checkUnique(names, line: header.line) } catch let e as CSVError { throw refuse(e.description) }
            headerRecord = header
            headerNames = names
            csv = reader
            builder = try MappedRowBuilder(mapping: mapping, columns: names, headerLine: header.line, fileName: path)
        case .jsonl:
            guard let reader = JSONLineReader(path: path) else { throw refuse("cannot open the file") }
            json = reader
            var keys: [String] = []
            for c in mapping.columns.map(\.name) where !keys.contains(c) { keys.append(c) }
            jsonKeys = keys
            builder = try MappedRowBuilder(mapping: mapping, columns: keys, headerLine: 0, fileName: path)
        }
    }

    /// The next row, or nil at the end. Throws `CSVError` for a structural problem (an unclosed
    /// quote): nothing after it can be trusted.
    func next() throws -> Item? {
        if let csv {
            guard let record = try csv.next() else { return nil }
            if record.count != headerNames.count {
                return .rejected(ImportRowError(line: record.line, field: "row", message: "has \(record.count) field\(record.count == 1 ? "" : "s"), the header has \(headerNames.count)"), raw: .csv(record))
            }
            let decoder = builder.decoder
            let result = record.rawBytes.withUnsafeBufferPointer { all in
                builder.build(line: record.line) { i in
                    let r = record.range(i)
                    return decoder.decode(UnsafeBufferPointer(rebasing: all[r]))
                }
            }
            switch result {
            case .success(let row): return .mapped(row, line: record.line, raw: .csv(record))
            case .failure(let e): return .rejected(e, raw: .csv(record))
            }
        }
        guard let json else { return nil }
        while let (line, bytes) = try json.next() {
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            let text: String
            switch bytes.withUnsafeBufferPointer({ builder.decoder.decode($0) }) {
            case .success(let s): text = s
            case .failure(let e):
                return .rejected(ImportRowError(line: line, field: "row", message: e.message(mapping.encoding)), raw: .none)
            }
            guard let obj = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
                return .rejected(ImportRowError(line: line, field: "row", message: "not a JSON object"), raw: .json(text))
            }
            let values = jsonKeys.map { MappedSource.string(obj[$0]) }
            switch builder.build(line: line, value: { .success(values[$0]) }) {
            case .success(let row): return .mapped(row, line: line, raw: .json(text))
            case .failure(let e): return .rejected(e, raw: .json(text))
            }
        }
        return nil
    }

    /// A JSON value as the text a CSV cell would hold.
    static func string(_ v: Any?) -> String {
        switch v {
        case nil, is NSNull: return ""
        case let s as String: return s
        case let n as NSNumber:
            // JSON true/false arrive as NSNumber with a char type code.
            if String(cString: n.objCType) == "c" { return n.boolValue ? "true" : "false" }
            return n.stringValue
        case let other?:
            if let data = try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys]) { return String(decoding: data, as: UTF8.self) }
            return "\(other)"
        }
    }
}

/// Lines of a file read in 1 MiB chunks (LF-terminated; a CR before the LF is kept for the caller).
final class JSONLineReader {
    private let handle: FileHandle
    private var pending: [UInt8] = []
    private var start = 0
    private var line = 0
    private var atEnd = false

    init?(path: String) {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        handle = h
    }

    deinit { try? handle.close() }

    /// The next line (1-based number, bytes without the LF), or nil at the end.
    func next() throws -> (Int, [UInt8])? {
        while true {
            if let nl = pending[start...].firstIndex(of: 10) {
                let bytes = Array(pending[start..<nl])
                start = nl + 1
                line += 1
                return (line, bytes.last == 13 ? Array(bytes.dropLast()) : bytes)
            }
            if atEnd {
                guard start < pending.count else { return nil }
                let bytes = Array(pending[start...])
                start = pending.count
                line += 1
                return (line, bytes)
            }
            pending.removeFirst(start)
            start = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { pending.append(contentsOf: chunk) }
        }
    }
}
