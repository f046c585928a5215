import CaseModel
import Foundation
import TerminalKit

/// What every screen draws around its content: the header line (desk, user and role, time, on
/// duty, the business calendar's state), rules, and the footer (progress, the status message or
/// key hints from the key map); and the notice when the terminal is too small.
enum ScreenChrome {
    /// Below 80×24 the layout would break: say so, in both languages, centred.
    static func drawTooSmall(_ b: inout CellBuffer, _ s: ConsoleState) {
        let lines = [
            s.settings.t("请放大终端窗口", "Please enlarge the terminal"),
            s.settings.t("至少 \(ConsoleState.minWidth)×\(ConsoleState.minHeight),当前 \(s.width)×\(s.height)",
                         "at least \(ConsoleState.minWidth)×\(ConsoleState.minHeight), now \(s.width)×\(s.height)"),
            s.settings.t("F10 退出", "F10 quits"),
        ]
        let top = max(0, (s.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let w = DisplayWidth.of(line)
            b.put(line, x: max(0, (s.width - w) / 2), y: top + i, style: i == 0 ? .error : .normal)
        }
    }

    /// A full-width rule.
    static func rule(_ b: inout CellBuffer, _ s: ConsoleState, y: Int, x: Int = 0, width: Int? = nil) {
        let g = Glyphs.of(s.settings)
        let w = width ?? (b.width - x)
        b.put(String(repeating: g.horizontal, count: max(0, w)), x: x, y: y, style: .border, maxWidth: w)
    }

    /// The header line every screen shares: desk, user (by the roster's name) and role, time, on
    /// duty; on the right, in this order as room allows, why the desk is read-only for this user,
    /// the calendar coverage warning, and the business calendar's state today.
    static func header(_ b: inout CellBuffer, _ s: ConsoleState, title: String) {
        let st = s.settings
        // A new critical alert turns the header over for a moment (`HeaderFlash`).
        let flashing = HeaderFlash.isFlashing(s)
        let style: StyleRole = flashing ? .headerFlash : .header
        b.fill(x: 0, y: 0, width: b.width, height: 1, style: style)
        var parts: [String] = [(flashing ? st.t(" 【新紧急告警】", " [NEW CRITICAL]") : "") + " " + title]
        let d = s.dashboard.data
        let role = d?.cases.reader.map { "(\($0.role.label(st.language)))" } ?? ""
        parts.append(SafeText.sanitize(s.names.name(st.userName)) + role)
        parts.append(ClockText.headerTime(s.now, st))
        let onDuty = d.map { st.t("在岗 \($0.cases.onDuty.count)/\($0.cases.activeUsers)", "on duty \($0.cases.onDuty.count)/\($0.cases.activeUsers)") }
        if st.readOnly && st.writeAccess == nil { parts.append(st.t("[只读]", "[read-only]")) }
        // The on-duty count gives way to the calendar's state when both do not fit (a long title
        // at 80 columns): a holiday note cut to "春节·顺延至02-…" tells nothing.
        let calendarWidth = calendarState(s).map { DisplayWidth.of($0.short) + 2 } ?? 0
        if let onDuty, DisplayWidth.of((parts + [onDuty]).joined(separator: "  ")) + calendarWidth <= b.width || calendarWidth == 0 {
            parts.insert(onDuty, at: 3)
        }
        let left = parts.joined(separator: "  ")
        let x = b.put(left, x: 0, y: 0, style: style)
        let room = b.width - x - 2
        var pieces: [String] = []
        var used = 0
        func add(_ t: String) -> Bool {
            let need = (pieces.isEmpty ? 0 : 3) + DisplayWidth.of(t)
            guard used + need <= room else { return false }
            pieces.append(t)
            used += need
            return true
        }
        // Being read-only comes first: it is what a person about to type needs to know. The
        // first piece is cut (with `…`) rather than left out; the status line says it whole at start.
        var first: [String] = []
        if st.readOnly, let why = st.writeAccess?.text(st.language) { first.append(SafeText.sanitize(why)) }
        if let notice = d?.coverage?.notice(st.language) { first.append(notice) }
        for t in first where !add(t) && pieces.isEmpty && room >= 8 {
            pieces.append(DisplayWidth.truncate(t, to: room))
            used = room
        }
        let warn = !pieces.isEmpty && !first.isEmpty
        if let cal = calendarState(s), !add(cal.long), !add(cal.short), pieces.isEmpty, room >= 8 {
            pieces.append(DisplayWidth.truncate(cal.short, to: room))
        }
        guard !pieces.isEmpty else { return }
        let text = pieces.joined(separator: " · ")
        b.put(text, x: b.width - DisplayWidth.of(text) - 1, y: 0, style: flashing ? .headerFlash : warn ? .warning : .headerAccent)
    }

    /// The business calendar's state today: "春节假期 · 业务时限顺延至02-24", a workday, or unknown.
    static func calendarState(_ s: ConsoleState) -> (long: String, short: String)? {
        guard let cal = s.dashboard.data?.businessCalendar else { return nil }
        let st = s.settings
        let today = DeskTime.standard.civil(s.now).date
        let info = cal.dayInfo(today)
        func nextWorking() -> String {
            var d = today.adding(days: 1)
            for _ in 0..<40 {
                if cal.dayInfo(d).isWorkingDay { return "\(ClockText.pad2(d.month))-\(ClockText.pad2(d.day))" }
                d = d.adding(days: 1)
            }
            return "?"
        }
        switch info.kind {
        case .holiday:
            let label = info.label.isEmpty ? st.t("节假日", "holiday") : SafeText.sanitize(HolidayLabel.text(info.label, st.language))
            return (st.t("\(label)假期 · 业务时限顺延至\(nextWorking())", "\(label) holiday · business clocks deferred to \(nextWorking())"),
                    st.t("\(label)·顺延至\(nextWorking())", "holiday→\(nextWorking())"))
        case .weekend:
            return (st.t("周末 · 业务时限顺延至\(nextWorking())", "weekend · business clocks deferred to \(nextWorking())"),
                    st.t("周末·顺延至\(nextWorking())", "weekend→\(nextWorking())"))
        case .makeUpWorkday:
            return (st.t("调休上班日", "make-up working day"), st.t("调休", "make-up day"))
        case .specialHours:
            return { let t = info.label.isEmpty ? st.t("特殊工作时间", "special hours") : SafeText.sanitize(HolidayLabel.text(info.label, st.language)); return (t, t) }()
        case .unknownYear:
            return (st.t("日历未知 · 时限为暂定", "calendar unknown · deadlines provisional"), st.t("日历未知", "calendar?"))
        case .workday:
            return (st.t("工作日", "working day"), st.t("工作日", "workday"))
        }
    }

    /// The bottom line: a long effect's progress while one runs, else the status message when
    /// there is one, else key hints from the key map.
    static func footer(_ b: inout CellBuffer, _ s: ConsoleState, y: Int, commands: [Command]) {
        b.fill(x: 0, y: y, width: b.width, height: 1, style: .footer)
        if let a = s.activity {
            b.put(" " + activityLine(a, s.settings), x: 0, y: y, style: .message)
            return
        }
        if let m = s.message {
            b.put(" " + SafeText.sanitize(m.text), x: 0, y: y, style: m.isError ? .error : .message)
            return
        }
        if let p = s.alertProblem {
            // Stays until an evaluation succeeds: alerts are not being raised meanwhile.
            b.put(" " + s.settings.t("告警未能计算: ", "Alerts not evaluated: ") + SafeText.sanitize(p), x: 0, y: y, style: .error)
            return
        }
        var x = 1
        let map = s.settings.keyMap
        let role = s.role, context = s.keyContext
        // Only what this user may do here: no write on a read-only desk, nothing the role may not do.
        for c in commands where c.permitted(for: role) && !(s.settings.readOnly && !c.permissions.isEmpty) {
            guard let key = map.firstKey(for: c, in: context) else { continue }
            let name = key.name
            // On the dashboard "back" is leaving the console (after the question): say so.
            let label = c == .back && s.screen == .dashboard ? s.settings.t("退出", "quit") : c.label(s.settings)
            let need = DisplayWidth.of(name) + 1 + DisplayWidth.of(label) + 2
            if x + need > b.width { break }
            x += b.put(name, x: x, y: y, style: .footerKey)
            x += b.put(" " + label + "  ", x: x, y: y, style: .footer)
        }
    }

    /// "正在移交 6919 件… 2800/6919  3.2 秒 /": what a long effect is doing, how far, how long,
    /// and a spinner turning every 50 ms (the sign the console is alive while nothing counts).
    static func activityLine(_ a: Activity, _ st: ConsoleSettings) -> String {
        var text = a.text + "…"
        if let done = a.done { text += "  " + (a.total.map { "\(done)/\($0)" } ?? "\(done)") }
        let tenths = a.elapsedTwentieths / 2
        let seconds = "\(tenths / 10).\(tenths % 10)"
        let spinner = ["|", "/", "-", "\\"][a.elapsedTwentieths % 4]
        return text + "  " + st.t("\(seconds) 秒", "\(seconds) s") + " " + spinner
    }
}
