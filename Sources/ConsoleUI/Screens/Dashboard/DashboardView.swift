import CaseModel
import TerminalKit

/// The dashboard: header, queue matrix, alert pane, countdown list, intake sparkline, crisis
/// ticker and key hints, laid out by `DashboardLayout` for the terminal's size.
enum DashboardView {
    static let labelWidth = 13
    static let numberWidth = 8

    static func draw(_ b: inout CellBuffer, _ s: ConsoleState) {
        let st = s.settings
        let layout = DashboardLayout(width: s.width, height: s.height)
        var title = st.t("投诉值班台", "Complaint desk")
        if let team = s.dashboard.data?.cases.reader?.team, !team.isEmpty { title += " " + SafeText.sanitize(team) }
        ScreenChrome.header(&b, s, title: title)
        ScreenChrome.rule(&b, s, y: 1)
        guard let d = s.dashboard.data else {
            b.put(st.t(" 正在读取…", " Loading…"), x: 0, y: 3, style: .muted)
            ScreenChrome.footer(&b, s, y: layout.footerRow, commands: [.help, .quit])
            return
        }
        let readings = d.countdown.map { ClockText.read($0, at: s.now) }
        drawMatrix(&b, s, d, layout, readings)
        ScreenChrome.rule(&b, s, y: layout.matrixTop + DashboardLayout.matrixRows)
        if layout.wide {
            let g = Glyphs.of(st)
            for y in layout.matrixTop..<(layout.matrixTop + DashboardLayout.matrixRows) {
                b.put(g.vertical, x: layout.matrixWidth, y: y, style: .border)
            }
        } else {
            ScreenChrome.rule(&b, s, y: layout.alertsTop + 1 + layout.alertRows)
        }
        drawAlerts(&b, s, d, layout)
        drawCountdown(&b, s, d, layout, readings)
        ScreenChrome.rule(&b, s, y: layout.sparklineRow - 1)
        drawSparkline(&b, s, d, layout, readings)
        drawTicker(&b, s, d, layout)
        ScreenChrome.footer(&b, s, y: layout.footerRow, commands: [.open, .nextPane, .queue, .acknowledge, .newCase, .commandLine, .help, .back, .search, .handover, .roster])
    }

    /// What `draw` reads from the clock beyond the minute: each countdown row's state (the matrix
    /// colours come from them all), the stage, time left and due time of the rows in view, and
    /// the crisis line.
    static func clockFace(_ s: ConsoleState) -> [String] {
        guard let d = s.dashboard.data else { return [] }
        let st = s.settings
        let layout = DashboardLayout(width: s.width, height: s.height)
        let first = s.dashboard.countdown.window(visible: layout.countdownRows, count: d.countdown.count)
        let shown = first..<(first + layout.countdownRows)
        var face: [String] = []
        face.reserveCapacity(d.countdown.count + 1)
        for (i, row) in d.countdown.enumerated() {
            guard let r = ClockText.read(row, at: s.now) else { face.append(""); continue }
            let mark = ClockText.marker(r.state)
            face.append(shown.contains(i) ? mark + (r.stage?.rawValue ?? "") + ClockText.left(r, st) + ClockText.due(r, st) : mark)
        }
        if let picture = d.crisis { face.append(CrisisLine.text(picture, ticks: s.ticks, now: s.now, width: s.width, st) ?? "") }
        return face
    }

    // MARK: matrix

