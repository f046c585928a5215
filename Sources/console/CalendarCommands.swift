import ArgumentParser
import CaseModel
import TerminalKit
import Foundation

/// `console calendar`: the working calendars.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "Show working calendars: working days, holidays, make-up days, the years each one knows.",
                                                    subcommands: [Show.self, Check.self, Coverage.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A month view: working days, holidays (休/H), make-up working days (班/W), special hours (短/S), weekends (末/-) and unknown years (?).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The month, YYYY-MM.") var month: String
        @Option(help: "business, duty, 24x7 or a desk's own.") var calendar: String = "business"
        @Flag var json = false

        func run() throws {
            let first = try CivilDate.readMonth(month, field: "month")
            let y = first.year, m = first.month
            let cal = try CalendarCommand.calendar(calendar)
            let days = (0..<CivilDate.daysIn(year: y, month: m)).map { cal.dayInfo(first.adding(days: $0)) }
            if json {
                print(CaseJSON.text(days.map(CalendarCommand.dayObject)))
                return
            }
            let l = global.language, zh = l == .zh
            let kinds: [DayKind] = [.holiday, .makeUpWorkday, .specialHours, .weekend, .unknownYear]
            let legend = kinds.map { "\($0.mark(l)) \($0.label(l))" }.joined(separator: " · ")
            print("\(ClockExplanation.calendarName(calendar, l))\(zh ? "（\(calendar)）" : "")  \(month)   \(legend)")
            print(zh ? " 一   二   三   四   五   六   日" : " Mo   Tu   We   Th   Fr   Sa   Su")
            var line = String(repeating: "     ", count: first.isoWeekday - 1)
            for d in days {
                line += String(format: "%2d", d.date.day) + DisplayWidth.pad(d.kind.mark(l), to: 2) + " "
                if d.date.isoWeekday == 7 { print(line); line = "" }
            }
            if !line.isEmpty { print(line) }
            let notes = days.filter { !$0.label.isEmpty }.map { "\($0.date.iso) \($0.kind.label(l)) \(HolidayLabel.text($0.label, l))" }
            if !notes.isEmpty { print(""); notes.forEach { print($0) } }
            if days.contains(where: { $0.kind == .unknownYear }) {
                print(zh ? "\n? \(ClockExplanation.calendarName(calendar, l))未录入 \(y) 年的节假日：涉及该年的时限均为暂定。请按国务院办公厅通知补录日历文件（`covers \(y)`，见 README）。"
                         : "\n? \(y) is not covered by the \(calendar) calendar: deadlines reaching it are provisional. Drop in a file with its official holidays (`covers \(y)`).")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Whether a date is a working day, and why.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The date, YYYY-MM-DD.") var date: String
        @Option var calendar: String = "business"
        @Flag var json = false

        func run() throws {
            let d = try CivilDate.read(date, field: "date")
            let info = try CalendarCommand.calendar(calendar).dayInfo(d)
            if json { print(CaseJSON.text(CalendarCommand.dayObject(info))); return }
            let periods = info.periods.map { $0.description }.joined(separator: " ")
            if global.language == .zh {
                let name = ClockExplanation.calendarName(calendar, .zh)
                let why: String
                switch info.kind {
                case .workday: why = "正常工作日"
                case .weekend: why = "周末"
                case .holiday: why = "节假日（\(info.label)）"
                case .makeUpWorkday: why = "调休上班（\(info.label)）"
                case .specialHours: why = "特别工作时间（\(info.label)）"
                case .unknownYear: why = "\(name)未录入这一年，按每周工作日推算（暂定）"
                }
                print("\(d.iso) 在\(name)上\(info.isWorkingDay ? "上班" : "休息")：\(why)\(periods.isEmpty ? "" : "；工作时间 \(periods)")")
                return
            }
            let why: String
            switch info.kind {
            case .workday: why = "a normal working day"
            case .weekend: why = "a weekend day"
            case .holiday: why = "a public holiday (\(HolidayLabel.text(info.label, .en)))"
            case .makeUpWorkday: why = "a make-up working day (\(HolidayLabel.text(info.label, .en)))"
            case .specialHours: why = "special hours (\(HolidayLabel.text(info.label, .en)))"
            case .unknownYear: why = "in a year the \(calendar) calendar does not cover: assumed from the weekly pattern (provisional)"
            }
            print("\(d.iso) \(info.isWorkingDay ? "working" : "not working") on \(calendar): \(why)\(periods.isEmpty ? "" : "; hours \(periods)")")
        }
    }

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which years each calendar knows, and whether the ones clocks count on cover the days ahead (exit 3 when not).",
            discussion: "A business calendar without next year's State Council notice makes deadlines reaching into that year provisional: add the year's file before it comes within the horizon (README, \"A new year's holidays\").")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Days ahead to look at.") var days: Int = 90
        @Flag var json = false

        func run() throws {
            try DeskBounds.check(days, in: 0...3660, field: "--days")
            let coverage = try DeskSetup.policy().calendarCoverage(at: try global.clock().now(), horizonDays: days)
            if json { print(CaseJSON.text(coverage.object, pretty: true)) } else { coverage.lines(global.language).forEach { print($0) } }
            if !coverage.coversHorizon { throw ExitCode(3) }
        }
    }

    static func calendar(_ name: String) throws -> WorkCalendar {
        let policy = try DeskSetup.policy()
        guard let c = policy.calendars[name] else {
            throw CommandFailure("no calendar named \"\(name)\" (known: \(policy.calendars.names.joined(separator: ", ")))", "没有名为 \"\(name)\" 的日历（已有：\(policy.calendars.names.joined(separator: "、"))）", code: 2)
        }
        return c
    }

    static func dayObject(_ d: DayInfo) -> [String: Any] {
        ["date": d.date.iso, "kind": d.kind.rawValue, "working": d.isWorkingDay, "label": d.label,
         "provisional": d.isProvisional, "periods": d.periods.map(\.description)]
    }
}

