/// SHA-256 (FIPS 180-4) of a whole message, for the audit chain.
///
/// A small implementation of our own rather than swift-crypto: measured on this 2-core machine,
/// swift-crypto (BoringSSL) added about 2¼ minutes of CPU to a clean debug build — more than the
/// rest of the package and GRDB together — while this one hashes an event's ~200 bytes in well
/// under a microsecond in a release build (see AuditTests for the FIPS test vectors and the
/// per-event cost). Messages here are short, so one-shot hashing is all that is needed.
enum SHA256 {
    static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The eight working words between blocks.
    typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// The initial hash value (FIPS 180-4 §5.3.3).
    static let initial: State = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)

    /// The 32-byte digest of `message`.
    static func hash(_ message: [UInt8]) -> [UInt8] { hash(message, from: initial, after: 0) }

    /// The state after one 64-byte block: HMAC compresses its padded key once per key, not per
    /// message (`AuditMAC`).
    static func state(afterBlock block: [UInt8]) -> State {
        precondition(block.count == 64)
        var h = initial
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            k.withUnsafeBufferPointer { k in
                block.withUnsafeBytes { b in compress(&h, b.baseAddress!, w, k) }
            }
        }
        return h
    }

    /// The digest of a message whose first `after` bytes (whole blocks) were already compressed
    /// into `start`, and `message` is the rest.
    static func hash(_ message: [UInt8], from start: State, after: Int) -> [UInt8] {
        let state = message.withUnsafeBytes { finalState($0, from: start, after: after) }
        return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            write(state, to: UnsafeMutableRawBufferPointer(out))
            count = 32
        }
    }

    /// The final state (the digest as eight big-endian words) of `message` after `after` bytes
    /// already in `start`; no allocation (HMACs of short values run per personal field).
    static func finalState(_ message: UnsafeRawBufferPointer, from start: State, after: Int) -> State {
        var h = start
        let n = message.count
        let full = n / 64
        // The tail: the last partial block, the 0x80 marker, zeros and the bit length (one or two blocks).
        let tailCount = (n % 64) + 9 <= 64 ? 64 : 128
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            k.withUnsafeBufferPointer { k in
                for b in 0..<full { compress(&h, message.baseAddress! + b * 64, w, k) }
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                    let rest = n - full * 64
                    for i in 0..<tailCount { tail[i] = 0 }
                    for i in 0..<rest { tail[i] = message[full * 64 + i] }
                    tail[rest] = 0x80
                    let bits = UInt64(n + after) &* 8
                    for i in 0..<8 { tail[tailCount - 1 - i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i)) }
                    let raw = UnsafeRawPointer(tail.baseAddress!)
                    compress(&h, raw, w, k)
                    if tailCount == 128 { compress(&h, raw + 64, w, k) }
                }
            }
        }
        return h
    }

    /// Writes a state's 32 digest bytes (big-endian words).
    static func write(_ state: State, to out: UnsafeMutableRawBufferPointer) {
        withUnsafeBytes(of: state) { words in
            for i in 0..<8 {
                let v = words.load(fromByteOffset: i * 4, as: UInt32.self)
                out[i * 4] = UInt8(v >> 24); out[i * 4 + 1] = UInt8(truncatingIfNeeded: v >> 16)
                out[i * 4 + 2] = UInt8(truncatingIfNeeded: v >> 8); out[i * 4 + 3] = UInt8(truncatingIfNeeded: v)
            }
        }
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    @inline(__always)
    static func compress(_ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                         _ p: UnsafeRawPointer, _ w: UnsafeMutableBufferPointer<UInt32>, _ k: UnsafeBufferPointer<UInt32>) {
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
        }
        for t in 16..<64 {
            let x = w[t - 15], y = w[t - 2]
            let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
            let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, hh) = h
        for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let ch = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ s0 &+ maj
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
    }
}
