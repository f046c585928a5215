/// Long-format CSV of a report: one line per figure or breakdown row, with its definition.
///
/// Columns: `section,key,value,unit,numerator,denominator,share_percent,definition`. Fields are
/// quoted when they hold a comma, quote or line break; text starting with `=`, `+` or `@` is
/// prefixed with `'` so spreadsheets do not run it as a formula.
public struct ReportCSV: Sendable {
    public static let header = ["section", "key", "value", "unit", "numerator", "denominator", "share_percent", "definition"]
    public var rows: [[String]] = []

    /// An empty sheet.
    public init() {}

    /// Adds a metric figure.
    public mutating func add(_ section: String, _ f: MetricFigure) {
        rows.append([section, f.key, f.value.map(ReportFormat.fixed2) ?? "", f.unit, number(f.numerator), number(f.denominator), "", f.formula])
    }

    /// Adds a breakdown's rows and its total.
    public mutating func add(_ b: Breakdown, section: String? = nil) {
        let s = section ?? "by_\(b.dimension.rawValue)"
        for r in b.rows { rows.append([s, r.key, String(r.count), "cases", "", "", Shares.text(hundredths: r.shareHundredths), ""]) }
        rows.append([s, "(total)", String(b.total), "cases", "", "", b.total > 0 ? "100.00" : "0.00", Shares.rule])
    }

    /// Adds a plain line.
    public mutating func add(_ section: String, _ key: String, _ value: String, unit: String = "", definition: String = "") {
        rows.append([section, key, value, unit, "", "", "", definition])
    }

    /// The CSV text, header first, lines ended by CRLF-free `\n`.
    public var text: String {
        ([ReportCSV.header] + rows).map { $0.map(ReportCSV.field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// One field, quoted and neutralised as needed.
    public static func field(_ s: String) -> String {
        var v = s
        if let c = v.first, c == "=" || c == "+" || c == "@" { v = "'" + v }
        if v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    private func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : ReportFormat.fixed2(v)
    }
}

import Foundation
