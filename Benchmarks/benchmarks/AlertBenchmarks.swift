import CaseModel
import Foundation

/// One evaluation tick of the alert rules on a big database (on a copy, since ticks write alerts),
/// and the grouped alert reads the alert pane and `console alerts` make.
enum AlertBenchmarks {
    static func run(db path: String) throws {
        let copy = path + ".alerts-copy"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try CaseStore(path: path).backup(to: copy)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let clock = FixedClock(DeskTime.standard.parse(ProcessInfo.processInfo.environment["CONSOLE_NOW"] ?? "2026-02-17T21:30:00+08:00")!)
        let desk = CaseDesk(store: try CaseStore(path: copy), clock: clock)
        let open = try desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE status NOT IN ('closed','followed-up','withdrawn')") ?? 0 }
        let total = try desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0 }
        print("database: \(total) cases, \(open) open")
        let evaluator = AlertEvaluator(desk: desk)
        var t0 = Timing.now()
        var c0 = Timing.cpu()
        let first = try evaluator.tick(at: clock.now())
        print(String(format: "first evaluation, fresh file (reads %d open and closed cases, schedules, raises %d alerts): %.1f ms (CPU %.1f ms)",
                     first.casesEvaluated, first.raised.count, (Timing.now() - t0) * 1000, (Timing.cpu() - c0) * 1000))
        // A second console starting on the same file: the alerts are already there.
        for run in 1...3 {
            t0 = Timing.now(); c0 = Timing.cpu()
            let again = try AlertEvaluator(desk: desk).tick(at: clock.now())
            print(String(format: "first evaluation of another console (%d cases, %d raised), run %d: %.1f ms (CPU %.1f ms)",
                         again.casesEvaluated, again.raised.count, run, (Timing.now() - t0) * 1000, (Timing.cpu() - c0) * 1000))
        }
        let quiet = Timing.samples(50) { clock.advance(seconds: 0); _ = try? evaluator.tick(at: clock.now()) }
        print("tick with nothing changed and no threshold passed: \(Timing.summary(quiet))")
        // Ticks in which about 1,000 cases cross a threshold: the clock steps to the instant by
        // which 1,000 scheduled thresholds have passed (found from the evaluator's schedule).
        // On a holiday desk thresholds bunch at the restart of working time, so a step may take
        // thousands at once: every tick is printed, and the summary keeps those of 800–1,200.
        var thousand: [(wall: Double, cpu: Double)] = []
        for _ in 1...5 {
            var low: Int64 = 1, high: Int64 = 1
            while evaluator.crossings(through: clock.now().adding(seconds: high)) < 1_000 && high < 30 * 86_400 { high *= 2 }
            while low < high {
                let mid = (low + high) / 2
                if evaluator.crossings(through: clock.now().adding(seconds: mid)) < 1_000 { low = mid + 1 } else { high = mid }
            }
            clock.advance(seconds: low)
            t0 = Timing.now(); c0 = Timing.cpu()
            let r = try evaluator.tick(at: clock.now())
            let ms = (Timing.now() - t0) * 1000, cpu = (Timing.cpu() - c0) * 1000
            if (800...1_200).contains(r.casesEvaluated) { thousand.append((ms, cpu)) }
            print(String(format: "tick after +%lld s: %d cases crossed a threshold, %d alerts raised, %d cleared: %.1f ms (CPU %.1f ms)",
                         low, r.casesEvaluated, r.raised.count, r.cleared, ms, cpu))
        }
        if let worst = thousand.max(by: { $0.wall < $1.wall }) {
            print(String(format: "ticks with 800–1,200 crossings: %d, slowest %.1f ms wall (CPU %.1f ms)", thousand.count, worst.wall, worst.cpu))
        }
        // Larger steps, as before: how the cost grows with the number of crossings.
        for step: Int64 in [60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 12 * 3600] {
            clock.advance(seconds: step)
            t0 = Timing.now()
            c0 = Timing.cpu()
            let r = try evaluator.tick(at: clock.now())
            print(String(format: "tick after +%lld s: %d cases crossed a threshold, %d alerts raised, %d cleared: %.1f ms (CPU %.1f ms)",
                         step, r.casesEvaluated, r.raised.count, r.cleared, (Timing.now() - t0) * 1000, (Timing.cpu() - c0) * 1000))
        }
        // A burst: five similar complaints; the fifth's tick proposes the event.
        var draft = CaseDraft()
        draft.summary = "航班延误险理赔被拒"; draft.line = "travel"; draft.product = "航班延误险基准"; draft.category = "claims"
        draft.branch = "基准分公司"
        for i in 0..<5 {
            draft.phone = "1380000\(1000 + i)"
            _ = try desk.intake(draft, actor: Actor(name: "zhoufang"))   // a duty operator of the demo roster
            t0 = Timing.now()
            let r = try evaluator.tick(at: clock.now())
            print(String(format: "burst complaint %d: tick %.1f ms, events proposed: %d", i + 1, (Timing.now() - t0) * 1000, r.proposedEvents.count))
            clock.advance(seconds: 60)
        }
        // The reads of the alert pane and screen, as a team lead of the demo roster.
        let lead = Actor(name: "wangmin")
        _ = try evaluator.tick(at: clock.now())
        for (name, dim) in [("by rule", AlertBoard.Dimension.none), ("by branch", .branch), ("by handler", .handler)] {
            let board = try AlertBoard.load(desk, filter: AlertListFilter(), by: dim, actor: lead)
            print("grouped alerts \(name) (\(board.groups.count) groups of \(board.matching), 5 newest each): \(Timing.summary(try Timing.samples(10) { _ = try AlertBoard.load(desk, filter: AlertListFilter(), by: dim, actor: lead) }))")
        }
        let page = try AlertList.page(desk, filter: AlertListFilter(), limit: 1000, actor: lead)
        print("alert page of \(page.items.count) of \(page.total), texts from the cases: \(Timing.summary(try Timing.samples(10) { _ = try AlertList.page(desk, filter: AlertListFilter(), limit: 1000, actor: lead) }))")
        print("alert overview (header counts): \(Timing.summary(try Timing.samples(20) { _ = try DeskAlerts.overview(desk, actor: lead) }))")
        let preview = try DeskAlerts.previewAcknowledgement(desk, matching: AlertListFilter(rule: .newMajor), actor: lead)
        t0 = Timing.now()
        let acked = try DeskAlerts.acknowledge(desk, matching: AlertListFilter(rule: .newMajor), expecting: preview.count, actor: lead)
        print(String(format: "acknowledge a group of %d (one transaction, one audit event each): %.1f ms", acked, (Timing.now() - t0) * 1000))
        print("crisis picture: \(Timing.summary(try Timing.samples(20) { _ = try CrisisPicture.load(desk, at: clock.now(), actor: lead) }))")
    }
}
