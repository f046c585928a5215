import CaseModel
import TerminalKit

/// The case screen: every field (personal data masked unless revealed for a reason), the clocks,
/// the repeat links, the crisis event, the timeline in words, and the actions the case's status
/// allows, each a key that opens its form. Every field is sanitized before drawing.
enum CaseView {
    /// The actions open to this case now, for the action bar (the workflow table decides).
    static func available(_ c: ComplaintCase) -> [Command] {
        CaseActions.commands.filter { cmd in
            guard let a = CaseActions.workflowAction(cmd) else {
                switch cmd {
                case .validity: return c.validity == .undetermined
                case .declare: return c.crisisEventId == nil && c.isOpen
                case .link: return c.repeatOf == nil
                default: return true
                }
            }
            let basis: ClosingBasis? = a == .close ? .invalid : nil
            return Workflow.allowedFrom(a, kind: c.kind, basis: basis).contains(c.status)
        }
    }

    static func lines(_ s: ConsoleState, _ d: CaseDetail) -> [(String, StyleRole)] {
        let st = s.settings
        let c = d.item
        let L = st.language
        let revealed = s.caseScreen.revealed == c.number
        // Fields, free text and the timeline alike: masked until an audited reveal (docs/personal-data.md).
        let shown = Disclosure(revealed: revealed)
        func field(_ zh: String, _ en: String, _ value: String, _ style: StyleRole = .normal) -> (String, StyleRole) {
            ("  " + DisplayWidth.pad(st.t(zh, en), to: L == .zh ? 12 : 15) + SafeText.sanitize(value), style)
        }
        func time(_ t: Instant?) -> String { t.map { DeskTime.standard.short($0) } ?? "-" }
        func pd(_ v: String) -> String { v.isEmpty ? "-" : shown.identifier(v) }
        func text(_ v: String) -> String { shown.text(v) }
        var flags: [String] = []
        if c.regulatorInvolved { flags.append(st.t("监管介入", "regulator")) }
        if c.mediaInvolved { flags.append(st.t("媒体介入", "media")) }
        if c.onlineExposure { flags.append(st.t("网络曝光", "online exposure")) }
        var sev = c.severity.label(L)
        if let o = c.severityOverride { sev += st.t("  (人工提高至\(o.label(L)))", "  (raised by hand to \(o.label(L)))") }
        if let cap = c.severityCap { sev += st.t("  (组长降至\(cap.label(L)))", "  (lowered by a lead to \(cap.label(L)))") }
        var out: [(String, StyleRole)] = [
            field("编号", "number", c.number + "   " + c.status.label(L) + "   " + sev, c.severity >= .major ? .warning : .normal),
            field("受理", "received", time(c.receivedAt) + "  " + c.channel.label(L) + st.t("  首问责任人 ", "  first responder ") + d.person(c.receivingOperator)),
            field("机构/来源", "branch/source", (c.branch.isEmpty ? "-" : c.branch) + "  " + c.source.label(L) + (c.sourceRef.map { "  " + text($0) } ?? "")),
            field("类别", "category", c.category.label(L) + " / " + c.kind.label(L) + " / " + c.line.label(L) + (c.product.isEmpty ? "" : " " + text(c.product))),
            field("处理人", "handler", (c.handler.map { d.person($0) == $0 ? $0 : d.person($0) + " " + $0 } ?? st.t("未分派", "unassigned")) + (c.team.map { "  " + $0 } ?? "")),
            field("投诉人", "complainant", (c.complainant.name.isEmpty ? "-" : shown.name(c.complainant.name))
                  + "  " + st.t("电话 ", "phone ") + pd(c.complainant.phone) + "  " + st.t("证件 ", "ID ") + pd(c.complainant.idNumber)
                  + (revealed ? st.t("  [已显示]", "  [revealed]") : "")),
            field("保单/赔案", "policy/claim", pd(c.complainant.policyNumber) + "  " + pd(c.complainant.claimNumber)
                  + (c.complainant.bankAccount.isEmpty ? "" : st.t("  账户 ", "  account ") + pd(c.complainant.bankAccount))
                  + "  " + st.t("语言 ", "language ") + c.complainant.language),
            field("人数/金额", "people/loss", "\(c.peopleInvolved)" + st.t("人", " people") + "  " + String(format: "%.0f", c.potentialLoss) + st.t("元", " yuan")
                  + "  " + (flags.isEmpty ? st.t("无介入", "no involvement") : flags.joined(separator: " "))),
            field("摘要", "summary", text(c.summary)),
            field("诉求", "demand", c.demand.isEmpty ? "-" : text(c.demand)),
        ]
        // The clocks come right under what the complaint is about, so at 80×24 they show unscrolled.
        out.append((st.t(" 时限", " Clocks"), .paneTitle))
        if d.clocks.isEmpty {
            out.append((st.t("  无进行中的时限", "  no running clocks"), .muted))
        }
        for clock in d.clocks {
            let reading = clock.reading(at: s.now)
            let rr = ClockText.Reading(stage: clock.stage, state: reading.state, secondsLeft: reading.workingSecondsLeft, due: clock.due, provisional: reading.provisional)
            out.append(("  " + ClockText.marker(reading.state) + DisplayWidth.pad(clock.stage.label(L), to: L == .zh ? 12 : 15) + DisplayWidth.pad(ClockText.left(rr, st, now: s.now), to: 16)
                        + st.t("应于 ", "due ") + DeskTime.standard.short(clock.due) + "  " + reading.state.label(L), ClockText.style(reading.state)))
        }
        out.append(("", .normal))
        if !c.details.isEmpty { out.append(field("详情", "details", text(c.details))) }
        out.append(field("处理方案", "resolution", c.resolution.isEmpty ? "-" : text(c.resolution)))
        out.append(field("延期", "extension", c.extensionCount == 0 ? st.t("无", "none")
                         : st.t("\(c.extensionCount)次 承诺 \(time(c.promisedAt))", "\(c.extensionCount)× promised \(time(c.promisedAt))")))
        out.append(field("环节时间", "stage times", st.t("联系 ", "contacted ") + time(c.contactedAt) + st.t("  调查 ", "  investigating ") + time(c.investigationStartedAt)
                         + st.t("  提交 ", "  submitted ") + time(c.submittedAt) + st.t("  审批 ", "  approved ") + time(c.approvedAt)))
        out.append(field("", "", st.t("结案 ", "closed ") + time(c.closedAt) + st.t("  回访 ", "  followed up ") + time(c.followedUpAt)
                         + st.t("  撤诉 ", "  withdrawn ") + time(c.withdrawnAt) + st.t("  记录 ", "  note ") + time(c.lastNoteAt)
                         + st.t("  催办 ", "  reminder ") + time(c.lastReminderAt)))
        var ruling = c.validity.label(L)
        if !c.validityReason.isEmpty { ruling += "  " + text(c.validityReason) }
        if let r = c.responsibleStaff { ruling += st.t("  直接责任人 ", "  responsible ") + r }
        if let l = c.responsibleLead { ruling += st.t("  间接责任人 ", "  lead ") + l }
        out.append(field("有效认定", "validity", ruling))
        out.append(field("结案/回访", "close/callback", (c.closingBasis?.label(L) ?? "-") + "  " + (c.callbackResult?.label(L) ?? "-")
                         + (c.satisfaction.map { st.t("  满意度 \($0)/5", "  satisfaction \($0)/5") } ?? "")))
        if !c.improvementSuggestion.isEmpty { out.append(field("改进建议", "improvement", text(c.improvementSuggestion))) }
        // Repeats and the crisis event: the links a duty operator follows.
        let repeats = c.repeatCount > 1 ? st.t("第\(c.repeatCount)次投诉", "complaint #\(c.repeatCount)") : st.t("首次投诉", "first complaint")
        out.append(field("重复投诉", "repeats", repeats + (c.repeatOf.map { st.t("  原案件 ", "  repeat of ") + $0 } ?? ""), c.repeatCount > 1 ? .warning : .normal))
        out.append(field("危机事件", "crisis event", c.crisisEventId.map { "#\($0)" + st.t("  (X 看板)", "  (X board)") } ?? (c.peopleInvolved >= 5 ? st.t("无 (D 启动)", "none (D declares)") : st.t("无", "none")),
                         c.crisisEventId == nil ? .normal : .crisis))
        out.append(field("版本", "version", "\(c.version)  " + time(c.updatedAt) + "  " + d.person(c.updatedBy), .muted))
        out.append(("", .normal))
        out.append((st.t(" 处理记录", " Timeline"), .paneTitle))
        for e in d.events { out.append(("  " + TimelineText.line(shown.event(e), st, actor: d.person(e.actor)), .normal)) }
        return out
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        guard let d = s.caseScreen.detail else { return }
        ScreenChrome.header(&b, s, title: st.t("案件 ", "Case ") + d.item.number)
        // The action bar: the keys of the actions this case's status allows.
        let map = st.keyMap
        var x = 1
        b.fill(x: 0, y: 1, width: b.width, height: 1, style: .normal)
        for cmd in st.readOnly ? [] : available(d.item) {
            guard let key = map.keys(for: cmd, in: .caseView).first else { continue }
            let label = cmd.label(st)
            let need = DisplayWidth.of(key.name) + DisplayWidth.of(label) + 2
            if x + need > b.width { break }
            x += b.put(key.name, x: x, y: 1, style: .footerKey)
            x += b.put(" " + label + " ", x: x, y: 1, style: .muted)
        }
        if st.readOnly { b.put(st.t(" 只读", " read-only"), x: 0, y: 1, style: .muted) }
        let all = lines(s, d)
        let rows = s.height - 3
        let first = max(0, min(s.caseScreen.scroll, all.count - rows))
        for i in 0..<rows {
            guard let (line, style) = all[safe: first + i] else { break }
            b.put(line, x: 0, y: 2 + i, style: style)
        }
        ScreenChrome.footer(&b, s, y: s.height - 1, commands: [.back, .down, .up, .reveal, .crisisBoard, .help])
    }
}
