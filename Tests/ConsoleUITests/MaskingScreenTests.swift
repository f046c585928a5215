import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// The full-screen console shows identifiers typed into free text and the timeline masked until
/// an audited reveal, and its `/` search matches identifiers only whole.
final class MaskingScreenTests: XCTestCase {
    private func desk() throws -> (CaseDesk, ComplaintCase) {
        let desk = try Fixture.makeDesk(cases: 30)
        var d = CaseDraft()
        d.summary = "电话13912345678 甲乙丙丁"
        d.details = "身份证110101199003070011，卡号6222 0212 3456 7890 123"
        d.category = "claims"
        d.phone = "+86 135 6677 8899"
        let c = try desk.intake(d, actor: Actor(name: "zhoufang"))
        _ = try desk.act(c.number, .note, ActionInput(note: "新号15011223344"), actor: Actor(name: "zhoufang"))
        return (desk, c)
    }

    func testTheCaseScreenMasksTextAndTimelineUntilRevealed() throws {
        let (desk, c) = try desk()
        let p = Fixture.program(desk, width: 140, height: 60, language: .en)
        p.perform([.loadCase(c.number)])
        let masked = p.screen.joined(separator: "\n")
        for shown in ["135****8899", "139****5678", "1101**********0011", "6222***********0123", "150****3344"] {
            XCTAssertTrue(masked.contains(shown), "\(shown) in\n\(masked)")
        }
        for hidden in ["13566778899", "13912345678", "110101199003070011", "6222 0212", "15011223344"] {
            XCTAssertFalse(masked.contains(hidden), hidden)
        }
        p.press("p"); p.type("回电核实"); p.press("C-s")
        XCTAssertEqual(p.state.caseScreen.revealed, c.number)
        let revealed = p.screen.joined(separator: "\n")
        for whole in ["13566778899", "13912345678", "110101199003070011", "15011223344"] {
            XCTAssertTrue(revealed.contains(whole), "\(whole) once revealed")
        }
    }

    func testTheQueueMasksSummariesAndSearchesIdentifiersOnlyWhole() throws {
        let (desk, c) = try desk()
        let p = Fixture.program(desk, width: 140, height: 40, language: .en)
        p.press("u")
        func search(_ q: String) -> String {
            p.press("c"); p.press("/"); p.type(q); p.press("Enter")
            XCTAssertEqual(p.state.queue.query.filter.search, q)
            return p.screen.joined(separator: "\n")
        }
        let whole = search("135 6677 8899")
        XCTAssertTrue(whole.contains(c.number), whole)
        XCTAssertTrue(whole.contains("139****5678"), "the summary is masked in the queue")
        XCTAssertFalse(whole.contains("13912345678"))
        for part in ["1356", "13566", "8899", "1391234", "135****8899"] {
            XCTAssertFalse(search(part).contains(c.number), part)
        }
        let words = search("甲乙丙丁")
        XCTAssertTrue(words.contains(c.number), "words of the summary still match:\n\(words)")
    }
}
