import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// Out-of-range input through the real command line: flags, JSON on standard input, imports with
/// bad rows, figures, shifts, list limits, times, and the desk's own files with bytes that are not
/// UTF-8. Each must be refused with a message naming the field (or file and line), and leave the
/// file as it was (docs/input-bounds.md).
final class BoundsInputAttackTests: XCTestCase {
    /// One refused input: who runs what, what the message must say, and the tables that must not change.
    struct Input {
        var name: String
        var login: String
        var args: [String]
        var stdin: String?
        var says: [String]
        var tables = ["cases", "events"]
    }

    func inputs(_ d: HostileDesk, dir: ScratchDirectory) throws -> [Input] {
        let op = AttackDesk.operatorLogin, lead = AttackDesk.leadLogin, admin = AttackDesk.adminLogin
        let g0 = d.base.general[0]
        func add(_ name: String, _ flags: [String], says: String) -> Input {
            Input(name: "add \(name)", login: op, args: ["add", "--summary", "理赔款未到账"] + flags, says: [says])
        }
        func json(_ name: String, _ object: String, says: String) -> Input {
            Input(name: "add --stdin \(name)", login: op, args: ["add", "--stdin"], stdin: object, says: [says])
        }
        // An import whose every row breaks one bound; the first good row must not be written either.
        let csv = dir.file("bad-rows.csv")
        try """
            received_at,channel,summary,phone,people,potential_loss
            2026-02-16T08:00:00+08:00,hotline,好的一行,13812341234,1,0
            2026-02-16T08:00:00+08:00,hotline,人数太多,13812341234,9223372036854775807,0
            2026-02-16T08:00:00+08:00,hotline,金额无穷,13812341234,1,inf
            0000-01-01T00:00:00+08:00,hotline,公元零年,13812341234,1,0
            2026-02-16T08:00:00+99:00,hotline,时区不存在,13812341234,1,0
            2026-02-16T08:00:00+08:00,hotline,金额过大,13812341234,1,1e13

            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let dup = dir.file("dup-header.csv")
        try "summary,phone,PHONE\n理赔,13812341234,13812341235\n".write(toFile: dup, atomically: true, encoding: .utf8)
        let jsonl = dir.file("bad.jsonl")
        try "{\"summary\":\"好\"}\n{\"summary\":\"坏\",\"people\":100001}\n{\"summary\":\"a\\u0000b\"}\n".write(toFile: jsonl, atomically: true, encoding: .utf8)
        let figures = dir.file("figures.csv")
        try "branch,month,claim_reports,premium,policies_new,policies_in_force,insured_persons\n北京分公司,2026-02,1,1,1,1,1\n上海分公司,2026-02,9223372036854775807,,,,\n广东分公司,0000-02,1,,,,\n"
            .write(toFile: figures, atomically: true, encoding: .utf8)
        return [
            add("people 2^63-1", ["--people", "9223372036854775807"], says: "people: must be at least 1 and at most 100,000"),
            add("people 0", ["--people", "0"], says: "people:"),
            add("people 100,001", ["--people", "100001"], says: "people:"),
            add("loss 10^13 yuan", ["--loss", "1e13"], says: "potential_loss:"),
            add("loss nan", ["--loss", "nan"], says: "potential_loss:"),
            add("loss inf", ["--loss", "inf"], says: "potential_loss:"),
            add("received in year 0", ["--received-at", "0000-01-01T00:00:00+08:00"], says: "received_at: year 0 is outside 2000–2100"),
            add("received at offset +99:00", ["--received-at", "2026-02-16T10:00:00+99:00"], says: "received_at: +99:00 is not a UTC offset"),
            add("received at offset -12:30", ["--received-at", "2026-02-16T10:00:00-12:30"], says: "received_at:"),
            add("received in 2101", ["--received-at", "2101-01-01"], says: "received_at:"),
            json("people 2^63-1", #"{"summary":"群体","people":9223372036854775807}"#, says: "people:"),
            json("potential loss 1e308", #"{"summary":"金额","potential_loss":1e308}"#, says: "potential_loss:"),
            json("summary with NUL", #"{"summary":"理赔\u0000款"}"#, says: "summary: contains a NUL character"),
            json("name with NUL", #"{"summary":"理赔","name":"张\u0000三"}"#, says: "name: contains a NUL character"),
            json("received at +99:00", #"{"summary":"理赔","received_at":"2026-02-16T10:00:00+99:00"}"#, says: "received_at:"),
            Input(name: "import CSV with a row per broken bound", login: lead, args: ["import", csv],
                  says: ["line 3", "line 4", "line 5", "line 6", "line 7", "people", "potential_loss", "received_at", "nothing was imported"]),
            Input(name: "import CSV with a duplicate header column", login: lead, args: ["import", dup], says: ["line 1", "\"phone\" twice"]),
            Input(name: "import JSON lines with people 100,001 and a NUL", login: lead, args: ["import", jsonl], says: ["line 2", "line 3", "people", "NUL"]),
            Input(name: "act follow-up with satisfaction 6", login: lead, args: ["act", g0, "follow-up", "--result", "satisfied", "--satisfaction", "6"],
                  says: ["satisfaction:"]),
            Input(name: "act extend to year 0", login: lead, args: ["act", g0, "extend", "--reason", "r", "--promised", "0000-03-01T17:00:00+08:00"],
                  says: ["--promised: year 0"]),
            Input(name: "validity with an infinite PR cost", login: lead, args: ["validity", g0, "valid", "--reason", "r", "--responsible", "liqiang",
                                                                                 "--lead", lead, "--pr-cost", "inf"], says: ["pr-cost:"], tables: ["cases", "events", "penalties"]),
            Input(name: "figures set claim reports 2^63-1", login: admin, args: ["figures", "set", "--branch", "上海分公司", "--month", "2026-03",
                                                                                  "--claim-reports", "9223372036854775807"],
                  says: ["--claim-reports:"], tables: ["branch_figures", "events"]),
            Input(name: "figures set premium nan", login: admin, args: ["figures", "set", "--branch", "上海分公司", "--month", "2026-03", "--premium", "nan"],
                  says: ["--premium:"], tables: ["branch_figures", "events"]),
            Input(name: "figures set month 0000-01", login: admin, args: ["figures", "set", "--branch", "上海分公司", "--month", "0000-01", "--claim-reports", "1"],
                  says: ["--month:"], tables: ["branch_figures", "events"]),
            Input(name: "figures import with a huge count and year 0", login: admin, args: ["figures", "import", figures],
                  says: ["line 3", "line 4", "nothing imported"], tables: ["branch_figures", "events"]),
            Input(name: "a shift of three days", login: lead, args: ["users", "shift", AttackDesk.handlerLogin, "--from", "2026-02-17T08:00:00+08:00",
                                                                     "--to", "2026-02-20T08:00:00+08:00"], says: ["shift:"], tables: ["shifts", "events"]),
            Input(name: "a shift that ends before it starts", login: lead, args: ["users", "shift", AttackDesk.handlerLogin, "--from", "2026-02-17T08:00:00+08:00",
                                                                                   "--to", "2026-02-17T07:00:00+08:00"], says: ["shift:"], tables: ["shifts", "events"]),
            Input(name: "a shift starting in year 0", login: lead, args: ["users", "shift", AttackDesk.handlerLogin, "--from", "0000-01-01T08:00:00Z",
                                                                          "--to", "2026-02-17T07:00:00+08:00"], says: ["--from: year 0"], tables: ["shifts", "events"]),
            Input(name: "list --offset beyond 10^8", login: op, args: ["list", "--offset", "99999999999"], says: ["--offset:"]),
            Input(name: "alerts --limit 10^8", login: lead, args: ["alerts", "--limit", "100000000"], says: ["--limit:"], tables: ["alerts", "events"]),
            Input(name: "list --from with offset +99:00", login: op, args: ["list", "--from", "2026-02-16T00:00:00+99:00"], says: ["--from:"]),
            Input(name: "report metrics of 9999-Q1", login: lead, args: ["report", "metrics", "--period", "9999-Q1"], says: ["period:"]),
            Input(name: "penalties of month 0000-01", login: lead, args: ["penalties", "--month", "0000-01"], says: ["--month:"]),
        ]
    }

    func testEveryBoundIsRefusedOnTheCommandLineAndNothingIsWritten() throws {
        var verdicts: [Verdict] = []
        let d = try HostileDesk.get()
        let dir = ScratchDirectory("bounds-input")
        let path = try dir.copyDatabase(d.base.path, to: "input.sqlite")
        for input in try inputs(d, dir: dir) {
            verdicts.append(attempt(.bounds, "input: \(input.name)") {
                let before = try input.tables.map { try HostileDesk.count($0, in: path) }
                let o = try d.run(input.login, input.args, on: path, stdin: input.stdin)
                if HostileDesk.crashed(o) { return .crashed(o.description) }
                let after = try input.tables.map { try HostileDesk.count($0, in: path) }
                if after != before { return .broke("written anyway (\(input.tables) \(before) → \(after)): \(o)") }
                guard o.status != 0 else { return .broke("accepted: \(o)") }
                let missing = input.says.filter { !o.stderr.contains($0) }
                return .held(if: missing.isEmpty, else: .broke("the message does not say \(missing): \(o)"))
            })
        }
        // The `--now` every command takes, once per kind of bad time.
        for now in ["0000-01-01T00:00:00+08:00", "2026-02-17T21:30:00+99:00", "2026-02-17T21:30:00+08:60"] {
            verdicts.append(attempt(.bounds, "input: --now \(now)") {
                let o = try ConsoleProcess.run([ConsoleProcess.binary, "list", "--db", path, "--now", now, "--user", AttackDesk.operatorLogin],
                                               environment: ["CONSOLE_CONFIG_DIR": d.base.dir.file("config")])
                if HostileDesk.crashed(o) { return .crashed(o.description) }
                return .held(if: o.status == 2 && o.stderr.hasPrefix("console: --now: "), else: .broke("\(o)"))
            })
        }
        XCTAssertEqual(verdicts.filter { $0 != .held }, [], "every attempt held")
    }

    /// The desk's own files with a byte that is not UTF-8: refused with the file and line, never
    /// skipped (a skipped keys.conf or policy silently changes how the desk behaves).
    func testTheDesksFilesWithInvalidUTF8AreRefusedWithTheFileAndLine() throws {
        var verdicts: [Verdict] = []
        let d = try HostileDesk.get()
        let dir = ScratchDirectory("bounds-files")
        let path = try dir.copyDatabase(d.base.path, to: "files.sqlite")
        func config(_ name: String, _ bytes: [UInt8]) throws -> String {
            let c = dir.file("config-\(name.replacingOccurrences(of: "/", with: "-"))")
            try FileManager.default.createDirectory(atPath: c + "/calendars", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: c + "/themes", withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: c + "/" + name))
            return c
        }
        let bad: [UInt8] = Array("# a comment\n# 理赔 ".utf8) + [0xFF, 0xFE] + Array(" x\n".utf8)
        let cases: [(String, String, [String])] = [
            ("policy.conf", "policy.conf:2: not UTF-8", ["list"]),
            ("calendars/desk.cal", "desk.cal:2: not UTF-8", ["list"]),
            ("keys.conf", "keys.conf:2: not UTF-8", ["tui"]),
            ("console.conf", "console.conf:2: not UTF-8", ["tui"]),
            ("themes/night.theme", "night.theme:2: not UTF-8", ["tui", "--theme", "night"]),
        ]
        for (name, says, args) in cases {
            verdicts.append(attempt(.bounds, "file: \(name) with bytes that are not UTF-8") {
                let c = try config(name, bad)
                let o = try d.run(AttackDesk.operatorLogin, args, on: path, environment: ["CONSOLE_CONFIG_DIR": c, "TERM": "xterm"])
                if HostileDesk.crashed(o) { return .crashed(o.description) }
                return .held(if: o.status != 0 && o.stderr.contains(says), else: .broke("not refused with \(says): \(o)"))
            })
        }
        verdicts.append(attempt(.bounds, "file: an import mapping with bytes that are not UTF-8") {
            let mapping = dir.file("bad.mapping")
            try Data(Array("source hotline\n".utf8) + [0xC0, 0xAF] + Array("\n".utf8)).write(to: URL(fileURLWithPath: mapping))
            let source = dir.file("source.csv")
            try "a\n1\n".write(toFile: source, atomically: true, encoding: .utf8)
            let o = try d.run(AttackDesk.leadLogin, ["import", source, "--mapping", mapping], on: path)
            if HostileDesk.crashed(o) { return .crashed(o.description) }
            return .held(if: o.status != 0 && o.stderr.contains("bad.mapping:2: not UTF-8"), else: .broke("\(o)"))
        })
        XCTAssertEqual(verdicts.filter { $0 != .held }, [], "every attempt held")
    }
}
