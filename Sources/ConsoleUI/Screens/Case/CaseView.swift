import Foundation
import CaseModel
import TerminalKit

/// The case screen: every field (personal data masked unless revealed for a reason), the clocks,
/// the repeat links, the crisis event, the timeline in words, and the actions the case's status
/// allows, each a key that opens its form. Every field is sanitized before drawing.
enum CaseView {
    /// The complainant's language by name (`zh` is 中文 / Chinese); a code nobody named shows as stored.
    static func spokenLanguage(_ code: String, _ st: ConsoleSettings) -> String {
        SpokenLanguage.name(code, st.language) ?? SafeText.sanitize(code)
    }

    /// The actions open to this case now, for the action bar and help: those the workflow table
    /// allows from the case's status and CaseModel's permission table allows the role on the
    /// case's track (the four-eyes approvals not on one's own case).
    static func available(_ c: ComplaintCase, role: Role?, user: String) -> [Command] {
        let track = CaseTrack.of(c.kind)
        return available(c).filter { cmd in
            guard cmd.permitted(for: role, track: track) else { return false }
            let own = c.handler == user && cmd.permissions.allSatisfy { Permissions.notOnOwnCase.contains($0) } && !cmd.permissions.isEmpty
            return !own
        }
    }

    /// The actions the case's status allows (the workflow table decides), whoever acts.
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

