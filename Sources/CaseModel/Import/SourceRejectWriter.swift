import Foundation

/// Writes refused rows of a mapped import the way the source wrote them — same columns,
/// delimiter, quote and encoding, plus a `reject_reason` column (or key) — so the file can be
/// fixed and imported again with the same mapping (which ignores `reject_reason`).
final class SourceRejectWriter {
    let path: String?
    private let mapping: ImportMapping
    private let decoder: TextDecoder
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var header: CSVRecord?
    /// The header's own `reject_reason` column, when the source is itself a rejects file.
    private var reasonColumn: Int?
    private(set) var written = 0

    init(path: String?, mapping: ImportMapping, decoder: TextDecoder) {
        self.path = path
        self.mapping = mapping
        self.decoder = decoder
    }

    /// The CSV header to repeat at the top of the file.
    func setHeader(_ record: CSVRecord, names: [String]) {
        header = record
        reasonColumn = names.firstIndex { $0.trimmed == "reject_reason" }
    }

    private func open() throws {
        guard handle == nil, let path else { return }
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        guard let h = FileHandle(forWritingAtPath: path) else {
            throw CSVError(.io(errno: errno, operation: "cannot write the rejects file \(path)"), line: 0)
        }
        handle = h
        if let header {
            appendRecord(header, extra: reasonColumn == nil ? Array("reject_reason".utf8) : nil, replace: nil)
        }
    }

    /// Writes a refused CSV record with its reason.
    func write(_ record: CSVRecord, reason: String) throws {
        guard path != nil else { return }
        try open()
        let r = decoder.encode(reason)
        appendRecord(record, extra: reasonColumn == nil ? r : nil, replace: reasonColumn.map { ($0, r) })
        try flushIfFull()
    }

    /// Writes a refused JSON line (decoded text) with its reason.
    func write(jsonLine: String, reason: String) throws {
        guard path != nil else { return }
        try open()
        var obj = (try? JSONSerialization.jsonObject(with: Data(jsonLine.utf8))) as? [String: Any] ?? ["raw": jsonLine]
        obj["reject_reason"] = reason
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])) ?? Data(jsonLine.utf8)
        buffer += decoder.encode(String(decoding: data, as: UTF8.self))
        buffer.append(10)
        written += 1
        try flushIfFull()
    }

    private func appendRecord(_ record: CSVRecord, extra: [UInt8]?, replace: (Int, [UInt8])?) {
        for i in 0..<record.count {
            if i > 0 { buffer.append(mapping.delimiter) }
            if let (column, value) = replace, column == i { appendField(value[...]) } else { appendField(record.bytes(i)) }
        }
        if let extra {
            if record.count > 0 { buffer.append(mapping.delimiter) }
            appendField(extra[...])
        }
        buffer.append(13); buffer.append(10)
        written += 1
    }

    private func appendField(_ bytes: ArraySlice<UInt8>) {
        let q = mapping.quote
        let d = mapping.delimiter
        var needs = false
        for b in bytes where b == d || b == q || b == 10 || b == 13 { needs = true; break }
        if !needs { buffer += bytes; return }
        buffer.append(q)
        for b in bytes {
            if b == q { buffer.append(q) }
            buffer.append(b)
        }
        buffer.append(q)
    }

    private func flushIfFull() throws {
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    /// Removes the file (nothing was refused, or the import was rolled back).
    func discard() {
        try? handle?.close()
        handle = nil
        buffer.removeAll()
        if let path, FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
    }
}
