import CaseModel
import ConsoleTestSupport
import TerminalKit
import XCTest
@testable import ConsoleUI

/// The desk's tools on screen over the fake desk: the script picker beside a case, the handover
/// and its acknowledgement, the roster and its planning; what each offers by role, and what it
/// asks of the desk (docs/scripts.md, docs/handover.md, docs/roster.md).
final class ToolScreensTests: XCTestCase {
    static func script(_ id: String, _ title: String, version: Int = 2, conditions: [ScriptCondition] = []) -> ReplyScript {
        ReplyScript(id: id, title: title, situation: "首次联系客户", conditions: conditions, language: "zh", version: version,
                    text: ScriptText([.literal("您好,我是值班台。")]), source: ScriptSource(file: "\(id).md", shipped: true))
    }

    static func filled(_ id: String, _ title: String, _ text: String, version: Int = 2) -> FilledScript {
        FilledScript(script: script(id, title, version: version), text: text, gaps: [], score: 3, disclosure: .masked)
    }

    /// A fake desk with three cases, two scripts fitting them, and the user in `role`.
    func desk(role: Role = .teamLead) -> FakeDesk {
        let d = FakeDesk.generated(count: 3)
        d.users[0].role = role
        d.fittingScripts = [Self.filled("first-contact", "首次联系", "王先生您好,您的投诉 TS-20260217-0001 已受理。"),
                            Self.filled("holiday-wait", "节后调查", "调查将于节后首个工作日开始。", version: 5)]
        return d
    }

    /// Opens the first case of the queue.
    func openCase(_ p: ConsoleProgram) {
        p.press("u", "Enter")
        XCTAssertEqual(p.state.screen, .caseView)
    }

    // MARK: scripts beside the case

    func testTheCaseScreenOffersItsScriptsBestFirstAndANoteMadeFromOneRecordsTheScript() throws {
        let d = desk()
        let p = Fixture.program(d, width: 100, height: 30)
        openCase(p)
        XCTAssertTrue(p.screen.last!.contains("话术"), "the case screen's footer offers the scripts: \(p.screen.last!)")
        p.press("t")
        XCTAssertEqual(p.state.screen, .scripts)
        XCTAssertEqual(p.state.scripts.scripts?.map(\.script.id), ["first-contact", "holiday-wait"], "in the desk's order, best first")
        XCTAssertTrue(p.screen.joined().contains("首次联系"), p.screen.joined(separator: "\n"))
        p.press("j")
        XCTAssertTrue(p.screen.joined().contains("调查将于节后首个工作日开始"), "the selected script's wording shows")
        p.press("k", "n")
        XCTAssertEqual(p.state.screen, .caseView, "the note is written over the case")
        let f = try XCTUnwrap(p.state.form)
        guard case .scripted(let number, .note, _, let use, let text) = f.purpose else { return XCTFail("\(f.purpose)") }
        XCTAssertEqual(use.id, "first-contact")
        XCTAssertEqual(f.value("note"), text, "the wording is in the note, ready to edit")
        XCTAssertFalse(f.isChanged, "untouched until edited")
        p.type("谢谢")
        p.press("C-s")
        XCTAssertEqual(d.asked.last, "act \(number) note script first-contact v2 edited=true")
    }

    func testAContactRecordTakesTheWordingUnchangedAndSaysItWasNotEdited() throws {
        let d = desk()
        let p = Fixture.program(d, width: 100, height: 30)
        openCase(p)
        p.press("t", "c")
        guard case .scripted(let number, .contact, _, _, _)? = p.state.form?.purpose else { return XCTFail("\(String(describing: p.state.form?.purpose))") }
        p.press("C-s")
        XCTAssertEqual(d.asked.last, "act \(number) contact script first-contact v2 edited=false")
    }

    func testEscOnAnUntouchedScriptNoteClosesAndOnAnEditedOneAsksFirst() {
        let p = Fixture.program(desk(), width: 100, height: 30)
        openCase(p)
        p.press("t", "n", "Esc")
        XCTAssertNil(p.state.form, "nothing typed: Esc closes")
        p.press("t", "n")
        p.type("改")
        p.press("Esc")
        XCTAssertTrue(p.state.discardQuestion, "something typed: Esc asks before discarding")
    }

    func testAReadOnlyDeskShowsTheScriptsButSavesNothing() {
        let d = desk()
        let p = Fixture.program(d, width: 100, height: 30, readOnly: true)
        openCase(p)
        p.press("t")
        XCTAssertEqual(p.state.screen, .scripts)
        p.press("n")
        XCTAssertNil(p.state.form)
        XCTAssertEqual(p.state.message?.isError, true)
        XCTAssertFalse(d.asked.contains { $0.hasPrefix("act") })
    }

