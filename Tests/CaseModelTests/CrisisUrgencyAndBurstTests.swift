import GRDB
import XCTest
@testable import CaseModel

/// The crisis urgency order and picture, and the burst rule on every evaluation path.
final class CrisisUrgencyAndBurstTests: XCTestCase {
    func event(_ id: Int64, _ status: CrisisStatus, people: Int, cases: Int = 1, occurred: String) -> CrisisEvent {
        var e = CrisisEvent(id: id, title: "e\(id)", status: status, trigger: .group, branch: "b", occurredAt: instant(occurred),
                            proposedAt: instant(occurred))
        e.people = people
        e.caseNumbers = (0..<cases).map { "TS-\(id)-\($0)" }
        return e
    }

    func testDeclaredAndMassBeforeGroupsBeforeSingleComplaintsThenTheNearestClock() {
        let p = CrisisPolicy()
        // A one-person regulator referral whose 1-hour report is overdue still comes after a
        // declared 32-person gathering and a 40-person proposal.
        let single = event(1, .proposed, people: 1, occurred: "2026-02-17T08:00:00+08:00")
        let declared = event(2, .declared, people: 32, occurred: "2026-02-17T07:00:00+08:00")
        let group = event(3, .proposed, people: 40, occurred: "2026-02-17T09:00:00+08:00")
        let mass = event(4, .proposed, people: 60, occurred: "2026-02-17T09:30:00+08:00")
        let burst = event(5, .proposed, people: 5, cases: 5, occurred: "2026-02-17T08:30:00+08:00")
        let sorted = CrisisUrgency.sorted([single, group, burst, mass, declared], p).map(\.id)
        XCTAssertEqual(sorted, [2, 4, 5, 3, 1])
        XCTAssertEqual(CrisisUrgency.tier(declared, p), .first)
        XCTAssertEqual(CrisisUrgency.tier(mass, p), .first)
        XCTAssertEqual(CrisisUrgency.tier(group, p), .group)
        XCTAssertEqual(CrisisUrgency.tier(single, p), .single)
        // Within a tier a filed report no longer counts: the HQ clock is then the nearest.
        var filed = declared
        filed.reports = [CrisisReport(kind: .superior, toWhom: "x", at: instant("2026-02-17T07:30:00+08:00"), by: "y", text: "z")]
        XCTAssertEqual(CrisisUrgency.nearestClock(filed, p)?.report, .hq)
        XCTAssertEqual(CrisisUrgency.sorted([filed, mass], p).map(\.id), [4, 2], "mass's 1-hour clock is nearer than the filed one's 24-hour")
    }

    func testThePictureCountsAndNamesTheMostUrgent() throws {
        let t = try TestDesk(now: "2026-02-17T09:00:00+08:00")
        var d = t.draft(summary: "监管转办 单人")
        d.regulatorInvolved = true
        _ = try t.desk.intake(d, actor: t.op)
        t.clock.set(instant("2026-02-17T09:10:00+08:00"))
        var g = t.draft(summary: "32人聚集网点", phone: "13900002222")
        g.people = 32
        _ = try t.desk.intake(g, actor: t.op)
        _ = try AlertEvaluator(desk: t.desk).tick(at: t.clock.now())
        let before = try CrisisPicture.load(t.desk, at: t.clock.now(), actor: t.lead)
        XCTAssertEqual(before.proposed, 2)
        XCTAssertEqual(before.mostUrgent?.people, 32, "the group before the single complaint, though its clock is later")
        let gathering = try XCTUnwrap(before.mostUrgent.flatMap { Int64($0.id) })
        try t.desk.declareCrisis(gathering, actor: t.lead)
        let after = try CrisisPicture.load(t.desk, at: t.clock.now(), actor: t.lead)
        XCTAssertEqual(after.proposed, 1)
        XCTAssertEqual(after.declared, 1)
        XCTAssertEqual(after.mostUrgent?.status, .declared)
        XCTAssertEqual(after.mostUrgent?.nearestReport, .superior)
        XCTAssertEqual(after.mostUrgentLeft, 3600, "1 hour from 09:10")
        XCTAssertEqual(try DeskCrises.active(t.desk, at: t.clock.now(), actor: t.lead).map(\.people), [32, 1], "the ticker's data in the same order")
    }

    // MARK: bursts

    func similar(_ t: TestDesk, _ i: Int) -> CaseDraft {
        var d = t.draft(summary: "航班延误险理赔被拒", phone: "1390000\(5000 + i)", line: "travel")
        d.product = "航班延误险"
        return d
    }

