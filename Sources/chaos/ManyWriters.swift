import CaseModel
import Foundation

/// `chaos many`: sets up a desk, starts N writer processes for a fixed time, then checks the
/// file against their logs and prints the figures. Exit 0 only when nothing was lost.
enum ManyWriters {
    static func run(_ a: ChaosArgs) -> Int32 {
        let writers = a.int("writers", 8)
        let seconds = a.double("seconds", 60)
        let dir = a.string("dir", NSTemporaryDirectory() + "chaos-many-\(getpid())")
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let db = dir + "/desk.sqlite"
        do { _ = try ChaosDesk.setup(path: db, writers: writers, hot: a.int("hot", 12)) } catch { ChaosTool.fail("setup: \(error)") }
        let seed = a.int("seed", 1)
        let pids = (0..<writers).map { w in
            Spawn.start([Spawn.me, "writer", "--db", db, "--worker", "\(w)", "--seconds", "\(seconds)",
                         "--seed", "\(seed * 1000 + w)", "--log", "\(dir)/writer-\(w).jsonl", "--scratch", dir],
                        output: "\(dir)/writer-\(w).out")
        }
        var failedWriters: [String] = []
        for (w, pid) in pids.enumerated() {
            let status = Spawn.wait(pid)
            if status != 0 { failedWriters.append("writer \(w) exited \(status): \((try? String(contentsOfFile: "\(dir)/writer-\(w).out", encoding: .utf8)) ?? "")") }
        }
        let ok = report(dir: dir, seconds: seconds, header: "many writers: \(writers) processes for \(seconds) s on \(db)", failedWriters: failedWriters)
        if ok && !a.flag("keep") { try? FileManager.default.removeItem(atPath: dir) }
        return ok ? 0 : 1
    }

    /// `chaos check --dir D [--seconds S]`: checks a kept run's file against its logs again.
    static func check(_ a: ChaosArgs) -> Int32 {
        let dir = a.require("dir")
        return report(dir: dir, seconds: a.double("seconds", 60), header: "check of \(dir)", failedWriters: []) ? 0 : 1
    }

    /// Runs the checker over every writer log in `dir` and prints the figures; true when passed.
    static func report(dir: String, seconds: Double, header: String, failedWriters: [String]) -> Bool {
        let logs = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        let entries = logs.flatMap { ChaosLog.read("\(dir)/\($0)") }
        let db = dir + "/desk.sqlite"
        do {
            let f = try ChaosChecker(store: CaseStore(path: db)).check(entries)
            print(header)
            for line in f.lines(seconds: seconds) { print("  " + line) }
            let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
            print("  file: \(size / 1024) KB")
            for w in failedWriters { print("  FAILED: \(w)") }
            let ok = f.passed && failedWriters.isEmpty
            print(ok ? "PASS" : "FAIL")
            return ok
        } catch {
            print("check failed: \(error)")
            print("FAIL")
            return false
        }
    }

    /// `chaos writer`: one writer process.
    static func writer(_ a: ChaosArgs) -> Int32 {
        let worker = a.int("worker", 0)
        do {
            let store = try CaseStore(path: a.require("db"))
            let desk = CaseDesk(store: store, clock: RunningClock(start: ChaosDesk.start))
            let hot = try ChaosDesk.hotCases(store)
            if hot.isEmpty { ChaosTool.fail("no hot cases in \(store.path); run `chaos setup` first") }
            var w = ChaosWriter(worker: worker, desk: desk, log: ChaosLog(path: a.require("log")), hot: hot,
                                scratch: a.string("scratch", NSTemporaryDirectory()), rng: DemoRandom(seed: UInt64(a.int("seed", worker))))
            let n = w.run(seconds: a.double("seconds", 5))
            print("writer \(worker): \(n) operations")
            return 0
        } catch {
            print("writer \(worker): \(error)")
            return 1
        }
    }
}
