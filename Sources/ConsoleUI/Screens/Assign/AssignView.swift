import CaseModel
import TerminalKit

/// The assign screen: who takes cases, on duty or not, with open load and worst clock; or, while
/// a move-all waits for its yes, the proposed distribution.
enum AssignView {
    /// `李强 liqiang`: the display name people recognise, the login that disambiguates.
    static func who(_ u: DeskUser) -> String {
        SafeText.sanitize(u.displayName == u.name ? u.name : "\(u.displayName) \(u.name)")
    }

    /// The worst clock of a handler: their earliest due time, marked when it has passed. How
    /// late is not said here: that is working time of the case's own clock, which the case
    /// screen and `console clocks` show (docs/console-reading.md).
    static func worstClock(_ due: Instant?, _ s: ConsoleState) -> (text: String, style: StyleRole) {
        guard let due else { return ("-", .muted) }
        if due <= s.now {
            return (ClockText.marker(.breach) + s.settings.t("超时 ", "over ") + DeskTime.standard.short(due), .breach)
        }
        return ("  " + DeskTime.standard.short(due), .normal)
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        if let plan = s.assign.plan {
            drawPlan(&b, s, plan)
            return
        }
        ScreenChrome.header(&b, s, title: st.t("改派 · 处理人负荷", "Assign · handlers' load"))
        let board = s.assign
        let table = Table(columns: [
            Table.Column(st.t("处理人", "handler"), width: 18), Table.Column(st.t("角色", "role"), width: st.language == .zh ? 10 : 14),
            Table.Column(st.t("班组", "team"), width: 12), Table.Column(st.t("在岗", "on duty"), width: 8),
            Table.Column(st.t("未结", "open"), width: 5, alignment: .right, gap: 2), Table.Column(st.t("最紧时限 应于", "worst clock due"), width: 0),
        ], gutter: 2).fitted(to: b.width)
        table.drawHeader(&b, y: 1)
        let top = 2
        let rows = AssignScreen.visibleRows(height: s.height)
        if board.loaded && board.entries.isEmpty {
            b.put(st.t("   没有在岗或持有未结案件的处理人", "   nobody on duty or holding open cases"), x: 0, y: top, style: .muted)
        }
        let first = board.list.window(visible: rows, count: board.entries.count)
        for i in 0..<rows {
            let index = first + i
            guard let e = board.entries[safe: index] else { break }
            let selected = index == board.list.cursor
            let (clock, clockStyle) = worstClock(e.earliestDue, s)
            table.drawRow(&b, y: top + i, [
                Table.Cell(who(e.user)), Table.Cell(e.user.role.label(st.language)), Table.Cell(SafeText.sanitize(e.user.team)),
                Table.Cell(e.onDuty ? st.t("在岗", "yes") : st.t("不在岗", "absent")), Table.Cell(String(e.openLoad)), Table.Cell(clock, style: clockStyle),
            ], style: selected ? .selected : (e.onDuty ? .normal : .muted), plain: !selected)
        }
        let statusY = s.height - 2
        b.fill(x: 0, y: statusY, width: b.width, height: 1, style: .paneTitle)
        let onDuty = board.entries.filter(\.onDuty).count
        b.put(st.t(" 在岗 \(onDuty) 人 · 不在岗仍有未结件 \(board.entries.count - onDuty) 人 · 最紧时限 = 其未结件中最早的到期时间",
                   " \(onDuty) on duty · \(board.entries.count - onDuty) absent holding open cases · worst clock = their earliest due time"),
              x: 0, y: statusY, style: .paneTitle, maxWidth: b.width)
        ScreenChrome.footer(&b, s, y: s.height - 1, commands: [.moveAll, .open, .help, .back])
    }

    /// The proposed move, every receiver with their load before and after, then each case.
    static func drawPlan(_ b: inout CellBuffer, _ s: ConsoleState, _ plan: MoveAllPlan) {
        let st = s.settings
        ScreenChrome.header(&b, s, title: st.t("移交确认", "Confirm the move"))
        var lines: [(String, StyleRole)] = [
            (st.t(" 将 \(who(plan.from)) 的 \(plan.moves.count) 件未结案件按负荷移交给在岗人员(最急的先分):",
                  " Move \(plan.moves.count) open case(s) of \(who(plan.from)) to those on duty, balanced by load (most urgent first):"), .normal),
            ("", .normal),
            ("   " + DisplayWidth.pad(st.t("接收人", "receiver"), to: 20) + DisplayWidth.pad(st.t("现有", "now"), to: 6, alignRight: true)
                + DisplayWidth.pad(st.t("移交", "gets"), to: 7, alignRight: true) + DisplayWidth.pad(st.t("之后", "after"), to: 7, alignRight: true), .tableHeader),
        ]
        for share in plan.shares {
            lines.append(("   " + DisplayWidth.pad(who(share.user), to: 20) + DisplayWidth.pad(String(share.before), to: 6, alignRight: true)
                          + DisplayWidth.pad("+\(share.added)", to: 7, alignRight: true) + DisplayWidth.pad(String(share.after), to: 7, alignRight: true), .normal))
        }
        lines.append(("", .normal))
        lines.append((st.t(" 逐件:", " Case by case:"), .muted))
        for m in plan.moves {
            let to = plan.shares.first { $0.user.name == m.to }.map { who($0.user) } ?? m.to
            let due = m.due.map { DeskTime.standard.short($0) } ?? "-"
            lines.append(("   " + DisplayWidth.pad(m.number, to: 18) + DisplayWidth.pad(due, to: 13) + "→ " + to, .normal))
        }
        let rows = s.height - 3
        let first = max(0, min(s.assign.planScroll, lines.count - rows))
        for i in 0..<rows {
            guard let (text, style) = lines[safe: first + i] else { break }
            if style == .tableHeader { b.fill(x: 0, y: 1 + i, width: b.width, height: 1, style: style) }
            b.put(text, x: 0, y: 1 + i, style: style, maxWidth: b.width)
        }
        let y = s.height - 2
        b.fill(x: 0, y: y, width: b.width, height: 1, style: .overlayTitle)
        b.put(st.t(" C-y 确认移交    n / Esc 取消(不改动任何案件)    ↑↓ 滚动", " C-y move them    n / Esc cancel (nothing changes)    Up/Down scroll"),
              x: 0, y: y, style: .overlayTitle, maxWidth: b.width)
        ScreenChrome.footer(&b, s, y: s.height - 1, commands: [])
    }
}
