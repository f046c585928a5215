/// Average and 90th percentile of durations (working seconds on a calendar).
///
/// The 90th percentile is the nearest-rank one: the value at position ⌈0.9·n⌉ of the sorted
/// durations (1-based), so it is always one of the measured durations.
public struct WorkingTimeStats: Sendable, Equatable {
    public var count: Int
    /// Mean in seconds (nil when there is nothing to measure).
    public var averageSeconds: Double?
    /// Nearest-rank 90th percentile in seconds.
    public var p90Seconds: Int64?

    /// Computes the statistics of a list of durations.
    public init(_ seconds: [Int64]) {
        count = seconds.count
        guard !seconds.isEmpty else { averageSeconds = nil; p90Seconds = nil; return }
        averageSeconds = Double(seconds.clampedSum()) / Double(seconds.count)
        let sorted = seconds.sorted()
        let rank = Int((Double(sorted.count) * 0.9).rounded(.up))
        p90Seconds = sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    /// The nearest-rank index (0-based) of the p-th percentile among n values.
    public static func nearestRank(_ p: Double, of n: Int) -> Int { max(0, min(n - 1, Int((Double(n) * p).rounded(.up)) - 1)) }
}
