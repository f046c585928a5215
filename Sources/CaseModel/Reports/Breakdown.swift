import Foundation
import GRDB

/// Cases of a period counted by one dimension (channel, line, product…), with shares that add up
/// to exactly 100.00% (`Shares`) and counts that add up to the total.
public struct Breakdown: Sendable, Equatable {
    /// One value of the dimension.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var count: Int
        /// Share in hundredths of a percent (largest-remainder rounding).
        public var shareHundredths: Int
    }

    /// The dimensions a breakdown can be taken by.
    public enum Dimension: String, Sendable, CaseIterable {
        case channel, line, product, category, kind, branch, handler, severity
        /// The column, with empty or missing values shown as `(none)`/`(unassigned)` (the per-group
        /// reports; `PeriodScan.key` gives the same keys to the metrics).
        var sqlExpression: String {
            switch self {
            case .handler: return "coalesce(handler, '(unassigned)')"
            case .product: return "CASE WHEN product = '' THEN '(none)' ELSE product END"
            case .branch: return "CASE WHEN branch = '' THEN '(none)' ELSE branch END"
            default: return rawValue
            }
        }
    }

    public var dimension: Dimension
    /// Largest count first, then key order.
    public var rows: [Row]
    public var total: Int

    /// Builds a breakdown from counts, computing the shares.
    public init(dimension: Dimension, counts: [(String, Int)]) {
        self.dimension = dimension
        var counts = counts
        if dimension == .product || dimension == .branch {
            // Typed text: an identifier in it is masked as everywhere else (docs/personal-data.md).
            var merged: [String: Int] = [:]
            for (key, n) in counts { merged[Masking.maskText(key), default: 0] += n }
            counts = merged.map { ($0.key, $0.value) }
        }
        let sorted = counts.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let units = Shares.units(sorted.map(\.1))
        rows = zip(sorted, units).map { Row(key: $0.0, count: $0.1, shareHundredths: $1) }
        total = sorted.map(\.1).clampedSum()
    }

    /// JSON-ready form.
    public var object: [String: Any] {
        ["dimension": dimension.rawValue, "total": total, "share_rule": Shares.rule,
         "rows": rows.map { ["key": $0.key, "count": $0.count, "share_percent": Double($0.shareHundredths) / 100] as [String: Any] }]
    }
}
