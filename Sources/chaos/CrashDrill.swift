import CaseModel
import Foundation
import GRDB

/// `chaos crash`: kill -9 drills. Each run starts a writer through the real `console` binary —
/// an import, a bulk reassign or a demo generation — kills it at a random moment, and then
/// checks that the file opens, passes `integrity_check` and the audit chain, holds the work
/// wholly or not at all, and that running the same command again completes it.
enum CrashDrill {
    static let now = "2026-02-17T21:30:00+08:00"

    static func run(_ a: ChaosArgs) -> Int32 {
        let runs = a.int("runs", 5)
        let rows = a.int("rows", 4000)
        var rng = DemoRandom(seed: UInt64(a.int("seed", 7)))
        let console = a.string("console", Spawn.sibling("console"))
        guard FileManager.default.isExecutableFile(atPath: console) else { ChaosTool.fail("\(console): the console binary is not there; build it first") }
        let dir = a.string("dir", NSTemporaryDirectory() + "chaos-crash-\(getpid())")
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let base = dir + "/base.sqlite"
        let env = ["CONSOLE_NOW": now, "CONSOLE_CONFIG_DIR": dir + "/config"]
        let (st, out) = Spawn.run([console, "demo", "--db", base, "--cases", "300"], environment: env)
        if st != 0 { ChaosTool.fail("demo for the base desk failed (\(st)): \(out)") }
        let csv = dir + "/import.csv"
        writeImportCSV(csv, rows: rows)
        // How long each job takes when left alone: kills land in 0…1.2× that.
        var durations: [String: Double] = [:]
        for kind in ["import", "assign", "demo"] {
            let db = prepare(kind, dir: dir, base: base, name: "timing")
            let t0 = DispatchTime.now().uptimeNanoseconds
            let (s, o) = Spawn.run(command(kind, console: console, db: db, csv: csv, handler: handler(db)), environment: env)
            if s != 0 { ChaosTool.fail("\(kind) without a crash failed (\(s)): \(o)") }
            durations[kind] = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        }
        var failures: [String] = []
        var tally: [String: (killed: Int, finished: Int, absent: Int, whole: Int)] = [:]
        for i in 0..<runs {
            let kind = ["import", "assign", "demo"][i % 3]
            let db = prepare(kind, dir: dir, base: base, name: "run\(i)")
            let target = kind == "demo" ? "" : handler(db)
            let baseline = kind == "assign" ? movedCount(db, handler: target) : 0
            let args = command(kind, console: console, db: db, csv: csv, handler: target)
            let pid = Spawn.start(args, output: dir + "/run\(i).out", environment: env)
            // Half the kills land anywhere; half near the end, where the commit happens.
            let u = Double(rng.below(1000)) / 1000
            let delay = durations[kind]! * (i % 2 == 0 ? u * 1.2 : 0.8 + u * 0.25)
            usleep(UInt32(delay * 1e6))
            kill(pid, SIGKILL)
            let status = Spawn.wait(pid)
            var t = tally[kind, default: (0, 0, 0, 0)]
            if status == 128 + SIGKILL { t.killed += 1 } else { t.finished += 1 }
            switch verify(kind, db: db, rows: rows, handler: target, baseline: baseline) {
            case .failure(let message): failures.append("run \(i) (\(kind), killed after \(String(format: "%.3f", delay)) s): \(message)")
            case .success(let whole):
                if whole { t.whole += 1 } else { t.absent += 1 }
                // The same command again completes the work.
                let (s2, o2) = Spawn.run(args, environment: env)
                let again = verify(kind, db: db, rows: rows, handler: target, baseline: baseline)
                if case .success(true) = again {} else {
                    failures.append("run \(i) (\(kind)): the second run did not complete it (exit \(s2)): \(o2.prefix(300)) \(again)")
                }
            }
            tally[kind] = t
            try? FileManager.default.removeItem(atPath: db)
            try? FileManager.default.removeItem(atPath: db + "-wal")
            try? FileManager.default.removeItem(atPath: db + "-shm")
        }
        print("crash drills: \(runs) kill -9 runs (console at \(console))")
        for (kind, t) in tally.sorted(by: { $0.key < $1.key }) {
            print("  \(kind): \(t.killed) killed mid-run, \(t.finished) finished first; afterwards \(t.whole) whole, \(t.absent) absent (clean run \(String(format: "%.2f", durations[kind]!)) s)")
        }
        for f in failures { print("  FAILED: \(f)") }
        print(failures.isEmpty ? "PASS" : "FAIL")
        if failures.isEmpty && !a.flag("keep") { try? FileManager.default.removeItem(atPath: dir) }
        return failures.isEmpty ? 0 : 1
    }