    static func drawMatrix(_ b: inout CellBuffer, _ s: ConsoleState, _ d: DashboardData, _ layout: DashboardLayout,
                           _ readings: [ClockText.Reading?]) {
        let st = s.settings
        let top = layout.matrixTop
        let focused = s.dashboard.pane == .matrix
        b.putPadded(st.t(" 类别\\严重度", " cat \\ sev"), x: 0, y: top, width: labelWidth, style: focused ? .paneTitleFocused : .paneTitle)
        var x = labelWidth
        for sev in Severity.ordered {
            b.putPadded(sev.label(st.language), x: x, y: top, width: numberWidth, style: .tableHeader, alignRight: true)
            x += numberWidth
        }
        b.putPadded(st.t("合计", "total"), x: x, y: top, width: numberWidth, style: .tableHeader, alignRight: true)

        // The worst clock state per cell: overdue counts from the store, warnings from the loaded
        // countdown rows read at this second.
        var warn: Set<String> = []
        var breach: Set<String> = []
        for (row, r) in zip(d.countdown, readings) {
            guard let r else { continue }
            let key = row.item.category.rawValue + "/" + row.item.severity.rawValue
            if r.state == .breach { breach.insert(key) } else if r.state == .warning { warn.insert(key) }
        }
        var colTotals = [Int](repeating: 0, count: Severity.ordered.count)
        var colOverdue = [Int](repeating: 0, count: Severity.ordered.count)
        var grand = 0, grandOverdue = 0
        for (ri, cat) in Category.allCases.enumerated() {
            let y = top + 1 + ri
            b.putPadded("   " + cat.label(st.language), x: 0, y: y, width: labelWidth)
            var x = labelWidth
            var rowTotal = 0, rowOverdue = 0
            for (ci, sev) in Severity.ordered.enumerated() {
                let cell = d.matrix[cat]?[sev] ?? DeskDashboard.Cell(open: 0, overdue: 0)
                let key = cat.rawValue + "/" + sev.rawValue
                let state: ClockState? = cell.overdue > 0 || breach.contains(key) ? .breach : (warn.contains(key) ? .warning : nil)
                drawCount(&b, s, x: x, y: y, open: cell.open, state: state, selected: focused && s.dashboard.matrixRow == ri && s.dashboard.matrixColumn == ci)
                rowTotal += cell.open; rowOverdue += cell.overdue
                colTotals[ci] += cell.open; colOverdue[ci] += cell.overdue
                x += numberWidth
            }
            grand += rowTotal; grandOverdue += rowOverdue
            drawCount(&b, s, x: x, y: y, open: rowTotal, state: rowOverdue > 0 ? .breach : nil,
                      selected: focused && s.dashboard.matrixRow == ri && s.dashboard.matrixColumn == Severity.ordered.count)
        }
        let ty = top + 1 + Category.allCases.count
        b.putPadded("   " + st.t("合计", "total"), x: 0, y: ty, width: labelWidth, style: .tableHeader)
        var tx = labelWidth
        for ci in 0..<Severity.ordered.count {
            drawCount(&b, s, x: tx, y: ty, open: colTotals[ci], state: colOverdue[ci] > 0 ? .breach : nil,
                      selected: focused && s.dashboard.matrixRow == Category.allCases.count && s.dashboard.matrixColumn == ci)
            tx += numberWidth
        }
        drawCount(&b, s, x: tx, y: ty, open: grand, state: grandOverdue > 0 ? .breach : nil,
                  selected: focused && s.dashboard.matrixRow == Category.allCases.count && s.dashboard.matrixColumn == Severity.ordered.count)
    }

    static func drawCount(_ b: inout CellBuffer, _ s: ConsoleState, x: Int, y: Int, open: Int, state: ClockState?, selected: Bool) {
        let mark = state == .breach ? "!" : (state == .warning ? "'" : " ")
        let text = (open == 0 ? "-" : String(open)) + mark
        b.putPadded(text, x: x, y: y, width: numberWidth, style: selected ? .selected : ClockText.style(state), alignRight: true)
    }

    // MARK: alerts

