import GRDB
import XCTest
@testable import CaseModel

final class AlertTests: XCTestCase {
    func active(_ t: TestDesk) throws -> [String] {
        try DeskAlerts.current(t.desk, at: t.clock.now(), limit: 500).map(\.id).sorted()
    }

    func testStageWarningThenBreachSupersedesAndRaisingTwiceIsANoOp() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.assign([c.number], to: "zhangqiang", actor: t.lead)
        let ev = AlertEvaluator(desk: t.desk)
        XCTAssertTrue(try ev.tick(at: t.clock.now()).raised.isEmpty)
        // 75% of 2 working hours: 10:30.
        t.clock.set(instant("2026-02-24T10:29:59+08:00"))
        XCTAssertTrue(try ev.tick(at: t.clock.now()).raised.isEmpty)
        t.clock.set(instant("2026-02-24T10:30:00+08:00"))
        let warned = try ev.tick(at: t.clock.now())
        XCTAssertEqual(warned.raised.map(\.id), ["stage-warning:\(c.number):first-contact:warning"])
        XCTAssertEqual(warned.casesEvaluated, 1, "only the case whose threshold passed is evaluated")
        // The same alert again: no-op; a second evaluator (another console) raises nothing new either.
        XCTAssertTrue(try ev.tick(at: t.clock.now()).raised.isEmpty)
        let other = AlertEvaluator(desk: t.desk)
        XCTAssertTrue(try other.tick(at: t.clock.now()).raised.isEmpty)
        XCTAssertEqual(try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts") }, 1)
        // Breach at 11:00 supersedes the warning.
        t.clock.set(instant("2026-02-24T11:00:00+08:00"))
        XCTAssertEqual(try ev.tick(at: t.clock.now()).raised.map(\.id), ["stage-breach:\(c.number):first-contact:critical"])
        XCTAssertEqual(try active(t), ["stage-breach:\(c.number):first-contact:critical"])
        // 30 minutes later with no reminder: the no-reminder alert; a reminder clears it.
        t.clock.set(instant("2026-02-24T11:30:00+08:00"))
        XCTAssertEqual(try ev.tick(at: t.clock.now()).raised.map(\.rule), [.noReminder])
        _ = try t.desk.act(c.number, .remind, ActionInput(reminderChannel: .phone, reminderTo: "张强"), actor: t.lead)
        _ = try ev.tick(at: t.clock.now())
        XCTAssertEqual(try active(t), ["stage-breach:\(c.number):first-contact:critical"])
        // Contact made: the stage is done, its alert clears.
        _ = try t.desk.act(c.number, .contact, ActionInput(note: "已联系"), actor: t.op)
        let after = try ev.tick(at: t.clock.now())
        XCTAssertEqual(after.cleared, 1)
        XCTAssertEqual(try active(t), [])
    }

