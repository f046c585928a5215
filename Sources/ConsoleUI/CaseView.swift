import CaseModel

/// A read-only view of one case (part 2 builds the full case screen): fields with personal data
/// masked, its clocks, and the timeline. Every field is sanitized before drawing.
enum CaseView {
    static func lines(_ s: ConsoleState, _ d: CaseDetail) -> [(String, StyleRole)] {
        let st = s.settings
        let c = d.item
        let L = st.language
        func field(_ zh: String, _ en: String, _ value: String) -> (String, StyleRole) {
            ("  " + DisplayWidth.pad(st.t(zh, en), to: 12) + SafeText.sanitize(value), .normal)
        }
        var out: [(String, StyleRole)] = [
            field("编号", "number", c.number),
            field("受理", "received", DeskTime.standard.short(c.receivedAt) + "  " + c.channel.label(L) + "  " + c.receivingOperator),
            field("机构", "branch", c.branch + "  " + c.source.label(L)),
            field("类别", "category", c.category.label(L) + " / " + c.kind.label(L) + " / " + c.line.label(L) + " " + c.product),
            field("严重度", "severity", c.severity.label(L) + (c.repeatCount > 1 ? st.t("  第\(c.repeatCount)次投诉", "  complaint #\(c.repeatCount)") : "")),
            field("状态", "status", c.status.label(L)),
            field("处理人", "handler", (c.handler ?? st.t("未分派", "unassigned")) + (c.team.map { "  " + $0 } ?? "")),
            field("投诉人", "complainant", Masking.maskName(c.complainant.name) + "  " + Masking.mask(c.complainant.phone)
                  + "  " + Masking.mask(c.complainant.idNumber)),
            field("保单", "policy", Masking.mask(c.complainant.policyNumber)),
            field("摘要", "summary", c.summary),
            field("诉求", "demand", c.demand),
            field("详情", "details", c.details),
        ]
        out.append(("", .normal))
        out.append((st.t(" 时限", " Clocks"), .paneTitle))
        if let r = ClockText.read(CaseRow(c, clocks: d.clocks), at: s.now) {
            for clock in d.clocks.isEmpty ? [] : d.clocks {
                let reading = clock.reading(at: s.now)
                let rr = ClockText.Reading(stage: clock.stage, state: reading.state, secondsLeft: reading.workingSecondsLeft, due: clock.due, provisional: reading.provisional)
                out.append(("  " + ClockText.marker(reading.state) + DisplayWidth.pad(clock.stage.label(L), to: 12) + DisplayWidth.pad(ClockText.left(rr, st, now: s.now), to: 16)
                            + st.t("应于 ", "due ") + DeskTime.standard.short(clock.due), ClockText.style(reading.state)))
            }
            if d.clocks.isEmpty {
                out.append(("  " + ClockText.marker(r.state) + ClockText.left(r, st, now: s.now) + "  " + st.t("应于 ", "due ") + DeskTime.standard.short(r.due), ClockText.style(r.state)))
            }
        } else {
            out.append((st.t("  无进行中的时限", "  no running clocks"), .muted))
        }
        out.append(("", .normal))
        out.append((st.t(" 处理记录", " Timeline"), .paneTitle))
        for e in d.events {
            var text = "  " + DeskTime.standard.short(e.at) + "  " + DisplayWidth.pad(SafeText.sanitize(e.actor), to: 10) + " " + SafeText.sanitize(e.action)
            if let to = e.toStatus, e.fromStatus != to { text += " → " + to.label(L) }
            let detail = e.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            if !detail.isEmpty { text += "  " + SafeText.sanitize(detail) }
            out.append((text, .normal))
        }
        return out
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        guard let d = s.detail else { return }
        ConsoleView.header(&b, s, title: st.t("案件 ", "Case ") + d.item.number)
        b.putPadded(st.t(" 只读查看 · 办理操作请用命令行 console act", " read-only view · work the case with `console act`"), x: 0, y: 1, width: b.width, style: .muted)
        let all = lines(s, d)
        let rows = s.height - 3
        let first = max(0, min(s.detailScroll, all.count - rows))
        for i in 0..<rows {
            guard let (line, style) = all[safe: first + i] else { break }
            b.put(line, x: 0, y: 2 + i, style: style)
        }
        ConsoleView.footer(&b, s, y: s.height - 1, commands: [.back, .down, .up, .help])
    }
}
