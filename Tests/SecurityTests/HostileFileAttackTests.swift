import CaseModel
import ConsoleTestSupport
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// Hostile files: extreme values written into the desk's columns with the `sqlite3` binary, then
/// every read command and the full-screen console on the file. Nothing may crash or draw a
/// backtrace; a command that refuses names the row and the column (docs/input-bounds.md).
final class HostileFileAttackTests: XCTestCase {
    /// One hostile edit: its SQL, the row and column a refusal must name, and the commands that read them.
    struct Edit {
        var name: String
        var sql: String
        /// What a refusal names (a case number, `crisis event 1`, ...) and the column.
        var row: String
        var column: String
        var commands: [[String]]
        /// Commands that must refuse (the rest may also succeed by not reading the value).
        var refusing: Set<String> = []
    }

    static let officer = AttackDesk.officeLogin

    func edits(_ d: HostileDesk) -> [Edit] {
        let g0 = d.base.general[0], g1 = d.base.general[1], g2 = d.base.general[2]
        func onCase(_ name: String, _ set: String, _ column: String, number: String? = nil, extra: [[String]] = []) -> Edit {
            let n = number ?? g0
            // `show` reads the case itself and must refuse; the others read it among all cases.
            return Edit(name: name, sql: "UPDATE cases SET \(set) WHERE number = '\(n)';", row: n, column: column,
                        commands: [["show", n], ["list"], ["alerts"], ["report", "metrics", "--period", "2026-02"]] + extra,
                        refusing: ["show \(n)"])
        }
        let crisisReaders: [[String]] = [["crisis", "list"], ["crisis", "show", String(d.crisisEvent)], ["alerts"], ["dashboard"]]
        return [
            Edit(name: "people 2^63-1 on both cases of one crisis event",
                 sql: "UPDATE cases SET people = 9223372036854775807 WHERE number IN ('\(g0)', '\(g1)');", row: g0, column: "people",
                 commands: crisisReaders + [["list"], ["show", g0], ["report", "summary", "--from", "2026-02-13", "--to", "2026-02-23"]],
                 refusing: ["crisis list", "crisis show \(d.crisisEvent)", "alerts", "show \(g0)"]),
            onCase("people negative", "people = -5", "people"),
            onCase("people a real number", "people = 2.5", "people"),
            onCase("received_at the smallest integer", "received_at = -9223372036854775808", "received_at", extra: [["clocks", g0]]),
            onCase("received_at the largest integer", "received_at = 9223372036854775807", "received_at", extra: [["clocks", g0]]),
            onCase("received_at text", "received_at = 'yesterday'", "received_at"),
            onCase("next due time the largest integer", "next_due_at = 9223372036854775807", "next_due_at", extra: [["clocks", g0]]),
            onCase("promised time before 1970", "promised_at = -1000000000000", "promised_at", extra: [["clocks", g0]]),
            onCase("potential loss infinite", "potential_loss = 9e999", "potential_loss"),
            onCase("potential loss 1e308", "potential_loss = 1e308", "potential_loss"),
            onCase("potential loss negative infinity", "potential_loss = -9e999", "potential_loss"),
            onCase("status not a status", "status = 'escalated'", "status"),
            onCase("severity empty", "severity = ''", "severity"),
            onCase("kind a blob", "kind = x'ff'", "kind"),
            onCase("satisfaction 99", "satisfaction = 99", "satisfaction"),
            onCase("version the largest integer", "version = 9223372036854775807", "version"),
            onCase("repeat count the largest integer", "repeat_count = 9223372036854775807", "repeat_count", number: g2),
            onCase("a flag of 7", "media_involved = 7", "media_involved"),
            Edit(name: "crisis event occurred before the epoch's end", sql: "UPDATE crisis_events SET occurred_at = -9223372036854775808;",
                 row: "crisis event \(d.crisisEvent)", column: "occurred_at", commands: crisisReaders, refusing: ["crisis list"]),
            Edit(name: "crisis event status unknown", sql: "UPDATE crisis_events SET status = 'panic';",
                 row: "crisis event \(d.crisisEvent)", column: "status", commands: crisisReaders),
            Edit(name: "alert raised at the largest integer", sql: "UPDATE alerts SET raised_at = 9223372036854775807;",
                 row: "alert", column: "raised_at", commands: [["alerts"], ["dashboard", "--json"]], refusing: ["alerts"]),
            Edit(name: "branch figures the largest counts and an infinite premium",
                 sql: "UPDATE branch_figures SET claim_reports = 9223372036854775807, premium = 9e999;",
                 row: "figures of 上海分公司", column: "claim_reports",
                 commands: [["figures", "list"], ["report", "branch", "--period", "2026-02"], ["report", "metrics", "--period", "2026-02"], ["alerts"]]),
            Edit(name: "penalty amount infinite", sql: "UPDATE penalties SET amount = 9e999;", row: "penalty on case", column: "amount",
                 commands: [["penalties", "--month", "2026-02"]], refusing: ["penalties --month 2026-02"]),
            Edit(name: "shift from the end of time to its start",
                 sql: "UPDATE shifts SET starts_at = 9223372036854775807, ends_at = -9223372036854775808;", row: "", column: "",
                 commands: [["users", "list"], ["alerts"], ["dashboard", "--json"]]),
            Edit(name: "user active flag text and role a blob", sql: "UPDATE users SET active = 'x', role = x'ff' WHERE name = '\(AttackDesk.handlerLogin)';",
                 row: "user \(AttackDesk.handlerLogin)", column: "role", commands: [["users", "list"], ["alerts"], ["report", "handler", "--period", "2026-02"]]),
            Edit(name: "an appended event at the largest time",
                 sql: "INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT max(id) + 1, (SELECT id FROM cases WHERE number = '\(g0)'), 9223372036854775807, 'x', 'note', '{}', randomblob(32), randomblob(32) FROM events;",
                 row: "event", column: "at", commands: [["show", g0], ["audit", "log"], ["audit", "verify"], ["alerts"]], refusing: ["show \(g0)"]),
            Edit(name: "case numbers of the day at the largest integer", sql: "UPDATE case_sequences SET last = 9223372036854775807;",
                 row: "", column: "", commands: [["list"], ["alerts"]]),
        ]
    }

