import CaseModel
import TerminalKit

/// The handover screen: who hands over to whom, the counts, whether this and the last handover
/// were acknowledged, then each section of the handover read model with its count, in the order
/// of `console handover` (docs/handover.md). Labels in the console's language; text from the desk
/// (summaries, notes, titles) arrives masked from the read model and is made harmless here.
enum HandoverView {
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        ScreenChrome.header(&b, s, title: st.t("交接班", "Shift handover"))
        guard let h = s.handover.handover else {
            b.put(st.t(" 读取中…", " Loading…"), x: 0, y: 2, style: .muted)
            ScreenChrome.footer(&b, s, y: b.height - 1, commands: [.back])
            return
        }
        // Offered to whoever may take the shift over: not the outgoing lead, not twice.
        let offered = h.acknowledgement == nil && h.window.shift?.userName != st.userName
        let commands: [Command] = (offered ? [.handoverAck] : []) + [.refresh, .back]
        let lines = lines(h, s)
        let visible = HandoverScreen.visibleRows(height: b.height)
        let first = max(0, min(s.handover.scroll, lines.count - visible))
        for i in 0..<visible {
            guard let (text, style) = lines[safe: first + i] else { break }
            b.putPadded(DisplayWidth.truncate(text, to: b.width), x: 0, y: 1 + i, width: b.width, style: style)
        }
        if lines.count > visible {
            let where_ = "\(first + 1)–\(min(lines.count, first + visible))/\(lines.count)"
            b.put(where_, x: max(0, b.width - DisplayWidth.of(where_) - 1), y: b.height - 2, style: .muted)
        }
        ScreenChrome.footer(&b, s, y: b.height - 1, commands: commands)
    }

    static func time(_ t: Instant) -> String { DeskTime.standard.short(t) }

    /// Every line of the screen, with its style.
    static func lines(_ h: Handover, _ s: ConsoleState) -> [(String, StyleRole)] {
        let st = s.settings, L = st.language
        let w = h.window
        func name(_ login: String) -> String { SafeText.sanitize(s.names.name(login)) }
        func one(_ text: String) -> String { SafeText.sanitize(text.replacingOccurrences(of: "\n", with: " ")) }
        var out: [(String, StyleRole)] = [
            (" " + st.t("本班 ", "shift ") + time(w.from) + " – " + time(w.to)
             + "   " + st.t("交班: ", "outgoing: ") + (w.outgoing.isEmpty ? "-" : w.outgoing.map(SafeText.sanitize).joined(separator: st.t("、", ", ")))
             + "   " + st.t("接班: ", "incoming: ") + SafeText.sanitize(w.incomingName ?? "-"), .paneTitle),
            (" " + st.t("受理 \(h.received)   结案 \(h.closed)   到期窗口至 ", "received \(h.received)   closed \(h.closed)   due window until ")
             + time(h.horizonEnd), .normal),
        ]
        if let a = h.acknowledgement {
            out.append((" " + st.t("本次交接已确认: \(name(a.by)) \(time(a.at))", "This handover acknowledged by \(name(a.by)) at \(time(a.at))"), .ok))
        } else {
            out.append((" " + st.t("本次交接尚未确认(接班组长按 a 确认)", "This handover is not yet acknowledged (the incoming lead presses a)"), .warning))
        }
        if let c = h.lastShiftChange {
            if let a = h.lastShiftChangeAck {
                out.append((" " + st.t("上次交接班 \(time(c)): 已确认 \(name(a.by)) \(time(a.at))",
                                        "Last handover \(time(c)): acknowledged by \(name(a.by)) at \(time(a.at))"), .ok))
            } else {
                out.append((" " + st.t("上次交接班 \(time(c)): 未确认", "Last handover \(time(c)): NOT acknowledged"), .breach))
            }
        }
        if let head = h.chainHead {
            out.append((" " + st.t("审计链头: 事件 \(head.id) ", "audit chain head: event \(head.id) ") + SafeText.sanitize(String(head.hash.prefix(16))) + "…", .muted))
        }
        func section(_ zh: String, _ en: String, _ rows: [(String, StyleRole)]) {
            out.append(("", .normal))
            out.append((" " + st.t(zh, en) + " (\(rows.count))", .paneTitle))
            out += rows.isEmpty ? [("   " + st.t("无", "none"), .muted)] : rows
        }
        section("对客户的承诺", "Promises made to customers", h.promises.map { p in
            ("   " + p.caseNumber + "  " + st.t("承诺 ", "for ") + (p.promisedAt.map(time) ?? one(p.promisedText))
             + "   " + st.t("于 ", "made ") + time(p.madeAt) + " " + name(p.by) + " · " + TimelineText.action(p.action, L), .normal)
        })
        func clock(_ c: HandoverClock, overdue: Bool) -> (String, StyleRole) {
            ("   " + c.caseNumber + "  " + c.stage.label(L) + "  " + (overdue ? st.t("应于 ", "was due ") : st.t("到期 ", "due ")) + time(c.due)
             + "  " + c.severity.label(L) + "  " + (c.handler.map(name) ?? st.t("未分派", "unassigned")), overdue ? .breach : .normal)
        }
        section("即将到期", "Clocks falling due", h.dueSoon.map { clock($0, overdue: false) })
        section("已超时", "Overdue", h.overdue.map { clock($0, overdue: true) })
        section("未分派", "Unassigned", h.unassigned.map { c in
            ("   " + c.number + "  " + st.t("受理 ", "received ") + time(c.receivedAt) + "  " + c.severity.label(L) + "  "
             + c.category.label(L) + "  " + one(c.summary), .normal)
        })
        section("危机事件与报告时限", "Crisis events and report clocks", h.crises.map { e in
            func report(_ due: Instant, _ filed: Instant?) -> String {
                filed.map { st.t("已报 ", "filed ") + time($0) } ?? (st.t("应报 ", "due ") + time(due))
            }
            let late = (e.superiorFiled == nil && e.superiorDue < h.now) || (e.hqFiled == nil && e.hqDue < h.now)
            return ("   #\(e.id) " + one(e.title) + "  " + st.t("\(e.people)人", "\(e.people) people") + (e.massIncident ? "!" : "") + "  "
                    + e.status.label(L) + "  " + st.t("报上级 ", "superior ") + report(e.superiorDue, e.superiorFiled)
                    + "  " + st.t("报总公司 ", "HQ ") + report(e.hqDue, e.hqFiled), late ? .breach : .crisis)
        })
        section("未确认的严重告警", "Unacknowledged critical alerts", h.criticalAlerts.map { a in
            ("   " + time(a.raisedAt) + "  " + one(L == .zh ? a.messageZh : a.messageEn), .alertCritical)
        })
        section("本班记录", "Notes written this shift", h.notes.map { n in
            ("   " + n.caseNumber + "  " + time(n.at) + " " + name(n.by) + " · " + TimelineText.action(n.action, L) + ": " + one(n.text)
             + (n.script.map { "  [" + st.t("话术 ", "script ") + SafeText.sanitize($0) + "]" } ?? ""), .normal)
        })
        return out
    }
}