    /// The alert pane: the role's view grouped by rule and level, worst first, each group with its
    /// count, how many are new, and its newest alert's text (read from the case now).
    static func drawAlerts(_ b: inout CellBuffer, _ s: ConsoleState, _ d: DashboardData, _ layout: DashboardLayout) {
        let st = s.settings
        let x0 = layout.alertsLeft + (layout.wide ? 1 : 0)
        let w = layout.alertsWidth - (layout.wide ? 1 : 0)
        let focused = s.dashboard.pane == .alerts
        var title = st.t(" 告警", " Alerts")
        if let o = d.overview {
            let act = AlertsView.figure(o.needingAction), unack = AlertsView.figure(o.unacknowledged), new = AlertsView.figure(o.new)
            var full = title + st.t(" 需处理 \(act) · 未确认 \(unack)", " \(act) need action · \(unack) unack")
            if o.new > 0 { full += st.t(" · 新 \(new)", " · \(new) new") }
            // A narrow pane (the wide layout at 100 columns) keeps every figure whole rather than
            // cutting the last one: the words shrink, the numbers do not.
            var short = title + st.t(" 需处理\(act) 未确认\(unack)", " act \(act) unack \(unack)")
            if o.new > 0 { short += st.t(" 新\(new)", " new \(new)") }
            title = DisplayWidth.of(full) <= w ? full : short
        } else if let open = d.unacknowledgedAlerts {
            title += st.t(" (未确认 \(open))", " (\(open) unacknowledged)")
        }
        b.putPadded(title, x: x0, y: layout.alertsTop, width: w, style: focused ? .paneTitleFocused : .paneTitle)
        let groups = d.board?.groups ?? []
        if groups.isEmpty {
            b.put(st.t("   无需处理的告警(A 查看全部)", "   nothing needs action (A shows all)"), x: x0, y: layout.alertsTop + 1, style: .muted, maxWidth: w)
            return
        }
        let first = s.dashboard.alerts.window(visible: layout.alertRows, count: groups.count)
        let table = Table(columns: [Table.Column("", width: 4, gap: 0), Table.Column("", width: st.language == .zh ? 11 : 15, gap: 0),
                                    Table.Column("", width: 5, alignment: .right, gap: 0), Table.Column("", width: 6, gap: 0),
                                    Table.Column("", width: 0, gap: 0)]).fitted(to: w)
        let textWidth = table.columns.last?.width ?? 0
        for i in 0..<layout.alertRows {
            let index = first + i
            guard let g = groups[safe: index] else { break }
            let selected = focused && index == s.dashboard.alerts.cursor
            let level = g.key.level
            let marker = level == .critical ? "!!" : (level == .warning ? "! " : "  ")
            var text = ""
            // A sample of the newest alert only where it can say something (a case number alone is
            // 16 columns); a stub like `TS-20260…` is noise on a narrow pane.
            if let newest = g.newest.first?.alert, textWidth >= 18 {
                text = " " + SafeText.sanitize(Masking.maskText(st.language == .zh ? newest.messageZh : newest.messageEn))
            }
            table.drawRow(&b, y: 0, in: Rect(x: x0, y: layout.alertsTop + 1 + i, width: w, height: 1), [
                Table.Cell(" \(marker) "), Table.Cell(g.key.rule.label(st.language)), Table.Cell(AlertsView.figure(g.count)),
                Table.Cell(g.new > 0 ? " +" + AlertsView.figure(g.new) : "", style: .warning), Table.Cell(text),
            ], style: selected ? .selected : AlertsView.levelStyle(level), plain: !selected)
        }
    }

    // MARK: countdown

