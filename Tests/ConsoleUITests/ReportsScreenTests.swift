import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

final class ReportsScreenTests: XCTestCase {
    func testReportsScreenShowsThePeriodsFiguresAndStepsThroughPeriods() throws {
        let desk = try Fixture.sharedDesk()
        let p = Fixture.program(desk, width: 120, height: 40)
        p.press("R")
        XCTAssertEqual(p.state.screen, .reports)
        let r = try XCTUnwrap(p.state.reports.data)
        // The screen's figures are the report's: recount the period's cases independently.
        let period = ReportsScreen.periods(p.state.now)[0]
        var f = CaseFilter()
        f.receivedFrom = DeskTime.standard.instant(CivilDateTime(date: period.first, hour: 0, minute: 0))
        f.receivedBefore = DeskTime.standard.instant(CivilDateTime(date: period.last.adding(days: 1), hour: 0, minute: 0))
        XCTAssertEqual(r.total, try desk.store.read { db in try CaseRecords.count(f, db) })
        XCTAssertEqual(r.categories.reduce(0) { $0 + ($1.shareHundredths ?? 0) }, 10_000, "shares add up to 100.00%")
        XCTAssertEqual(r.perDay.reduce(0) { $0 + $1.count }, r.total)
        let text = p.screen.joined(separator: "\n")
        XCTAssertTrue(text.contains("类别占比"), text)
        XCTAssertTrue(text.contains("处理及时率(整体)"), text)
        XCTAssertTrue(text.contains("█"), "bars are drawn")
        p.press("Right")
        XCTAssertEqual(p.state.reports.periodIndex, 1)
        XCTAssertNotNil(p.state.reports.data)
        XCTAssertTrue(p.screen.joined().contains("本月"))
        p.press("Left", "Left")
        XCTAssertEqual(p.state.reports.periodIndex, 3, "wraps around")
        p.press("q")
        XCTAssertEqual(p.state.screen, .dashboard)
    }

    func testBarsAndSparklineHaveAnASCIIFallback() {
        XCTAssertEqual(ReportsView.bar(0.5, width: 10, ascii: true), "#####")
        XCTAssertEqual(ReportsView.bar(1, width: 4, ascii: false), "████")
        XCTAssertEqual(ReportsView.bar(0.0625, width: 4, ascii: false), "▎")
        XCTAssertEqual(ReportsView.spark([0, 7], ascii: true), " #")
        XCTAssertEqual(ReportsView.spark([0, 7], ascii: false), "▁█")
    }
}

final class ReportsSnapshotTests: XCTestCase {
    func testReportsScreenSnapshots() throws {
        for (w, h) in [(80, 24), (140, 45)] {
            for lang in [Language.zh, .en] {
                let p = Fixture.program(try Fixture.sharedDesk(), width: w, height: h, language: lang)
                p.press("R")
                assertSnapshot(p.screen, named: "reports-\(lang.rawValue)-\(w)x\(h)")
            }
        }
    }
}
