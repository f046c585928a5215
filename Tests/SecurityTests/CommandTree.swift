import DeskTestSupport
import Foundation
import XCTest

/// Every leaf command of the real binary, read from its own `--help`, with arguments that get it
/// as far as opening the desk: a command added later and missing here fails the suite, so no
/// command escapes the file attacks.
enum CommandTree {
    /// The leaf command paths (`["users", "add"]`), from `console --help` and each group's help.
    static func leaves() throws -> [[String]] {
        var out: [[String]] = []
        func walk(_ path: [String]) throws {
            let help = try ConsoleProcess.run([ConsoleProcess.binary] + path + ["--help"])
            let subs = subcommands(in: help.stdout)
            if subs.isEmpty { out.append(path); return }
            for s in subs { try walk(path + [s]) }
        }
        try walk([])
        return out
    }

    /// The names listed under SUBCOMMANDS in a help text.
    static func subcommands(in help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        var names: [String] = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  See ") { break }
            // "  name   description": two spaces, then the name; continuation lines are indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.dropFirst(2).split(separator: " ").first else { continue }
            names.append(String(name))
        }
        return names
    }

    /// Whether a command never opens a desk (calendars, deadlines and config files only).
    static func isDeskless(_ command: [String]) -> Bool {
        ["calendar", "deadline", "config"].contains(command.first ?? "") || command == ["scripts", "check"]
    }
    /// The commands that may create one.
    static let creating: Set<[String]> = [["init"], ["demo"]]

    /// Arguments that pass parsing, per command (`FILE` is replaced by a readable scratch file,
    /// `NEW` by a path that does not exist).
    static let arguments: [[String]: [String]] = [
        ["tui"]: [], ["dashboard"]: [], ["list"]: [], ["export"]: [], ["recompute"]: [], ["alerts"]: [],
        ["add"]: ["--summary", "x", "--channel", "hotline", "--category", "claims", "--line", "auto"],
        ["import"]: ["FILE"], ["show"]: ["TS-20260217-0001"], ["assign"]: ["TS-20260217-0001", "--to", "x"],
        ["unassign"]: ["TS-20260217-0001"], ["act"]: ["TS-20260217-0001", "contact", "--note", "n"],
        ["link"]: ["TS-20260217-0001", "--to", "TS-20260217-0002"], ["backup"]: ["NEW"], ["migrate"]: ["--to", "postgres://nobody@127.0.0.1:1/desk"],
        ["users", "add"]: ["x", "--role", "handler"], ["users", "list"]: [], ["users", "set-role"]: ["x", "handler"],
        ["users", "disable"]: ["x"], ["users", "enable"]: ["x"], ["users", "allow-switch"]: ["on"], ["users", "notify"]: ["bell"],
        ["users", "shift", "add"]: ["x", "--from", "2026-02-17T08:00:00+08:00", "--to", "2026-02-17T18:00:00+08:00"],
        ["users", "shift", "list"]: [], ["users", "shift", "remove"]: ["1"], ["users", "shift", "import"]: ["FILE"],
        ["users", "shift", "move"]: ["1", "--from", "2026-02-17T08:00:00+08:00", "--to", "2026-02-17T18:00:00+08:00"],
        ["users", "shift", "window"]: ["--clear"], ["users", "set-phone"]: ["x", "13900001111"],
        ["scripts", "list"]: [], ["scripts", "show"]: ["first-contact"], ["handover", "show"]: [], ["handover", "ack"]: [],
        ["audit", "verify"]: [], ["audit", "log"]: [], ["purge"]: ["--before", "2020-01-01"],
        ["clocks"]: ["TS-20260217-0001"], ["ack"]: ["x"],
        ["crisis", "list"]: [], ["crisis", "show"]: ["1"], ["crisis", "propose"]: ["--title", "t", "TS-20260217-0001"],
        ["crisis", "declare"]: ["1"], ["crisis", "dismiss"]: ["1", "--reason", "r"],
        ["crisis", "report"]: ["1", "--kind", "superior", "--to", "x", "--text", "t"],
        ["crisis", "close"]: ["1", "--cause", "c", "--lessons", "l"], ["crisis", "archive"]: ["1"],
        ["severity"]: ["TS-20260217-0001", "major", "--reason", "r"],
        ["validity"]: ["TS-20260217-0001", "valid", "--reason", "r", "--responsible", "x", "--lead", "y"],
        ["penalties"]: ["--month", "2026-02"], ["figures", "list"]: ["--month", "2026-02"],
        ["figures", "set"]: ["--branch", "b", "--month", "2026-02", "--claim-reports", "1"], ["figures", "import"]: ["FILE"],
        ["report", "summary"]: ["--from", "2026-02-13", "--to", "2026-02-23"], ["report", "metrics"]: ["--period", "2026-Q1"],
        ["report", "handler"]: ["--period", "2026-02"], ["report", "branch"]: ["--period", "2026-02"],
    ]
}
