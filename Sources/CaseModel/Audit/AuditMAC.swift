/// HMAC-SHA256 (RFC 2104) under the desk's audit key: the keyed chain links, the keyed row
/// digests and the keyed digests of personal data in the trail (docs/audit-trail.md).
///
/// The padded key blocks are compressed once when the key is loaded, so a short message costs two
/// SHA-256 blocks, not four: the demo and imports hash several values per case.
struct AuditMAC: Sendable {
    private let inner: SHA256.State
    private let outer: SHA256.State

    /// A MAC under `key` (32 bytes from the key file; any length works).
    init(key: [UInt8]) {
        var k = key.count > 64 ? SHA256.hash(key) : key
        k += [UInt8](repeating: 0, count: 64 - k.count)
        inner = SHA256.state(afterBlock: k.map { $0 ^ 0x36 })
        outer = SHA256.state(afterBlock: k.map { $0 ^ 0x5c })
    }

    /// The 32-byte HMAC of `message`.
    func mac(_ message: [UInt8]) -> [UInt8] {
        SHA256.hash(SHA256.hash(message, from: inner, after: 64), from: outer, after: 64)
    }

    /// The first `count` bytes of the HMAC, as lower-case hex (digests recorded in the trail).
    func digest(_ message: [UInt8], count: Int) -> String {
        var out: [UInt8] = []
        message.withUnsafeBytes { appendHexDigest($0, count: count, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the first `count` (at most 32) bytes of the HMAC of `message` as hex, without
    /// allocating on the way: the hook digests every personal field of every new case.
    func appendHexDigest(_ message: UnsafeRawBufferPointer, count: Int, into out: inout [UInt8]) {
        let innerState = SHA256.finalState(message, from: inner, after: 64)
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digest) { d in
            SHA256.write(innerState, to: d)
            let outerState = SHA256.finalState(UnsafeRawBufferPointer(d), from: outer, after: 64)
            SHA256.write(outerState, to: d)
            let hex: StaticString = "0123456789abcdef"
            let digits = hex.utf8Start
            for i in 0..<min(count, 32) {
                out.append(digits[Int(d[i] >> 4)]); out.append(digits[Int(d[i] & 15)])
            }
        }
    }
}
