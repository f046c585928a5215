import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// The update function driven by keys and events: marks, bulk reassignment with confirmation,
/// filter, search, sort, the tick and "database changed".
final class UpdateTests: XCTestCase {
    func testMarksSurviveScrollingAndFiltering() throws {
        let p = Fixture.program(try Fixture.sharedDesk())
        p.press("u", "Space", "Space")
        XCTAssertEqual(p.state.queue.list.marks.count, 2)
        let marked = p.state.queue.list.marks
        p.press("G", "g", "PgDn", "PgUp")
        XCTAssertEqual(p.state.queue.list.marks, marked)
        // Filter to another category and back: the marks are kept by case number.
        p.press("f", "Down", "Down", "Right", "Enter")
        XCTAssertFalse(p.state.queue.query.filter.categories.isEmpty)
        XCTAssertEqual(p.state.queue.list.marks, marked)
        p.press("c")
        XCTAssertEqual(p.state.queue.list.marks, marked)
        p.press("U")
        XCTAssertTrue(p.state.queue.list.marks.isEmpty)
    }

    func testBulkReassignAsksThenWritesTheStore() throws {
        let desk = try Fixture.makeDesk(cases: 200)
        let p = Fixture.program(desk)
        p.press("u", "Space", "Space", "Space")
        let numbers = p.state.queue.list.marks.sorted()
        XCTAssertEqual(numbers.count, 3)
        p.press("r")
        guard case .picker(let picked, _)? = p.state.overlay else { return XCTFail("no picker") }
        XCTAssertEqual(picked, numbers)
        XCTAssertFalse(p.state.roster.isEmpty, "the on-duty roster is offered")
        p.press("j")
        guard case .picker(_, let sel)? = p.state.overlay else { return XCTFail("picker closed") }
        let handler = p.state.roster[sel].user.name
        p.press("Enter")
        guard case .confirm(let text, .assign(let n, let h))? = p.state.overlay else { return XCTFail("no confirmation") }
        XCTAssertEqual(n, numbers)
        XCTAssertEqual(h, handler)
        XCTAssertTrue(text.contains(handler))
        // Nothing is written before the yes.
        for number in numbers { XCTAssertNotEqual(try desk.detail(number).0.handler, handler) }
        p.press("y")
        XCTAssertNil(p.state.overlay)
        for number in numbers { XCTAssertEqual(try desk.detail(number).0.handler, handler) }
        XCTAssertTrue(p.state.queue.list.marks.isEmpty)
        XCTAssertEqual(p.state.message?.isError, false)
    }

    func testReassignCanBeCancelledAndIsRefusedReadOnly() throws {
        let desk = try Fixture.sharedDesk()
        let p = Fixture.program(desk)
        p.press("u", "Space", "r", "Enter", "n")
        XCTAssertNil(p.state.overlay)
        XCTAssertEqual(p.state.queue.list.marks.count, 1, "cancelling keeps the marks")
        let ro = Fixture.program(desk, readOnly: true)
        ro.press("u", "Space", "r")
        XCTAssertNil(ro.state.overlay)
        XCTAssertEqual(ro.state.message?.isError, true)
    }

    func testSearchFindsByNumberAndEscCancels() throws {
        let p = Fixture.program(try Fixture.sharedDesk())
        p.press("u")
        let target = p.state.queue.rows[5].number
        p.press("/")
        for ch in target { p.send(.key(.char(ch))) }
        p.press("Enter")
        XCTAssertEqual(p.state.queue.total, 1)
        XCTAssertEqual(p.state.queue.rows.first?.number, target)
        p.press("/", "x", "Esc")
        XCTAssertEqual(p.state.queue.query.filter.search, target, "Esc leaves the search as it was")
    }

    /// The queue follows the search line once typing pauses; Esc brings back the search it had.
    func testSearchUpdatesWhileTypingAndEscRestores() throws {
        let p = Fixture.program(try Fixture.sharedDesk())
        p.press("u")
        let all = p.state.queue.total
        let target = p.state.queue.rows[3].number
        p.press("/")
        for ch in target { p.send(.key(.char(ch))) }
        XCTAssertEqual(p.state.queue.total, all, "nothing asked while the keys are still coming")
        p.send(.inputSettled)
        XCTAssertNotNil(p.state.overlay, "the line stays open")
        XCTAssertEqual(p.state.queue.query.filter.search, target)
        XCTAssertEqual(p.state.queue.rows.first?.number, target)
        XCTAssertEqual(p.state.queue.total, 1)
        p.press("Esc")
        XCTAssertEqual(p.state.queue.query.filter.search, "")
        XCTAssertEqual(p.state.queue.total, all)
    }

