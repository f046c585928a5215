import Foundation

/// The years whose holidays a calendar knows; days in other years are computed on the weekly
/// pattern and every deadline touching them is provisional (docs/clocks-and-calendars.md, "Provisional
/// years": unknown, never guessed).
public enum YearCoverage: Hashable, Sendable, CustomStringConvertible {
    /// Every year is known (a calendar without holidays, such as duty or 24x7).
    case all
    /// Only these years are known.
    case years(Set<Int>)

    /// Whether a year's schedule is known.
    public func covers(_ year: Int) -> Bool {
        switch self {
        case .all: return true
        case .years(let set): return set.contains(year)
        }
    }

    /// The union, because dropped-in files add years to what the defaults know.
    public func union(_ other: YearCoverage) -> YearCoverage {
        switch (self, other) {
        case (.all, _), (_, .all): return .all
        case (.years(let a), .years(let b)): return .years(a.union(b))
        }
    }

    /// `all` or the sorted years, as a `covers` line would say it.
    public var description: String {
        switch self {
        case .all: return "all"
        case .years(let set): return set.sorted().map(String.init).joined(separator: " ")
        }
    }
}