    /// A copy of the base desk (with its WAL) for import and assign; an empty path for demo.
    static func prepare(_ kind: String, dir: String, base: String, name: String) -> String {
        let db = "\(dir)/\(name)-\(kind).sqlite"
        for s in ["", "-wal", "-shm", ".key", ".anchors"] { try? FileManager.default.removeItem(atPath: db + s) }
        if kind != "demo" {
            // With the audit key: without it nothing can be written to the copy.
            for s in ["", "-wal", ".key"] where FileManager.default.fileExists(atPath: base + s) {
                try? FileManager.default.copyItem(atPath: base + s, toPath: db + s)
            }
        }
        return db
    }

    static func command(_ kind: String, console: String, db: String, csv: String, handler: String) -> [String] {
        switch kind {
        case "import": return [console, "import", "--db", db, csv]
        case "assign":
            let numbers = (try? CaseStore(path: db).read { db in
                try String.fetchAll(db, sql: "SELECT number FROM cases WHERE status IN \(CaseStatus.openSQLList) AND kind <> 'report' ORDER BY id")
            }) ?? []
            return [console, "assign", "--db", db] + numbers + ["--to", handler]
        default: return [console, "demo", "--db", db, "--cases", "3000"]
        }
    }

    /// Open cases that already have `handler` (before a reassign to them).
    static func movedCount(_ db: String, handler: String) -> Int {
        (try? CaseStore(path: db).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE status IN \(CaseStatus.openSQLList) AND kind <> 'report' AND handler = ?", arguments: [handler])
        } ?? 0) ?? 0
    }

    /// A handler on the desk's roster.
    static func handler(_ db: String) -> String {
        (try? CaseStore(path: db).read { db in
            try String.fetchOne(db, sql: "SELECT name FROM users WHERE role = 'handler' ORDER BY name LIMIT 1")
        }) ?? "nobody"
    }

    /// Checks the file after a kill: `.success(true)` when the work is wholly there, `(false)`
    /// when wholly absent, a failure when the file is damaged or holds part of it.
    static func verify(_ kind: String, db: String, rows: Int, handler: String, baseline: Int) -> Result<Bool, VerifyFailure> {
        if kind == "demo" && !FileManager.default.fileExists(atPath: db) { return .success(false) }
        do {
            let store = try CaseStore(path: db)
            let integrity = try store.integrityCheck()
            if integrity != ["ok"] { return .failure(VerifyFailure("integrity_check: \(integrity.prefix(3))")) }
            let chain = try store.read { db in try AuditChain.verify(db) }
            if !chain.ok { return .failure(VerifyFailure("audit chain broken: \(String(describing: chain.firstBreak))")) }
            return try store.read { db in
                switch kind {
                case "import":
                    let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE source_ref LIKE 'crash-%'") ?? 0
                    let marks = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'import'") ?? 0
                    if n == 0 && marks == 0 { return .success(false) }
                    if n == rows && marks == 1 { return .success(true) }
                    return .failure(VerifyFailure("partial import: \(n) of \(rows) rows, \(marks) import events"))
                case "assign":
                    let counts = try Row.fetchAll(db, sql: "SELECT handler = ?, count(*) FROM cases WHERE status IN \(CaseStatus.openSQLList) AND kind <> 'report' GROUP BY 1", arguments: [handler])
                    let moved = counts.first { ($0[0] as Int?) == 1 }.map { $0[1] as Int } ?? 0
                    let left = counts.first { ($0[0] as Int?) != 1 }.map { $0[1] as Int } ?? 0
                    if left == 0 { return .success(true) }
                    if moved == baseline { return .success(false) }
                    return .failure(VerifyFailure("partial reassign: \(moved) with the handler (\(baseline) before), \(left) not"))
                default:
                    let cases = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
                    let done = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'demo'") ?? 0
                    if cases == 0 && done == 0 { return .success(false) }
                    if done == 1 && cases == 3000 { return .success(true) }
                    return .failure(VerifyFailure("partial demo: \(cases) cases, \(done) completion events"))
                }
            }
        } catch {
            return .failure(VerifyFailure("cannot open: \(error)"))
        }
    }

    /// A CSV of `rows` intake rows with refs `crash-<i>` (so a partial import is countable).
    static func writeImportCSV(_ path: String, rows: Int) {
        var s = "received_at,channel,category,line,branch,phone,summary,source_ref\n"
        for i in 0..<rows {
            s += "2026-02-17T\(String(format: "%02d", 8 + i % 12)):\(String(format: "%02d", i % 60)):00+08:00,hotline,claims,travel,上海分公司,1370000\(String(format: "%04d", i % 10000)),春节出行延误理赔 第\(i)件,crash-\(i)\n"
        }
        try? s.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Why a file failed the check after a crash.
struct VerifyFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
