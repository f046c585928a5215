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
        let left = due.seconds - s.now.seconds
        if left < 0 { return ("!!" + st.t("超时 ", "over ") + ClockText.duration(-left, st), .breach) }
        return ((left <= p.reportWarningSeconds ? "! " : "") + st.t("剩 ", "") + ClockText.duration(left, st), left <= p.reportWarningSeconds ? .warning : .normal)
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let L = st.language
        ConsoleView.header(&b, s, title: st.t("危机事件", "Crisis board"))
        guard let data = s.work.crisis else {
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
        let titleW = max(12, b.width - 5 - 10 - 7 - involvedW - 2 * clockW)
        var hx = 0
        let heads: [(String, Int)] = [("  #", 5), (st.t("状态", "status"), 10), (st.t("事件", "event"), titleW), (st.t("人数", "people"), 7),
                                      (st.t("介入", "involved"), involvedW), (st.t("报上级(1小时)", "superior 1h"), clockW), (st.t("报总公司(24小时)", "HQ 24h"), clockW)]
        // A column's text stops one cell short of the next column.
        func cell(_ text: String, _ x: Int, _ y: Int, _ w: Int, _ style: StyleRole) -> Int {
            b.putPadded(DisplayWidth.of(text) > w - 1 ? DisplayWidth.truncate(text, to: w - 1) : text, x: x, y: y, width: w, style: style)
        }
        for (h, w) in heads { hx += cell(h, hx, 2, w, .tableHeader) }
        b.fill(x: hx, y: 2, width: b.width - hx, height: 1, style: .tableHeader)
        let listRows = min(max(3, events.count), max(3, (b.height - 6) / 3))
        if events.isEmpty { b.put(st.t("  没有危机事件 (p 提议)", "  no crisis events (p proposes one)"), x: 0, y: 3, style: .muted) }
        let first = max(0, min(s.work.crisisCursor - listRows + 1, events.count - listRows))
        for i in 0..<listRows {
            guard let e = events[safe: first + i] else { break }
            let y = 3 + i
            let selected = first + i == s.work.crisisCursor
            let base: StyleRole = selected ? .selected : (e.isMassIncident(p) && e.status.isActive ? .crisis : .normal)
            var involved: [String] = []
            if e.mediaInvolved { involved.append(st.t("媒体", "media")) }
            if e.regulatorInvolved { involved.append(st.t("监管", "regulator")) }
            var x = 0
            x += cell(String("  \(e.id)".suffix(5)), x, y, 5, base)
            x += cell(e.status.label(L), x, y, 10, base)
            x += cell(SafeText.sanitize(e.title), x, y, titleW, base)
            x += cell("\(e.people)" + (e.isMassIncident(p) ? "!" : ""), x, y, 7, base)
            x += cell(involved.joined(separator: "+"), x, y, involvedW, base)
            for kind in [CrisisReportKind.superior, .hq] {
                let (text, style) = clock(e, kind, p, s)
                x += cell(text, x, y, clockW, selected ? .selected : style)
            }
            b.fill(x: x, y: y, width: b.width - x, height: 1, style: base)
        }
        let detailTop = 3 + listRows
        ConsoleView.rule(&b, s, y: detailTop)
        if let e = events[safe: s.work.crisisCursor] {
            let lines = detail(e, s)
            let rows = b.height - detailTop - 2
            let start = max(0, min(s.work.crisisScroll, lines.count - rows))
            for i in 0..<rows {
                guard let (line, style) = lines[safe: start + i] else { break }
                b.put(line, x: 0, y: detailTop + 1 + i, style: style)
            }
        }
        ConsoleView.footer(&b, s, y: b.height - 1, commands: [.open, .propose, .declare, .dismiss, .report, .final, .cause, .archive, .back])
    }

    /// The selected event's record.
    static func detail(_ e: CrisisEvent, _ s: ConsoleState) -> [(String, StyleRole)] {
        let st = s.settings
        let L = st.language
        var out: [(String, StyleRole)] = [
            (" #\(e.id) " + SafeText.sanitize(e.title), .paneTitle),
            ("  " + st.t("触发: ", "trigger: ") + e.trigger.label(L) + "   " + st.t("机构: ", "branch: ") + SafeText.sanitize(e.branch)
             + "   " + st.t("发生: ", "occurred: ") + DeskTime.standard.short(e.occurredAt)
             + (e.declaredAt.map { "   " + st.t("启动: ", "declared: ") + DeskTime.standard.short($0) + " " + SafeText.sanitize(e.declaredBy ?? "") } ?? ""), .normal),
            ("  " + st.t("案件: ", "cases: ") + e.caseNumbers.joined(separator: " ") + st.t("  (Enter 打开第一件)", "  (Enter opens the first)"), .normal),
        ]
        if let r = e.dismissedReason { out.append(("  " + st.t("排除原因: ", "dismissed: ") + SafeText.sanitize(r), .muted)) }
        out.append((st.t("  已报送", "  Reports filed") + " (\(e.reports.count))", .paneTitle))
        if e.reports.isEmpty { out.append((st.t("    尚无报告", "    none yet"), .muted)) }
        for r in e.reports {
            out.append(("    " + DeskTime.standard.short(r.at) + "  " + r.kind.label(L) + " → " + SafeText.sanitize(r.toWhom) + "  "
                        + SafeText.sanitize(r.by) + "  " + SafeText.sanitize(r.text), .normal))
        }
        if let f = e.finalResult { out.append(("  " + st.t("最终结果: ", "final result: ") + SafeText.sanitize(f), .normal)) }
        if let c = e.causeAnalysis { out.append(("  " + st.t("原因分析: ", "cause analysis: ") + SafeText.sanitize(c), .normal)) }
        if let l = e.lessons { out.append(("  " + st.t("经验教训: ", "lessons: ") + SafeText.sanitize(l), .normal)) }
        return out
    }
}
