import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// Case actions by name on the `:` line (`:note 已回电`, `:close accepted`): the argument fills the
/// action's form, which still opens to be checked and saved; nothing runs without a case.
final class CommandLineActionTests: XCTestCase {
    func testActionArgumentsFillTheFormAndSaveThroughTheDesk() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        var d = CaseDraft()
        d.summary = "理赔款未到账"
        d.category = "claims"
        let c = try desk.intake(d, actor: Actor(name: "zhoufang"))
        let p = Fixture.program(desk, width: 100, height: 30, language: .en)

        // No case open: refused in the status line, no form.
        p.press(":"); p.type("note 已回电客户"); p.press("Enter")
        XCTAssertNil(p.state.form)
        XCTAssertTrue(p.state.message?.text.contains("Open a case first") ?? false, "\(String(describing: p.state.message))")

        p.press(":"); p.type("go \(c.number)"); p.press("Enter")
        XCTAssertEqual(p.state.screen, .caseView)
        XCTAssertEqual(p.state.caseScreen.detail?.item.number, c.number)

        // A value outside the choice list is refused before any form opens.
        p.press(":"); p.type("close nonsense"); p.press("Enter")
        XCTAssertNil(p.state.form)
        XCTAssertTrue(p.state.message?.text.contains("accepted") ?? false, "the message lists the values")

        // Tab completes the argument from the same choice list.
        p.press(":"); p.type("close acc"); p.press("Tab")
        guard case .prompt(let prompt)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(prompt.text, "close accepted")
        p.press("Enter")
        XCTAssertEqual(p.state.form?.value("basis"), "accepted")
        XCTAssertEqual(p.state.form?.focused?.id, "resolution", "the next field takes the typing")
        p.press("Esc")
        XCTAssertNil(p.state.form)
        XCTAssertEqual(try desk.detail(c.number).0.status, .received, "cancelled: nothing written")

        // :note with text: the form holds it, Enter saves it as a note event.
        p.press(":"); p.type("note 已回电客户,明日答复"); p.press("Enter")
        XCTAssertEqual(p.state.form?.value("note"), "已回电客户,明日答复")
        p.press("C-s")
        XCTAssertNil(p.state.form)
        let notes = try desk.detail(c.number).1.filter { $0.action == "note" }
        guard notes.count == 1 else { return XCTFail("\(notes.count) notes") }
        XCTAssertTrue(notes[0].detail.values.contains { $0.contains("已回电客户,明日答复") }, "\(notes[0].detail)")
    }
}