/// `console deadline`: one deadline computation.
struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deadline", abstract: "Compute a due time: --from TIME --add \"3 working days\".")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The start instant (ISO 8601; default now).") var from: String?
    @Option(help: "The allowance: \"2 working hours\", \"3 working days\", \"15 days\", \"same day\".") var add: String
    @Option var calendar: String = "business"
    @Flag var json = false

    func run() throws {
        let start: Instant
        if let from {
            start = try DeskTime.standard.read(from, field: "--from")
        } else { start = try global.clock().now() }
        let allowance: Allowance
        do { allowance = try Allowance(parsing: add) } catch { throw CommandFailure("--add: \(error)", "--add：\(error)", code: 2) }
        let cal = try CalendarCommand.calendar(calendar)
        let d = cal.deadline(for: allowance, from: start)
        if json {
            print(CaseJSON.text(["from": DeskTime.standard.format(start), "add": allowance.description, "calendar": calendar,
                                 "due": DeskTime.standard.format(d.due), "provisional": d.provisional,
                                 "working_minutes": cal.workingMinutes(from: start, to: d.due)] as [String: Any]))
        } else {
            print(DeskTime.standard.format(d.due) + (d.provisional ? "  (provisional: reaches a year the \(calendar) calendar does not cover)" : ""))
        }
    }
}

