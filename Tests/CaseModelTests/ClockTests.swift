import XCTest
@testable import CaseModel

final class ClockTests: XCTestCase {
    func clocks(_ t: TestDesk, _ number: String) throws -> [Stage: StageClock] {
        let c = try t.desk.detail(number).0
        return Dictionary(uniqueKeysWithValues: t.desk.clocks(of: c).map { ($0.stage, $0) })
    }

    func testNewGeneralCaseClocksFollowThePolicy() throws {
        // Friday 2026-02-13 16:00, the last working day before Spring Festival.
        let t = try TestDesk(now: "2026-02-13T16:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let k = try clocks(t, c.number)
        XCTAssertEqual(Set(k.keys), [.firstContact, .progressNote, .investigation, .decision])
        XCTAssertEqual(k[.firstContact]?.due, instant("2026-02-13T18:00:00+08:00"), "2 working hours on the duty calendar")
        XCTAssertEqual(k[.progressNote]?.due, instant("2026-02-14T16:00:00+08:00"), "24 plain hours")
        XCTAssertEqual(k[.progressNote]?.warnAt, instant("2026-02-14T04:00:00+08:00"), "warning at 12 hours")
        XCTAssertEqual(k[.investigation]?.due, instant("2026-02-25T17:30:00+08:00"), "3 working days across Spring Festival")
        XCTAssertEqual(k[.decision]?.due, instant("2026-02-28T17:30:00+08:00"), "15 days, landing on a make-up Saturday")
        XCTAssertEqual(c.nextDueAt, instant("2026-02-13T18:00:00+08:00"))
    }

    func testReadingsWarnAtThreeQuartersAndBreachAtTheDueTime() throws {
        let t = try TestDesk(now: "2026-02-16T10:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let first = try XCTUnwrap(try clocks(t, c.number)[.firstContact])
        XCTAssertEqual(first.due, instant("2026-02-16T12:00:00+08:00"))
        XCTAssertEqual(first.reading(at: instant("2026-02-16T11:29:00+08:00")).state, .ok)
        XCTAssertEqual(first.reading(at: instant("2026-02-16T11:30:00+08:00")).state, .warning)
        let late = first.reading(at: instant("2026-02-16T12:30:00+08:00"))
        XCTAssertEqual(late.state, .breach)
        XCTAssertEqual(late.workingSecondsLeft, -1800)
        XCTAssertEqual(first.reading(at: instant("2026-02-16T11:00:00+08:00")).workingSecondsLeft, 3600)
    }

    func testStagesFollowTheWorkflow() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.act(c.number, .contact, ActionInput(note: "已联系"), actor: t.op)
        XCTAssertEqual(Set(try clocks(t, c.number).keys), [.investigation, .decision], "contact with a note closes first contact and progress note")
        _ = try t.desk.act(c.number, .startInvestigation, actor: t.handler)
        t.clock.set(instant("2026-02-25T10:00:00+08:00"))
        _ = try t.desk.act(c.number, .submit, actor: t.handler)
        let k = try clocks(t, c.number)
        XCTAssertEqual(Set(k.keys), [.approval, .decision])
        XCTAssertEqual(k[.approval]?.due, instant("2026-02-26T17:30:00+08:00"))
        _ = try t.desk.act(c.number, .approve, actor: t.lead)
        XCTAssertEqual(Set(try clocks(t, c.number).keys), [.closing, .decision])
        _ = try t.desk.act(c.number, .close, ActionInput(closingBasis: .accepted), actor: t.op)
        let closed = try clocks(t, c.number)
        XCTAssertEqual(Set(closed.keys), [.callback])
        XCTAssertEqual(closed[.callback]?.due, instant("2026-02-27T17:30:00+08:00"))
        _ = try t.desk.act(c.number, .followUp, ActionInput(callbackResult: .satisfied), actor: t.op)
        XCTAssertTrue(try clocks(t, c.number).isEmpty)
        XCTAssertNil(try t.desk.detail(c.number).0.nextDueAt)
        // Reopening restarts the open stages from the reopening.
        t.clock.set(instant("2026-03-02T09:00:00+08:00"))
        _ = try t.desk.act(c.number, .reopen, ActionInput(reason: "客户再次来电"), actor: t.op)
        let reopened = try clocks(t, c.number)
        XCTAssertEqual(reopened[.firstContact]?.startedAt, instant("2026-03-02T09:00:00+08:00"))
        XCTAssertEqual(reopened[.investigation]?.due, instant("2026-03-05T17:30:00+08:00"))
    }

    func testMajorCasesUseTheMajorColumn() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        var d = t.draft(); d.potentialLoss = 50_000
        let c = try t.desk.intake(d, actor: t.op)
        XCTAssertEqual(c.severity, .major)
        let k = try clocks(t, c.number)
        XCTAssertEqual(k[.firstContact]?.due, instant("2026-02-24T10:00:00+08:00"), "1 working hour")
        XCTAssertEqual(k[.investigation]?.due, instant("2026-03-02T17:30:00+08:00"), "5 working days, counting the make-up Saturday 02-28")
    }