    static func drawCountdown(_ b: inout CellBuffer, _ s: ConsoleState, _ d: DashboardData, _ layout: DashboardLayout,
                              _ readings: [ClockText.Reading?]) {
        let st = s.settings
        let focused = s.dashboard.pane == .countdown
        b.putPadded(st.t(" 倒计时 (剩余/超时均按该时限的工作时间计)", " Countdown (left/over in the clock's working time)"), x: 0, y: layout.countdownTop, width: b.width,
                    style: focused ? .paneTitleFocused : .paneTitle)
        if d.countdown.isEmpty {
            b.put(st.t("   没有进行中的时限", "   no running deadlines"), x: 0, y: layout.countdownTop + 1, style: .muted)
            return
        }
        let rows = layout.countdownRows
        let first = s.dashboard.countdown.window(visible: rows, count: d.countdown.count)
        let zh = st.language == .zh
        var columns = [Table.Column("", width: 3, gap: 0), Table.Column("", width: 17, gap: 0), Table.Column("", width: zh ? 5 : 8, gap: 0),
                       Table.Column("", width: zh ? 5 : 8, gap: 0), Table.Column("", width: zh ? 9 : 14, gap: 0),
                       Table.Column("", width: 14, gap: 0), Table.Column("", width: 17, gap: 0)]
        let rest = b.width - columns.reduce(0) { $0 + $1.width }
        // The handler gets a column of its own on a wide screen, so the summaries line up.
        let summaries = layout.wide && rest > 12
        if rest > 0 { columns += summaries ? [Table.Column("", width: 12, gap: 0), Table.Column("", width: 0, gap: 0)] : [Table.Column("", width: 0, gap: 0)] }
        let table = Table(columns: columns).fitted(to: b.width)
        for i in 0..<rows {
            let index = first + i
            guard let row = d.countdown[safe: index] else { break }
            let r = readings[index]
            let c = row.item
            let stage = r?.stage.map { $0.label(st.language) } ?? c.status.label(st.language)
            let handler = c.handler.map { SafeText.sanitize(s.names.name($0)) } ?? st.t("未分派", "unassigned")
            var cells = [" " + ClockText.marker(r?.state), c.number, c.category.label(st.language), c.severity.label(st.language), stage,
                         r.map { ClockText.left($0, st) } ?? "-", r.map { ClockText.due($0, st) } ?? ""]
            if rest > 0 { cells += summaries ? [handler, SafeText.sanitize(Masking.maskText(c.summary))] : [handler] }
            let style: StyleRole = focused && index == s.dashboard.countdown.cursor ? .selected : ClockText.style(r?.state)
            table.drawRow(&b, y: layout.countdownTop + 1 + i, cells.map { Table.Cell($0) }, style: style)
        }
    }

    // MARK: bottom lines

    static func drawSparkline(_ b: inout CellBuffer, _ s: ConsoleState, _ d: DashboardData, _ layout: DashboardLayout,
                              _ readings: [ClockText.Reading?]) {
        let st = s.settings
        let g = Glyphs.of(st)
        let peak = max(1, d.cases.intakeByHour.max() ?? 1)
        let bars = d.cases.intakeByHour.map { n -> String in
            n == 0 ? " " : g.bars[min(g.bars.count - 1, (n * g.bars.count - 1) / peak)]
        }.joined()
        let overdue = d.cases.overdue
        let total = d.cases.intakeByHour.reduce(0, +)
        var x = b.put(st.t(" 近24小时受理 ", " Intake, 24 h "), x: 0, y: layout.sparklineRow, style: .paneTitle)
        x += b.put(bars, x: x, y: layout.sparklineRow, style: .sparkline)
        b.put(st.t("  共 \(total) 件  超时 \(overdue)  未分派 \(d.cases.unassigned)", "  \(total) received  \(overdue) overdue  \(d.cases.unassigned) unassigned"),
              x: x, y: layout.sparklineRow)
    }

    /// The crisis line (`CrisisLine`): counts, then one whole event at a time, most urgent first.
    static func drawTicker(_ b: inout CellBuffer, _ s: ConsoleState, _ d: DashboardData, _ layout: DashboardLayout) {
        let st = s.settings
        let y = layout.tickerRow
        if let problem = d.storedProblem?.text(st.language) ?? d.problem {
            b.put(" " + st.t("无法读取: ", "Cannot read: ") + SafeText.sanitize(problem), x: 0, y: y, style: .error, maxWidth: b.width)
            return
        }
        guard let picture = d.crisis, let line = CrisisLine.text(picture, ticks: s.ticks, now: s.now, width: b.width, st) else {
            b.put(st.t(" 【危机】无进行中的危机事件", " [crisis] no active crisis events"), x: 0, y: y, style: .muted)
            return
        }
        b.put(line, x: 0, y: y, style: .ticker, maxWidth: b.width)
    }
}
