import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// An attack desk with something of everything a hostile edit could reach: two cases in a declared
/// crisis event, raised alerts, branch figures, a penalty, shifts and report cases. Built once;
/// each attack edits its own copy with the real `sqlite3` binary, as anyone who can write the file
/// could, and runs the real `console` on it.
final class HostileDesk: @unchecked Sendable {
    let base: AttackDesk
    /// The declared crisis event over `base.general[0]` and `[1]`.
    let crisisEvent: Int64

    nonisolated(unsafe) private static var shared: HostileDesk?
    private static let lock = NSLock()

    /// The desk, built on first use.
    static func get() throws -> HostileDesk {
        try lock.withLock {
            if let d = shared { return d }
            let d = try HostileDesk()
            shared = d
            return d
        }
    }

    private init() throws {
        base = try AttackDesk(withReports: true)
        let desk = base.desk
        let crisis = Actor(name: AttackDesk.crisisLogin), lead = Actor(name: AttackDesk.leadLogin)
        crisisEvent = try desk.proposeCrisis(title: "网点聚集", cases: [base.general[0], base.general[1]], trigger: .manual, actor: crisis)
        try desk.declareCrisis(crisisEvent, actor: crisis)
        try BranchFigures.set(desk, branch: "上海分公司", month: "2026-02", claimReports: 40, premium: 1_000_000, policiesNew: 10,
                              policiesInForce: 100, insuredPersons: 120, actor: Actor(name: AttackDesk.adminLogin))
        _ = try desk.determineValidity(base.general[2], valid: true, reason: "查实", responsible: "liqiang", lead: AttackDesk.leadLogin, actor: lead)
        _ = try AlertEvaluator(desk: desk).tick(at: DeskTime.standard.parse(AttackDesk.now)!)
    }

    /// A copy of the desk file with `sql` applied by the `sqlite3` binary (CHECK constraints off,
    /// as an attacker would have them); the copy's path.
    func copy(applying sql: String, in dir: ScratchDirectory, name: String = "hostile.sqlite") throws -> String {
        let path = try dir.copyDatabase(base.path, to: name)
        let out = try ConsoleProcess.run(["sqlite3", path, "PRAGMA ignore_check_constraints = ON; " + sql])
        XCTAssertEqual(out.status, 0, "sqlite3 refused the edit \(sql): \(out)")
        return path
    }

    /// Runs the console as `login` on `path`.
    func run(_ login: String, _ args: [String], on path: String, environment: [String: String] = [:], stdin: String? = nil) throws -> ConsoleProcess.Outcome {
        var env = ["LANG": "C.UTF-8", "CONSOLE_CONFIG_DIR": base.dir.file("config"), "NO_COLOR": "1"]
        for (k, v) in environment { env[k] = v }
        return try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", path, "--now", AttackDesk.now, "--user", login],
                                      environment: env, stdin: stdin)
    }

    /// Rows in a table of `path` (the "nothing was written" check).
    static func count(_ table: String, in path: String) throws -> Int {
        let out = try ConsoleProcess.run(["sqlite3", path, "SELECT count(*) FROM \(table)"])
        return Int(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Every read command, by the path of subcommands `console --help` lists, with the arguments
    /// it needs on this desk. `HostileFileAttackTests` checks that the list covers `--help`.
    var readCommands: [[String]] {
        let g0 = base.general[0], r0 = base.reports[0]
        return [
            ["list"], ["list", "--json"], ["list", "--state", "breach"], ["show", g0], ["show", g0, "--json"], ["show", r0],
            ["alerts"], ["alerts", "--json"], ["crisis", "list"], ["crisis", "show", String(crisisEvent)], ["clocks", g0],
            ["report", "summary", "--from", "2026-02-13", "--to", "2026-02-23"], ["report", "metrics", "--period", "2026-02"],
            ["report", "handler", "--period", "2026-02"], ["report", "branch", "--period", "2026-02"], ["penalties", "--month", "2026-02"],
            ["export"], ["export", "--format", "jsonl"], ["audit", "log"], ["audit", "verify"], ["users", "list"],
            ["calendar", "show", "2026-02"], ["calendar", "check", "2026-02-17"], ["dashboard"], ["dashboard", "--json"],
            ["figures", "list"], ["calendar", "coverage"], ["clocks", g0, "--explain"], ["deadline", "--add", "3 working days"], ["handover"], ["handover", "--json", "--since", "2026-02-17T00:00:00+08:00"],
            ["scripts", "list", "--case", g0], ["scripts", "show", "first-contact", "--case", g0], ["users", "shift", "list"],
        ]
    }

    /// Whether a run crashed or drew a backtrace (a trap's report) instead of a message.
    static func crashed(_ o: ConsoleProcess.Outcome) -> Bool {
        o.crashed || o.stderr.contains("Backtrace") || o.stderr.contains("Fatal error") || o.stdout.contains("Fatal error")
    }
}
