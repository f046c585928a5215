import XCTest
@testable import CaseModel

final class CrisisTests: XCTestCase {
    func testGroupComplaintProposesAnEventThatRunsToArchive() throws {
        let t = try TestDesk(now: "2026-02-17T18:40:00+08:00")
        var d = t.draft(summary: "银保产品到期无法退保 32人聚集网点")
        d.people = 32
        let c = try t.desk.intake(d, actor: t.op)
        let ev = AlertEvaluator(desk: t.desk)
        let tick = try ev.tick(at: t.clock.now())
        XCTAssertEqual(tick.proposedEvents.count, 1)
        let id = tick.proposedEvents[0]
        var e = try t.desk.crisisEvent(id)
        XCTAssertEqual(e.status, .proposed)
        XCTAssertEqual(e.trigger, .group)
        XCTAssertEqual(e.people, 32)
        XCTAssertFalse(e.isMassIncident(t.desk.policy.crisis))
        XCTAssertEqual(e.reportDue(.superior, t.desk.policy.crisis), instant("2026-02-17T19:40:00+08:00"))
        XCTAssertEqual(e.reportDue(.hq, t.desk.policy.crisis), instant("2026-02-18T18:40:00+08:00"))
        XCTAssertTrue(try ev.tick(at: t.clock.now()).proposedEvents.isEmpty, "proposed once")
        // Only a lead or the crisis group may declare.
        XCTAssertThrowsError(try t.desk.declareCrisis(id, actor: Actor(name: "zhoufang", role: .operator_))) {
            XCTAssertEqual($0 as? DomainError, .notPermitted("only a team lead or the crisis group can declare a crisis event"))
        }
        try t.desk.declareCrisis(id, actor: Actor(name: "huangwei", role: .crisisGroup))
        XCTAssertEqual(try t.desk.detail(c.number).0.severity, .crisis)
        // Report clocks: due soon at 19:25, overdue at 19:40.
        t.clock.set(instant("2026-02-17T19:25:00+08:00"))
        XCTAssertTrue(try ev.tick(at: t.clock.now()).raised.contains { $0.rule == .crisisReportDue })
        t.clock.set(instant("2026-02-17T19:40:00+08:00"))
        XCTAssertTrue(try ev.tick(at: t.clock.now()).raised.contains { $0.rule == .crisisReportOverdue && $0.level == .critical })
        try t.desk.fileCrisisReport(id, kind: .superior, to: "江苏分公司", text: "已到场处置", actor: t.lead)
        _ = try ev.tick(at: t.clock.now())
        XCTAssertFalse(try DeskAlerts.current(t.desk, at: t.clock.now()).contains { $0.subject == "event-\(id):superior" })
        // Archive guard: not before the final result, cause and lessons.
        XCTAssertThrowsError(try t.desk.archiveCrisis(id, actor: t.lead))
        XCTAssertThrowsError(try t.desk.closeCrisis(id, cause: "到期给付沟通不足", lessons: "提前告知", actor: t.lead)) {
            XCTAssertTrue("\($0)".contains("final result"))
        }
        try t.desk.fileCrisisReport(id, kind: .final, to: "总公司", text: "已全额退保，客户离开", actor: t.lead)
        XCTAssertThrowsError(try t.desk.closeCrisis(id, cause: "", lessons: "x", actor: t.lead))
        try t.desk.closeCrisis(id, cause: "到期给付沟通不足", lessons: "到期前30天主动告知", actor: t.lead)
        try t.desk.archiveCrisis(id, actor: t.lead)
        e = try t.desk.crisisEvent(id)
        XCTAssertEqual(e.status, .archived)
        XCTAssertEqual(e.reports.map(\.kind), [.superior, .final])
    }

    func testIntakeProposingACrisisDoesBothInOneTransaction() throws {
        let t = try TestDesk(now: "2026-02-17T18:40:00+08:00")
        var d = t.draft(summary: "银保产品到期无法退保 32人聚集网点")
        d.people = 32
        d.branch = "江苏分公司"
        let (c, id) = try t.desk.intake(d, actor: t.op, proposingCrisis: true)
        let e = try t.desk.crisisEvent(try XCTUnwrap(id))
        XCTAssertEqual(e.caseNumbers, [c.number])
        XCTAssertEqual(e.trigger, .group)
        XCTAssertEqual(e.title, "江苏分公司 银保产品到期无法退保 32人聚集网点")
        // The rules see the event already proposed and do not propose a second one.
        XCTAssertTrue(try AlertEvaluator(desk: t.desk).tick(at: t.clock.now()).proposedEvents.isEmpty)
        // A refused intake (a future receipt) proposes nothing either.
        d.receivedAt = "2026-02-18T18:40:00+08:00"
        XCTAssertThrowsError(try t.desk.intake(d, actor: t.op, proposingCrisis: true))
        XCTAssertEqual(try t.desk.crisisEvents(activeOnly: false).count, 1)
    }