/// `console clocks`: every clock of a case, and with `--explain` why each is due when it is.
struct ClocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clocks", abstract: "Every open clock of a case: due time, working time left or overdue, state; --explain says why.",
        discussion: "Time left and overdue are both the clock's own working time (H:MM, or N天H:MM / Nd H:MM from one working day of its calendar on), with the wall-clock due time beside them (docs/clocks-and-durations.md).")
    @OptionGroup var global: GlobalOptions
    @Argument var number: String
    @Flag(help: "Explain each clock: rule, calendar, start, the days skipped and added.") var explain = false
    @Flag var json = false

    func run() throws {
        let desk = try global.openDesk()
        let now = desk.clock.now()
        let (c, explained) = try desk.explainClocks(number, actor: global.actor)
        let clocks = desk.clocks(of: c)
        let l = global.language, zh = l == .zh
        if json {
            print(CaseJSON.text(clocks.map { k -> [String: Any] in
                let r = k.reading(at: now), f = ClockFigure(k, at: now)
                var o: [String: Any] = ["stage": k.stage.rawValue, "started_at": DeskTime.standard.format(k.startedAt), "due": DeskTime.standard.format(k.due),
                        "calendar": k.calendar.name, "state": r.state.rawValue, "working_seconds_left": r.workingSecondsLeft,
                        "left": f.signed(.en), "fraction_used": (r.fractionUsed * 1000).rounded() / 1000, "provisional": r.provisional]
                if explain, let e = ClockExplanation(k, at: now) { o["explanation"] = e.lines(l) }
                return o
            }))
            return
        }
        if clocks.isEmpty {
            print(zh ? "\(c.number)：没有进行中的时限（\(c.status.zh)，\(c.kind.zh)）" : "\(c.number): no open clock (\(c.status.rawValue), \(c.kind.rawValue))")
            return
        }
        if explain {
            for (i, e) in explained.enumerated() {
                if i > 0 { print("") }
                e.lines(l).forEach { print($0) }
            }
            return
        }
        let headers = zh ? ["阶段", "起算", "应于", "剩余/超时(工作时间)", "已用", "状态", "日历"]
                         : ["stage", "started", "due", "left (working)", "used", "state", "calendar"]
        var t = TextTable(headers: headers, rightAligned: [3, 4])
        for k in clocks {
            let r = k.reading(at: now), f = ClockFigure(k, at: now)
            t.rows.append([k.stage.label(l), DeskTime.standard.short(k.startedAt),
                           DeskTime.standard.short(k.due), f.left(l), "\(Int(clamping: (r.fractionUsed * 100).rounded()))%",
                           r.state.label(l) + (r.provisional ? (zh ? " 暂定" : " provisional") : ""), ClockExplanation.calendarName(k.calendar.name, l)])
        }
        print(t.render(maxWidth: 200))
    }
}

/// `console recompute`: refresh stored due times after a policy or calendar change.
struct RecomputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recompute", abstract: "Refresh every stored due time from the current policy and calendars.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let desk = try global.openDesk()
        let progress = ProgressLine("recomputing", unit: "cases", quiet: global.quiet)
        let r: RecomputeResult
        do {
            defer { progress.finish() }
            r = try desk.recomputeDueTimes(actor: global.actor, progress: progress.sink)
        }
        print(OutputLanguage.say("recomputed \(r.examined) case(s); \(r.changed) due time(s) changed (policy \(desk.policy.version))", "已重算 \(r.examined) 件案件；\(r.changed) 个到期时间有变（策略 \(desk.policy.version)）"))
    }
}

/// `console config`: the desk's editable files.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "The policy and calendar files a desk edits.",
                                                    subcommands: [WriteDefaults.self, Path.self])

    struct WriteDefaults: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "write-defaults", abstract: "Write the shipped policy, calendars and reply scripts to the config directory for editing (never overwrites).")
        func run() throws {
            let dir = DeskPaths.configDirectory()
            try FileManager.default.createDirectory(atPath: dir + "/calendars", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: dir + "/scripts", withIntermediateDirectories: true)
            var files = [(dir + "/policy.conf", DefaultPolicyFile.text)]
            for f in DefaultCalendarFiles.files() { files.append((dir + "/calendars/" + f.name, f.text)) }
            // The reply scripts (docs/scripts.md): a file kept here replaces the shipped one of its id and language.
            for f in DefaultScripts.files() { files.append((dir + "/scripts/" + f.name, f.text)) }
            for (path, text) in files {
                if FileManager.default.fileExists(atPath: path) { print(OutputLanguage.say("kept    \(path) (exists)", "保留    \(path)（已存在）")); continue }
                try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
                print(OutputLanguage.say("written \(path)", "已写入  \(path)"))
            }
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the config directory.")
        func run() throws { print(DeskPaths.configDirectory()) }
    }
}