    func testARoleThatMayNotWriteNotesIsToldWhoMay() {
        // The auditor reads cases but writes no notes: the picker shows, the note is refused with the typed refusal.
        let d = desk(role: .auditor)
        let p = Fixture.program(d, width: 100, height: 30)
        openCase(p)
        p.press("t")
        XCTAssertEqual(p.state.screen, .scripts)
        XCTAssertFalse(p.screen.last!.contains("记录"), "the note is not offered: \(p.screen.last!)")
        p.press("n")
        XCTAssertNil(p.state.form)
        XCTAssertEqual(p.state.message?.isError, true, "\(String(describing: p.state.message))")
    }

    func testScriptsOffTheCaseScreenSayWhereTheyAre() {
        let p = Fixture.program(desk(), width: 100, height: 30)
        p.press(":")
        p.type("scripts")
        p.press("Enter")
        XCTAssertEqual(p.state.screen, .dashboard)
        XCTAssertTrue(p.state.message?.text.contains("先打开案件") == true, "\(String(describing: p.state.message))")
    }

    // MARK: handover

    func handoverDesk(role: Role = .teamLead) throws -> FakeDesk {
        let d = desk(role: role)
        var h = try Fixture.sharedDesk().handover(actor: Actor(name: "liuyang"))
        h.acknowledgement = nil
        // The shift handed over is someone else's: the user is the lead taking over.
        h.window.shift?.userName = "liuyang"
        d.handoverShown = h
        return d
    }

    func testTheHandoverOpensFromTheDashboardAndTheIncomingLeadAcknowledgesAfterAConfirmation() throws {
        let d = try handoverDesk()
        let p = Fixture.program(d, width: 100, height: 30)
        p.press("H")
        XCTAssertEqual(p.state.screen, .handover)
        let text = p.screen.joined(separator: "\n")
        for section in ["对客户的承诺", "即将到期", "已超时", "未分派", "危机事件与报告时限", "未确认的严重告警", "本班记录", "本次交接尚未确认"] {
            XCTAssertTrue(text.contains(section) || HandoverView.lines(d.handoverShown!, p.state).contains { $0.0.contains(section) }, section)
        }
        p.press("a")
        XCTAssertEqual(p.state.form?.purpose, .handoverAck)
        p.press("C-s")
        XCTAssertEqual(p.state.form?.confirming, true, "asks first")
        XCTAssertFalse(d.asked.contains { $0.hasPrefix("handover-ack") })
        p.press("y")
        XCTAssertEqual(d.asked.last, "handover-ack ")
    }

    func testAHandlerIsNotOfferedTheAcknowledgementAndIsToldWhoMay() throws {
        let d = try handoverDesk(role: .handler)
        let p = Fixture.program(d, width: 100, height: 30)
        p.press("H")
        XCTAssertFalse(p.screen.last!.contains("确认接班"), p.screen.last!)
        p.press("a")
        XCTAssertNil(p.state.form)
        XCTAssertEqual(p.state.message?.isError, true)
        p.press(":")
        p.type("handover-ack")
        p.press("Enter")
        XCTAssertNil(p.state.form, "the command line is refused the same way")
        XCTAssertFalse(d.asked.contains { $0.hasPrefix("handover-ack") })
    }

    func testTheOutgoingLeadIsNotOfferedTheAcknowledgementOfTheirOwnShift() throws {
        let d = try handoverDesk()
        d.handoverShown!.window.shift?.userName = Fixture.user
        let p = Fixture.program(d, width: 100, height: 30)
        p.press("H")
        XCTAssertFalse(p.screen.last!.contains("确认接班"), p.screen.last!)
        p.press("a")
        XCTAssertNil(p.state.form)
        XCTAssertTrue(p.state.message?.text.contains("接班组长") == true, "\(String(describing: p.state.message))")
    }

    func testAnAcknowledgedHandoverSaysByWhomAndIsNotAcknowledgedTwice() throws {
        let d = try handoverDesk()
        d.handoverShown!.acknowledgement = HandoverAck(by: "liuyang", at: Fixture.now, from: nil, to: nil)
        let p = Fixture.program(d, width: 100, height: 30)
        p.press("F11")
        XCTAssertTrue(p.screen.joined().contains("本次交接已确认: liuyang"), p.screen.joined(separator: "\n"))
        p.press("a")
        XCTAssertNil(p.state.form)
        XCTAssertTrue(p.state.message?.text.contains("liuyang") == true, "\(String(describing: p.state.message))")
    }

    func testTheHandoverScrollsAndStopsAtItsEnd() throws {
        let d = try handoverDesk()
        let p = Fixture.program(d, width: 80, height: 24)
        p.press("H", "G")
        let total = HandoverView.lines(d.handoverShown!, p.state).count
        XCTAssertEqual(p.state.handover.scroll, max(0, total - HandoverScreen.visibleRows(height: 24)))
        p.press("g")
        XCTAssertEqual(p.state.handover.scroll, 0)
    }

    // MARK: roster