    func testFilterAndSortReadFromTheStore() throws {
        let p = Fixture.program(try Fixture.sharedDesk())
        p.press("u")
        let all = p.state.queue.total
        XCTAssertGreaterThan(all, 0)
        p.press("f", "Down", "Down", "Down", "Right", "Enter") // severity = crisis… first value
        XCTAssertLessThan(p.state.queue.total, all)
        XCTAssertTrue(p.state.queue.rows.allSatisfy { p.state.queue.query.filter.severities.contains($0.item.severity) })
        p.press("c", "s") // sort by number
        XCTAssertEqual(p.state.queue.query.sort, .number)
        let numbers = p.state.queue.rows.map(\.number)
        XCTAssertEqual(numbers, numbers.sorted())
        p.press("S")
        let reversed = p.state.queue.rows.map(\.number)
        XCTAssertEqual(reversed, reversed.sorted(by: >))
        XCTAssertGreaterThan(reversed.first!, numbers.first!)
    }

    func testPagingLoadsWindowsNotEverything() throws {
        let desk = try Fixture.sharedDesk()
        let settings = ConsoleSettings(language: .zh, userName: Fixture.user)
        var s = settings
        s.queuePageSize = 50
        let p = ConsoleProgram(state: ConsoleState(settings: s, now: Fixture.now, width: 80, height: 24),
                               data: CaseModelDataSource(desk: desk, actor: Actor(name: Fixture.user)))
        p.start()
        p.press("u")
        XCTAssertLessThanOrEqual(p.state.queue.rows.count, 50)
        XCTAssertGreaterThan(p.state.queue.total, 100)
        p.press("G")
        XCTAssertEqual(p.state.queue.list.cursor, p.state.queue.total - 1)
        XCTAssertNotNil(p.state.queue.row(at: p.state.queue.list.cursor), "the last window was loaded")
        XCTAssertLessThanOrEqual(p.state.queue.rows.count, 50)
    }

    func testTickMovesTheClockWithoutReadingTheStore() throws {
        var state = ConsoleState(settings: ConsoleSettings(userName: "x"), now: Fixture.now, width: 80, height: 24)
        let effects = ConsoleUpdate.update(&state, .tick(Fixture.now.adding(seconds: 1)))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(state.now, Fixture.now.adding(seconds: 1))
        // The header's time moves with the tick, to the minute.
        let p = Fixture.program(try Fixture.sharedDesk())
        let before = p.screen
        XCTAssertTrue(before[0].contains("21:30"))
        p.send(.tick(Fixture.now.adding(seconds: 60)))
        XCTAssertNotEqual(before, p.screen)
        XCTAssertTrue(p.screen[0].contains("21:31"))
    }

    /// At rest the dashboard reads again only the figures the clock moved (a due time passed, the
    /// hour turned, a receipt time or a shift edge was reached), at the instant the last read
    /// named, and asks once even when the read takes longer than a tick.
    func testTheDashboardRefreshAsksOnlyForWhatTheClockMovedWhenItMoved() throws {
        let p = Fixture.program(try Fixture.sharedDesk())
        var state = p.state
        let moves = try XCTUnwrap(state.dashboard.data?.cases.moves)
        let first = moves.next
        XCTAssertGreaterThan(first, Fixture.now)
        func refreshes(_ e: [Effect]) -> [Effect] { e.filter { $0.is(RefreshDashboardFigures.self) } }
        // Ticks before it read nothing, however many.
        for second in [1, 30, 60, first.seconds - Fixture.now.seconds - 1] where second < first.seconds - Fixture.now.seconds {
            XCTAssertEqual(refreshes(ConsoleUpdate.update(&state, .tick(Fixture.now.adding(seconds: second)))), [], "second \(second)")
        }
        let parts = moves.moved(by: first)
        XCTAssertFalse(parts.isEmpty)
        XCTAssertEqual(refreshes(ConsoleUpdate.update(&state, .tick(first))), [Effect(RefreshDashboardFigures(parts))])
        for extra in 1...5 {
            XCTAssertEqual(refreshes(ConsoleUpdate.update(&state, .tick(first.adding(seconds: Int64(extra))))), [])
        }
        // No answer within the retry time: asked again.
        XCTAssertEqual(refreshes(ConsoleUpdate.update(&state, .tick(first.adding(seconds: DashboardScreen.refreshRetrySeconds)))).count, 1)
        // The answer brings the figures to that instant and names the next moves; the alert pane stays.
        let board = p.state.dashboard.data?.board
        p.send(.tick(first))
        XCTAssertEqual(p.state.dashboard.data?.loadedAt, first)
        XCTAssertGreaterThan(try XCTUnwrap(p.state.dashboard.data?.cases.moves.next), first)
        XCTAssertNil(p.state.dashboard.refreshAskedAt)
        XCTAssertEqual(p.state.dashboard.data?.board?.groups.count, board?.groups.count)
    }

