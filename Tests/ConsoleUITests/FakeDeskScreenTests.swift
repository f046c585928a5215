import CaseModel
import ConsoleTestSupport
import ConsoleUI
import TerminalKit
import XCTest

/// Screens over a desk in memory (no SQLite): fast enough to run thousands of keys, and exact
/// about what each screen reads and asks of the desk.
final class FakeDeskScreenTests: XCTestCase {
    func testTheQueueReadsWindowsOfAHugeListNeverTheWholeOfIt() {
        let desk = FakeDesk.generated(count: 10_000)
        let p = Fixture.program(desk, width: 100, height: 30)
        p.press("u")
        XCTAssertEqual(p.state.queue.total, 10_000)
        XCTAssertLessThanOrEqual(p.state.queue.rows.count, 200, "one page, not ten thousand rows")
        p.press("G")
        XCTAssertEqual(p.state.queue.list.cursor, 9_999)
        XCTAssertNotNil(p.state.queue.row(at: 9_999), "the last window was read")
        XCTAssertTrue(p.screen.joined().contains("TS-20260217-9999") || p.screen.joined().contains("10000/10000"), p.screen.joined(separator: "\n"))
        let before = desk.reads.filter { $0 == "queuePage" }.count
        for _ in 0..<20 { p.press("k") }
        XCTAssertEqual(desk.reads.filter { $0 == "queuePage" }.count, before, "moving inside the loaded window reads nothing")
        XCTAssertTrue(p.screen[p.screen.count - 2].contains("9980/10000"), p.screen[p.screen.count - 2])
    }

    func testTheDashboardCountsWhatTheDeskHoldsAndMarksTheOverdue() {
        let desk = FakeDesk.generated(count: 12, step: 1)
        let p = Fixture.program(desk, width: 140, height: 45, language: .en)
        let screen = p.screen.joined(separator: "\n")
        XCTAssertTrue(screen.contains("12!"), "the grand total, overdue marked:\n\(screen)")
        XCTAssertTrue(screen.contains("on duty 3/3"), screen)
        XCTAssertEqual(desk.reads, ["dashboard"], "one read draws the dashboard")
    }

    func testReassigningThroughThePickerAsksTheDeskOnce() {
        let desk = FakeDesk.generated(count: 30)
        let p = Fixture.program(desk, language: .en)
        p.press("u", "Space", "Space", "r")
        guard case .picker? = p.state.overlay else { return XCTFail("no picker") }
        p.press("Enter", "y")
        XCTAssertEqual(desk.asked.count, 1, "\(desk.asked)")
        XCTAssertTrue(desk.asked[0].hasPrefix("assign TS-20260217-0001,TS-20260217-0002 → "), desk.asked[0])
        XCTAssertTrue(p.state.queue.list.marks.isEmpty)
    }

    func testAStandInWithoutASliceRefusesAsADeskWould() {
        final class DashboardOnly: DeskDataSource, DashboardSource, @unchecked Sendable {
            let fake = FakeDesk.generated(count: 3)
            func changeToken() throws -> Int64 { 0 }
            func evaluateAlerts(at now: Instant) throws -> Bool { false }
            func dashboard(at now: Instant, countdownLimit: Int) throws -> DashboardData { try fake.dashboard(at: now, countdownLimit: countdownLimit) }
            func acknowledge(alertID: String) throws {}
        }
        let p = Fixture.program(DashboardOnly(), language: .en)
        XCTAssertNotNil(p.state.dashboard.data)
        p.press("u")
        XCTAssertEqual(p.state.screen, .queue)
        XCTAssertEqual(p.state.message?.isError, true)
        XCTAssertTrue(p.state.message?.text.contains("not available") == true, "\(String(describing: p.state.message))")
    }

    /// In the terminal, effects run on a worker: a long move-all shows its progress while the
    /// program stays free, and its outcome arrives after the progress, in order.
    func testALongMoveAllRunsInTheBackgroundWithProgress() throws {
        let desk = FakeDesk.generated(count: 40)
        desk.secondsPerMove = 0.002
        let p = ConsoleProgram(state: ConsoleState(settings: ConsoleSettings(language: .en, userName: Fixture.user), now: Fixture.now,
                                                   width: 100, height: 30), data: desk, background: true)
        p.start()
        func settle() { let deadline = Date().addingTimeInterval(5); while p.isBusy && Date() < deadline { p.collect(); usleep(1000) }; p.collect() }
        settle()
        p.press("F6")
        settle()
        p.press("m")
        settle()
        XCTAssertNotNil(p.state.assign.plan, "\(String(describing: p.state.message))")
        let moving = p.state.assign.plan!.moves.count
        // The plan appeared while the worker ran: the person reads it (input settles), then answers.
        p.send(.inputSettled)
        p.press("C-y")
        XCTAssertNotNil(p.state.activity, "the move shows as an activity at once")
        XCTAssertTrue(p.isBusy)
        var sawProgress = false, frames = 0
        let deadline = Date().addingTimeInterval(5)
        while p.isBusy && Date() < deadline {
            p.collect()
            if let done = p.state.activity?.done, done > 0, done < moving { sawProgress = true }
            if p.screen.last?.contains("Moving \(moving) case(s)") == true { frames += 1 }
            usleep(2000)
        }
        p.collect()
        XCTAssertTrue(sawProgress, "progress arrived before the outcome")
        XCTAssertGreaterThan(frames, 0, "the footer showed the move while it ran")
        XCTAssertNil(p.state.activity, "the outcome ends the activity")
        XCTAssertTrue(p.state.message?.text.contains("Moved \(moving) case(s)") == true, "\(String(describing: p.state.message))")
    }
}
