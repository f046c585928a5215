import CaseModel
import Foundation

/// One evaluation tick of the alert rules on a big database (on a copy, since ticks write alerts).
enum AlertBenchmarks {
    static func run(db path: String) throws {
        let copy = path + ".alerts-copy"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try CaseStore(path: path).backup(to: copy)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let clock = FixedClock(DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!)
        let desk = CaseDesk(store: try CaseStore(path: copy), clock: clock)
        let evaluator = AlertEvaluator(desk: desk)
        var t0 = Timing.now()
        let first = try evaluator.tick(at: clock.now())
        print(String(format: "first tick (reads every open case, schedules, raises %d alerts): %.1f ms", first.raised.count, (Timing.now() - t0) * 1000))
        let quiet = Timing.samples(50) { clock.advance(seconds: 0); _ = try? evaluator.tick(at: clock.now()) }
        print("tick with nothing changed and no threshold passed: \(Timing.summary(quiet))")
        // Move the clock so that thresholds pass; report how many cases each tick re-evaluated.
        for step: Int64 in [60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600] {
            clock.advance(seconds: step)
            t0 = Timing.now()
            let c0 = Timing.cpu()
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
    }
}