    func testARaiseNeverMovesADeadlineLaterNorBackdatesABreach() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let first = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op)
        _ = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op, repeatOf: first.number)
        // 10:30: the third complaint makes the first case major.
        t.clock.set(instant("2026-02-24T10:30:00+08:00"))
        _ = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op, repeatOf: first.number)
        let raised = try t.desk.detail(first.number).0
        XCTAssertEqual(raised.severity, .major)
        XCTAssertEqual(raised.columnChangedAt, instant("2026-02-24T10:30:00+08:00"))
        let k = try clocks(t, first.number)
        // First contact: general 2h from 09:00 = 11:00; major 1h from 10:30 = 11:30 → stays 11:00 (never later).
        XCTAssertEqual(k[.firstContact]?.due, instant("2026-02-24T11:00:00+08:00"))
        // Investigation: general 3 days from 09:00 = 02-27; major 5 days from 10:30 = 03-02 → 02-27.
        XCTAssertEqual(k[.investigation]?.due, instant("2026-02-27T17:30:00+08:00"))
        // Same day: end of today's duty hours.
        XCTAssertEqual(k[.sameDay]?.due, instant("2026-02-24T20:00:00+08:00"))
        XCTAssertEqual(k[.firstContact]?.reading(at: t.clock.now()).state, .warning, "not overdue retroactively")
    }

    func testARaiseCanBringADeadlineEarlier() throws {
        // Received 08:00; the case becomes major at 08:05: major 1h from 08:05 = 09:05 beats general 2h = 10:00.
        let t = try TestDesk(now: "2026-02-24T08:00:00+08:00")
        let first = try t.desk.intake(t.draft(phone: "13900000002"), actor: t.op)
        _ = try t.desk.intake(t.draft(phone: "13900000002"), actor: t.op, repeatOf: first.number)
        t.clock.set(instant("2026-02-24T08:05:00+08:00"))
        _ = try t.desk.intake(t.draft(phone: "13900000002"), actor: t.op, repeatOf: first.number)
        XCTAssertEqual(try clocks(t, first.number)[.firstContact]?.due, instant("2026-02-24T09:05:00+08:00"))
    }

    func testExtensionMovesBusinessStagesWithinTheLegalLimit() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let promised = instant("2026-03-20T17:30:00+08:00")
        _ = try t.desk.act(c.number, .extend, ActionInput(reason: "需调取医院资料", promisedAt: promised), actor: t.lead)
        let k = try clocks(t, c.number)
        XCTAssertEqual(k[.investigation]?.due, promised)
        XCTAssertEqual(k[.decision]?.due, promised)
        XCTAssertEqual(k[.firstContact]?.due, instant("2026-02-24T11:00:00+08:00"), "first contact is not extended")
        XCTAssertThrowsError(try t.desk.act(c.number, .extend, ActionInput(reason: "x", promisedAt: instant("2026-06-01T17:30:00+08:00")), actor: t.lead)) {
            XCTAssertTrue("\($0)".contains("60 calendar days"), "\($0)")
        }
    }

    func testVentingHasNoClocksAndUnknownYearIsProvisional() throws {
        let t = try TestDesk(now: "2026-12-30T10:00:00+08:00")
        let v = try t.desk.intake(t.draft(kind: "venting"), actor: t.op)
        XCTAssertTrue(try clocks(t, v.number).isEmpty)
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let k = try clocks(t, c.number)
        XCTAssertEqual(k[.investigation]?.provisional, true, "3 working days from 12-30 reach 2027")
        XCTAssertEqual(k[.firstContact]?.provisional, false)
        XCTAssertTrue(k[.investigation]!.reading(at: t.clock.now()).provisional)
    }

    func testRecomputeRefreshesStoredDueTimes() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        var stricter = t.desk.policy
        stricter.stages[.firstContact]!.allowances[.general] = .allowance(Allowance(30, .workingMinutes))
        let desk2 = CaseDesk(store: t.desk.store, clock: t.clock, policy: stricter)
        let r = try desk2.recomputeDueTimes(actor: t.lead)
        XCTAssertEqual(r.examined, 1)
        XCTAssertEqual(r.changed, 1)
        XCTAssertEqual(try t.desk.detail(c.number).0.nextDueAt, instant("2026-02-24T09:30:00+08:00"))
        XCTAssertEqual(try desk2.recomputeDueTimes(actor: t.lead).changed, 0)
    }
}
