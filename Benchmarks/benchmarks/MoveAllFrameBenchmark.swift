import CaseModel
import ConsoleUI
import Foundation
import TerminalKit

/// `benchmarks tui-move-all --db PATH [--now ISO]`: the move-all of the busiest handler's open cases
/// through the real `ConsoleSession` (the run loop's side of the console: keys, poll, frames,
/// effects on the worker, the alert thread beside it), on a copy of the desk, as a team lead of
/// the demo roster. The loop here does what the ncurses loop does between keys (poll, draw when
/// a frame is needed, wait `waitMilliseconds`); it records when each frame is drawn from the
/// confirming C-y to the result, and the progress the status line showed.
enum MoveAllFrameBenchmark {
    static func print(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    static func run(_ args: [String]) throws {
        let o = TUIBenchmark.parse(args)
        let copy = o.db + ".moveall-copy"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try CaseStore(path: o.db).backup(to: copy)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let start = DeskTime.standard.parse(o.now)!
        let clock = OffsetClock(start: start)
        let desk = CaseDesk(store: try CaseStore(path: copy), clock: clock)
        let lead = Actor(name: "wangmin")
        let data = CaseModelDataSource(desk: desk, actor: lead)
        // The alerts already there, as on a desk where consoles have run: the session's own alert
        // thread then does the quick first pass of a console joining a desk.
        _ = try AlertEvaluator(desk: desk).tick(at: start)
        guard let busiest = try data.handlerBoard(at: start).max(by: { $0.openLoad < $1.openLoad }) else { return print("no handlers") }
        print("moving \(busiest.openLoad) open cases of \(busiest.user.name) (copy of \(o.db))")

        let session = ConsoleSession(ConsoleLaunch(data: data, clock: clock, settings: ConsoleSettings(language: .zh, userName: lead.name),
                                                   theme: Theme.builtin("default")!, noColor: true, logPath: nil))
        var frames: [Double] = []
        var shown: [String] = []
        var lastFrame = CellBuffer(width: 0, height: 0)
        var longestTurn = 0.0
        /// One turn of the loop with no key waiting; returns whether a frame was drawn.
        @discardableResult
        func turn() -> Bool {
            let t0 = Timing.now()
            session.poll()
            var drew = false
            if session.needsFrame {
                lastFrame = session.frame()
                frames.append(Timing.now())
                shown.append(lastFrame.line(lastFrame.height - 1).trimmingCharacters(in: .whitespaces))
                drew = true
            }
            longestTurn = max(longestTurn, Timing.now() - t0)
            Thread.sleep(forTimeInterval: Double(session.waitMilliseconds) / 1000)
            return drew
        }
        func screen() -> String { (0..<lastFrame.height).map { lastFrame.line($0) }.joined(separator: "\n") }
        func type(_ keys: [Key]) {
            for k in keys { session.handle(.key(k)) }
            session.inputSettled()
        }
        func until(_ seconds: Double, _ done: () -> Bool) -> Bool {
            let end = Timing.now() + seconds
            while Timing.now() < end { turn(); if done() { return true } }
            return false
        }

        session.start(width: 120, height: 40)
        lastFrame = session.frame()
        // Settle: the dashboard, and the alert thread's first pass.
        _ = until(8) { false }
        type([.char(":")] + "move-all \(busiest.user.name)".map { Key.char($0) } + [.enter])
        guard until(60, { screen().contains("C-y") }) else { return print("no plan shown:\n\(screen())") }
        _ = until(1) { false }
        frames = []; shown = []; longestTurn = 0
        var progress: [String] = []
        let confirmed = Timing.now()
        let c0 = Timing.cpu()
        type([.ctrl("y")])
        // The bottom line: the activity with its progress while the move runs, then the result.
        func status() -> String { lastFrame.line(lastFrame.height - 1).trimmingCharacters(in: .whitespaces) }
        let finished = until(120) {
            let line = status()
            if line.contains("正在移交"), line.contains("/"), progress.last != line { progress.append(line) }
            return line.contains("按负荷移交") && !line.contains("正在")
        }
        let elapsed = Timing.now() - confirmed, cpu = Timing.cpu() - c0
        guard finished else { return print("move-all did not finish in 120 s:\n\(screen())") }
        var gaps = zip(frames.dropFirst(), frames).map { ($0 - $1) * 1000 }
        if let first = frames.first { gaps.insert((first - confirmed) * 1000, at: 0) }
        let sorted = gaps.sorted()
        print(String(format: "move-all: %.2f s wall (process CPU %.2f s), %d frames drawn", elapsed, cpu, frames.count))
        print(String(format: "gap between frames: median %.1f ms, p99 %.1f ms, max %.1f ms; longest loop turn (poll + frame) %.1f ms",
                     sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)], sorted.last!, longestTurn * 1000))
        // Where the longest gaps fell: after which bottom line, how long after C-y.
        for i in gaps.indices.sorted(by: { gaps[$0] > gaps[$1] }).prefix(3) {
            let at = (frames[i] - confirmed) * 1000
            print(String(format: "  gap of %.1f ms ending %.0f ms after C-y, before: ", gaps[i], at) + (i > 0 ? shown[i - 1] : "(C-y)"))
        }
        print("progress lines seen: \(progress.count); first: \(progress.first ?? "-"); last: \(progress.last ?? "-")")
        print("status after: " + status())
        session.finish()
    }
}
