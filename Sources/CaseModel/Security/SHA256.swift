import CLibCrypto

/// SHA-256 (FIPS 180-4) for the audit chain, the keyed digests (`AuditMAC`) and file checksums,
/// computed by the system's libcrypto (OpenSSL).
///
/// The demo and imports hash every new case's personal fields and every event's link, and
/// `audit verify` every link again: measured on this machine's EPYC, libcrypto's assembly (SHA
/// instructions) compresses a block in ≈ 43 ns against ≈ 390 ns for the pure-Swift version this
/// replaced. libcrypto rather than swift-crypto because it costs nothing to build (swift-crypto
/// compiles its own BoringSSL: ≈ 2¼ minutes of CPU added to every clean build on 2 cores); the
/// outputs are the standard ones (AuditTests and AuditDigestTests check the FIPS and RFC 4231 vectors).
enum SHA256 {
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
        withUnsafeMutableBytes(of: &h) { words in
            block.withUnsafeBytes { b in
                cl_sha256_block(words.baseAddress!.assumingMemoryBound(to: UInt32.self), b.baseAddress!)
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
        var start = start
        var out = initial
        withUnsafeBytes(of: &start) { s in
            withUnsafeMutableBytes(of: &out) { o in
                cl_sha256_final_state(s.baseAddress!.assumingMemoryBound(to: UInt32.self), UInt64(after),
                                      message.baseAddress, message.count, o.baseAddress!.assumingMemoryBound(to: UInt32.self))
            }
        }
        return out
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
}
