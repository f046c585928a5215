import CaseModel
import TerminalKit

/// The assign screen: who takes cases, on duty or not, with open load and worst clock; or, while
/// a move-all waits for its yes, the proposed distribution.
enum AssignView {
    /// `李强 liqiang`: the display name people recognise, the login that disambiguates.
    static func who(_ u: DeskUser) -> String {
        SafeText.sanitize(u.displayName == u.name ? u.name : "\(u.displayName) \(u.name)")
    }

    /// The worst clock of a handler: their earliest due time, with how late when it has passed.
    static func worstClock(_ due: Instant?, _ s: ConsoleState) -> (text: String, style: StyleRole) {
        guard let due else { return ("-", .muted) }
        if due <= s.now {
            return (ClockText.marker(.breach) + s.settings.t("超时 ", "over ") + ClockText.duration(s.now.seconds - due.seconds, s.settings), .breach)
        }
        return ("  " + DeskTime.standard.short(due), .normal)
    }

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        if let plan = s.assignBoard.plan {
            drawPlan(&b, s, plan)
            return
        }
        ConsoleView.header(&b, s, title: st.t("改派 · 处理人负荷", "Assign · handlers' load"))
        let board = s.assignBoard
        b.fill(x: 0, y: 1, width: b.width, height: 1, style: .tableHeader)
        let nameW = 18, roleW = st.language == .zh ? 10 : 14, teamW = 12, dutyW = 8, loadW = 6
        var x = 2
        for (title, w) in [(st.t("处理人", "handler"), nameW), (st.t("角色", "role"), roleW), (st.t("班组", "team"), teamW),
                           (st.t("在岗", "on duty"), dutyW), (st.t("未结", "open"), loadW), (st.t("最紧时限", "worst clock"), 20)] {
            x += b.putPadded(title, x: x, y: 1, width: min(w, max(0, b.width - x)), style: .tableHeader) + 1
        }
        let top = 2
        let rows = s.height - 4
        if board.loaded && board.entries.isEmpty {
            b.put(st.t("   没有在岗或持有未结案件的处理人", "   nobody on duty or holding open cases"), x: 0, y: top, style: .muted)
        }
        let first = max(0, min(board.cursor - rows + 1, board.entries.count - rows))
        for i in 0..<rows {
            let index = first + i
            guard let e = board.entries[safe: index] else { break }
            let y = top + i
            let selected = index == board.cursor
            let base: StyleRole = selected ? .selected : (e.onDuty ? .normal : .muted)
            b.fill(x: 0, y: y, width: b.width, height: 1, style: base)
            var x = 2
            x += b.putPadded(who(e.user), x: x, y: y, width: nameW, style: base) + 1
            x += b.putPadded(e.user.role.label(st.language), x: x, y: y, width: roleW, style: base) + 1
            x += b.putPadded(SafeText.sanitize(e.user.team), x: x, y: y, width: teamW, style: base) + 1
            x += b.putPadded(e.onDuty ? st.t("在岗", "yes") : st.t("不在岗", "absent"), x: x, y: y, width: dutyW, style: base) + 1
            x += b.putPadded(String(e.openLoad), x: x, y: y, width: loadW - 1, style: base, alignRight: true) + 2
            let (clock, style) = worstClock(e.earliestDue, s)
            b.putPadded(clock, x: x, y: y, width: max(0, b.width - x), style: selected ? base : style)
        }
        let statusY = s.height - 2
        b.fill(x: 0, y: statusY, width: b.width, height: 1, style: .paneTitle)
        let onDuty = board.entries.filter(\.onDuty).count
        b.put(st.t(" 在岗 \(onDuty) 人 · 不在岗仍有未结件 \(board.entries.count - onDuty) 人 · 最紧时限 = 其未结件中最早的到期时间",
                   " \(onDuty) on duty · \(board.entries.count - onDuty) absent holding open cases · worst clock = their earliest due time"),
              x: 0, y: statusY, style: .paneTitle, maxWidth: b.width)
        ConsoleView.footer(&b, s, y: s.height - 1, commands: [.moveAll, .open, .help, .back])
    }

    /// The proposed move, every receiver with their load before and after, then each case.
    static func drawPlan(_ b: inout CellBuffer, _ s: ConsoleState, _ plan: MoveAllPlan) {
        let st = s.settings
        ConsoleView.header(&b, s, title: st.t("移交确认", "Confirm the move"))
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
        let first = max(0, min(s.assignBoard.planScroll, lines.count - rows))
        for i in 0..<rows {
            guard let (text, style) = lines[safe: first + i] else { break }
            if style == .tableHeader { b.fill(x: 0, y: 1 + i, width: b.width, height: 1, style: style) }
            b.put(text, x: 0, y: 1 + i, style: style, maxWidth: b.width)
        }
        let y = s.height - 2
        b.fill(x: 0, y: y, width: b.width, height: 1, style: .overlayTitle)
        b.put(st.t(" y 确认移交    n / Esc 取消(不改动任何案件)    ↑↓ 滚动", " y move them    n / Esc cancel (nothing changes)    Up/Down scroll"),
              x: 0, y: y, style: .overlayTitle, maxWidth: b.width)
        ConsoleView.footer(&b, s, y: s.height - 1, commands: [])
    }
}
