import CLibCrypto
import Foundation

/// SHA-256 of a file read in chunks (the import event names the file by its checksum, and a
/// 1 GB export must not be read into memory for it), by libcrypto like `SHA256`.
struct FileChecksum {
    private var context: SHA256_CTX = {
        var c = SHA256_CTX()
        SHA256_Init(&c)
        return c
    }()

    /// Feeds bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        SHA256_Update(&context, base, bytes.count)
    }

    /// The digest as lowercase hex.
    mutating func finish() -> String {
        var out = [UInt8](repeating: 0, count: 32)
        SHA256_Final(&out, &context)
        return FileChecksum.hex(out)
    }

    /// Lowercase hex of bytes.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The checksum of the file at `path`.
    static func of(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVError(.io(errno: errno, operation: "cannot open \(path)"), line: 0) }
        defer { try? handle.close() }
        var sum = FileChecksum()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { sum.update($0) }
        }
        return sum.finish()
    }
}
