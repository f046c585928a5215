import Foundation

/// The source of "now", injected everywhere so that rules can be tested at any instant.
public protocol DeskClock: Sendable {
    /// The current instant.
    func now() -> Instant
}

/// The real wall clock.
public struct SystemClock: DeskClock {
    /// Creates the wall clock.
    public init() {}
    public func now() -> Instant { Instant(Date()) }
}

/// A clock fixed at one instant (`--now`), or advanced by hand in tests.
public final class FixedClock: DeskClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Instant

    /// Creates a clock that reads `instant` until advanced.
    public init(_ instant: Instant) { current = instant }

    public func now() -> Instant { lock.withLock { current } }

    /// Moves the clock forward.
    public func advance(seconds: Int64) { lock.withLock { current = current.adding(seconds: seconds) } }

    /// Sets the clock.
    public func set(_ instant: Instant) { lock.withLock { current = instant } }
}
