import Foundation
import CaseModel
import TerminalKit

/// The crisis board: every event with its people, involvement and the 1-hour and 24-hour report
/// clocks; below, the selected event's cases, filed reports and its record.
enum CrisisBoardView {
    /// A report clock: time left or overdue while it runs, the filing time once filed.
    static func clock(_ e: CrisisEvent, _ kind: CrisisReportKind, _ p: CrisisPolicy, _ s: ConsoleState) -> (String, StyleRole) {
        let st = s.settings
        if let filed = e.reports.first(where: { $0.kind == kind }) {
            let c = DeskTime.standard.civil(filed.at)
            let today = c.date == DeskTime.standard.civil(s.now).date
            return (st.t("已报 ", "filed ") + (today ? "\(ClockText.pad2(c.hour)):\(ClockText.pad2(c.minute))" : DeskTime.standard.short(filed.at)), .ok)
        }
        guard let due = e.reportDue(kind, p) else { return ("-", .muted) }
        // Report clocks run in plain hours (24 to a day), in the one duration format, as `console crisis list`.
        let left = due.seconds.subtractingClamped(s.now.seconds)
        if left < 0 { return ("!!" + st.t("超时 ", "") + ClockText.duration(left, st) + st.t("", " over"), .breach) }
        return ((left <= p.reportWarningSeconds ? "! " : "") + st.t("剩 ", "") + ClockText.duration(left, st, roundUp: true) + st.t("", " left"),
                left <= p.reportWarningSeconds ? .warning : .normal)
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let L = st.language
        ScreenChrome.header(&b, s, title: st.t("危机事件", "Crisis board"))
        guard let data = s.crisis.board else {
            b.put(st.t(" 读取中…", " Loading…"), x: 0, y: 2, style: .muted)
            return
        }
        let p = data.policy
        // Titles come from case summaries, reports from people typing: identifiers masked.
        let events = data.events.map(Disclosure.masked.crisisEvent)
        b.putPadded(st.t(" 事件 \(events.count)  进行中 \(events.filter { $0.status.isActive }.count)   报上级时限 \(p.superiorReportSeconds / 3600)小时 · 报总公司 \(p.hqReportSeconds / 3600)小时",
                         " events \(events.count)  active \(events.filter { $0.status.isActive }.count)   superior report \(p.superiorReportSeconds / 3600) h · HQ report \(p.hqReportSeconds / 3600) h"),
                    x: 0, y: 1, width: b.width, style: .muted)
        let wide = b.width >= 120
        let clockW = wide ? 20 : 17
        let involvedW = wide ? 18 : 9
        // No gaps: a column's text stops one cell short of the next column.
        func col(_ title: String, _ width: Int, minWidth: Int = 0) -> Table.Column {
            Table.Column(title, width: width, minWidth: minWidth, gap: 0, keepsMargin: true)
        }
        let table = Table(columns: [col("  #", 5), col(st.t("状态", "status"), 10), col(st.t("事件", "event"), 0, minWidth: 12),
                                    col(st.t("人数", "people"), 7), col(st.t("介入", "involved"), involvedW),
                                    col(st.t("报上级(1小时)", "superior 1h"), clockW), col(st.t("报总公司(24小时)", "HQ 24h"), clockW)])
            .fitted(to: b.width)
        table.drawHeader(&b, y: 2)
        let listRows = CrisisScreen.listRows(events: events.count, height: b.height)
        if events.isEmpty { b.put(st.t("  没有危机事件 (p 提议)", "  no crisis events (p proposes one)"), x: 0, y: 3, style: .muted) }
        let first = s.crisis.list.window(visible: listRows, count: events.count)
        for i in 0..<listRows {
            guard let e = events[safe: first + i] else { break }
            let selected = first + i == s.crisis.list.cursor
            let base: StyleRole = selected ? .selected : (e.isMassIncident(p) && e.status.isActive ? .crisis : .normal)
            var involved: [String] = []
            if e.mediaInvolved { involved.append(st.t("媒体", "media")) }
            if e.regulatorInvolved { involved.append(st.t("监管", "regulator")) }
            var cells = [Table.Cell(String("  \(e.id)".suffix(5))), Table.Cell(e.status.label(L)), Table.Cell(SafeText.sanitize(e.title)),
                         Table.Cell("\(e.people)" + (e.isMassIncident(p) ? "!" : "")), Table.Cell(involved.joined(separator: "+"))]
            for kind in [CrisisReportKind.superior, .hq] {
                let (text, style) = clock(e, kind, p, s)
                cells.append(Table.Cell(text, style: style))
            }
            // The report clocks keep their colour on any row but the selected one.
            table.drawRow(&b, y: 3 + i, cells, style: base, plain: !selected)
        }
        let detailTop = 3 + listRows
        ScreenChrome.rule(&b, s, y: detailTop)
        if let e = events[safe: s.crisis.list.cursor] {
            let lines = detail(e, s)
            let rows = b.height - detailTop - 2
            let start = max(0, min(s.crisis.scroll, lines.count - rows))
            for i in 0..<rows {
                guard let (line, style) = lines[safe: start + i] else { break }
                // A line cut short ends with `…`: v reads the whole record.
                b.put(DisplayWidth.truncate(line, to: b.width), x: 0, y: detailTop + 1 + i, style: style)
            }
        }
        let actions = [Command.propose, .declare, .dismiss, .report, .final, .cause, .archive].filter { s.settings.readOnly ? false : $0.permitted(for: s.role) }
        ScreenChrome.footer(&b, s, y: b.height - 1, commands: [.open, .read, .scripts] + actions + [.back])
    }