    /// The instants the clock moves the dashboard's figures are exact: a full read the second
    /// before the next one shows what the last read showed, and at it the partial refresh shows
    /// what a full read shows, step after step, until every kind of move has been seen.
    func testTheDashboardsClockMovesAreExact() throws {
        let desk = try Fixture.sharedDesk()
        let actor = Actor(name: Fixture.user)
        var d = try desk.dashboard(at: Fixture.now, nearest: 10, actor: actor)
        var seen: Set<DeskDashboard.Part> = []
        var steps = 0
        while seen != Set(DeskDashboard.Part.allCases) && steps < 400 {
            let next = d.moves.next
            XCTAssertGreaterThan(next, d.at)
            let before = try desk.dashboard(at: Instant(seconds: next.seconds - 1), nearest: 10, actor: actor)
            XCTAssertEqual(before.matrix, d.matrix, "before \(next)")
            XCTAssertEqual(before.intakeByHour, d.intakeByHour, "before \(next)")
            XCTAssertEqual(before.onDuty.map(\.name), d.onDuty.map(\.name), "before \(next)")
            let parts = d.moves.moved(by: next)
            XCTAssertFalse(parts.isEmpty)
            seen.formUnion(parts)
            let refreshed = d.updated(with: try desk.dashboardRefresh(parts, at: next, actor: actor))
            let full = try desk.dashboard(at: next, nearest: 10, actor: actor)
            XCTAssertEqual(refreshed.matrix, full.matrix, "at \(next)")
            XCTAssertEqual(refreshed.intakeByHour, full.intakeByHour, "at \(next)")
            XCTAssertEqual(refreshed.onDuty.map(\.name), full.onDuty.map(\.name), "at \(next)")
            XCTAssertEqual(refreshed.moves, full.moves, "at \(next)")
            d = refreshed
            steps += 1
        }
        XCTAssertEqual(seen, Set(DeskDashboard.Part.allCases), "after \(steps) moves")
        XCTAssertGreaterThan(d.overdue, try desk.dashboard(at: Fixture.now, nearest: 10, actor: actor).overdue)
    }

    /// At rest a tick draws a frame only when it changed what the screen shows: never a screen
    /// left stale, and far fewer frames than seconds.
    func testATickDrawsAFrameOnlyWhenTheScreenChanged() throws {
        for (width, height, queue) in [(80, 24, false), (120, 40, false), (80, 24, true), (120, 40, true)] {
            let p = Fixture.program(try Fixture.sharedDesk(), width: width, height: height)
            // The queue at rest too: its rows' clocks, not every second.
            if queue { p.press("u"); XCTAssertEqual(p.state.screen, .queue) }
            var shown = TextBackend.lines(p.render())
            var frames = 0
            for second in 1...100 {
                p.send(.tick(Fixture.now.adding(seconds: Int64(second))))
                if p.dirty {
                    frames += 1
                    shown = TextBackend.lines(p.render())
                } else {
                    XCTAssertEqual(p.screen, shown, "\(width)×\(height), second \(second): the screen changed without a frame")
                }
            }
            XCTAssertTrue(shown[0].contains("21:31"), shown[0])
            // The minute (1), the crisis line and the countdown figures turning.
            XCTAssertGreaterThanOrEqual(frames, 1)
            XCTAssertLessThan(frames, 50, "\(width)×\(height)")
            if queue { XCTAssertLessThan(frames, 10, "queue \(width)×\(height)") }
        }
        // A status message, and its running out, are changes too.
        var state = ConsoleState(settings: ConsoleSettings(userName: "x"), now: Fixture.now, width: 80, height: 24)
        let quiet = ConsoleView.clockFace(state)
        XCTAssertNotNil(quiet)
        ConsoleUpdate.say(&state, "测试")
        XCTAssertNotEqual(ConsoleView.clockFace(state), quiet)
        _ = ConsoleUpdate.update(&state, .tick(Fixture.now.adding(seconds: ConsoleUpdate.messageSeconds)))
        XCTAssertNil(state.message)
        XCTAssertEqual(ConsoleView.clockFace(state), ConsoleView.clockFace({ var q = state; q.now = Fixture.now; return q }()))
    }

