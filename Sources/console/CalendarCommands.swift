import ArgumentParser
import CaseModel
import TerminalKit
import Foundation

/// `console calendar`: the working calendars.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "Show working calendars: working days, holidays, make-up days.",
                                                    subcommands: [Show.self, Check.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A month view: working days, holidays (休), make-up working days (班) and unknown days (?).")
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
            print("\(calendar)  \(month)   工作日 · 休 holiday · 班 make-up working day · 短 special hours · 末 weekend · ? unknown year")
            print(" 一   二   三   四   五   六   日")
            var line = String(repeating: "     ", count: first.isoWeekday - 1)
            for d in days {
                let mark: String
                switch d.kind {
                case .workday: mark = " "
                case .weekend: mark = "末"
                case .holiday: mark = "休"
                case .makeUpWorkday: mark = "班"
                case .specialHours: mark = "短"
                case .unknownYear: mark = d.isWorkingDay ? "?" : "?"
                }
                line += String(format: "%2d", d.date.day) + DisplayWidth.pad(mark, to: 2) + " "
                if d.date.isoWeekday == 7 { print(line); line = "" }
            }
            if !line.isEmpty { print(line) }
            let notes = days.filter { !$0.label.isEmpty }.map { "\($0.date.iso) \($0.kind.rawValue) \($0.label)" }
            if !notes.isEmpty { print(""); notes.forEach { print($0) } }
            if days.contains(where: { $0.kind == .unknownYear }) {
                print("\n? \(y) is not covered by the \(calendar) calendar: deadlines reaching it are provisional. Drop in a file with its official holidays (`covers \(y)`).")
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
            guard let d = CivilDate(iso: date) else { throw CommandFailure(message: "date: expected YYYY-MM-DD, got \"\(date)\"", code: 2) }
            let info = try CalendarCommand.calendar(calendar).dayInfo(d)
            if json { print(CaseJSON.text(CalendarCommand.dayObject(info))); return }
            let periods = info.periods.map { $0.description }.joined(separator: " ")
            let why: String
            switch info.kind {
            case .workday: why = "a normal working day"
            case .weekend: why = "a weekend day"
            case .holiday: why = "a public holiday (\(info.label))"
            case .makeUpWorkday: why = "a make-up working day 调休 (\(info.label))"
            case .specialHours: why = "special hours (\(info.label))"
            case .unknownYear: why = "in a year the \(calendar) calendar does not cover: assumed from the weekly pattern (provisional)"
            }
            print("\(d.iso) \(info.isWorkingDay ? "working" : "not working") on \(calendar): \(why)\(periods.isEmpty ? "" : "; hours \(periods)")")
        }
    }

    static func calendar(_ name: String) throws -> WorkCalendar {
        let policy = try DeskSetup.policy()
        guard let c = policy.calendars[name] else {
            throw CommandFailure(message: "no calendar named \"\(name)\" (known: \(policy.calendars.names.joined(separator: ", ")))", code: 2)
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
        do { allowance = try Allowance(parsing: add) } catch { throw CommandFailure(message: "--add: \(error)", code: 2) }
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

/// `console clocks`: every clock of a case.
struct ClocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clocks", abstract: "Every open clock of a case: due time, working time left, state.")
    @OptionGroup var global: GlobalOptions
    @Argument var number: String
    @Flag var json = false

    func run() throws {
        let desk = try global.openDesk()
        let now = desk.clock.now()
        let (c, _) = try desk.detail(number, actor: global.actor)
        let clocks = desk.clocks(of: c)
        if json {
            print(CaseJSON.text(clocks.map { k -> [String: Any] in
                let r = k.reading(at: now)
                return ["stage": k.stage.rawValue, "started_at": DeskTime.standard.format(k.startedAt), "due": DeskTime.standard.format(k.due),
                        "calendar": k.calendar.name, "state": r.state.rawValue, "working_seconds_left": r.workingSecondsLeft,
                        "fraction_used": (r.fractionUsed * 1000).rounded() / 1000, "provisional": r.provisional]
            }))
            return
        }
        if clocks.isEmpty { print("\(c.number): no open clock (\(c.status.rawValue), \(c.kind.rawValue))"); return }
        var t = TextTable(headers: ["stage", "started", "due", "left (working)", "used", "state", "calendar"], rightAligned: [3, 4])
        for k in clocks {
            let r = k.reading(at: now)
            t.rows.append([k.stage.zh + " " + k.stage.rawValue, DeskTime.standard.short(k.startedAt), DeskTime.standard.format(k.due),
                           WorkingTime.format(r.workingSecondsLeft), "\(Int(clamping: (r.fractionUsed * 100).rounded()))%",
                           r.state.rawValue + (r.provisional ? " provisional" : ""), k.calendar.name])
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
        let r = try desk.recomputeDueTimes(actor: global.actor)
        print("recomputed \(r.examined) case(s); \(r.changed) due time(s) changed (policy \(desk.policy.version))")
    }
}

/// `console config`: the desk's editable files.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "The policy and calendar files a desk edits.",
                                                    subcommands: [WriteDefaults.self, Path.self])

    struct WriteDefaults: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "write-defaults", abstract: "Write the shipped policy and calendars to the config directory for editing (never overwrites).")
        func run() throws {
            let dir = DeskPaths.configDirectory()
            try FileManager.default.createDirectory(atPath: dir + "/calendars", withIntermediateDirectories: true)
            var files = [(dir + "/policy.conf", DefaultPolicyFile.text)]
            for f in DefaultCalendarFiles.files() { files.append((dir + "/calendars/" + f.name, f.text)) }
            for (path, text) in files {
                if FileManager.default.fileExists(atPath: path) { print("kept    \(path) (exists)"); continue }
                try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
                print("written \(path)")
            }
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the config directory.")
        func run() throws { print(DeskPaths.configDirectory()) }
    }
}

/// Formats working time compactly: `2天3:15`, `0:42`, `-1:05` when overdue.
enum WorkingTime {
    static func format(_ seconds: Int64) -> String {
        let sign = seconds < 0 ? "-" : ""
        let s = seconds == .min ? .max : abs(seconds)   // abs(Int64.min) would trap
        let minutes = s / 60
        let h = minutes / 60, m = minutes % 60
        if h >= 100 { return "\(sign)\(h)h" }
        return "\(sign)\(h):\(m < 10 ? "0" : "")\(m)"
    }
}
