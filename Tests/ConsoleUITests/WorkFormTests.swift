import CaseModel
import GRDB
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// The casework forms driven through `update` over a real demo desk: intake with validation and
/// repeat suggestions, every workflow action with the fields it records, conflicts, reveal, and
/// the crisis board.
final class WorkFormTests: XCTestCase {
    /// A fresh case nobody handles yet, taken in by another operator.
    func freshCase(_ desk: CaseDesk, people: Int = 1, phone: String = "") throws -> ComplaintCase {
        var d = CaseDraft()
        d.summary = "理赔款未到账"
        d.category = "claims"
        d.people = people
        d.phone = phone
        return try desk.intake(d, actor: Actor(name: "zhoufang"))
    }

    func open(_ p: ConsoleProgram, _ number: String) {
        p.perform([.loadCase(number)])
        XCTAssertEqual(p.state.screen, .caseView)
        XCTAssertEqual(p.state.caseScreen.detail?.item.number, number)
    }

    func events(_ desk: CaseDesk, _ number: String) throws -> [CaseEvent] { try desk.detail(number).1 }

    // MARK: intake

    func testIntakeFormTakesAComplaintInWithDefaultsAndValidation() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let p = Fixture.program(desk, width: 80, height: 24, language: .en)
        p.press("n")
        XCTAssertEqual(p.state.screen, .intake)
        let form = try XCTUnwrap(p.state.form)
        XCTAssertFalse(form.value("branch").isEmpty, "the branch defaults from the desk")
        XCTAssertEqual(form.value("channel"), "phone")
        // A wrong mobile number is refused beside the field when the operator moves on.
        p.focus("phone")
        p.type("13812")
        p.press("Tab")
        XCTAssertNotNil(p.state.form?.fields.first { $0.id == "phone" }?.error)
        XCTAssertTrue(p.screen.joined(separator: "\n").contains("a mobile number has 11"), p.screen.joined(separator: "\n"))
        // Enter without a summary: the message goes beside the summary, nothing is saved.
        let before = try desk.store.read { db in try CaseRecords.count(CaseFilter(), db) }
        p.focus("phone"); p.press("C-u"); p.type("13812341234")
        p.press("C-s")
        XCTAssertEqual(p.state.form?.focused?.id, "summary")
        XCTAssertEqual(p.state.form?.focused?.error, "required")
        XCTAssertEqual(try desk.store.read { db in try CaseRecords.count(CaseFilter(), db) }, before)
        p.type("车险理赔迟迟不赔")
        p.press("C-s")
        XCTAssertEqual(p.state.screen, .caseView)
        let c = try XCTUnwrap(p.state.caseScreen.detail?.item)
        XCTAssertEqual(c.summary, "车险理赔迟迟不赔")
        XCTAssertEqual(c.complainant.phone, "13812341234")
        XCTAssertEqual(c.receivingOperator, Fixture.user)
        XCTAssertEqual(try events(desk, c.number).first?.action, "intake")
        XCTAssertTrue(p.state.message?.text.contains(c.number) == true)
        // Esc from the case goes back where the intake started, not into the form.
        p.press("Esc")
        XCTAssertEqual(p.state.screen, .dashboard)
    }

    /// A report case 举报件 taken in by a role that may not see report cases (a team lead here, an
    /// operator at night): saved, and the message says where it went — not "no such case" from
    /// opening it, which would send a tired operator to take the call in again.
    func testAReportCaseTakenInOutOfTheUsersSightIsSavedWithoutAnAlarm() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let p = Fixture.program(desk, width: 80, height: 24, language: .zh)
        func reports() throws -> Int { try desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE kind = 'report'") ?? 0 } }
        let before = try reports()
        p.press("n")
        p.focus("kind")
        var turns = 0
        while p.state.form?.value("kind") != "report" && turns < 10 { p.press("Right"); turns += 1 }
        XCTAssertEqual(p.state.form?.value("kind"), "report")
        p.focus("phone"); p.type("13912340000")
        p.focus("summary"); p.type("举报理赔员索要好处费")
        p.press("C-s")
        XCTAssertEqual(try reports(), before + 1, "saved")
        XCTAssertEqual(p.state.screen, .dashboard, "nothing opened: the case is out of this user's sight")
        let message = p.state.message?.text ?? ""
        XCTAssertTrue(message.contains("已受理 JB-") && message.contains("此后您看不到此件"), message)
        XCTAssertFalse(p.screen.joined(separator: "\n").contains("没有投诉件"), p.screen.joined(separator: "\n"))
    }

    func testRepeatSuggestionsAppearWhileTypingAndEnterLinks() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let earlier = try freshCase(desk, phone: "13900001111")
        let p = Fixture.program(desk, width: 140, height: 45, language: .zh)
        p.press("n")
        p.focus("phone")
        p.type("1390000111")
        XCTAssertTrue(p.state.intake.suggestions.isEmpty, "no match before the number is complete")
        p.type("1")
        XCTAssertEqual(p.state.intake.suggestions.map(\.number), [earlier.number])
        XCTAssertTrue(p.screen.joined(separator: "\n").contains("可能的重复投诉 1 件"), p.screen.joined(separator: "\n"))
        p.press("Enter")
        XCTAssertEqual(p.state.intake.linkTo, earlier.number)
        XCTAssertEqual(p.state.screen, .intake, "the first Enter links, it does not save")
        p.focus("summary")
        p.type("又来电")
        p.press("C-s")
        let c = try XCTUnwrap(p.state.caseScreen.detail?.item)
        XCTAssertEqual(c.repeatOf, earlier.number)
        XCTAssertEqual(c.repeatCount, 2)
        XCTAssertEqual(try desk.detail(earlier.number).0.repeatCount, 2)
        // Changing the number drops the suggestion and the link.
        p.press("Esc"); p.press("n"); p.focus("phone"); p.type("13900001111")
        XCTAssertFalse(p.state.intake.suggestions.isEmpty)
        p.press("Backspace")
        XCTAssertTrue(p.state.intake.suggestions.isEmpty)
    }

    func testGroupComplaintProposesACrisisAtThePolicyThreshold() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let p = Fixture.program(desk, language: .en)
        p.press("n")
        p.focus("summary"); p.type("银保产品到期无法退保")
        p.focus("people"); p.press("Backspace"); p.type("4")
        XCTAssertFalse(p.state.form!.fields.first { $0.id == "people" }!.hint!.contains("proposed on save"))
        p.press("Backspace"); p.type("32")
        XCTAssertTrue(p.state.form!.fields.first { $0.id == "people" }!.hint!.contains("proposed on save"))
        p.press("C-s")
        let c = try XCTUnwrap(p.state.caseScreen.detail?.item)
        let event = try XCTUnwrap(desk.crisisEvents().first { $0.caseNumbers == [c.number] })
        XCTAssertEqual(event.status, .proposed)
        XCTAssertEqual(event.trigger, .group)
        XCTAssertEqual(event.people, 32)
    }

    // MARK: case actions

    func testEveryStepFromReceivedToFollowedUpRecordsItsFields() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .en)
        open(p, c.number)
        p.press("c"); p.type("已电话联系"); p.press("C-s")
        p.press("n"); p.type("调取理赔资料"); p.press("C-s")
        p.press("i"); p.press("C-s")
        p.press("s"); p.type("补付理赔款"); p.press("C-s")
        XCTAssertEqual(try desk.detail(c.number).0.status, .pendingApproval)
        p.press("a"); p.press("C-s")
        p.press("m"); p.press("Right"); p.press("Tab"); p.type("zhangqiang"); p.press("C-s")
        p.press("C"); p.press("C-s")
        XCTAssertTrue(p.state.form?.confirming == true, "closing asks first")
        XCTAssertEqual(try desk.detail(c.number).0.status, .approved, "nothing is written before the yes")
        p.press("C-y") // closing is final: only C-y confirms it
        p.press("b"); p.press("Tab"); p.press("Right"); p.press("Right"); p.press("Right"); p.press("Right"); p.press("C-s")
        let (done, timeline) = try desk.detail(c.number)
        XCTAssertEqual(done.status, .followedUp)
        XCTAssertEqual(done.closingBasis, .accepted)
        XCTAssertEqual(done.callbackResult, .satisfied)
        XCTAssertEqual(done.satisfaction, 4)
        XCTAssertEqual(done.resolution, "补付理赔款")
        let actions = timeline.map(\.action)
        XCTAssertEqual(actions, ["intake", "contact", "note", "start-investigation", "submit", "approve", "remind", "close", "follow-up"])
        XCTAssertEqual(timeline[1].detail["note"], "已电话联系")
        XCTAssertEqual(timeline[6].detail["channel"], "sms")
        XCTAssertEqual(timeline[6].detail["to"], "zhangqiang")
        XCTAssertTrue(timeline.dropFirst().allSatisfy { $0.actor == Fixture.user })
        // The timeline on screen is in words, not field codes.
        p.press("G")
        let text = p.screen.joined(separator: "\n")
        XCTAssertTrue(text.contains("record callback") || text.contains("callback"), text)
        XCTAssertFalse(text.contains("callbackResult"), text)
    }

    func testRequiredFieldsBadTimesAndWrongStatusAreRefusedBesideTheField() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .en)
        open(p, c.number)
        p.press("a")
        XCTAssertNil(p.state.form, "approve is not open to a received case")
        XCTAssertTrue(p.state.message?.text.contains("Cannot approve") == true, p.state.message?.text ?? "")
        p.press("W"); p.press("C-s")
        XCTAssertEqual(p.state.form?.fields.first { $0.id == "reason" }?.error, "required")
        p.press("Esc")
        p.press("e"); p.type("需调取医院资料"); p.press("Tab"); p.type("next week"); p.press("C-s")
        XCTAssertTrue(p.state.form?.fields.first { $0.id == "promised" }?.error?.contains("not a time") == true)
        p.press("C-u"); p.type("2026-02-10 17:30"); p.press("C-s")
        XCTAssertTrue(p.state.form?.fields.first { $0.id == "promised" }?.error?.contains("future") == true,
                      "the desk's own refusal lands beside the field: \(String(describing: p.state.form?.fields))")
        p.press("C-u"); p.type("2026-03-06 17:30"); p.press("C-s")
        XCTAssertNil(p.state.form)
        let ext = try desk.detail(c.number).0
        XCTAssertEqual(ext.extensionCount, 1)
        XCTAssertEqual(ext.promisedAt, DeskTime.standard.parse("2026-03-06T17:30:00+08:00"))
        XCTAssertEqual(try events(desk, c.number).last?.detail["reason"], "需调取医院资料")
    }

    func testAConflictSaysWhoAndWhenAndOverwritesNothing() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .en)
        open(p, c.number)
        p.press("n"); p.type("我的记录")
        // Another console (刘洋) records contact meanwhile.
        try desk.act(c.number, .contact, actor: Actor(name: "liuyang"))
        p.send(.databaseChanged)
        p.press("C-s")
        let conflict = try XCTUnwrap(p.state.conflict)
        XCTAssertEqual(conflict.changedBy, "刘洋")
        let screen = p.screen.joined(separator: "\n")
        XCTAssertTrue(screen.contains("changed by 刘洋 at 21:30 — reload?"), screen)
        XCTAssertFalse(try events(desk, c.number).contains { $0.detail["note"] == "我的记录" }, "nothing was written")
        // Reload keeps what was typed; saving again is a decision made with the change in view.
        p.press("y")
        XCTAssertNil(p.state.conflict)
        XCTAssertEqual(p.state.form?.value("note"), "我的记录")
        XCTAssertEqual(p.state.caseScreen.detail?.item.status, .contacted)
        p.press("C-s")
        XCTAssertNil(p.state.form)
        XCTAssertTrue(try events(desk, c.number).contains { $0.detail["note"] == "我的记录" && $0.actor == Fixture.user })
    }

    func testConflictDiscardedWritesNothing() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .zh)
        open(p, c.number)
        p.press("v"); p.press("Right")
        try desk.act(c.number, .contact, actor: Actor(name: "liuyang"))
        p.press("C-s")
        XCTAssertTrue(p.screen.joined(separator: "\n").contains("已被 刘洋 于 21:30 修改 — 重新读取?"), p.screen.joined(separator: "\n"))
        p.press("n")
        XCTAssertNil(p.state.form)
        XCTAssertEqual(try desk.detail(c.number).0.severityOverride, nil)
    }

    func testSeverityValidityLinkAndRevealGoThroughTheDesk() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let earlier = try freshCase(desk)
        let c = try freshCase(desk, phone: "13812341234")
        let p = Fixture.program(desk, language: .en)
        open(p, c.number)
        XCTAssertTrue(p.screen.joined().contains("138****1234"), "personal data is masked")
        XCTAssertFalse(p.screen.joined().contains("13812341234"))
        p.press("v"); p.press("Left"); p.press("Left"); p.press("C-s") // general → urgent → major
        XCTAssertEqual(try desk.detail(c.number).0.severity, .major)
        p.press("L"); p.type(earlier.number.lowercased()); p.press("C-s")
        XCTAssertEqual(try desk.detail(c.number).0.repeatOf, earlier.number)
        p.press("V"); p.press("Tab"); p.type("理赔时效超期"); p.press("Tab"); p.press("C-u"); p.press("C-s")
        XCTAssertEqual(p.state.form?.focused?.id, "responsible", "a valid complaint names the responsible staff")
        p.type("zhangqiang"); p.press("Tab"); p.type("wangmin"); p.press("C-s")
        let v = try desk.detail(c.number).0
        XCTAssertEqual(v.validity, .valid)
        XCTAssertEqual(v.responsibleStaff, "zhangqiang")
        p.press("p"); p.press("C-s")
        XCTAssertNotNil(p.state.form, "a reveal needs a reason")
        p.type("客户来电核实身份"); p.press("C-s")
        XCTAssertEqual(p.state.caseScreen.revealed, c.number)
        XCTAssertEqual(try events(desk, c.number).last?.action, "reveal")
        XCTAssertEqual(try events(desk, c.number).last?.detail["reason"], "客户来电核实身份")
        XCTAssertTrue(p.screen.joined().contains("13812341234"), "shown once revealed")
    }

    func testEveryNewActionRunsByNameOnTheCommandLine() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .en)
        p.press(":"); p.type("crisis"); p.press("Enter")
        XCTAssertEqual(p.state.screen, .crisisBoard)
        p.press(":"); p.type("new"); p.press("Enter")
        XCTAssertEqual(p.state.screen, .intake)
        p.press("Esc")
        open(p, c.number)
        p.press(":"); p.type("withdraw"); p.press("Enter")
        XCTAssertEqual(p.state.form?.purpose, .action(number: c.number, action: .withdraw, version: c.version))
        p.press("Esc")
        // Every command the case screen offers has a name the `:` line knows.
        for command in CaseActions.commands + CrisisForms.commands + [.newCase, .crisisBoard] {
            XCTAssertEqual(Command(rawValue: command.rawValue), command)
            XCTAssertFalse(command.summary(false).isEmpty)
        }
    }

    func testReadOnlyConsoleOpensNoForm() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let c = try freshCase(desk)
        let p = Fixture.program(desk, language: .en, readOnly: true)
        open(p, c.number)
        p.press("c")
        XCTAssertNil(p.state.form)
        p.press("Esc"); p.press("n")
        XCTAssertNotEqual(p.state.screen, .intake)
    }

    // MARK: crisis board

    func testCrisisBoardDeclaresReportsClosesAndArchives() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let c = try freshCase(desk, people: 32)
        let id = try desk.proposeCrisis(title: "苏州 银保退保", cases: [c.number], trigger: .group, actor: Actor(name: "zhoufang"))
        let p = Fixture.program(desk, width: 140, height: 45, language: .en)
        p.press("X")
        XCTAssertEqual(p.state.screen, .crisisBoard)
        let row = try XCTUnwrap(p.state.crisis.board?.events.firstIndex { $0.id == id })
        for _ in 0..<row { p.press("j") }
        XCTAssertTrue(p.screen.joined(separator: "\n").contains("苏州 银保退保"))
        p.press("r"); p.press("C-s")
        XCTAssertEqual(p.state.form?.focused?.id, "to", "a report names its addressee")
        p.press("Esc")
        p.press("d"); p.press("C-s"); p.press("y")
        XCTAssertEqual(try desk.crisisEvent(id).status, .declared)
        XCTAssertEqual(try desk.detail(c.number).0.severity, .crisis)
        p.press("r")
        XCTAssertEqual(p.state.form?.value("kind"), "superior", "the 1-hour report is the one owed first")
        p.press("Tab"); p.type("江苏分公司"); p.press("Tab"); p.type("已安排专人接待"); p.press("C-s")
        let e = try desk.crisisEvent(id)
        XCTAssertEqual(e.reports.map(\.kind), [.superior])
        XCTAssertEqual(e.reports.first?.toWhom, "江苏分公司")
        XCTAssertTrue(p.screen.joined(separator: "\n").contains("filed"), p.screen.joined(separator: "\n"))
        p.press("c"); p.type("x"); p.press("Tab"); p.type("y"); p.press("C-s")
        XCTAssertTrue(p.state.form?.error?.contains("final result") == true, "closing needs the final result first")
        p.press("Esc", "C-y") // something was typed: Esc asks, C-y discards
        p.press("f"); p.press("Tab"); p.press("Tab"); p.type("已全额退保"); p.press("C-s")
        p.press("c"); p.type("销售误导"); p.press("Tab"); p.type("加强双录"); p.press("C-s")
        p.press("A"); p.press("C-s"); p.press("C-y")
        let done = try desk.crisisEvent(id)
        XCTAssertEqual(done.status, .archived)
        XCTAssertEqual(done.finalResult, "已全额退保")
        XCTAssertEqual(done.causeAnalysis, "销售误导")
    }

    func testCrisisDismissNeedsAReason() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        let c = try freshCase(desk)
        let id = try desk.proposeCrisis(title: "误报", cases: [c.number], trigger: .manual, actor: Actor(name: "zhoufang"))
        let p = Fixture.program(desk, language: .zh)
        p.press("X")
        let row = try XCTUnwrap(p.state.crisis.board?.events.firstIndex { $0.id == id })
        for _ in 0..<row { p.press("j") }
        p.press("x"); p.press("C-s")
        XCTAssertEqual(p.state.form?.focused?.error, "必填")
        p.type("重复来电,非群体事件"); p.press("C-s")
        XCTAssertEqual(try desk.crisisEvent(id).status, .dismissed)
        XCTAssertEqual(try desk.crisisEvent(id).dismissedReason, "重复来电,非群体事件")
    }
}

extension ConsoleProgram {
    /// Moves the open form's focus to a field by Tab.
    func focus(_ id: String) {
        for _ in 0..<40 where state.form?.focused?.id != id { send(.key(.tab)) }
    }
}
