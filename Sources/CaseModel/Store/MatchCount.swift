/// How many cases a list matches: the exact number, or only that there are more than a bound
/// (docs/search-index.md, "Counts past a thousand").
///
/// Counting every match of a word found in most of a million cases (险, 客户, e) reads every one of
/// them — half a second — while the page shows 200; a list says "more than 1,000" instead, and
/// `console list --count` gives the exact number for whoever needs it.
public struct MatchCount: Sendable, Equatable {
    /// The number of matches, or the bound they exceed.
    public let value: Int
    /// False when there are more than `value` matches.
    public let isExact: Bool

    /// An exact count.
    public static func exactly(_ n: Int) -> MatchCount { MatchCount(value: n, isExact: true) }

    /// More matches than `bound`.
    public static func moreThan(_ bound: Int) -> MatchCount { MatchCount(value: bound, isExact: false) }

    /// Whether the list holds more cases than `shown`.
    public func exceeds(_ shown: Int) -> Bool { !isExact || value > shown }
}