    /// Runs the edit's commands on a copy; nil when it held, else the verdict.
    func judge(_ e: Edit, _ d: HostileDesk, baseline: [String: Int32]) throws -> Verdict {
        let dir = ScratchDirectory("hostile")
        let path = try d.copy(applying: e.sql, in: dir)
        for args in e.commands {
            let o = try d.run(Self.officer, args, on: path)
            let what = "console \(args.joined(separator: " "))"
            if HostileDesk.crashed(o) { return .crashed("\(what): \(o)") }
            let before = baseline[args.joined(separator: " ")] ?? 0
            if e.refusing.contains(args.joined(separator: " ")) && o.status == before {
                return .broke("\(what) did not refuse the stored \(e.column): \(o)")
            }
            guard o.status != 0 && o.status != before else { continue }
            if Self.isTamperReport(args, o) { continue }
            // A refusal names the row and the column, and is one line, not a dump.
            if !e.column.isEmpty {
                guard o.stderr.contains(e.column), o.stderr.contains(e.row) else {
                    return .broke("\(what) refused without naming \(e.row) and \(e.column): \(o)")
                }
            } else if !o.stderr.hasPrefix("console: ") {
                return .broke("\(what) failed without a message: \(o)")
            }
        }
        return .held
    }

    /// `audit verify` finding the edit: its job, reported with its own exit status (7); or a
    /// write refused because the newest event does not verify (a forged event: nothing is added
    /// on top of it, docs/audit-trail.md).
    static func isTamperReport(_ args: [String], _ o: ConsoleProcess.Outcome) -> Bool {
        (args == ["audit", "verify"] && o.status == 7 && !(o.stdout + o.stderr).isEmpty)
            || (o.status == 4 && o.stderr.contains("cannot extend the audit trail"))
    }

    /// The statuses of the read commands on the untouched desk (some roles are refused some reads).
    func baseline(_ d: HostileDesk, commands: [[String]]) throws -> [String: Int32] {
        var out: [String: Int32] = [:]
        for args in commands where out[args.joined(separator: " ")] == nil {
            let o = try d.run(Self.officer, args, on: d.base.path)
            XCTAssertFalse(HostileDesk.crashed(o), "the untouched desk: \(o)")
            out[args.joined(separator: " ")] = o.status
        }
        return out
    }

    func testEveryHostileColumnEditIsNamedNeverACrash() throws {
        let d = try HostileDesk.get()
        let list = edits(d)
        let base = try baseline(d, commands: list.flatMap(\.commands))
        for e in list {
            attempt(.bounds, "hostile file: \(e.name); \(Set(e.commands.map { $0[0] }).sorted().joined(separator: ", "))") {
                try judge(e, d, baseline: base)
            }
        }
    }