    func testDatabaseChangedReloadsOnlyTheVisibleScreen() {
        var state = ConsoleState(settings: ConsoleSettings(userName: "x"), now: Fixture.now, width: 80, height: 24)
        XCTAssertEqual(ConsoleUpdate.update(&state, .databaseChanged), [.loadDashboard])
        state.screen = .queue
        XCTAssertEqual(ConsoleUpdate.update(&state, .databaseChanged), [.loadQueue(state.queue.query, offset: 0)])
        XCTAssertTrue(state.dashboard.stale)
        state.screen = .help
        XCTAssertEqual(ConsoleUpdate.update(&state, .databaseChanged), [])
    }

    func testAnotherWriterShowsAfterDatabaseChanged() throws {
        let desk = try Fixture.makeDesk(cases: 100)
        let p = Fixture.program(desk)
        p.press("u")
        let first = p.state.queue.rows[0].number
        let other = CaseDesk(store: try CaseStore(path: desk.store.path), clock: FixedClock(Fixture.now))
        try other.assign([first], to: "lijing", actor: Actor(name: "liuyang")) // another team lead, another connection
        p.send(.databaseChanged)
        XCTAssertEqual(p.state.queue.rows.first { $0.number == first }?.item.handler, "lijing")
    }

    func testMatrixEnterOpensThatQueue() throws {
        let p = Fixture.program(try Fixture.sharedDesk())
        p.press("Down", "Right", "Enter") // sales × major
        XCTAssertEqual(p.state.screen, .queue)
        XCTAssertEqual(p.state.queue.query.filter.categories, [Category.allCases[1]])
        XCTAssertEqual(p.state.queue.query.filter.severities, [Severity.ordered[1]])
        p.press("q")
        XCTAssertEqual(p.state.screen, .dashboard)
    }

    func testQuitAsksWhenCasesAreMarkedOrOnBackFromTheDashboard() throws {
        // F10 asks too: no key leaves the console unasked (it used to quit at once).
        let f = Fixture.program(try Fixture.sharedDesk())
        f.press("F10")
        XCTAssertFalse(f.state.quitRequested)
        f.press("y")
        XCTAssertTrue(f.state.quitRequested)
        // q (or Esc) on the dashboard asks first; n keeps the console open.
        let p = Fixture.program(try Fixture.sharedDesk())
        p.press("q")
        XCTAssertFalse(p.state.quitRequested)
        p.press("n")
        XCTAssertFalse(p.state.quitRequested)
        XCTAssertEqual(p.state.screen, .dashboard)
        p.press("q", "y")
        XCTAssertTrue(p.state.quitRequested)
        let m = Fixture.program(try Fixture.sharedDesk())
        m.press("u", "Space", "F10")
        XCTAssertFalse(m.state.quitRequested)
        m.press("y")
        XCTAssertTrue(m.state.quitRequested)
    }

    func testKeyMapFileRebindsAndDisables() throws {
        let m = try KeyMap.defaults.applying(file: "bind queue x mark\nunbind queue Space\n# comment\n")
        XCTAssertEqual(m.command(for: .char("x"), in: .queue), .mark)
        XCTAssertNil(m.command(for: .char(" "), in: .queue))
        XCTAssertThrowsError(try KeyMap.defaults.applying(file: "bind queue x explode\n")) { e in
            XCTAssertEqual((e as? ConfigError)?.line, 1)
        }
        XCTAssertThrowsError(try KeyMap.defaults.applying(file: "\nbind nowhere x mark\n")) { e in
            XCTAssertEqual((e as? ConfigError)?.line, 2)
        }
        // Help is generated from the map: a disabled key disappears from it.
        var st = ConsoleState(settings: ConsoleSettings(language: .en, userName: "x", keyMap: m), now: Fixture.now, width: 80, height: 24)
        st.help.context = .queue
        let help = HelpView.lines(st).joined(separator: "\n")
        XCTAssertTrue(help.contains("x "), help)
        XCTAssertFalse(help.contains("Space"), help)
    }
}
