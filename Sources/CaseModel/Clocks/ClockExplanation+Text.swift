extension ClockExplanation {
    /// The explanation as lines for a person: the figure first, then rule, start, calendar, the
    /// days skipped and added, how the due time was counted, and whether it is provisional.
    public func lines(_ language: Language) -> [String] {
        let zh = language == .zh
        let t = ClockExplanation.time
        var out: [String] = []
        out.append(zh ? "\(stage.zh)  应于 \(t(figure.due))  \(figure.left(.zh))"
                      : "\(stage.en): due \(t(figure.due)), \(figure.left(.en))")
        out.append((zh ? "  规则：" : "  rule: ") + ruleText(language))
        out.append(zh ? "  起算：\(t(startedAt))（\(startText(.zh))）" : "  starts: \(t(startedAt)) (\(startText(.en)))")
        out.append((zh ? "  日历：" : "  calendar: ") + calendarText(language))
        if !skipped.isEmpty {
            out.append((zh ? "  不计：" : "  not counted: ") + skipped.map { span($0, language) }.joined(separator: zh ? "；" : "; "))
        }
        if !added.isEmpty {
            out.append((zh ? "  计入：" : "  counted: ") + added.map { span($0, language) }.joined(separator: zh ? "；" : "; "))
        }
        if let counting = countingText(language) { out.append((zh ? "  计算：" : "  counting: ") + counting) }
        if !unknownYears.isEmpty {
            let years = unknownYears.map(String.init).joined(separator: zh ? "、" : ", ")
            out.append(zh ? "  暂定：\(years) 年的节假日尚未录入日历，按每周工作日推算（见 `console calendar coverage`）"
                          : "  provisional: the holidays of \(years) are not in the calendar; counted on the weekly pattern (see `console calendar coverage`)")
        }
        return out
    }

    /// `2026-02-26 17:30`.
    static func time(_ t: Instant) -> String { RefusalReason.chineseTime(t) }

    /// `02-15–02-23` or `02-28`.
    static func range(_ a: CivilDate, _ b: CivilDate) -> String {
        func md(_ d: CivilDate) -> String { String(d.iso.dropFirst(5)) }
        return a == b ? md(a) : "\(md(a))–\(md(b))"
    }

    func ruleText(_ language: Language) -> String {
        let zh = language == .zh
        switch basis.rule {
        case let .allowance(a, column):
            return zh ? "\(ClockExplanation.columnName(column))件\(stage.zh)：\(a.text(.zh))" : "\(stage.en), \(column.rawValue) case: \(a)"
        case .specialAsMajor(let a):
            return zh ? "特殊件的时限待上级确定，暂按重大件 \(a.text(.zh)) 计" : "special case: until a superior sets the time, counted as a major case: \(a)"
        case let .raisedToMajor(general, major, at, majorEarlier):
            return zh ? "严重度于 \(ClockExplanation.time(at)) 升为重大：取一般件时限（\(general.text(.zh))，自起算）与重大件时限（\(major.text(.zh))，自升级）中较早者，即\(majorEarlier ? "重大件时限" : "一般件时限")"
                : "severity rose to major at \(ClockExplanation.time(at)): the earlier of the general allowance (\(general), from the start) and the major one (\(major), from the change), here the \(majorEarlier ? "major" : "general") one"
        case let .promised(at, rule):
            let was = rule.map { zh ? "，原时限 \($0.text(.zh))" : "; the rule's allowance was \($0)" } ?? ""
            return zh ? "已批准延期：向客户承诺 \(ClockExplanation.time(at)) 前完成\(was)" : "an approved extension: completion promised to the complainant by \(ClockExplanation.time(at))\(was)"
        case .sameDay(let n):
            return zh ? "第 \(n) 次投诉，须当日办结（当日值班结束时）" : "complaint #\(n) on the same matter: handled the same day (the end of today's hours)"
        case .none:
            return zh ? "政策未规定时限：起算即到期" : "the policy gives no allowance: due when it starts"
        }
    }

    func startText(_ language: Language) -> String {
        let zh = language == .zh
        switch basis.start {
        case .receipt: return zh ? "受理时间" : "received"
        case .reopened: return zh ? "重新打开" : "reopened"
        case .submission: return zh ? "提交审批" : "submitted for approval"
        case .approval: return zh ? "审批通过" : "approved"
        case .closing: return zh ? "结案" : "closed"
        case .columnChange: return zh ? "关联为重复投诉" : "linked as a repeat"
        }
    }

    func calendarText(_ language: Language) -> String {
        let zh = language == .zh
        let name = ClockExplanation.calendarName(calendar, language)
        let periods = hours.map(\.description).joined(separator: zh ? "、" : " ")
        let days: String
        switch workingWeekdays {
        case [1, 2, 3, 4, 5]: days = zh ? "周一至周五" : "Monday to Friday"
        case Array(1...7): days = zh ? "每天" : "every day"
        default:
            let zhNames = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"], enNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            days = workingWeekdays.map { (zh ? zhNames : enNames)[$0 - 1] }.joined(separator: zh ? "、" : ", ")
        }
        if periods == "00:00-24:00" { return zh ? "\(name)，\(days)全天" : "\(name), \(days), all day" }
        return zh ? "\(name)，\(days) \(periods)" : "\(name), \(days) \(periods)"
    }

    func span(_ s: DaySpan, _ language: Language) -> String {
        let zh = language == .zh
        let r = ClockExplanation.range(s.first, s.last)
        let label = HolidayLabel.text(s.label, language)
        switch s.kind {
        case .holiday: return zh ? "\(label.isEmpty ? "节假日" : label) \(r) 休（顺延）" : "\(label.isEmpty ? "holiday" : label) \(r) (holiday, deferred)"
        case .weekend: return zh ? "周末 \(r)" : "weekend \(r)"
        case .makeUpWorkday: return zh ? "\(r) 调休上班\(label.isEmpty ? "" : "（\(label)）")" : "\(r) make-up working day\(label.isEmpty ? "" : " (\(label))")"
        case .specialHours: return zh ? "\(r) 特别工作时间\(label.isEmpty ? "" : "（\(label)）")" : "\(r) special hours\(label.isEmpty ? "" : " (\(label))")"
        case .workday, .unknownYear: return r
        }
    }

    func countingText(_ language: Language) -> String? {
        let zh = language == .zh
        guard let a = basis.allowance else { return nil }
        switch a.unit {
        case .workingDays:
            let days = countedDays.map { String($0.iso.dropFirst(5)) }.joined(separator: zh ? "、" : ", ")
            return zh ? "起算当日不计，第 \(a.amount) 个工作日下班时到期（\(days)）"
                : "the start day is not counted; due at the close of working day \(a.amount) after it (\(days))"
        case .calendarDays:
            guard let end = calendarDayEnd else { return nil }
            let endText = String(end.iso.dropFirst(5)), dueText = ClockExplanation.time(figure.due)
            let deferred = !(dueText.hasPrefix(end.iso))
            return zh ? "起算当日不计，第 \(a.amount) 天为 \(endText)，" + (deferred ? "非工作日，顺延至 \(dueText)" : "当日下班时到期")
                : "the start day is not counted; day \(a.amount) is \(endText), " + (deferred ? "not a working day: deferred to \(dueText)" : "due at its close")
        case .workingHours, .workingMinutes:
            let from = firstWorkingInstant.map { zh ? "，起算时不在工作时间，自 \(ClockExplanation.time($0)) 起计" : "; it started outside working hours, so it counts from \(ClockExplanation.time($0))" } ?? ""
            return zh ? "按\(ClockExplanation.calendarName(calendar, .zh))的工作时间计 \(a.text(.zh))\(from)" : "\(a) of the calendar's working time\(from)"
        case .sameDay:
            return zh ? "当日工作结束时到期；已过则为下一个工作日结束时" : "due at the close of the day, or of the next working day once it has closed"
        }
    }

    /// 一般 / 重大 / 特殊.
    static func columnName(_ c: DeadlineColumn) -> String {
        switch c {
        case .general: "一般"
        case .major: "重大"
        case .special: "特殊"
        }
    }

    /// `业务日历`, `值班日历`, `全天候日历` for the shipped calendars; a desk's own by its name.
    public static func calendarName(_ name: String, _ language: Language) -> String {
        guard language == .zh else { return name + " calendar" }
        switch name {
        case "business": return "业务日历"
        case "duty": return "值班日历"
        case "24x7": return "全天候日历"
        default: return "日历 \(name)"
        }
    }
}
