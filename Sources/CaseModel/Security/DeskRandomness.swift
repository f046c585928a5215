import Foundation

/// Where the desk's randomness comes from, injected like the clock: the system's generator on a
/// live desk, a seeded one in demos and tests (the same seed gives the same desk).
public protocol DeskRandomness: Sendable {
    /// The next 64 random bits.
    func next() -> UInt64
}

/// The system's cryptographically secure generator.
public struct SystemRandomness: DeskRandomness {
    /// Creates the source.
    public init() {}
    public func next() -> UInt64 {
        var g = SystemRandomNumberGenerator()
        return g.next()
    }
}

/// A seeded generator (reproducible), safe to share between threads.
public final class SeededRandomness: DeskRandomness, @unchecked Sendable {
    private var rng: DemoRandom
    private let lock = NSLock()

    /// Seeds the generator.
    public init(seed: UInt64) { rng = DemoRandom(seed: seed) }

    public func next() -> UInt64 { lock.withLock { rng.next() } }
}

/// The random part of a report case's number.
///
/// A report case 举报件 is taken in by whoever answers the call, who then may not see it: if its
/// number counted the day's report cases (`JB-20260217-0004`), the operator would learn how many
/// whistle-blowing reports came in before theirs. So the part after the day is random — six
/// characters from an alphabet without look-alikes (31⁶ ≈ 887 million per day) — and says nothing.
enum ReportNumber {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")

    /// A fresh suffix.
    static func suffix(_ random: DeskRandomness) -> String {
        var v = random.next()
        var out = ""
        for _ in 0..<6 {
            out.append(alphabet[Int(v % UInt64(alphabet.count))])
            v /= UInt64(alphabet.count)
        }
        return out
    }
}