    /// The selected event's record.
    static func detail(_ e: CrisisEvent, _ s: ConsoleState) -> [(String, StyleRole)] {
        let st = s.settings
        let L = st.language
        var out: [(String, StyleRole)] = [
            (" #\(e.id) " + SafeText.sanitize(e.title), .paneTitle),
            ("  " + st.t("触发: ", "trigger: ") + e.trigger.label(L) + "   " + st.t("机构: ", "branch: ") + SafeText.sanitize(e.branch)
             + "   " + st.t("发生: ", "occurred: ") + DeskTime.standard.short(e.occurredAt)
             + (e.declaredAt.map { "   " + st.t("启动: ", "declared: ") + DeskTime.standard.short($0) + " " + SafeText.sanitize(s.names.name(e.declaredBy ?? "")) } ?? ""), .normal),
            ("  " + st.t("案件: ", "cases: ") + e.caseNumbers.joined(separator: " ") + st.t("  (Enter 打开第一件, v 阅读全文)", "  (Enter opens the first, v reads it all)"), .normal),
        ]
        if let r = e.dismissedReason { out.append(("  " + st.t("排除原因: ", "dismissed: ") + SafeText.sanitize(r), .muted)) }
        out.append((st.t("  已报送", "  Reports filed") + " (\(e.reports.count))", .paneTitle))
        if e.reports.isEmpty { out.append((st.t("    尚无报告", "    none yet"), .muted)) }
        for r in e.reports {
            out.append(("    " + DeskTime.standard.short(r.at) + "  " + r.kind.label(L) + " → " + SafeText.sanitize(r.toWhom) + "  "
                        + SafeText.sanitize(s.names.name(r.by)) + "  " + SafeText.sanitize(r.text.replacingOccurrences(of: "\n", with: " ")), .normal))
        }
        if let f = e.finalResult { out.append(("  " + st.t("最终结果: ", "final result: ") + SafeText.sanitize(f), .normal)) }
        if let c = e.causeAnalysis { out.append(("  " + st.t("原因分析: ", "cause analysis: ") + SafeText.sanitize(c), .normal)) }
        if let l = e.lessons { out.append(("  " + st.t("经验教训: ", "lessons: ") + SafeText.sanitize(l), .normal)) }
        return out
    }

    /// The event's whole record for the text viewer: every report, result and lesson as written
    /// (the caller masks identifiers; the viewer wraps and makes each line harmless).
    static func record(_ e: CrisisEvent, _ s: ConsoleState) -> [String] {
        let st = s.settings, L = st.language
        var out = [st.t("触发: ", "trigger: ") + e.trigger.label(L) + "   " + st.t("机构: ", "branch: ") + e.branch
                   + "   " + st.t("发生: ", "occurred: ") + DeskTime.standard.short(e.occurredAt),
                   st.t("状态: ", "status: ") + e.status.label(L) + "   " + st.t("人数: ", "people: ") + "\(e.people)"
                   + (e.declaredAt.map { "   " + st.t("启动: ", "declared: ") + DeskTime.standard.short($0) + " " + s.names.name(e.declaredBy ?? "") } ?? ""),
                   st.t("案件: ", "cases: ") + e.caseNumbers.joined(separator: " ")]
        if let r = e.dismissedReason { out += ["", st.t("排除原因:", "dismissed:"), "    " + r] }
        out += ["", st.t("已报送 (\(e.reports.count))", "Reports filed (\(e.reports.count))")]
        if e.reports.isEmpty { out.append(st.t("    尚无报告", "    none yet")) }
        for r in e.reports {
            out.append("")
            out.append("  " + DeskTime.standard.short(r.at) + "  " + r.kind.label(L) + " → " + r.toWhom + "  " + s.names.name(r.by))
            out += r.text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        for (label, text) in [(st.t("最终结果:", "final result:"), e.finalResult), (st.t("原因分析:", "cause analysis:"), e.causeAnalysis),
                              (st.t("经验教训:", "lessons:"), e.lessons)] {
            guard let text else { continue }
            out += ["", label] + text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        return out
    }
}
