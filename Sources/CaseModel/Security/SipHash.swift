/// SipHash-2-4 with a 128-bit output (Aumasson & Bernstein): the keyed digest of a whole row in
/// the audit trail (`RowImage`, docs/audit-trail.md).
///
/// A keyed pseudo-random function built for short messages: without the key nobody can find a
/// different row with the same digest, and it costs a tenth of an HMAC-SHA256 over a 60-column
/// row — every case the demo or an import writes, and every row `audit verify` reads, pays it.
/// The chain links and personal-data digests stay HMAC-SHA256.
struct SipHash128: Sendable {
    private let k0: UInt64
    private let k1: UInt64

    /// A hash under a 16-byte key.
    init(key: [UInt8]) {
        precondition(key.count == 16)
        k0 = key.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian }
        k1 = key.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian }
    }

    /// The 16-byte digest of `message`.
    func hash(_ message: [UInt8]) -> [UInt8] {
        let (a, b) = words(message)
        return (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? a : b) >> (8 * UInt64($0 % 8))) }
    }

    /// The digest as 32 lower-case hex digits appended to `out` (no allocation per row).
    func appendHex(_ message: [UInt8], into out: inout [UInt8]) {
        let (a, b) = words(message)
        let hex: StaticString = "0123456789abcdef"
        let digits = hex.utf8Start
        for w in [a, b] {
            for i in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: w >> (8 * UInt64(i)))
                out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)])
            }
        }
    }

    /// The two output words (the digest's bytes are each word little-endian, first then second).
    private func words(_ message: [UInt8]) -> (UInt64, UInt64) {
        var v0 = k0 ^ 0x736f_6d65_7073_6575, v1 = k1 ^ 0x646f_7261_6e64_6f6d ^ 0xee
        var v2 = k0 ^ 0x6c79_6765_6e65_7261, v3 = k1 ^ 0x7465_6462_7974_6573
        @inline(__always) func round() {
            v0 = v0 &+ v1; v1 = v1.rotl(13); v1 ^= v0; v0 = v0.rotl(32)
            v2 = v2 &+ v3; v3 = v3.rotl(16); v3 ^= v2
            v0 = v0 &+ v3; v3 = v3.rotl(21); v3 ^= v0
            v2 = v2 &+ v1; v1 = v1.rotl(17); v1 ^= v2; v2 = v2.rotl(32)
        }
        let n = message.count
        message.withUnsafeBytes { m in
            var i = 0
            while i + 8 <= n {
                let w = m.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                v3 ^= w; round(); round(); v0 ^= w
                i += 8
            }
            var last = UInt64(truncatingIfNeeded: n) << 56
            var shift: UInt64 = 0
            while i < n { last |= UInt64(m[i]) << shift; shift += 8; i += 1 }
            v3 ^= last; round(); round(); v0 ^= last
        }
        v2 ^= 0xee
        round(); round(); round(); round()
        let a = v0 ^ v1 ^ v2 ^ v3
        v1 ^= 0xdd
        round(); round(); round(); round()
        let b = v0 ^ v1 ^ v2 ^ v3
        return (a, b)
    }
}

private extension UInt64 {
    @inline(__always) func rotl(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
