import Foundation

/// A point in time, whole seconds since the Unix epoch (UTC).
///
/// The desk never needs sub-second precision, and an integer keeps storage, comparison and
/// calendar arithmetic exact and cheap.
public struct Instant: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64

    /// Creates an instant from seconds since the epoch.
    public init(seconds: Int64) { self.seconds = seconds }

    /// Creates an instant from a Foundation date (truncated to whole seconds).
    public init(_ date: Date) { self.seconds = Int64(clamping: date.timeIntervalSince1970.rounded(.down)) }

    /// The Foundation date for this instant.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// This instant moved by a number of seconds (stopping at the ends of time rather than
    /// overflowing: instants can come from a tampered file or a policy's durations).
    public func adding(seconds delta: Int64) -> Instant { Instant(seconds: seconds.addingClamped(delta)) }

    /// This instant moved by a number of minutes.
    public func adding(minutes delta: Int64) -> Instant { adding(seconds: delta.multipliedClamped(by: 60)) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }

    public var description: String { DeskTime.standard.format(self) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int64.self) {
            guard DeskBounds.instants.contains(n) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a time outside \(DeskBounds.firstDate)–\(DeskBounds.lastDate): \(n)")
            }
            self.seconds = n
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = DeskTime.standard.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time between \(DeskBounds.firstDate) and \(DeskBounds.lastDate): \(text)")
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(DeskTime.standard.format(self))
    }
}
