import GRDB
import XCTest
@testable import CaseModel

/// The balanced move of an absent handler's open cases: the pure plan, then the desk's one
/// transaction (permissions, events, conflicts).
final class MoveAllTests: XCTestCase {
    func testPlanGivesTheMostUrgentFirstToTheLeastLoaded() throws {
        let t0 = instant("2026-02-17T09:00:00+08:00")
        let items = (0..<6).map { LoadBalancer.Item(number: "C\($0)", due: t0.adding(seconds: Int64(600 * (5 - $0)))) }
        let plan = try LoadBalancer.plan(items, targets: [.init(name: "a", load: 3), .init(name: "b", load: 0), .init(name: "c", load: 1)])
        // C5 is the most urgent and goes to b (load 0); b then ties with c at 1 and wins on order;
        // the last case finds everyone at 3 and goes to a, the first in order.
        XCTAssertEqual(plan.map(\.number), ["C5", "C4", "C3", "C2", "C1", "C0"])
        XCTAssertEqual(plan.map(\.to), ["b", "b", "c", "b", "c", "a"])
        var load = ["a": 3, "b": 0, "c": 1]
        for m in plan { load[m.to]! += 1 }
        XCTAssertEqual(load, ["a": 4, "b": 3, "c": 3])
    }

    func testPlanKeepsReportCasesForThoseWhoMayTakeThem() throws {
        let items = [LoadBalancer.Item(number: "JB-1", due: nil, reportTrack: true), LoadBalancer.Item(number: "TS-1", due: nil)]
        let plan = try LoadBalancer.plan(items, targets: [.init(name: "h", load: 0), .init(name: "p", load: 5, takesReports: true)])
        XCTAssertEqual(plan.first { $0.number == "JB-1" }?.to, "p")
        XCTAssertEqual(plan.first { $0.number == "TS-1" }?.to, "h")
        XCTAssertThrowsError(try LoadBalancer.plan(items, targets: [.init(name: "h", load: 0)]))
        XCTAssertThrowsError(try LoadBalancer.plan(items, targets: []))
    }

    /// Five open cases of 李强, who is off duty; 王敏, 张强 (and 陈杰 if asked) and 周芳 are on duty.
    func absentHandlerDesk(secondHandler: Bool = false) throws -> (TestDesk, [String]) {
        let t = try TestDesk()
        try t.desk.store.write { db in
            if secondHandler { try Roster.add(DeskUser(name: "chenjie", displayName: "陈杰", team: "理赔组", role: .handler), db) }
            for u in ["wangmin", "zhangqiang", "zhoufang"] + (secondHandler ? ["chenjie"] : []) {
                try Roster.addShift(Shift(userName: u, startsAt: instant("2026-02-16T08:00:00+08:00"), endsAt: instant("2026-02-16T20:00:00+08:00")), db)
            }
        }
        var numbers: [String] = []
        for i in 0..<5 {
            let c = try t.desk.intake(t.draft(phone: "1390000000\(i)"), actor: t.op)
            numbers.append(c.number)
        }
        _ = try t.desk.assign(numbers, to: "liqiang", actor: t.lead)
        let z = try t.desk.intake(t.draft(phone: "13900000009"), actor: t.op)
        _ = try t.desk.assign([z.number], to: "zhangqiang", actor: t.lead)
        return (t, numbers)
    }

