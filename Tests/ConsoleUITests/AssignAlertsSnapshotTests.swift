import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// Snapshots of the assign screen (board and move-all plan), the alerts screen and the `:` command
/// line with completion, at 80×24 and 140×45, in Chinese and English.
final class AssignAlertsSnapshotTests: XCTestCase {
    /// A desk whose alert rules have run once (the shared desk stays without alerts for the dashboard's snapshots).
    nonisolated(unsafe) static var alertDesk: CaseDesk?
    static func desk() throws -> CaseDesk {
        if let d = alertDesk { return d }
        let d = try Fixture.makeDesk()
        _ = try AlertEvaluator(desk: d).tick(at: Fixture.now)
        alertDesk = d
        return d
    }

    func each(_ body: (Int, Int, Language) throws -> Void) rethrows {
        for (w, h) in ScreenSnapshotTests.sizes { for lang in [Language.zh, .en] { try body(w, h, lang) } }
    }

    func check(_ p: ConsoleProgram, _ name: String, _ w: Int, _ h: Int) {
        assertSnapshot(p.screen, named: name)
        XCTAssertEqual(p.screen.count, h)
        for line in p.screen { XCTAssertLessThanOrEqual(DisplayWidth.of(line), w, "a line overflows: \(line)") }
    }

    func testAssignBoardAndPlan() throws {
        let desk = try Fixture.sharedDesk()
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.press("W", "j")
            check(p, "assign-\(lang.rawValue)-\(w)x\(h)", w, h)
            p.press(":")
            p.type("move-all 李强")
            p.press("Enter")
            XCTAssertNotNil(p.state.assign.plan, p.state.message?.text ?? "")
            check(p, "assign-plan-\(lang.rawValue)-\(w)x\(h)", w, h)
        }
    }

    func testPickerShowsLoadAndWorstClock() throws {
        let desk = try Fixture.sharedDesk()
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.press("u", "Space", "r")
            check(p, "picker-\(lang.rawValue)-\(w)x\(h)", w, h)
        }
    }

    func testAlertsScreen() throws {
        let desk = try Self.desk()
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            // The groups, the first expanded (newest first, new ones marked) and one alert marked.
            p.press("A", "Enter", "j", "Space")
            check(p, "alerts-\(lang.rawValue)-\(w)x\(h)", w, h)
            p.press("b")
            check(p, "alerts-by-branch-\(lang.rawValue)-\(w)x\(h)", w, h)
            // A group's acknowledgement asks first, with the count.
            p.press("a")
            check(p, "alerts-ack-group-\(lang.rawValue)-\(w)x\(h)", w, h)
        }
    }

    /// The dashboard with alerts: the pane's groups with true counts, the crisis line.
    func testDashboardAlertPaneAndCrisisLine() throws {
        let desk = try Self.desk()
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            check(p, "dashboard-alerts-\(lang.rawValue)-\(w)x\(h)", w, h)
        }
    }

    func testCommandLineWithCompletion() throws {
        let desk = try Fixture.sharedDesk()
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.press(":")
            p.type("al")
            p.press("Tab")
            check(p, "command-line-\(lang.rawValue)-\(w)x\(h)", w, h)
        }
    }
}