    /// Every edit at once, every read command once: the file nobody should ever have.
    func testEveryReadCommandOnAFileWithEveryHostileEdit() throws {
        let d = try HostileDesk.get()
        let dir = ScratchDirectory("hostile-all")
        let more = """
            UPDATE cases SET summary = CAST(x'C328E282A8F09F98FFFE2D80BF' AS TEXT), name = CAST(x'41004200' AS TEXT),
              details = replace(hex(zeroblob(500000)), '0', '理'), handler = NULL, demand = '' WHERE number = '\(d.base.general[2])';
            """
        let path = try d.copy(applying: edits(d).map(\.sql).joined(separator: "\n") + "\n" + more, in: dir)
        for args in d.readCommands {
            attempt(.bounds, "hostile file, every edit at once: console \(args.joined(separator: " "))") {
                let o = try d.run(Self.officer, args, on: path)
                if HostileDesk.crashed(o) { return .crashed(o.description) }
                if o.status != 0 && !o.stderr.hasPrefix("console: ") && !Self.isTamperReport(args, o) {
                    return .broke("failed without a message: \(o)")
                }
                return .held
            }
        }
    }

    func testTheReadCommandListCoversEverySubcommandOfHelp() throws {
        let d = try HostileDesk.get()
        let help = try ConsoleProcess.run([ConsoleProcess.binary, "--help"])
        let names = help.stdout.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .compactMap { line -> String? in
                // `  name   abstract`: two spaces, then a lower-case name (continuation lines are indented further).
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let first = line.split(separator: " ").first,
                      first.first?.isLowercase == true else { return nil }
                return String(first)
            } ?? []
        XCTAssertGreaterThan(names.count, 20, help.stdout)
        let read = Set(d.readCommands.map { $0[0] })
        // Commands that write (checked on the input side), create files or copy to a server, run the
        // full screen (its own attack below), or read no desk file (`config`).
        let writes: Set<String> = ["tui", "init", "add", "import", "assign", "unassign", "act", "link", "backup", "migrate", "demo", "purge",
                                   "recompute", "ack", "severity", "validity", "config"]
        for n in names where !read.contains(n) && !writes.contains(n) {
            XCTFail("console \(n) is neither among the hostile-file read commands nor a known write: add it to HostileDesk.readCommands")
        }
    }

    func testTheFullScreenConsoleOnAHostileFileKeepsRunning() throws {
        guard TmuxConsole.isAvailable else { throw XCTSkip("tmux is not installed") }
        let d = try HostileDesk.get()
        let dir = ScratchDirectory("hostile-tui")
        let path = try d.copy(applying: edits(d).prefix(1).map(\.sql).joined() + "UPDATE alerts SET raised_at = 9223372036854775807;", in: dir)
        let terminal = TmuxConsole(tag: "hostile", test: self)
        defer { terminal.kill() }
        let log = dir.file("console.log")
        let command = "env TERM=xterm-256color LANG=C.UTF-8 CONSOLE_CONFIG_DIR=\(d.base.dir.file("config")) \(ConsoleProcess.binary) tui --db \(path) --now \(AttackDesk.now) --user \(Self.officer) --lang en --log \(log); echo EXIT=$?; sleep 30"
        attempt(.bounds, "full-screen console on a file with people 2^63-1 in a crisis event and an alert at the end of time") {
            try terminal.startSession("h", width: 140, height: 40, command: command)
            var screen = ""
            let deadline = Date().addingTimeInterval(8)
            while Date() < deadline {
                usleep(250_000)
                screen = try terminal.screen("h")
                if screen.contains("Alerts not evaluated") && screen.contains("Cannot read") { break }
            }
            usleep(2_000_000)   // a few more ticks of the alert thread
            screen = try terminal.screen("h")
            if screen.contains("EXIT=") || screen.contains("Backtrace") || screen.contains("Fatal error") { return .crashed(screen) }
            guard screen.contains("Complaint desk"), screen.contains(d.base.general[0]) || screen.contains("people") else {
                return .broke("the console does not say what it cannot read:\n\(screen)")
            }
            let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            guard logged.contains("alert evaluation failed") && logged.contains("people") else { return .broke("nothing in the log:\n\(logged)") }
            // Still answering keys: the queue opens.
            try terminal.keys("h", "u")
            usleep(1_500_000)
            let queue = try terminal.screen("h")
            if queue.contains("EXIT=") || queue.contains("Backtrace") { return .crashed(queue) }
            return .held(if: queue.contains("Case queue") || queue.contains("Cannot read") || queue.contains("stored"),
                         else: .broke("the console stopped answering keys:\n\(queue)"))
        }
    }
}