    /// The screen's lines, each with what Enter opens whole (a text, a clock's explanation, a
    /// timeline entry); the longer texts may take up to three rows.
    static func lines(_ s: ConsoleState, _ d: CaseDetail) -> [CaseLine] {
        let st = s.settings
        let c = d.item
        let L = st.language
        let revealed = s.caseScreen.revealed == c.number
        // Fields, free text and the timeline alike: masked until an audited reveal (docs/personal-data.md).
        let shown = Disclosure(revealed: revealed)
        let labelWidth = L == .zh ? 12 : 15
        func field(_ zh: String, _ en: String, _ value: String, _ style: StyleRole = .normal) -> CaseLine {
            CaseLine("  " + DisplayWidth.pad(st.t(zh, en), to: labelWidth) + SafeText.sanitize(value), style)
        }
        /// A free text: wraps to three rows on screen, opens whole (masked unless revealed).
        func prose(_ zh: String, _ en: String, _ raw: String) -> CaseLine {
            guard !raw.isEmpty else { return field(zh, en, "-") }
            let value = SafeText.sanitize(text(raw).replacingOccurrences(of: "\n", with: " "))
            var line = CaseLine("  " + DisplayWidth.pad(st.t(zh, en), to: labelWidth) + value, .normal)
            line.value = value
            line.read = .text(title: c.number + " · " + st.t(zh, en), body: text(raw))
            line.rows = 3
            line.indent = 2 + labelWidth
            return line
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
        var out: [CaseLine] = [
            field("编号", "number", c.number + "   " + c.status.label(L) + "   " + sev, c.severity >= .major ? .warning : .normal),
            field("受理", "received", time(c.receivedAt) + "  " + c.channel.label(L) + st.t("  首问责任人 ", "  first responder ") + d.person(c.receivingOperator)),
            field("机构/来源", "branch/source", (c.branch.isEmpty ? "-" : c.branch) + "  " + c.source.label(L) + (c.sourceRef.map { "  " + text($0) } ?? "")),
            field("类别", "category", c.category.label(L) + " / " + c.kind.label(L) + " / " + c.line.label(L) + (c.product.isEmpty ? "" : " " + text(c.product))),
            field("处理人", "handler", (c.handler.map { d.person($0) } ?? st.t("未分派", "unassigned")) + (c.team.map { "  " + $0 } ?? "")),
            field("投诉人", "complainant", (c.complainant.name.isEmpty ? "-" : shown.name(c.complainant.name))
                  + "  " + st.t("电话 ", "phone ") + pd(c.complainant.phone) + "  " + st.t("证件 ", "ID ") + pd(c.complainant.idNumber)
                  + (revealed ? st.t("  [已显示]", "  [revealed]") : "")),
            field("保单/赔案", "policy/claim", pd(c.complainant.policyNumber) + "  " + pd(c.complainant.claimNumber)
                  + (c.complainant.bankAccount.isEmpty ? "" : st.t("  账户 ", "  account ") + pd(c.complainant.bankAccount))
                  + "  " + st.t("语言 ", "language ") + CaseView.spokenLanguage(c.complainant.language, st)),
            field("人数/金额", "people/loss", "\(c.peopleInvolved)" + st.t("人", " people") + "  " + String(format: "%.0f", c.potentialLoss) + st.t("元", " yuan")
                  + "  " + (flags.isEmpty ? st.t("无介入", "no involvement") : flags.joined(separator: " "))),
            prose("摘要", "summary", c.summary),
            prose("诉求", "demand", c.demand),
        ]
        // The clocks come right under what the complaint is about, so at 80×24 they show unscrolled.
        // The figures are `console clocks`'s (ClockFigure): left and over in the clock's working time.
        out.append(CaseLine(st.t(" 时限 (剩余/超时按该时限的工作时间计 · w 说明为何此时到期)", " Clocks (left/over in the clock's working time · w: why due then)"), .paneTitle))
        if d.clocks.isEmpty {
            out.append(CaseLine(st.t("  无进行中的时限", "  no running clocks"), .muted))
        }
        for (i, clock) in d.clocks.enumerated() {
            let r = ClockText.read(clock, at: s.now)
            var line = CaseLine("  " + ClockText.marker(r.state) + DisplayWidth.pad(clock.stage.label(L), to: labelWidth) + DisplayWidth.pad(ClockText.left(r, st), to: 16)
                                + ClockText.due(r, st) + "  " + r.state.label(L)
                                + "  " + ClockExplanation.calendarName(clock.calendar.name, L), ClockText.style(r.state))
            line.read = .clock(i)
            out.append(line)
        }
        out.append(CaseLine("", .normal))
        if !c.details.isEmpty { out.append(prose("详情", "details", c.details)) }
        out.append(prose("处理方案", "resolution", c.resolution))
        out.append(field("延期", "extension", c.extensionCount == 0 ? st.t("无", "none")
                         : st.t("\(c.extensionCount)次 承诺 \(time(c.promisedAt))", "\(c.extensionCount)× promised \(time(c.promisedAt))")))
        out.append(field("环节时间", "stage times", st.t("联系 ", "contacted ") + time(c.contactedAt) + st.t("  调查 ", "  investigating ") + time(c.investigationStartedAt)
                         + st.t("  提交 ", "  submitted ") + time(c.submittedAt) + st.t("  审批 ", "  approved ") + time(c.approvedAt)))
        out.append(field("", "", st.t("结案 ", "closed ") + time(c.closedAt) + st.t("  回访 ", "  followed up ") + time(c.followedUpAt)
                         + st.t("  撤诉 ", "  withdrawn ") + time(c.withdrawnAt) + st.t("  记录 ", "  note ") + time(c.lastNoteAt)
                         + st.t("  催办 ", "  reminder ") + time(c.lastReminderAt)))
        var ruling = c.validity.label(L)
        if !c.validityReason.isEmpty { ruling += "  " + text(c.validityReason) }
        if let r = c.responsibleStaff { ruling += st.t("  直接责任人 ", "  responsible ") + d.person(r) }
        if let l = c.responsibleLead { ruling += st.t("  间接责任人 ", "  lead ") + d.person(l) }
        var validity = field("有效认定", "validity", ruling)
        if !c.validityReason.isEmpty { validity.read = .text(title: c.number + " · " + st.t("有效认定", "validity"), body: text(ruling)) }
        out.append(validity)
        out.append(field("结案/回访", "close/callback", (c.closingBasis?.label(L) ?? "-") + "  " + (c.callbackResult?.label(L) ?? "-")
                         + (c.satisfaction.map { st.t("  满意度 \($0)/5", "  satisfaction \($0)/5") } ?? "")))
        if !c.improvementSuggestion.isEmpty { out.append(prose("改进建议", "improvement", c.improvementSuggestion)) }
        // Repeats and the crisis event: the links a duty operator follows.
        let repeats = c.repeatCount > 1 ? st.t("第\(c.repeatCount)次投诉", "complaint #\(c.repeatCount)") : st.t("首次投诉", "first complaint")
        out.append(field("重复投诉", "repeats", repeats + (c.repeatOf.map { st.t("  原案件 ", "  repeat of ") + $0 } ?? ""), c.repeatCount > 1 ? .warning : .normal))
        out.append(field("危机事件", "crisis event", c.crisisEventId.map { "#\($0)" + st.t("  (X 看板)", "  (X board)") } ?? (c.peopleInvolved >= 5 ? st.t("无 (D 启动)", "none (D declares)") : st.t("无", "none")),
                         c.crisisEventId == nil ? .normal : .crisis))
        out.append(field("版本", "version", "\(c.version)  " + time(c.updatedAt) + "  " + d.person(c.updatedBy), .muted))
        out.append(CaseLine("", .normal))
        out.append(CaseLine(st.t(" 处理记录 (Enter 阅读全文)", " Timeline (Enter reads an entry whole)"), .paneTitle))
        for (i, e) in d.events.enumerated() {
            var line = CaseLine("  " + TimelineText.line(shown.event(e), st, actor: d.person(e.actor), person: d.person), .normal)
            line.read = .event(i)
            out.append(line)
        }
        return out
    }

    /// The rows the lines take at a width: each line's index beside each of its rows. A line cut
    /// short ends with `…` (Enter opens it whole).
    static func rows(_ lines: [CaseLine], width: Int) -> [(line: Int, text: String)] {
        var out: [(Int, String)] = []
        for (i, l) in lines.enumerated() {
            guard l.rows > 1, let value = l.value, DisplayWidth.of(l.text) > width, width - l.indent >= 8 else {
                out.append((i, DisplayWidth.truncate(l.text, to: width)))
                continue
            }
            let room = width - l.indent
            var wrapped = TextWrapping.wrap(value, room)
            if wrapped.count > l.rows {
                wrapped = Array(wrapped.prefix(l.rows))
                let last = wrapped[l.rows - 1]
                wrapped[l.rows - 1] = DisplayWidth.of(last) < room ? last + "…" : DisplayWidth.truncate(last + "…", to: room)
            }
            let pad = String(repeating: " ", count: l.indent)
            out += wrapped.enumerated().map { (i, ($0.offset == 0 ? String(l.text.dropLast(value.count)) : pad) + $0.element) }
        }
        return out
    }

    /// Rows of the case's text that fit under the header and the action bar.
    static func visibleRows(height: Int) -> Int { max(1, height - 3) }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        guard let d = s.caseScreen.detail else { return }
        ScreenChrome.header(&b, s, title: st.t("案件 ", "Case ") + d.item.number)
        // The action bar: the keys of the actions this case's status and the user's role allow.
        let map = st.keyMap
        var x = 1
        b.fill(x: 0, y: 1, width: b.width, height: 1, style: .normal)
        for cmd in st.readOnly ? [] : available(d.item, role: s.role, user: st.userName) {
            guard let key = map.keys(for: cmd, in: .caseView).first else { continue }
            let label = cmd.label(st)
            let need = DisplayWidth.of(key.name) + DisplayWidth.of(label) + 2
            if x + need > b.width { break }
            x += b.put(key.name, x: x, y: 1, style: .footerKey)
            x += b.put(" " + label + " ", x: x, y: 1, style: .muted)
        }
        if st.readOnly { b.put(st.t(" 只读:不能办理,可阅读 (Enter 全文, w 时限说明)", " read-only: nothing can be changed; Enter reads, w explains clocks"), x: 0, y: 1, style: .muted) }
        let all = lines(s, d)
        let rows = rows(all, width: b.width)
        let visible = visibleRows(height: s.height)
        let first = max(0, min(s.caseScreen.scroll, rows.count - visible))
        let cursor = s.caseScreen.cursor
        for i in 0..<visible {
            guard let row = rows[safe: first + i] else { break }
            let selected = row.line == cursor
            b.putPadded(row.text, x: 0, y: 2 + i, width: b.width, style: selected ? .selected : all[row.line].style)
        }
        ScreenChrome.footer(&b, s, y: s.height - 1, commands: [.back, .read, .scripts, .explain, .reveal, .crisisBoard, .help, .calendar])
    }
}

/// One line of the case screen: its text and style, what Enter opens whole, and how many rows it may wrap to.
struct CaseLine {
    /// What Enter opens from a line.
    enum Reading: Equatable {
        /// A text under a title (already masked for who reads it).
        case text(title: String, body: String)
        /// The explanation of the case's clock at this index.
        case clock(Int)
        /// The timeline entry at this index.
        case event(Int)
    }

    var text: String
    var style: StyleRole
    var read: Reading?
    /// Rows the line may wrap to before it is cut with `…`.
    var rows = 1
    /// Where wrapped rows start, and the part of the text that wraps (after its label).
    var indent = 0
    var value: String?

    init(_ text: String, _ style: StyleRole) {
        self.text = text
        self.style = style
    }

}
