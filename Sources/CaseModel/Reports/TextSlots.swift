import Foundation

/// The distinct texts of one column met in a scan, each given a small number (its slot) the first
/// time its bytes are seen, with what the report needs to know of it worked out once then.
///
/// A report's key columns hold a few dozen values across a hundred thousand rows, so counting by
/// slot and turning slots into `String`s once at the end spares a `String` per value and Swift's
/// Unicode-normalising hash per count (docs/bulk-data.md, "Reports: the fast read"). Slots are
/// by bytes; two byte strings that are the same `String` (canonically equivalent, or repaired
/// from bad UTF-8) get two slots, and whoever counts by slot merges them by `string` at the end,
/// so the figures are those of counting by `String`.
struct TextSlots<Info> {
    /// Per slot: the text as GRDB would have read it (`String(cString:)` of the bytes).
    private(set) var strings: [String] = []
    /// Per slot: what `describe` said of it.
    private(set) var infos: [Info] = []
    private let describe: (String) -> Info
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing: slot + 1, or 0 for an empty bucket.
    private var buckets = [Int32](repeating: 0, count: 64)

    /// Slots whose `Info` is `describe(text)`.
    init(_ describe: @escaping (String) -> Info) { self.describe = describe }

    /// Number of slots.
    var count: Int { strings.count }

    /// The slot of a text given by its bytes (no NUL among them).
    @inline(__always)
    mutating func slot(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        let h = Self.hash(b)
        let mask = buckets.count - 1
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let k = Int(buckets[i]) - 1
            if k < 0 { return insert(b, h) }
            if hashes[k] == h && same(k, b) { return k }
            i = (i + 1) & mask
        }
    }

    /// The bytes of a slot's text.
    func bytes(_ k: Int) -> ArraySlice<UInt8> { bytes[starts[k]..<starts[k + 1]] }

    /// A hash of the length and the first and last eight bytes: constant time whatever the
    /// length (the values are short labels; a collision only costs a comparison of the bytes).
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = b.count
        var h = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        if n >= 8, let p = b.baseAddress {
            let raw = UnsafeRawPointer(p)
            h ^= raw.loadUnaligned(as: UInt64.self)
            h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
            h ^= raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else {
            for x in b { h = (h << 8) | UInt64(x) }
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }

    /// Whether slot `k` holds exactly the bytes `b`. The labels are short, so up to 16 bytes
    /// they are compared as two overlapping 8-byte words (or byte by byte below 8) rather than
    /// through a `memcmp` call per value; a hash match is checked here on every row.
    @inline(__always)
    private func same(_ k: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[k], end = starts[k + 1]
        let n = b.count
        guard end - start == n else { return false }
        if n == 0 { return true }
        return bytes.withUnsafeBufferPointer { all in
            let x = UnsafeRawPointer(all.baseAddress! + start), y = UnsafeRawPointer(b.baseAddress!)
            if n >= 8 && n <= 16 {
                return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
                    && x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            }
            if n < 8 {
                for i in 0..<n where x.load(fromByteOffset: i, as: UInt8.self) != y.load(fromByteOffset: i, as: UInt8.self) { return false }
                return true
            }
            return memcmp(x, y, n) == 0
        }
    }

    private mutating func insert(_ b: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> Int {
        let k = strings.count
        if starts.isEmpty { starts.append(0) }
        bytes.append(contentsOf: b)
        starts.append(bytes.count)
        hashes.append(h)
        // GRDB reads text with `String(cString:)`: invalid UTF-8 repaired the same way here.
        let s = String(decoding: b, as: UTF8.self)
        strings.append(s)
        infos.append(describe(s))
        if (k + 1) * 2 > buckets.count { rehash(buckets.count * 2) } else { place(k) }
        return k
    }

    private mutating func place(_ k: Int) {
        let mask = buckets.count - 1
        let h = hashes[k]
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while buckets[i] != 0 { i = (i + 1) & mask }
        buckets[i] = Int32(k + 1)
    }

    private mutating func rehash(_ size: Int) {
        buckets = [Int32](repeating: 0, count: size)
        for k in 0..<strings.count { place(k) }
    }
}