    func rosterDesk(role: Role = .teamLead, gap: Bool = false) throws -> FakeDesk {
        let d = desk(role: role)
        var board = try Fixture.sharedDesk().rosterBoard(actor: Actor(name: "wangmin"))
        if gap, !board.days.isEmpty {
            let from = DeskTime.standard.instant(CivilDateTime(date: board.days[0].date, hour: 2, minute: 0))
            let g = RosterGap(from: from, to: from.adding(seconds: 3 * 3600))
            board.days[0].gaps = [g]
            board.gaps = [g]
        }
        d.rosterShown = board
        return d
    }

    func testTheRosterListsWhoIsOnDutyAndACursorOnlyOnShifts() throws {
        let d = try rosterDesk()
        let p = Fixture.program(d, width: 100, height: 30)
        p.press("T")
        XCTAssertEqual(p.state.screen, .roster)
        XCTAssertNotNil(RosterScreen.selected(p.state), "the cursor starts on a shift")
        XCTAssertTrue(p.screen.joined().contains("当前在岗"), p.screen.joined(separator: "\n"))
        for _ in 0..<40 {
            p.press("j")
            XCTAssertNotNil(RosterScreen.selected(p.state), "never on a heading or a gap")
        }
    }

    func testAGapShowsInTheThemesBreachStyle() throws {
        let d = try rosterDesk(gap: true)
        let p = Fixture.program(d, width: 100, height: 45)
        p.press("T")
        let buffer = ConsoleView.render(p.state)
        let lines = TextBackend.lines(buffer)
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("缺口") }, lines.joined(separator: "\n"))
        XCTAssertEqual(buffer[3, y].style, .breach)
    }

    func testATeamLeadAddsMovesAndRemovesShiftsThroughForms() throws {
        let d = try rosterDesk()
        let p = Fixture.program(d, width: 100, height: 30)
        p.press("T")
        let shift = try XCTUnwrap(RosterScreen.selected(p.state)).shift
        p.press("n")
        XCTAssertEqual(p.state.form?.purpose, .shiftAdd)
        XCTAssertFalse(p.state.form!.value("from").isEmpty, "the new shift starts where the selected one ends")
        p.type("zhangqiang")
        p.press("C-s")
        XCTAssertTrue(d.asked.last?.hasPrefix("shift-add zhangqiang \(DeskTime.standard.short(shift.endsAt))") == true, "\(d.asked)")
        p.press("Esc", "C-y")
        p.press("m")
        XCTAssertEqual(p.state.form?.purpose, .shiftMove(id: shift.id))
        p.press("C-s")
        XCTAssertTrue(d.asked.last?.hasPrefix("shift-move \(shift.id)") == true, "\(d.asked)")
        p.press("Esc", "C-y")
        p.press("x")
        XCTAssertEqual(p.state.form?.purpose, .shiftRemove(id: shift.id))
        p.press("C-s")
        XCTAssertNotEqual(d.asked.last, "shift-remove \(shift.id)", "asks first")
        p.press("y")
        XCTAssertEqual(d.asked.last, "shift-remove \(shift.id)")
    }

    func testATimeThatIsNoTimeIsRefusedBesideItsField() throws {
        let d = try rosterDesk()
        let p = Fixture.program(d, width: 100, height: 30)
        p.press("T", "n")
        p.type("zhangqiang")
        p.press("Tab")
        for _ in 0..<30 { p.press("Backspace") }
        p.type("明天早上")
        p.press("C-s")
        XCTAssertEqual(p.state.form?.fields.first { $0.id == "from" }?.error?.contains("不是时间"), true)
        XCTAssertFalse(d.asked.contains { $0.hasPrefix("shift-add") })
    }

    func testPhonesAreWholeForThoseWhoDispatchAndMaskedForTheAuditor() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        try desk.setPhone("zhangqiang", "13812345678", actor: Actor(name: "wangmin"))
        let lead = Fixture.program(CaseModelDataSource(desk: desk, actor: Actor(name: "wangmin")), width: 100, height: 45)
        lead.press("T")
        XCTAssertTrue(lead.screen.joined().contains("13812345678"), lead.screen.joined(separator: "\n"))
        // The auditor oversees rather than dispatches: the number masked (docs/roster.md).
        let auditor = Fixture.program(CaseModelDataSource(desk: desk, actor: Actor(name: "guoping")), width: 100, height: 45)
        auditor.press("T")
        let shown = auditor.screen.joined(separator: "\n")
        XCTAssertFalse(shown.contains("13812345678"), shown)
        XCTAssertTrue(shown.contains("****5678"), shown)
    }

    func testAHandlerSeesTheRosterButIsNotOfferedPlanning() throws {
        let d = try rosterDesk(role: .handler)
        let p = Fixture.program(d, width: 100, height: 30)
        p.press("T")
        XCTAssertFalse(p.screen.last!.contains("新增班次"), p.screen.last!)
        for key in ["n", "m", "x"] {
            p.press(key)
            XCTAssertNil(p.state.form)
            XCTAssertEqual(p.state.message?.isError, true)
        }
        XCTAssertTrue(d.asked.isEmpty, "\(d.asked)")
    }
}
