import CaseModel
import ConsoleTestSupport
@testable import ConsoleUI
import TerminalKit
import XCTest

/// Nothing typed or pasted into a form or the `:`/`/` line ever becomes a command, a confirmation
/// or a save (docs/console-input.md): key-level tests through the real update and desk.
final class InputSafetyTests: XCTestCase {
    /// The customer's WeChat message: a `W` line (撤诉's key), a reason-like line, and a `y`.
    let wechat = "您好，我是张女士，理赔款两周没到账\nW\n我不想再等了，yes\ny"

    func freshCase(_ desk: CaseDesk) throws -> ComplaintCase {
        var d = CaseDraft()
        d.summary = "理赔款未到账"
        d.category = "claims"
        return try desk.intake(d, actor: Actor(name: "zhoufang"))
    }

    func open(_ p: ConsoleProgram, _ number: String) {
        p.perform([.loadCase(number)])
        XCTAssertEqual(p.state.screen, .caseView)
    }

    func focus(_ p: ConsoleProgram, _ id: String) {
        for _ in 0..<40 where p.state.form?.focused?.id != id { p.press("Tab") }
        XCTAssertEqual(p.state.form?.focused?.id, id)
    }

    func count(_ desk: CaseDesk) throws -> Int { try desk.store.read { db in try CaseRecords.count(CaseFilter(), db) } }

    // MARK: paste

