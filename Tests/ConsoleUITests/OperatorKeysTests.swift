import CaseModel
import ConsoleTestSupport
import ConsoleUI
import TerminalKit
import XCTest

/// The keys a tired operator reaches for do what they say: `/` searches from the dashboard too,
/// the dashboard's footer calls q what it is (quit, after a question), and word moves work in a
/// form field with Chinese text (docs/console-input.md).
final class OperatorKeysTests: XCTestCase {
    func testSlashOnTheDashboardSearchesAndTheFooterSaysQQuits() throws {
        let p = Fixture.program(try Fixture.sharedDesk(), language: .zh)
        XCTAssertTrue(p.screen.last?.contains("q 退出") == true, p.screen.last ?? "")
        p.press("/")
        p.type("理赔")
        p.press("Enter")
        XCTAssertEqual(p.state.screen, .queue)
        XCTAssertEqual(p.state.queue.query.filter.search, "理赔")
        // C-c closes the calendar page as Esc does, and never quits from it.
        p.press("F9")
        XCTAssertNotNil(p.state.viewer)
        p.press("C-c")
        XCTAssertNil(p.state.viewer)
        XCTAssertNil(p.state.overlay)
        XCTAssertFalse(p.state.quitRequested)
    }

    func testWordMovesEditAChineseSummaryInTheIntakeForm() throws {
        let p = Fixture.program(try Fixture.makeDesk(cases: 5), language: .zh)
        p.press("n")
        p.focus("summary")
        p.type("客户来电，理赔款未到账")
        p.press("M-b")
        p.type("【急】")
        XCTAssertEqual(p.state.form?.value("summary"), "客户来电，【急】理赔款未到账")
        p.press("C-e", "C-w")
        XCTAssertEqual(p.state.form?.value("summary"), "客户来电，【急】")
        p.press("C-a", "M-d")
        XCTAssertEqual(p.state.form?.value("summary"), "，【急】")
    }
}

/// The calendar page at the sizes a desk runs: February 2026 with Spring Festival, in both languages.
final class CalendarPageSnapshotTests: XCTestCase {
    func testCalendarPageSnapshots() throws {
        for (w, h) in [(80, 24), (140, 45)] {
            for lang in [Language.zh, .en] {
                let p = Fixture.program(try Fixture.sharedDesk(), width: w, height: h, language: lang)
                p.press("F9")
                XCTAssertNotNil(p.state.viewer)
                assertSnapshot(p.screen, named: "calendar-\(lang.rawValue)-\(w)x\(h)")
                for line in p.screen { XCTAssertLessThanOrEqual(DisplayWidth.of(line), w, line) }
            }
        }
    }
}
