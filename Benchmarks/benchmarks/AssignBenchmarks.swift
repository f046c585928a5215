import CaseModel
import ConsoleUI
import Foundation

/// The assign and alerts screens and the command line on a big database (on a copy, since the
/// move-all and the acknowledgements write): board, picker, move-all plan and write, alert list,
/// acknowledging 50, and a Tab completion through the whole update path.
enum AssignBenchmarks {
    static func run(db path: String) throws {
        let copy = path + ".assign-copy"
        for suffix in ["", "-wal", "-shm", ".key", ".anchors"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try CaseStore(path: path).backup(to: copy)
        defer { for suffix in ["", "-wal", "-shm", ".key", ".anchors"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let now = DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!
        let clock = FixedClock(now)
        let desk = CaseDesk(store: try CaseStore(path: copy), clock: clock)
        // A team lead of the demo roster: moving cases needs the assign permission.
        let lead = Actor(name: "wangmin")
        let data = CaseModelDataSource(desk: desk, actor: lead)

        var board: [HandlerLoad] = []
        print("assign board (every case-taking user, load and worst clock): \(Timing.summary(try Timing.samples(20) { board = try data.handlerBoard(at: now) }))")
        print("picker roster (on duty, load and worst clock): \(Timing.summary(try Timing.samples(20) { _ = try data.caseTakers(at: now) }))")
        guard let busiest = board.max(by: { $0.openLoad < $1.openLoad }) else { return print("no handlers") }
        var plan: MoveAllPlan?
        let proposeMs = try Timing.samples(10) { plan = try data.proposeMoveAll(from: busiest.user.name) }
        print("move-all plan for \(busiest.user.name) (\(busiest.openLoad) open cases, \(plan!.shares.count) receivers): \(Timing.summary(proposeMs))")
        var t0 = Timing.now()
        let moved = try data.applyMoveAll(plan!, progress: { _ in })
        print(String(format: "move-all write (%d cases, one transaction, an event each): %.1f ms", moved, (Timing.now() - t0) * 1000))

        t0 = Timing.now()
        _ = try AlertEvaluator(desk: desk).tick(at: now)
        print(String(format: "(alert rules' first tick to fill the alerts: %.0f ms)", (Timing.now() - t0) * 1000))
        var items: [AlertListItem] = []
        print("alert list, unacknowledged (\(try data.alertPage(AlertListFilter(), limit: 1000).items.count) rows, limit 1000): \(Timing.summary(try Timing.samples(20) { items = try data.alertPage(AlertListFilter(), limit: 1000).items }))")
        print("alert board, unacknowledged, by rule and level: \(Timing.summary(try Timing.samples(20) { _ = try data.alertBoard(AlertListFilter(), by: .none, perGroup: 0) }))")
        let branch = items.first { !$0.branch.isEmpty }?.branch
        print("alert list, critical in one branch: \(Timing.summary(try Timing.samples(20) { _ = try data.alertPage(AlertListFilter(level: .critical, branch: branch), limit: 1000) }))")
        let ids = Array(items.prefix(50).map(\.alert.id))
        t0 = Timing.now()
        let acked = try data.acknowledge(alertIDs: ids)
        print(String(format: "acknowledge %d marked alerts (one transaction): %.1f ms", acked, (Timing.now() - t0) * 1000))

        // The command line through the real update path: open, type, Tab (completion over the loaded numbers).
        let settings = ConsoleSettings(language: .zh, userName: lead.name)
        let program = ConsoleProgram(state: ConsoleState(settings: settings, now: now, width: 120, height: 40), data: data)
        program.start()
        program.send(.key(.char("u")))
        let tab = Timing.samples(50) {
            program.send(.key(.escape))
            program.send(.key(.char(":")))
            for c in "go TS-2026" { program.send(.key(.char(c))) }
            program.send(.key(.tab))
            _ = program.render()
        }
        print("`:go TS-2026` + Tab with the queue loaded (open, 10 keys, completion, frame): \(Timing.summary(tab))")
    }
}
