import CaseModel
import TerminalKit

/// The roster screen: one table of shifts (time, person, role, team, phone, open cases) under
/// headings for now, the next 24 hours and each day of the holiday; stretches with no team lead
/// on duty in the theme's breach style. Phones arrive masked from the read model for readers
/// who do not dispatch work.
enum RosterView {
    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        ScreenChrome.header(&b, s, title: st.t("值班表", "Duty roster"))
        let commands: [Command] = st.readOnly ? [.refresh, .back] : [.shiftAdd, .shiftMove, .shiftRemove, .refresh, .back]
        guard let board = s.dutyRoster.board else {
            b.put(st.t(" 读取中…", " Loading…"), x: 0, y: 2, style: .muted)
            ScreenChrome.footer(&b, s, y: b.height - 1, commands: [.back])
            return
        }
        var summary = " " + (board.window.map { st.t("值班期 ", "holiday period ") + span($0.from, $0.to) } ?? st.t("未设值班期", "no holiday period set"))
        summary += board.gaps.isEmpty ? st.t("   组长全时段在岗", "   a team lead on duty at every hour")
                                      : st.t("   无组长时段 \(board.gaps.count) 段", "   \(board.gaps.count) stretch(es) with no team lead")
        b.putPadded(summary, x: 0, y: 1, width: b.width, style: board.gaps.isEmpty ? .muted : .breach)
        let table = self.table(b.width, st)
        table.drawHeader(&b, y: 2)
        let rows = s.dutyRoster.rows
        let visible = RosterScreen.visibleRows(height: b.height)
        let first = s.dutyRoster.list.window(visible: visible, count: rows.count)
        for i in 0..<visible {
            guard let row = rows[safe: first + i] else { break }
            let y = 3 + i
            let selected = first + i == s.dutyRoster.list.cursor
            switch row {
            case .heading(let text, let kind):
                b.putPadded(" " + text, x: 0, y: y, width: b.width, style: kind == .holiday || kind == .weekend ? .paneTitleFocused : .paneTitle)
            case .empty:
                b.put("   " + st.t("无", "none"), x: 0, y: y, style: .muted)
            case .gap(let g):
                b.putPadded("   " + span(g.from, g.to) + st.t("  缺口:无组长在岗", "  gap: no team lead on duty"), x: 0, y: y, width: b.width, style: .breach)
            case .duty(let d):
                table.drawRow(&b, y: y, cells(d, st, s.names), style: selected ? .selected : .normal, plain: !selected)
            }
        }
        ScreenChrome.footer(&b, s, y: b.height - 1, commands: commands)
    }

    /// The shift table's columns at a width.
    static func table(_ width: Int, _ st: ConsoleSettings) -> Table {
        let wide = width >= 120
        return Table(columns: [
            Table.Column("   " + st.t("时间", "time"), width: wide ? 30 : 27, gap: 0, keepsMargin: true),
            Table.Column(st.t("人员", "person"), width: wide ? 12 : 9, gap: 0, keepsMargin: true),
            Table.Column(st.t("角色", "role"), width: wide ? 16 : 11, minWidth: 6, priority: 2, gap: 0, keepsMargin: true),
            // Flexible on a narrow screen; on a wide one the phone stays beside the team.
            Table.Column(st.t("组", "team"), width: wide ? 24 : 0, minWidth: 6, gap: 0, keepsMargin: true),
            Table.Column(st.t("电话", "phone"), width: 14, minWidth: 11, priority: 1, gap: 0, keepsMargin: true),
            Table.Column(st.t("未结", "open"), width: 6, alignment: .right, gap: 0, keepsMargin: true),
        ]).fitted(to: width)
    }

    /// A shift's cells.
    static func cells(_ d: RosterDuty, _ st: ConsoleSettings, _ names: PeopleNames) -> [Table.Cell] {
        let lead = d.user.role == .teamLead
        return [Table.Cell("   " + span(d.shift.startsAt, d.shift.endsAt)),
                Table.Cell(SafeText.sanitize(d.user.displayName.isEmpty ? d.user.name : d.user.displayName)),
                Table.Cell(d.user.role.label(st.language), style: lead ? .ok : nil),
                Table.Cell(SafeText.sanitize(d.user.team)),
                Table.Cell(d.phone.isEmpty ? "-" : SafeText.sanitize(d.phone)),
                Table.Cell("\(d.openCases)")]
    }

    /// `02-17 08:00–20:00`, or `02-17 20:00–02-18 08:00` across midnight.
    static func span(_ from: Instant, _ to: Instant) -> String {
        let t = DeskTime.standard
        let a = t.short(from), b = t.short(to)
        return a.prefix(5) == b.prefix(5) ? a + "–" + b.dropFirst(6) : a + "–" + b
    }

    /// A day's heading: the date, the weekday and what the business calendar says of it.
    static func dayTitle(_ day: RosterDay, _ st: ConsoleSettings) -> String {
        let zh = ["一", "二", "三", "四", "五", "六", "日"], en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let w = max(1, min(7, day.date.isoWeekday)) - 1
        var text = day.date.iso + " " + st.t("周" + zh[w], en[w])
        switch day.kind {
        case .holiday: text += st.t(" 休", " day off")
        case .makeUpWorkday: text += st.t(" 调休上班", " make-up working day")
        case .weekend: text += st.t(" 周末", " weekend")
        default: break
        }
        if !day.label.isEmpty { text += " " + SafeText.sanitize(day.label) }
        return text
    }
}
