/// A self-contained HTML page for management: tables and inline SVG charts, no external assets.
public struct ReportHTML: Sendable {
    public var title: String
    private var body: [String] = []

    /// Starts a page.
    public init(title: String) { self.title = title }

    /// Escapes text for HTML: markup characters as entities, and controls and bidirectional
    /// overrides as the visible marks of `SafeText` (a browser would otherwise reorder the text).
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in SafeText.forTerminal(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Adds a heading.
    public mutating func heading(_ text: String) { body.append("<h2>\(Self.escape(text))</h2>") }

    /// Adds a paragraph (small print for definitions when `note`).
    public mutating func paragraph(_ text: String, note: Bool = false) {
        body.append(note ? "<p class=\"note\">\(Self.escape(text))</p>" : "<p>\(Self.escape(text))</p>")
    }

    /// Adds a table; columns listed in `numeric` are right-aligned.
    public mutating func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = []) {
        var s = "<table><thead><tr>" + headers.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows {
            s += "<tr>" + r.enumerated().map { i, v in numeric.contains(i) ? "<td class=\"n\">\(Self.escape(v))</td>" : "<td>\(Self.escape(v))</td>" }.joined() + "</tr>"
        }
        body.append(s + "</tbody></table>")
    }

    /// Adds a horizontal bar chart (inline SVG) of labelled values.
    public mutating func barChart(_ caption: String, _ items: [(String, Double)], valueText: (Double) -> String = { ReportFormat.fixed2($0) }) {
        let rowH = 22, labelW = 220, barW = 420, h = max(1, items.count) * rowH + 10
        let top = max(items.map(\.1).max() ?? 0, 1e-9)
        var s = "<figure><figcaption>\(Self.escape(caption))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelW + barW + 90)\" height=\"\(h)\" role=\"img\">"
        for (i, item) in items.enumerated() {
            let y = 5 + i * rowH
            let w = Int(clamping: (item.1 / top * Double(barW)).rounded())
            s += "<text x=\"\(labelW - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(Self.escape(item.0))</text>"
            s += "<rect x=\"\(labelW)\" y=\"\(y + 3)\" width=\"\(max(0, w))\" height=\"\(rowH - 6)\" fill=\"#3b6ea5\"/>"
            s += "<text x=\"\(labelW + max(0, w) + 6)\" y=\"\(y + 15)\">\(Self.escape(valueText(item.1)))</text>"
        }
        body.append(s + "</svg></figure>")
    }

    /// Adds a line chart (inline SVG) of a series, e.g. cases per hour; `ticks` label every n-th point.
    public mutating func lineChart(_ caption: String, _ values: [Int], tickEvery: Int = 24, tickLabel: (Int) -> String = { String($0) }) {
        let w = 760, h = 220, left = 40, bottom = 30, plotW = w - left - 10, plotH = h - bottom - 10
        let top = max(values.max() ?? 0, 1)
        let step = values.count > 1 ? Double(plotW) / Double(values.count - 1) : 0
        var points: [String] = []
        for (i, v) in values.enumerated() {
            let x = Double(left) + Double(i) * step
            let y = Double(10 + plotH) - Double(v) / Double(top) * Double(plotH)
            points.append(String(format: "%.1f,%.1f", x, y))
        }
        var s = "<figure><figcaption>\(Self.escape(caption))</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" role=\"img\">"
        s += "<line x1=\"\(left)\" y1=\"\(10 + plotH)\" x2=\"\(left + plotW)\" y2=\"\(10 + plotH)\" stroke=\"#888\"/>"
        s += "<text x=\"\(left - 4)\" y=\"16\" text-anchor=\"end\">\(top)</text><text x=\"\(left - 4)\" y=\"\(10 + plotH)\" text-anchor=\"end\">0</text>"
        if tickEvery > 0 {
            for i in stride(from: 0, to: values.count, by: tickEvery) {
                let x = Double(left) + Double(i) * step
                s += String(format: "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>", x, 10, x, 10 + plotH)
                s += String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x, h - 10) + Self.escape(tickLabel(i)) + "</text>"
            }
        }
        s += "<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>"
        body.append(s + "</svg></figure>")
    }

    /// The whole page.
    public var text: String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
        <style>body{font-family:"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
        th,td{border:1px solid #ccc;padding:3px 8px}th{background:#eef2f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .note{color:#666;font-size:.85em}svg text{font-size:12px;fill:#222}figure{margin:1em 0}figcaption{font-weight:bold}</style></head>
        <body><h1>\(Self.escape(title))</h1>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }
}

import Foundation
