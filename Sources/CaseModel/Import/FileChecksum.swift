import Foundation

/// SHA-256 of a file read in chunks (the import event names the file by its checksum, and a
/// 1 GB export must not be read into memory for it).
struct FileChecksum {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var pending: [UInt8] = []
    private var total: UInt64 = 0

    /// Feeds bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        total &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            start = take
            if pending.count == 64 {
                pending.withUnsafeBytes { compressBlocks($0.baseAddress!, count: 1) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (bytes.count - start) / 64
        if blocks > 0 { compressBlocks(bytes.baseAddress! + start, count: blocks) }
        let rest = start + blocks * 64
        if rest < bytes.count { pending.append(contentsOf: bytes[rest...]) }
    }

    private mutating func compressBlocks(_ p: UnsafeRawPointer, count: Int) {
        var state = h
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            SHA256.k.withUnsafeBufferPointer { k in
                for b in 0..<count { SHA256.compress(&state, p + b * 64, w, k) }
            }
        }
        h = state
    }

    /// The digest as lowercase hex.
    mutating func finish() -> String {
        let bits = total &* 8
        var tail: [UInt8] = [0x80]
        while (pending.count + tail.count) % 64 != 56 { tail.append(0) }
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * i))) }
        let saved = total
        tail.withUnsafeBytes { update($0) }
        total = saved
        var out: [UInt8] = []
        withUnsafeBytes(of: h) { words in
            for i in 0..<8 {
                let v = words.load(fromByteOffset: i * 4, as: UInt32.self)
                out += [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
            }
        }
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