    func testMoveAllByDisplayNameBalancesAndRecordsEachAssignment() throws {
        let (t, numbers) = try absentHandlerDesk(secondHandler: true)
        let plan = try t.desk.proposeMoveAll(from: "李强", actor: t.lead)
        XCTAssertEqual(plan.from.name, "liqiang")
        XCTAssertEqual(Set(plan.moves.map(\.number)), Set(numbers))
        XCTAssertEqual(plan.shares.map(\.user.name), ["chenjie", "zhangqiang"], "handlers on duty only, fewest open cases first")
        XCTAssertEqual(plan.shares.map(\.after), [3, 3], "1 + 5 cases over two handlers end level")
        // Proposing changed nothing.
        XCTAssertEqual(try t.desk.store.read { db in try numbers.map { try CaseRecords.fetch(number: $0, db)!.handler } },
                       Array(repeating: "liqiang", count: 5))
        let lastEvent = try t.desk.store.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM events") ?? 0 }
        let moved = try t.desk.applyMoveAll(plan, actor: t.lead)
        XCTAssertEqual(moved.count, 5)
        let after = try t.desk.store.read { db in try numbers.map { try CaseRecords.fetch(number: $0, db)!.handler } }
        XCTAssertEqual(after, plan.moves.sorted { numbers.firstIndex(of: $0.number)! < numbers.firstIndex(of: $1.number)! }.map(\.to))
        let events = try t.desk.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE id > ? AND action = 'assign' AND actor = 'wangmin' AND detail LIKE '%liqiang%'",
                             arguments: [lastEvent])
        }
        XCTAssertEqual(events, 5, "one assign event per moved case, naming the old handler")
        XCTAssertThrowsError(try t.desk.proposeMoveAll(from: "李强", actor: t.lead), "nothing left to move")
    }

    func testLeadsAndOperatorsTakeCasesOnlyWhenNoHandlerIsOnDuty() throws {
        let (t, _) = try absentHandlerDesk()
        XCTAssertEqual(try t.desk.proposeMoveAll(from: "李强", actor: t.lead).shares.map(\.user.name), ["zhangqiang"],
                       "the one handler on duty takes them all rather than the lead or the operator")
        let (t2, _) = try absentHandlerDesk()
        try t2.desk.store.write { db in try db.execute(sql: "DELETE FROM shifts WHERE user_name = 'zhangqiang'") }
        XCTAssertEqual(Set(try t2.desk.proposeMoveAll(from: "李强", actor: t2.lead).shares.map(\.user.name)), ["wangmin", "zhoufang"])
    }

    func testAChangeSinceTheProposalStopsTheWholeMove() throws {
        let (t, numbers) = try absentHandlerDesk()
        let plan = try t.desk.proposeMoveAll(from: "liqiang", to: ["zhangqiang", "wangmin"], actor: t.lead)
        XCTAssertEqual(Set(plan.moves.map(\.to)), ["zhangqiang", "wangmin"])
        _ = try t.desk.assign([numbers[2]], to: "zhoufang", actor: t.lead)
        XCTAssertThrowsError(try t.desk.applyMoveAll(plan, actor: t.lead)) { error in
            guard case DomainError.conflict(let number, _, _, let by, _)? = error as? DomainError else { return XCTFail("\(error)") }
            XCTAssertEqual(number, numbers[2])
            XCTAssertEqual(by, "wangmin")
        }
        let handlers = try t.desk.store.read { db in try numbers.map { try CaseRecords.fetch(number: $0, db)!.handler } }
        XCTAssertEqual(handlers, ["liqiang", "liqiang", "zhoufang", "liqiang", "liqiang"], "nothing half-written")
    }

    func testOnlyATeamLeadMovesCases() throws {
        let (t, _) = try absentHandlerDesk()
        XCTAssertThrowsError(try t.desk.proposeMoveAll(from: "liqiang", actor: t.handler))
        let plan = try t.desk.proposeMoveAll(from: "liqiang", actor: t.lead)
        XCTAssertThrowsError(try t.desk.applyMoveAll(plan, actor: t.op))
        XCTAssertThrowsError(try t.desk.proposeMoveAll(from: "nobody", actor: t.lead))
        XCTAssertThrowsError(try t.desk.proposeMoveAll(from: "liqiang", to: ["nobody"], actor: t.lead))
    }
}

/// The assignment's fast diff records exactly what the general one would.
final class AssignmentDiffTests: XCTestCase {
    func testAssignmentChangesMatchTheGeneralDiff() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        for (h0, t0, h1, t1) in [(nil, nil, "zhangqiang", "理赔组"), ("zhangqiang", "理赔组", "liqiang", "销售服务组"), ("liqiang", "销售服务组", nil, "销售服务组"),
                                 ("a", "", "a", nil), (nil, nil, nil, ""), ("a", "t", "a", "t")] as [(String?, String?, String?, String?)] {
            var before = c, after = c
            before.handler = h0; before.team = t0
            after.handler = h1; after.team = t1
            XCTAssertEqual(CaseDiff.assignmentChanges(before, after), CaseDiff.changes(before, after), "\(h0 ?? "nil") \(t0 ?? "nil") → \(h1 ?? "nil") \(t1 ?? "nil")")
        }
    }
}
