import Foundation

/// Writes refused rows, with the reason, to a file that can be fixed and imported again as is
/// (the importer ignores the `reject_reason` column/key).
final class RejectWriter {
    /// The original form of a refused row.
    enum Raw {
        case csv(CSVRecord)
        case json(Data)
        case none
    }

    let path: String?
    let format: ImportFormat
    private var csv: CSVWriter?
    private var json: FileHandle?
    private var header: [String]?

    init(path: String?, format: ImportFormat) {
        self.path = path
        self.format = format
    }

    /// Sets the CSV header (the source's columns plus `reject_reason`).
    func setHeader(_ names: [String]) { header = names }

    func write(_ raw: Raw, reason: String) throws {
        guard let path else { return }
        switch raw {
        case .csv(let record):
            if csv == nil {
                csv = try CSVWriter(path: path)
                if let header { try csv!.writeRow(header + ["reject_reason"]) }
            }
            var fields: [String] = []
            for i in 0..<record.count { fields.append(String(decoding: record.bytes(i), as: UTF8.self)) }
            try csv!.writeRow(fields + [reason])
        case .json(let data):
            if json == nil {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
                guard let h = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
                json = h
            }
            var obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? ["raw": String(decoding: data, as: UTF8.self)]
            obj["reject_reason"] = reason
            let out = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])) ?? data
            json!.write(out + Data([10]))
        case .none:
            break
        }
    }

    func close() throws {
        try csv?.flush()
        csv = nil
        try json?.close()
        json = nil
    }

    /// Removes the file (the import was rolled back, or nothing was refused).
    func discard() throws {
        try? close()
        if let path, FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }
}
