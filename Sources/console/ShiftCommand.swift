import ArgumentParser
import CaseModel
import Foundation

/// `console users shift`: the duty roster 值班表 — record, list, move, remove and import shifts
/// (docs/roster.md).
struct ShiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shift", abstract: "The duty roster: add, list, move, remove and import shifts; the holiday window.",
        discussion: """
        console users shift zhangqiang --from 2026-02-17T08:00:00+08:00 --to 2026-02-17T20:00:00+08:00
        console users shift list                  # on duty now, the next 24 hours, the plan day by day, gaps
        console users shift window --from 2026-02-14T00:00:00+08:00 --to 2026-02-24T08:00:00+08:00
        console users shift import plan.csv       # user,from,to — all or nothing, every bad line named
        Team leads and administrators change shifts; every change is audited. A shift may not overlap another of \\
        the same person, and lies inside the holiday window while one is set. Gaps in team-lead cover over the \\
        duty calendar's hours are reported after every change.
        """,
        subcommands: [Add.self, List.self, Move.self, Remove.self, Import.self, Window.self], defaultSubcommand: Add.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a duty shift.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String
        @Option(help: "Shift start (ISO 8601).") var from: String
        @Option(help: "Shift end (ISO 8601).") var to: String

        func run() throws {
            let a = try DeskTime.standard.read(from, field: "--from"), b = try DeskTime.standard.read(to, field: "--to")
            let change = try global.openDesk().addShift(Shift(userName: name, startsAt: a, endsAt: b), actor: global.actor)
            print(OutputLanguage.say("\(name) on duty \(DeskTime.standard.short(a)) – \(DeskTime.standard.short(b)) (shift #\(change.shift?.id ?? 0))",
                                     "\(name) 值班 \(DeskTime.standard.short(a)) – \(DeskTime.standard.short(b))（班次 #\(change.shift?.id ?? 0)）"))
            ShiftCommand.printGaps(change.gaps)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who is on duty now and in the next 24 hours, and the plan day by day with gaps in team-lead cover.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "First day, YYYY-MM-DD (default: the holiday window, else today).") var from: String?
        @Option(help: "Last day, YYYY-MM-DD, inclusive.") var to: String?
        @Flag var json = false

        func run() throws {
            let t = DeskTime.standard
            let a = try from.map { t.instant(CivilDateTime(date: try CivilDate.read($0, field: "--from"), hour: 0, minute: 0)) }
            let b = try to.map { t.instant(CivilDateTime(date: try CivilDate.read($0, field: "--to").adding(days: 1), hour: 0, minute: 0)) }
            let board = try global.openDesk().rosterBoard(from: a, to: b, actor: global.actor)
            if json { print(CaseJSON.text(ShiftCommand.object(board), pretty: true)); return }
            let say = OutputLanguage.say
            var head = say("值班表 roster \(t.short(board.from)) – \(t.short(board.to))", "值班表 \(t.short(board.from)) – \(t.short(board.to))")
            if let w = board.window { head += say("   holiday window \(t.short(w.from)) – \(t.short(w.to))", "   节假日值守期 \(t.short(w.from)) – \(t.short(w.to))") }
            print(head)
            print(say("\n在岗 on duty now (\(board.onDutyNow.count))", "\n在岗（\(board.onDutyNow.count)）"))
            print(ShiftCommand.table(board.onDutyNow))
            print(say("\n未来24小时 starting in the next 24 hours (\(board.next24Hours.count))", "\n未来24小时上岗（\(board.next24Hours.count)）"))
            print(ShiftCommand.table(board.next24Hours))
            for day in board.days {
                let l = OutputLanguage.current
                let kind = day.kind.label(l)
                let label = day.label.isEmpty ? kind : HolidayLabel.text(day.label, l)
                let weekday = l == .zh ? "周" + ["一", "二", "三", "四", "五", "六", "日"][max(0, min(6, day.date.isoWeekday - 1))]
                    : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][max(0, min(6, day.date.isoWeekday - 1))]
                print("\n\(day.date.iso) \(weekday) \(label)")
                print(ShiftCommand.table(day.duties))
                for g in day.gaps { print(say("  ! no team lead on duty ", "  ! 无组长在岗 ") + "\(ShiftCommand.clock(g.from))–\(ShiftCommand.clock(g.to))") }
            }
            if !board.outsideWindow.isEmpty {
                print(say("\noutside the holiday window (\(board.outsideWindow.count))", "\n节假日值守期以外（\(board.outsideWindow.count)）"))
                print(ShiftCommand.table(board.outsideWindow))
            }
            print("\n" + (board.gaps.isEmpty ? say("team-lead cover: complete over the duty calendar's hours", "组长值守：值班日历的工作时间内全部有人")
                                            : say("gaps in team-lead cover: \(board.gaps.count)", "组长值守空档：\(board.gaps.count) 处")))
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a shift to new times (and with --person to someone else).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The shift's number (see `users shift list`).") var id: Int64
        @Option(help: "New start (ISO 8601).") var from: String
        @Option(help: "New end (ISO 8601).") var to: String
        @Option(help: "Give the shift to this user (login or display name).") var person: String?

        func run() throws {
            let desk = try global.openDesk()
            let a = try DeskTime.standard.read(from, field: "--from"), b = try DeskTime.standard.read(to, field: "--to")
            let change = try desk.moveShift(id, from: a, to: b, person: person, actor: global.actor)
            print(OutputLanguage.say("shift #\(id): \(change.shift?.userName ?? "") \(DeskTime.standard.short(a)) – \(DeskTime.standard.short(b))", "班次 #\(id)：\(change.shift?.userName ?? "") \(DeskTime.standard.short(a)) – \(DeskTime.standard.short(b))"))
            ShiftCommand.printGaps(change.gaps)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a shift.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The shift's number (see `users shift list`).") var id: Int64

        func run() throws {
            let change = try global.openDesk().removeShift(id, actor: global.actor)
            print(OutputLanguage.say("shift #\(id) removed", "班次 #\(id) 已删除"))
            ShiftCommand.printGaps(change.gaps)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a holiday's shifts from CSV (user,from,to): all or nothing, every bad line named.",
            discussion: "The user is a login or a display name. --replace first removes every shift overlapping the plan's span (import a corrected plan again).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Remove the shifts already recorded over the plan's span first.") var replace = false

        func run() throws {
            let r: ShiftImportResult
            do { r = try global.openDesk().importShifts(path: file, replace: replace, actor: global.actor) } catch let e as ShiftImportErrors {
                throw CommandFailure(message: e.text(global.language), code: 2)
            }
            print(OutputLanguage.say("imported \(r.added.count) shift(s) from \(file)" + (replace ? "; removed \(r.removed) earlier shift(s) over the same span" : ""), "从 \(file) 导入 \(r.added.count) 个班次" + (replace ? "；删除同一时段原有的 \(r.removed) 个班次" : "")))
            ShiftCommand.printGaps(r.gaps)
        }
    }

    struct Window: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the holiday window shifts must lie in (or --clear it).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Start (ISO 8601).") var from: String?
        @Option(help: "End (ISO 8601).") var to: String?
        @Flag(help: "Remove the window.") var clear = false

        func validate() throws {
            if clear != (from == nil && to == nil) || (!clear && (from == nil || to == nil)) {
                throw CommandLineProblem.usage("give --from and --to, or --clear", "请给出 --from 和 --to，或 --clear")
            }
        }

        func run() throws {
            let desk = try global.openDesk()
            if clear {
                try desk.setRosterWindow(nil, actor: global.actor)
                print(OutputLanguage.say("holiday window cleared", "节假日值守期已清除"))
                return
            }
            let a = try DeskTime.standard.read(from!, field: "--from"), b = try DeskTime.standard.read(to!, field: "--to")
            try desk.setRosterWindow(RosterWindow(from: a, to: b), actor: global.actor)
            print(OutputLanguage.say("holiday window \(DeskTime.standard.short(a)) – \(DeskTime.standard.short(b))", "节假日值守期 \(DeskTime.standard.short(a)) – \(DeskTime.standard.short(b))"))
        }
    }

    static func clock(_ i: Instant) -> String {
        let c = DeskTime.standard.civil(i)
        return "\(c.hour < 10 ? "0" : "")\(c.hour):\(c.minute < 10 ? "0" : "")\(c.minute)"
    }

    static func printGaps(_ gaps: [RosterGap]) {
        if gaps.isEmpty { return }
        print(OutputLanguage.say("gaps in team-lead cover (\(gaps.count)):", "组长值守空档（\(gaps.count)）："))
        for g in gaps.prefix(20) { print("  ! \(DeskTime.standard.short(g.from)) – \(DeskTime.standard.short(g.to))") }
        if gaps.count > 20 { print(OutputLanguage.say("  … and \(gaps.count - 20) more (`console users shift list`)", "  …… 另有 \(gaps.count - 20) 处（`console users shift list`）")) }
    }

    static func table(_ duties: [RosterDuty]) -> String {
        if duties.isEmpty { return OutputLanguage.say("  none", "  无") }
        let headers = OutputLanguage.current == .zh ? ["#", "登录名", "姓名", "角色", "小组", "开始", "结束", "电话", "未结"]
            : ["#", "name", "display", "role", "team", "from", "to", "phone", "open"]
        var t = TextTable(headers: headers, rightAligned: [0, 8])
        for d in duties {
            t.rows.append([String(d.shift.id), d.user.name, d.user.displayName, d.user.role.zh, d.user.team,
                           DeskTime.standard.short(d.shift.startsAt), DeskTime.standard.short(d.shift.endsAt),
                           d.phone.isEmpty ? "-" : d.phone, String(d.openCases)])
        }
        return t.render(maxWidth: 160)
    }

    static func object(_ b: RosterBoard) -> [String: Any] {
        let t = DeskTime.standard
        func duty(_ d: RosterDuty) -> [String: Any] {
            ["shift": d.shift.id, "user": d.user.name, "display_name": d.user.displayName, "role": d.user.role.rawValue, "team": d.user.team,
             "from": t.format(d.shift.startsAt), "to": t.format(d.shift.endsAt), "phone": d.phone, "open_cases": d.openCases]
        }
        func gap(_ g: RosterGap) -> [String: Any] { ["from": t.format(g.from), "to": t.format(g.to)] }
        var o: [String: Any] = [
            "now": t.format(b.now), "from": t.format(b.from), "to": t.format(b.to), "phones": b.phonesShown ? "shown" : "masked",
            "on_duty_now": b.onDutyNow.map(duty), "next_24_hours": b.next24Hours.map(duty),
            "days": b.days.map { ["date": $0.date.iso, "kind": $0.kind.rawValue, "label": $0.label, "shifts": $0.duties.map(duty), "gaps": $0.gaps.map(gap)] as [String: Any] },
            "gaps": b.gaps.map(gap), "outside_window": b.outsideWindow.map(duty),
        ]
        if let w = b.window { o["window"] = ["from": t.format(w.from), "to": t.format(w.to)] }
        return o
    }
}
