import CaseModel
import TerminalKit

/// A month of each of the desk's calendars, as the text viewer shows it (`:calendar`, F9): a grid
/// per calendar with 休 on holidays and 班 on make-up working days (调休), the named spans spelled
/// out under it, which years each calendar knows, and the warning when the days ahead reach a
/// year a calendar in use does not know (docs/console-reading.md).
enum CalendarPage {
    /// The page's lines (the viewer wraps them).
    static func lines(year: Int, month: Int, _ s: ConsoleState) -> [String] {
        let st = s.settings, zh = st.language == .zh
        guard let data = s.dashboard.data, !data.calendars.isEmpty else { return [st.t("日历读取中…", "Reading the calendars…")] }
        var out: [String] = []
        if let notice = data.coverage?.notice(st.language) { out += ["! " + notice, ""] }
        // The month, then the legend on lines of their own: wrapped at 80 columns, a legend after
        // the month broke in the middle of a word (`未录入该` / `年`).
        out.append(zh ? "\(year)年\(month)月" : "\(monthName(month)) \(year)")
        out += zh ? ["休=节假日(时限顺延)  班=调休上班(计入时限)  特=特别工时  ?=未录入该年"]
                  : ["H = holiday (clocks deferred)    W = make-up working day (counted)", "S = special hours    ? = year not in the calendar"]
        guard let first = CivilDate(year: year, month: month, day: 1) else { return out }
        for cal in data.calendars {
            out.append("")
            // By its name only: the file's code (`business`) is for `console calendar show --calendar`.
            out.append(ClockExplanation.calendarName(cal.name, st.language) + "  " + known(cal, st))
            out += grid(cal, first, st)
            out += spans(cal, first, st)
        }
        return out
    }

    /// `已录入 2025、2026` / `knows 2025, 2026`.
    static func known(_ cal: WorkCalendar, _ st: ConsoleSettings) -> String {
        switch cal.definition.coverage {
        case .all: return st.t("所有年份(不含节假日)", "every year (no holidays)")
        case .years(let ys):
            let list = ys.sorted().map(String.init).joined(separator: st.t("、", ", "))
            return st.t("已录入 ", "knows ") + (list.isEmpty ? st.t("无", "none") : list)
        }
    }

    /// The month's days under weekday headings, each with its mark.
    static func grid(_ cal: WorkCalendar, _ first: CivilDate, _ st: ConsoleSettings) -> [String] {
        let heads = st.language == .zh ? ["周一", "周二", "周三", "周四", "周五", "周六", "周日"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var out = ["  " + heads.map { DisplayWidth.pad($0, to: 6) }.joined()]
        var row = "  " + String(repeating: " ", count: 6 * (first.isoWeekday - 1))
        var day = first
        while day.month == first.month {
            row += DisplayWidth.pad((day.day < 10 ? " \(day.day)" : "\(day.day)")
                                    + mark(cal.dayInfo(day).kind, st), to: 6)
            if day.isoWeekday == 7 {
                out.append(row.trimmingSuffixSpaces)
                row = "  "
            }
            day = day.adding(days: 1)
        }
        if row.trimmingSuffixSpaces.count > 0 { out.append(row.trimmingSuffixSpaces) }
        return out
    }

    /// 休, 班, 特, ? or nothing (a weekday's column already says weekend).
    static func mark(_ kind: DayKind, _ st: ConsoleSettings) -> String {
        switch kind {
        case .holiday: return st.t("休", "H")
        case .makeUpWorkday: return st.t("班", "W")
        case .specialHours: return st.t("特", "S")
        case .unknownYear: return "?"
        case .workday, .weekend: return ""
        }
    }

    /// The month's holidays, make-up days and special days in words: `春节 02-15–02-23 休`.
    static func spans(_ cal: WorkCalendar, _ first: CivilDate, _ st: ConsoleSettings) -> [String] {
        var runs: [(kind: DayKind, label: String, from: CivilDate, to: CivilDate)] = []
        var day = first
        while day.month == first.month {
            let info = cal.dayInfo(day)
            if [.holiday, .makeUpWorkday, .specialHours].contains(info.kind) {
                if let last = runs.last, last.kind == info.kind, last.label == info.label, last.to.adding(days: 1) == day {
                    runs[runs.count - 1].to = day
                } else {
                    runs.append((info.kind, info.label, day, day))
                }
            }
            day = day.adding(days: 1)
        }
        guard !runs.isEmpty else { return [st.t("  本月无节假日或调休", "  no holidays or make-up days this month")] }
        return runs.map { r in
            let range = md(r.from) + (r.from == r.to ? "" : "–" + md(r.to))
            let label = SafeText.sanitize(HolidayLabel.text(r.label, st.language))
            switch r.kind {
            case .holiday: return "  " + (label.isEmpty ? st.t("节假日", "holiday") : label) + " " + range + st.t(" 休", " holiday")
            case .makeUpWorkday: return "  " + range + st.t(" 调休上班", " make-up working day") + (label.isEmpty ? "" : " (\(label))")
            default: return "  " + range + st.t(" 特别工作时间", " special hours") + (label.isEmpty ? "" : " (\(label))")
            }
        }
    }

    static func md(_ d: CivilDate) -> String { "\(ClockText.pad2(d.month))-\(ClockText.pad2(d.day))" }

    static func monthName(_ m: Int) -> String {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][max(1, min(12, m)) - 1]
    }
}

extension String {
    /// Without spaces at the end.
    var trimmingSuffixSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