    func testABurstIsProposedByTheTickAsTheFifthArrives() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let ev = AlertEvaluator(desk: t.desk)
        _ = try ev.tick(at: t.clock.now())
        for i in 0..<4 {
            _ = try t.desk.intake(similar(t, i), actor: t.op)
            t.clock.advance(seconds: 120)
            XCTAssertEqual(try ev.tick(at: t.clock.now()).proposedEvents, [], "four are not a burst")
        }
        _ = try t.desk.intake(similar(t, 4), actor: t.op)
        let proposed = try ev.tick(at: t.clock.now()).proposedEvents
        XCTAssertEqual(proposed.count, 1)
        XCTAssertEqual(try t.desk.crisisEvent(proposed[0]).caseNumbers.count, 5)
        XCTAssertEqual(try t.desk.crisisEvent(proposed[0]).trigger, .burst)
    }

    func testAFirstEvaluationProposesABurstThatArrivedWithNoConsoleRunning() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        for i in 0..<5 {
            _ = try t.desk.intake(similar(t, i), actor: t.op)
            t.clock.advance(seconds: 120)
        }
        let first = try AlertEvaluator(desk: t.desk).tick(at: t.clock.now())
        XCTAssertTrue(first.rebuilt)
        XCTAssertEqual(first.proposedEvents.count, 1)
        XCTAssertEqual(try AlertEvaluator(desk: t.desk).tick(at: t.clock.now()).proposedEvents, [], "proposed once, not by every console")
    }

    func testAFirstEvaluationLeavesBurstsOutsideTheWindowAlone() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        for i in 0..<5 {
            _ = try t.desk.intake(similar(t, i), actor: t.op)
            t.clock.advance(seconds: 60)
        }
        // The console starts two hours later: history must not flood the desk with old bursts.
        t.clock.set(instant("2026-02-24T11:10:00+08:00"))
        let first = try AlertEvaluator(desk: t.desk).tick(at: t.clock.now())
        XCTAssertEqual(first.proposedEvents, [])
        XCTAssertEqual(try t.desk.crisisEvents().count, 0)
    }
}

/// Move-all deals urgent cases round-robin first and prefers the category's team.
final class MoveAllUrgencyTests: XCTestCase {
    func testUrgentCasesAreDealtRoundRobinBeforeTheRestBalances() throws {
        let t0 = instant("2026-02-17T09:00:00+08:00")
        // Seven urgent cases and six others; receiver a is nearly empty, b and c are loaded.
        var items = (0..<7).map { LoadBalancer.Item(number: "U\($0)", due: t0.adding(seconds: Int64(60 * $0)), urgent: true) }
        items += (0..<6).map { LoadBalancer.Item(number: "N\($0)", due: t0.adding(seconds: Int64(86_400 + 60 * $0))) }
        let plan = try LoadBalancer.plan(items, targets: [.init(name: "a", load: 0), .init(name: "b", load: 10), .init(name: "c", load: 12)])
        XCTAssertEqual(plan.prefix(7).map(\.to), ["a", "b", "c", "a", "b", "c", "a"], "one each before anyone gets a second")
        XCTAssertTrue(plan.prefix(7).allSatisfy(\.urgent))
        XCTAssertEqual(plan.suffix(6).map(\.to), Array(repeating: "a", count: 6), "then the rest levels the load")
    }

    func testACaseGoesToItsCategoryTeamWhenOneIsOnDuty() throws {
        let items = [LoadBalancer.Item(number: "C1", due: nil, preferredTeams: ["理赔组", "销售服务组"]),
                     LoadBalancer.Item(number: "S1", due: nil, preferredTeams: ["销售服务组"]),
                     LoadBalancer.Item(number: "O1", due: nil)]
        let plan = try LoadBalancer.plan(items, targets: [.init(name: "sales", load: 0, team: "销售服务组"), .init(name: "claims", load: 30, team: "理赔组")])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: plan.map { ($0.number, $0.to) }), ["C1": "claims", "S1": "sales", "O1": "sales"])
    }

    func testTheDeskPlanCountsUrgentCasesPerReceiverAndKeepsClaimsWithClaims() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        try t.desk.store.write { db in
            try Roster.add(DeskUser(name: "chenjie", displayName: "陈杰", team: "理赔组", role: .handler), db)
            try Roster.add(DeskUser(name: "sunli", displayName: "孙丽", team: "销售服务组", role: .handler), db)
            for u in ["zhangqiang", "chenjie", "sunli"] {
                try Roster.addShift(Shift(userName: u, startsAt: instant("2026-02-24T08:00:00+08:00"), endsAt: instant("2026-02-24T20:00:00+08:00")), db)
            }
        }
        var numbers: [String] = []
        for i in 0..<6 { numbers.append(try t.desk.intake(t.draft(phone: "1390000\(6000 + i)", category: "claims"), actor: t.op).number) }
        for i in 0..<2 { numbers.append(try t.desk.intake(t.draft(phone: "1390000\(6100 + i)", category: "sales"), actor: t.op).number) }
        _ = try t.desk.assign(numbers, to: "liqiang", actor: t.lead)
        // First contact is due at 11:00: every case is urgent (due within 4 hours).
        let plan = try t.desk.proposeMoveAll(from: "李强", actor: t.lead)
        XCTAssertEqual(plan.urgentCount, 8)
        let to = Dictionary(uniqueKeysWithValues: plan.moves.map { ($0.number, $0.to) })
        for n in numbers.prefix(6) { XCTAssertNotEqual(to[n], "sunli", "a claims case stays with the claims team") }
        for n in numbers.suffix(2) { XCTAssertEqual(to[n], "sunli") }
        let shares = Dictionary(uniqueKeysWithValues: plan.shares.map { ($0.user.name, $0.urgent) })
        XCTAssertEqual(shares, ["zhangqiang": 3, "chenjie": 3, "sunli": 2])
    }
}
