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
        // Only the one value at the rank is needed, not the whole order (a quarter has some
        // hundred thousand durations): it is selected, which gives the same value as sorting.
        p90Seconds = Self.value(atSortedIndex: Self.nearestRank(0.9, of: seconds.count), of: seconds)
    }

    /// The nearest-rank index (0-based) of the p-th percentile among n values.
    public static func nearestRank(_ p: Double, of n: Int) -> Int { max(0, min(n - 1, Int((Double(n) * p).rounded(.up)) - 1)) }

    /// The value `values.sorted()[k]` would hold, found by partitioning a copy around
    /// median-of-three pivots (quickselect); after too many rounds the range left is sorted
    /// instead, so no order of the values makes it quadratic.
    static func value(atSortedIndex k: Int, of values: [Int64]) -> Int64 {
        precondition(values.indices.contains(k))
        var copy = values
        return copy.withUnsafeMutableBufferPointer { a -> Int64 in
            var lo = 0, hi = a.count - 1, rounds = 0
            while lo < hi {
                rounds += 1
                if rounds > 64 {
                    var rest = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
                    rest.sort()
                    return a[k]
                }
                let mid = lo + (hi - lo) / 2
                let x = a[lo], y = a[mid], z = a[hi]
                let pivot = max(min(x, y), min(max(x, y), z))
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                }
                // Now a[lo...j] <= pivot <= a[i...hi], and everything between equals the pivot.
                if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
            }
            return a[k]
        }
    }
}
