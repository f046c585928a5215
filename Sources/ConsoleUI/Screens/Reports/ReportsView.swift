import CaseModel
import TerminalKit

/// The Reports screen: the period's volume per day as bars, intake by hour of day as a
/// sparkline, category and severity shares as bars, and the headline metrics with their values.
/// Block characters, or ASCII when the console is set to it.
enum ReportsView {
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        ScreenChrome.header(&b, s, title: st.t("报表", "Reports"))
        let footerY = b.height - 1
        ScreenChrome.footer(&b, s, y: footerY, commands: [.reports, .back, .help])
        guard let r = s.reports.data else {
            b.put(st.t("  统计中…", "  computing…"), x: 0, y: 2, style: .muted)
            return
        }
        var y = 1
        let periodName = [st.t("近10天", "last 10 days"), st.t("本月", "this month"), st.t("上月", "last month"), st.t("本季度", "this quarter")]
        let name = periodName[safe: s.reports.periodIndex] ?? ""
        b.putPadded(st.t(" 统计期 \(name) \(r.period)  共 \(r.total) 件  超时 \(r.breaches)  期末积压 \(r.backlogAtEnd)  危机事件 \(r.crisisEvents)",
                         " Period \(name) \(r.period)  \(r.total) cases  \(r.breaches) breaches  backlog \(r.backlogAtEnd)  crisis events \(r.crisisEvents)"),
                    x: 0, y: y, width: b.width, style: .paneTitle)
        y += 1
        let ascii = st.asciiGlyphs
        // Left half: per-day bars, then the hour-of-day sparkline.
        let half = b.width / 2
        let maxDay = max(1, r.perDay.map(\.count).max() ?? 1)
        // Leave room below for the hour line and the metrics (title + one row per two figures).
        let metricRows = (r.figures.count + 1) / 2 + 2
        let dayRows = min(r.perDay.count, max(0, footerY - y - 1 - 2 - metricRows))
        b.put(st.t(" 每日受理", " Per day"), x: 0, y: y, style: .tableHeader)
        y += 1
        let shownDays = r.perDay.suffix(dayRows)
        for d in shownDays {
            let label = " " + String(d.label.suffix(5)) + " "
            let room = max(1, half - 16)
            let bar = ReportsView.bar(Double(d.count) / Double(maxDay), width: room, ascii: ascii)
            var x = b.put(label, x: 0, y: y)
            x += b.put(bar, x: x, y: y, style: .sparkline)
            b.put(" " + String(d.count), x: x, y: y)
            y += 1
        }
        // Shares: beside the days on a wide screen, else below.
        var sy = half < b.width ? 2 : y
        let sx = half < b.width ? half + 1 : 0
        let sw = b.width - sx
        func shares(_ title: String, _ bars: [ReportScreenData.Bar], label: (String) -> String) {
            guard sy < footerY - 1 else { return }
            b.put(title, x: sx, y: sy, style: .tableHeader)
            sy += 1
            for bar in bars where sy < footerY - 1 {
                let pct = bar.shareHundredths.map { String(format: "%d.%02d%%", $0 / 100, $0 % 100) } ?? ""
                var x = sx + b.putPadded(" " + label(bar.label), x: sx, y: sy, width: 10)
                let room = max(1, min(30, sw - 26))
                x += b.put(ReportsView.bar(Double(bar.shareHundredths ?? 0) / 10_000, width: room, ascii: ascii), x: x, y: sy, style: .sparkline)
                b.put(" " + pct + "  " + String(bar.count), x: x, y: sy)
                sy += 1
            }
            sy += 1
        }
        shares(st.t(" 类别占比", " By category"), r.categories) { Category(rawValue: $0)?.label(st.language) ?? $0 }
        shares(st.t(" 严重度占比", " By severity"), r.severities) { Severity(rawValue: $0)?.label(st.language) ?? $0 }
        // The hour-of-day line runs across the screen under both halves.
        var my = max(sy - 1, y)
        if my < footerY - 1 {
            let x = b.put(st.t(" 按小时 (0-23时)  ", " By hour (0-23)  "), x: 0, y: my)
            b.put(spark(r.hourOfDay, ascii: ascii), x: x, y: my, style: .sparkline)
            my += 2
        }
        // Headline metrics with their values; definitions are in `console report metrics`.
        if my < footerY - 1 {
            b.put(st.t(" 指标 (定义见 console report metrics)", " Metrics (definitions: console report metrics)"), x: 0, y: my, style: .tableHeader)
            my += 1
            let columns = 2
            let colWidth = b.width / columns
            for (i, f) in r.figures.enumerated() {
                let row = my + i / columns
                guard row < footerY else { break }
                let x = (i % columns) * colWidth
                let label = st.language == .zh ? f.labelZh : f.labelEn
                b.putPadded(" " + label, x: x, y: row, width: min(26, colWidth - 12))
                b.putPadded(f.value, x: x + min(26, colWidth - 12), y: row, width: 12, alignRight: true)
            }
        }
    }

    /// A horizontal bar of `fraction` × `width` cells, eighths with block characters.
    static func bar(_ fraction: Double, width: Int, ascii: Bool) -> String {
        let f = max(0, min(1, fraction.isFinite ? fraction : 0))
        if ascii { return String(repeating: "#", count: Int((f * Double(width)).rounded())) }
        let eighths = Int((f * Double(width) * 8).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    /// A one-line sparkline.
    static func spark(_ values: [Int], ascii: Bool) -> String {
        let top = max(1, values.max() ?? 1)
        let levels = ascii ? Array(" .:-=+*#") : ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"].map { Character($0) }
        return String(values.map { levels[min(levels.count - 1, $0 * (levels.count - 1) / top)] })
    }
}
