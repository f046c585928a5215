/// One metric: its value, the numerator and denominator it came from, and its definition.
///
/// Every figure a report prints carries the formula it was computed by (docs/metrics.md), so a reader
/// can trace it and recompute it.
public struct MetricFigure: Sendable, Equatable {
    /// Stable key (`on_time_rate.first-contact`), used in JSON and CSV.
    public var key: String
    /// Chinese and English label.
    public var label: String
    /// The numerator (a count, or a sum of seconds).
    public var numerator: Double
    /// The denominator; 0 when there is none (the value is then nil).
    public var denominator: Double
    /// How numerator/denominator become the value (`100` for a percentage, `1e8` per 100 million…).
    public var scale: Double
    /// `%`, `per 100M yuan`, `hours`, `cases`.
    public var unit: String
    /// The definition printed beside the figure.
    public var formula: String

    /// Creates a figure.
    public init(key: String, label: String, numerator: Double, denominator: Double, scale: Double = 100, unit: String = "%", formula: String) {
        self.key = key
        self.label = label
        self.numerator = numerator
        self.denominator = denominator
        self.scale = scale
        self.unit = unit
        self.formula = formula
    }

    /// numerator / denominator × scale, or nil when the denominator is 0.
    public var value: Double? { denominator == 0 ? nil : numerator / denominator * scale }

    /// The value rounded half away from zero to 2 decimals, as text (`-` when there is none).
    public var text: String {
        guard let v = value else { return "-" }
        return ReportFormat.fixed2(v)
    }

    /// JSON-ready form.
    public var object: [String: Any] {
        ["key": key, "label": label, "numerator": numerator, "denominator": denominator, "unit": unit, "formula": formula,
         "value": value.map { ReportFormat.round2($0) as Any } ?? NSNull()]
    }
}

/// Number formatting shared by the reports.
public enum ReportFormat {
    /// Rounds half away from zero to 2 decimals.
    public static func round2(_ v: Double) -> Double { (v * 100).rounded(.toNearestOrAwayFromZero) / 100 }

    /// `12.30` (2 decimals, half away from zero).
    public static func fixed2(_ v: Double) -> String {
        // A ratio over tiny or huge figures can leave Int64's range (or be NaN): never trap on it.
        guard v.isFinite else { return v.isNaN ? "n/a" : (v < 0 ? "-inf" : "inf") }
        guard abs(v) < 1e16 else { return String(format: "%.2f", v) }
        let cents = Int64((v * 100).rounded(.toNearestOrAwayFromZero))
        let sign = cents < 0 ? "-" : ""
        let a = abs(cents)
        return "\(sign)\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)"
    }
}

import Foundation
