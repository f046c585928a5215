import CaseModel
import TerminalKit

/// A plain-text table whose columns are measured in display cells, so Chinese lines up.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns that may be cut to fit (others keep their full width).
    var flexible: Set<Int> = []
    var rightAligned: Set<Int> = []

    func render(maxWidth: Int = 160) -> String {
        let cols = headers.count
        let cells = rows.map { $0.map(SafeText.sanitize) }
        var widths = headers.map(DisplayWidth.of)
        for row in cells { for (i, c) in row.enumerated() where i < cols { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        var total = widths.reduce(0, +) + 2 * (cols - 1)
        for i in flexible.sorted(by: >) where total > maxWidth {
            let cut = min(widths[i] - max(8, DisplayWidth.of(headers[i])), total - maxWidth)
            if cut > 0 { widths[i] -= cut; total -= cut }
        }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for i in 0..<cols {
                let v = i < values.count ? values[i] : ""
                parts.append(DisplayWidth.pad(v, to: widths[i], alignRight: rightAligned.contains(i)))
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = [line(headers)]
        for row in cells { out.append(line(row)) }
        return out.joined(separator: "\n")
    }
}
