/// Long-format CSV of a report: one line per figure or breakdown row, with its definition.
///
/// Columns: `section,key,value,unit,numerator,denominator,share_percent,definition`. Fields are
/// quoted when they hold a comma, quote or line break; a cell that a spreadsheet would run as a
/// formula gets a `'` in front (`SpreadsheetCell`; the number columns keep negative numbers),
/// unless the reader asked for raw cells.
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

    /// The columns that hold numbers: value, numerator, denominator, share_percent.
    public static let numberColumns: Set<Int> = [2, 4, 5, 6]

    /// The CSV text, header first, lines ended by CRLF-free `\n`.
    public var text: String { text(raw: false) }

    /// The CSV text; `raw` leaves formula-like cells as they are (`--raw-cells`).
    public func text(raw: Bool) -> String {
        ([ReportCSV.header] + rows).map { ReportCSV.line($0, numbers: ReportCSV.numberColumns, raw: raw) }.joined(separator: "\n") + "\n"
    }

    /// One line of fields; `numbers` are the number columns, `raw` skips neutralising.
    public static func line(_ fields: [String], numbers: Set<Int> = [], raw: Bool = false) -> String {
        fields.enumerated().map { field($1, number: numbers.contains($0), raw: raw) }.joined(separator: ",")
    }

    /// One field, quoted and neutralised as needed.
    public static func field(_ s: String) -> String { field(s, number: false, raw: false) }

    /// One field, quoted as needed and, unless `raw`, neutralised (`number`: a number column).
    public static func field(_ s: String, number: Bool, raw: Bool) -> String {
        let v = raw ? s : SpreadsheetCell.neutralise(s, number: number)
        // Bytes, not Characters: "\r\n" is one Character and would hide both line-break tests.
        if v.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    private func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : ReportFormat.fixed2(v)
    }
}

import Foundation