    func testAcknowledgementIsAuditedAndHoldsUntilTheLevelRises() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.assign([c.number], to: "zhangqiang", actor: t.lead)
        let ev = AlertEvaluator(desk: t.desk)
        t.clock.set(instant("2026-02-24T10:45:00+08:00"))
        _ = try ev.tick(at: t.clock.now())
        let warning = "stage-warning:\(c.number):first-contact:warning"
        XCTAssertEqual(try DeskAlerts.acknowledge(t.desk, ids: [warning], note: "在打电话", actor: t.lead), 1)
        XCTAssertEqual(try DeskAlerts.current(t.desk, at: t.clock.now(), unacknowledgedOnly: true).count, 0)
        XCTAssertEqual(try t.desk.detail(c.number).1.last?.action, "ack-alert")
        _ = try ev.tick(at: t.clock.now().adding(seconds: 60))
        XCTAssertEqual(try DeskAlerts.current(t.desk, at: t.clock.now()).first?.acknowledgedBy, "wangmin", "stays acknowledged")
        t.clock.set(instant("2026-02-24T11:00:00+08:00"))
        _ = try ev.tick(at: t.clock.now())
        let unack = try DeskAlerts.current(t.desk, at: t.clock.now(), unacknowledgedOnly: true)
        XCTAssertEqual(unack.map(\.level), [.critical], "the breach is a new, unacknowledged alert")
        XCTAssertThrowsError(try DeskAlerts.acknowledge(t.desk, ids: ["nonsense"], actor: t.lead))
        XCTAssertEqual(try DeskAlerts.counts(t.desk).critical, 1)
    }

    func testUnassignedRepeatAndMajorRules() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let a = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op)
        let ev = AlertEvaluator(desk: t.desk)
        _ = try ev.tick(at: t.clock.now())
        t.clock.set(instant("2026-02-24T09:14:59+08:00"))
        XCTAssertFalse(try ev.tick(at: t.clock.now()).raised.contains { $0.rule == .unassigned })
        t.clock.set(instant("2026-02-24T09:15:00+08:00"))
        XCTAssertTrue(try ev.tick(at: t.clock.now()).raised.contains { $0.rule == .unassigned && $0.caseNumber == a.number })
        _ = try t.desk.assign([a.number], to: "zhangqiang", actor: t.lead)
        _ = try ev.tick(at: t.clock.now())
        XCTAssertFalse(try active(t).contains { $0.hasPrefix("unassigned:") })
        let b = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op, repeatOf: a.number)
        let r2 = try ev.tick(at: t.clock.now()).raised
        XCTAssertTrue(r2.contains { $0.rule == .repeatSecond && $0.caseNumber == b.number })
        XCTAssertTrue(r2.contains { $0.rule == .repeatSecond && $0.caseNumber == a.number })
        _ = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op, repeatOf: a.number)
        let r3 = try ev.tick(at: t.clock.now()).raised
        XCTAssertTrue(r3.contains { $0.rule == .repeatThird && $0.level == .critical && $0.caseNumber == a.number })
        XCTAssertTrue(r3.contains { $0.rule == .newMajor && $0.caseNumber == a.number })
        XCTAssertFalse(try active(t).contains { $0 == "repeat-2:\(a.number):warning" }, "the third supersedes the second")
    }

    func testHandlerLoadAndBranchValidRate() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        try t.desk.store.write { db in
            for u in ["zhangqiang", "liqiang"] {
                try Roster.addShift(Shift(userName: u, startsAt: instant("2026-02-24T08:00:00+08:00"), endsAt: instant("2026-02-24T20:00:00+08:00")), db)
            }
        }
        var numbers: [String] = []
        for i in 0..<12 { numbers.append(try t.desk.intake(t.draft(phone: "1390000\(1000 + i)"), actor: t.op).number) }
        _ = try t.desk.assign(numbers, to: "zhangqiang", actor: t.lead)
        let ev = AlertEvaluator(desk: t.desk)
        XCTAssertTrue(try ev.tick(at: t.clock.now()).raised.contains { $0.rule == .handlerLoad && $0.subject == "zhangqiang" })
        try BranchFigures.set(t.desk, branch: "上海分公司", month: "2026-02", claimReports: 20, premium: nil, policiesNew: nil,
                              policiesInForce: nil, insuredPersons: nil, actor: t.lead)
        _ = try t.desk.determineValidity(numbers[0], valid: true, reason: "属实", responsible: "zhangqiang", lead: "wangmin", actor: t.lead)
        XCTAssertFalse(try ev.tick(at: t.clock.now()).raised.contains { $0.rule == .branchValidRate }, "1/20 = 5% is not above 5%")
        _ = try t.desk.determineValidity(numbers[1], valid: true, reason: "属实", responsible: "zhangqiang", lead: "wangmin", actor: t.lead)
        // Desk-wide rules run at most once a minute after case changes.
        XCTAssertTrue(try ev.tick(at: t.clock.now().adding(seconds: 60)).raised.contains { $0.rule == .branchValidRate && $0.subject == "上海分公司:2026-02" })
    }

    func testQuietTickIsCheap() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        for i in 0..<50 { _ = try t.desk.intake(t.draft(phone: "1390000\(2000 + i)"), actor: t.op) }
        let ev = AlertEvaluator(desk: t.desk)
        XCTAssertTrue(try ev.tick(at: t.clock.now()).rebuilt)
        let quiet = try ev.tick(at: t.clock.now().adding(seconds: 1))
        XCTAssertFalse(quiet.rebuilt)
        XCTAssertEqual(quiet.casesEvaluated, 0)
    }
}