    func testABracketedPasteIntoTheSummaryIsTextAndSavesOnlyWithCs() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let before = try count(desk)
        let p = Fixture.program(desk, language: .zh)
        p.press("n")
        focus(p, "summary")
        p.paste(wechat)
        XCTAssertEqual(p.state.form?.value("summary"), wechat, "the whole paste, its lines kept")
        XCTAssertEqual(p.state.screen, .intake)
        XCTAssertEqual(try count(desk), before, "nothing saved")
        p.press("C-s")
        let c = try XCTUnwrap(p.state.caseScreen.detail?.item)
        XCTAssertEqual(c.summary, wechat)
        XCTAssertEqual(c.status, .received, "nothing ran: the case is open")
        XCTAssertEqual(try desk.detail(c.number).1.map(\.action), ["intake"])
    }

    func testTheSamePasteWithoutBracketedPasteStaysTextInTheForm() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let before = try count(desk)
        let p = Fixture.program(desk, language: .zh)
        p.press("n")
        focus(p, "summary")
        p.burst(ConsoleProgram.keys(of: wechat))
        XCTAssertEqual(p.state.form?.value("summary"), wechat, "Enter breaks the line in 摘要; W and y are letters")
        XCTAssertEqual(p.state.screen, .intake)
        XCTAssertEqual(try count(desk), before)
    }

    func testAPasteOnTheCaseScreenRunsNoKeyAndAKeyBurstNeverWithdraws() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .zh)
        open(p, c.number)
        p.paste(wechat)
        XCTAssertNil(p.state.form, "a paste outside a text field opens nothing")
        XCTAssertTrue(p.state.message?.text.contains("粘贴已忽略") == true, p.state.message?.text ?? "")
        // A terminal without bracketed paste: the keys arrive, W opens 撤诉 — and the rest is text.
        p.burst(ConsoleProgram.keys(of: "W\n我不想再等了，yes\ny\n"))
        XCTAssertEqual(p.state.form?.purpose, .action(number: c.number, action: .withdraw, version: c.version))
        XCTAssertEqual(p.state.form?.value("reason"), "\n我不想再等了，yes\ny\n")
        XCTAssertEqual(try desk.detail(c.number).0.status, .received, "the case is not withdrawn")
    }

    func testAConfirmationIgnoresKeysOfTheBurstThatOpenedItAndIrreversibleOnesNeedCy() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .zh)
        open(p, c.number)
        p.press("W"); p.type("客户撤回")
        p.burst([.ctrl("s"), .ctrl("y"), .char("y"), .enter])
        XCTAssertEqual(p.state.form?.confirming, true, "the question is showing")
        XCTAssertEqual(try desk.detail(c.number).0.status, .received, "keys queued before it appeared were ignored")
        XCTAssertTrue(p.screen.joined().contains("C-y 确认"), p.screen.joined(separator: "\n"))
        p.press("y"); p.press("Enter")
        XCTAssertEqual(try desk.detail(c.number).0.status, .received, "y and Enter never confirm a withdrawal")
        p.press("C-y")
        XCTAssertEqual(try desk.detail(c.number).0.status, .withdrawn)
    }

    func testAPasteThatDoesNotFitIsRefusedWholeBesideTheField() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let p = Fixture.program(desk, language: .zh)
        p.press("n")
        focus(p, "summary")
        p.paste(String(repeating: "长", count: TextLimits.summary + 1))
        XCTAssertEqual(p.state.form?.value("summary"), "")
        XCTAssertTrue(p.state.form?.focused?.error?.contains("\(TextLimits.summary)") == true, "\(String(describing: p.state.form?.focused?.error))")
        focus(p, "details")
        p.paste(String(repeating: "长", count: 5_000))
        XCTAssertEqual(p.state.form?.value("details").count, 5_000, "详情 takes what the CLI takes")
        XCTAssertTrue(p.screen.joined().contains("5000/50000") || p.state.form?.focused?.id == "details")
    }

    // MARK: closing a form

    func testEscAndCcOnAFilledFormAskAndCcNeverQuits() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .zh)
        open(p, c.number)
        p.press("n")
        p.press("Esc")
        XCTAssertNil(p.state.form, "nothing typed: Esc closes at once")
        p.press("n"); p.type("已回电")
        p.press("Esc")
        XCTAssertTrue(p.state.discardQuestion)
        XCTAssertTrue(p.screen.joined().contains("放弃已填写的内容"), p.screen.joined(separator: "\n"))
        p.press("y"); p.press("Enter")
        XCTAssertNotNil(p.state.form, "y and Enter do not discard")
        p.press("n")
        XCTAssertFalse(p.state.discardQuestion)
        XCTAssertEqual(p.state.form?.value("note"), "已回电", "back to the form, nothing lost")
        p.press("C-c")
        XCTAssertTrue(p.state.discardQuestion, "C-c in a form asks the same question")
        XCTAssertFalse(p.state.quitRequested)
        p.press("C-c")
        XCTAssertFalse(p.state.discardQuestion)
        XCTAssertEqual(p.state.form?.value("note"), "已回电")
        p.press("Esc", "C-y")
        XCTAssertNil(p.state.form)
        XCTAssertFalse(p.state.quitRequested, "C-c inside a form never ends the console")
        p.press(":"); p.press("C-c")
        XCTAssertNil(p.state.overlay)
        XCTAssertFalse(p.state.quitRequested)
        // At the top level C-c asks like q (it used to end the console unasked).
        p.press("C-c")
        XCTAssertFalse(p.state.quitRequested)
        XCTAssertTrue(p.screen.joined().contains("退出值班台?"), p.screen.joined(separator: "\n"))
        p.press("C-c")
        XCTAssertFalse(p.state.quitRequested, "C-c on the question keeps the console")
        XCTAssertNil(p.state.overlay)
        p.press("C-c", "y")
        XCTAssertTrue(p.state.quitRequested)
    }

    func testAKeptDraftComesBackWhenTheFormOpensAgain() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let p = Fixture.program(desk, language: .zh)
        p.press("n")
        focus(p, "summary")
        p.paste("凌晨来电\n客户情绪激动")
        p.press("Esc", "d")
        XCTAssertNil(p.state.form)
        XCTAssertNotEqual(p.state.screen, .intake)
        XCTAssertNotNil(try desk.draft(.intake, actor: Actor(name: Fixture.user)))
        p.press("n")
        XCTAssertEqual(p.state.form?.value("summary"), "凌晨来电\n客户情绪激动", "the draft is offered back")
        XCTAssertTrue(p.state.message?.text.contains("草稿") == true)
        p.press("C-s")
        XCTAssertEqual(p.state.screen, .caseView)
        XCTAssertNil(try desk.draft(.intake, actor: Actor(name: Fixture.user)), "saved: the draft goes")
    }

    func testAChangingFormIsKeptAsADraftEveryFewSecondsSoACrashLosesLittle() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let me = Actor(name: Fixture.user)
        let p = Fixture.program(desk, language: .zh)
        p.press("n")
        focus(p, "summary"); p.type("凌晨三点来电")
        XCTAssertNil(try desk.draft(.intake, actor: me), "nothing kept before the clock ticks")
        p.send(.tick(Fixture.now.adding(seconds: 1)))
        XCTAssertEqual(try desk.draft(.intake, actor: me)?.fields["summary"], "凌晨三点来电")
        p.type("，要求回电")
        p.send(.tick(Fixture.now.adding(seconds: 2)))
        XCTAssertEqual(try desk.draft(.intake, actor: me)?.fields["summary"], "凌晨三点来电", "at most one write every few seconds")
        p.send(.tick(Fixture.now.adding(seconds: 7)))
        XCTAssertEqual(try desk.draft(.intake, actor: me)?.fields["summary"], "凌晨三点来电，要求回电")
        // A console that died now (kill -9) is started again: the form offers what was kept.
        let again = Fixture.program(desk, language: .zh)
        again.press("n")
        XCTAssertEqual(again.state.form?.value("summary"), "凌晨三点来电，要求回电")
    }

    // MARK: every refusal, received time

    func testEveryInvalidFieldIsReportedAtOnceInChinese() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let p = Fixture.program(desk, language: .zh)
        p.press("n")
        focus(p, "received_at"); p.press("C-u"); p.type("2026-03-01 10:00")
        focus(p, "phone"); p.type("abc")
        focus(p, "id_number"); p.type("123")
        p.press("C-s")
        let f = try XCTUnwrap(p.state.form)
        let errors = Dictionary(uniqueKeysWithValues: f.fields.compactMap { x in x.error.map { (x.id, $0) } })
        XCTAssertEqual(Set(errors.keys), ["received_at", "phone", "id_number", "summary"], "\(errors)")
        for (id, e) in errors { XCTAssertNil(e.range(of: "[A-Za-z]{4,}", options: .regularExpression), "\(id): \(e)") }
    }

    func testALetterReceivedDaysAgoGetsItsClocksFromItsReceipt() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let p = Fixture.program(desk, language: .zh)
        p.press("n")
        XCTAssertEqual(p.state.form?.value("received_at"), "2026-02-17 21:30", "defaults to now")
        focus(p, "received_at"); p.press("C-u"); p.type("2026-02-14 10:00")
        focus(p, "summary"); p.type("来信投诉")
        p.press("C-s")
        let c = try XCTUnwrap(p.state.caseScreen.detail?.item)
        XCTAssertEqual(c.receivedAt, DeskTime.standard.parse("2026-02-14 10:00"))
    }

    // MARK: the : and / lines

    func testSearchOpensEmptyWithTheLastSearchOnUpAndLinesEdit() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        let p = Fixture.program(desk, language: .zh)
        p.press("F3")
        p.press("/"); p.type("理赔 款"); p.press("C-w")
        guard case .input(let line)? = p.state.overlay else { return XCTFail("no search line") }
        XCTAssertEqual(line.edit.text, "理赔 ")
        p.press("Backspace", "Enter")
        p.press("/")
        guard case .input(let again)? = p.state.overlay else { return XCTFail("no search line") }
        XCTAssertEqual(again.edit.text, "", "the search line opens empty")
        p.press("Up")
        guard case .input(let recalled)? = p.state.overlay else { return XCTFail("no search line") }
        XCTAssertEqual(recalled.edit.text, "理赔")
        p.press("Esc")
        p.press(":"); p.type("note 你好"); p.press("C-a"); p.press("Right"); p.press("Right"); p.press("Right"); p.press("Right"); p.press("C-k")
        guard case .prompt(let prompt)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(prompt.text, "note")
        p.press("C-u")
        guard case .prompt(let empty)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(empty.text, "")
        p.paste("go\nTS")
        guard case .prompt(let pasted)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(pasted.text, "go TS", "a paste into the : line is text on one line, never Enter")
    }

    // MARK: phones

    func testPhonesTypedWithSpacesOrDashesAreRecognisedForRepeatsAndStoredOneWay() throws {
        let desk = try Fixture.makeDesk(cases: 20)
        var d = CaseDraft()
        d.summary = "理赔款未到账"; d.category = "claims"; d.phone = "13812341234"
        let earlier = try desk.intake(d, actor: Actor(name: "zhoufang"))
        for typed in ["138 1234 1234", "138-1234-1234", "+86 138 1234 1234"] {
            let p = Fixture.program(desk, language: .zh)
            p.press("n")
            focus(p, "phone")
            p.paste(typed)
            XCTAssertEqual(p.state.intake.suggestions.map(\.number), [earlier.number], typed)
            p.press("Tab")
            XCTAssertNil(p.state.form?.fields.first { $0.id == "phone" }?.error, typed)
        }
        let p = Fixture.program(desk, language: .zh)
        p.press("n")
        focus(p, "phone"); p.type("139-8765-4321")
        focus(p, "summary"); p.type("又来电")
        p.press("C-s")
        XCTAssertEqual(p.state.caseScreen.detail?.item.complainant.phone, "13987654321")
    }
}