    func testBurstOfFiveSimilarComplaintsIsProposedWithinOneTickOfTheFifth() throws {
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        let ev = AlertEvaluator(desk: t.desk)
        _ = try ev.tick(at: t.clock.now())
        var d = t.draft(summary: "航班延误险理赔被拒", line: "travel")
        d.product = "航班延误险"
        for i in 0..<4 {
            d.phone = "1390000\(3000 + i)"
            _ = try t.desk.intake(d, actor: t.op)
            t.clock.advance(seconds: 600)
            XCTAssertTrue(try ev.tick(at: t.clock.now()).proposedEvents.isEmpty, "not yet at \(i + 1)")
        }
        // A different product does not count.
        var other = d; other.product = "境外旅行意外险"; other.phone = "13900009999"
        _ = try t.desk.intake(other, actor: t.op)
        XCTAssertTrue(try ev.tick(at: t.clock.now()).proposedEvents.isEmpty)
        d.phone = "13900003999"
        _ = try t.desk.intake(d, actor: t.op)
        let tick = try ev.tick(at: t.clock.now())
        XCTAssertEqual(tick.proposedEvents.count, 1)
        let e = try t.desk.crisisEvent(tick.proposedEvents[0])
        XCTAssertEqual(e.trigger, .burst)
        XCTAssertEqual(e.caseNumbers.count, 5)
    }

    func testBurstWindowEdge() throws {
        // Five similar complaints spread over exactly 60 minutes: the first is outside the window (it is open at the start).
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        let ev = AlertEvaluator(desk: t.desk)
        _ = try ev.tick(at: t.clock.now())
        var d = t.draft(line: "travel"); d.product = "航班延误险"
        for i in 0..<5 {
            d.phone = "1390000\(4000 + i)"
            _ = try t.desk.intake(d, actor: t.op)
            if i < 4 { t.clock.advance(seconds: 900) }
        }
        XCTAssertTrue(try ev.tick(at: t.clock.now()).proposedEvents.isEmpty, "10:00 is not inside (10:00, 11:00]")
        t.clock.advance(seconds: -1)
        d.phone = "13900004999"
        _ = try t.desk.intake(d, actor: t.op)
        XCTAssertEqual(try ev.tick(at: t.clock.now()).proposedEvents.count, 1)
    }

    func testMassIncidentAndDismissal() throws {
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        var d = t.draft(); d.people = 60
        _ = try t.desk.intake(d, actor: t.op)
        let ev = AlertEvaluator(desk: t.desk)
        let tick = try ev.tick(at: t.clock.now())
        XCTAssertTrue(tick.raised.contains { $0.rule == .massIncident && $0.level == .critical })
        let id = tick.proposedEvents[0]
        XCTAssertThrowsError(try t.desk.dismissCrisis(id, reason: " ", actor: t.lead))
        try t.desk.dismissCrisis(id, reason: "重复登记，已并入前案", actor: t.lead)
        _ = try ev.tick(at: t.clock.now())
        XCTAssertFalse(try DeskAlerts.current(t.desk, at: t.clock.now()).contains { $0.rule == .massIncident })
        XCTAssertThrowsError(try t.desk.declareCrisis(id, actor: t.lead))
    }
}

final class CrisisDismissalTests: XCTestCase {
    func testADismissedCaseIsNotProposedAgainByAnotherConsole() throws {
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        var d = t.draft(); d.mediaInvolved = true
        _ = try t.desk.intake(d, actor: t.op)
        let first = AlertEvaluator(desk: t.desk)
        let id = try XCTUnwrap(try first.tick(at: t.clock.now()).proposedEvents.first)
        try t.desk.dismissCrisis(id, reason: "经核实为个案", actor: t.lead)
        // Another console starts (a rebuild): the dismissal stands.
        let second = AlertEvaluator(desk: t.desk)
        XCTAssertTrue(try second.tick(at: t.clock.now()).proposedEvents.isEmpty)
        XCTAssertEqual(try t.desk.crisisEvents().count, 1)
    }
}
