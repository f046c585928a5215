import XCTest
@testable import CaseModel

final class AccountabilityTests: XCTestCase {
    func testPenaltyLedgerFollowsThePolicy() {
        let p = PenaltyPolicy()
        let month = CivilDate(year: 2026, month: 2, day: 20)!
        func ledger(_ edit: (inout ComplaintCase) -> Void, prCost: Double = 0) -> [String] {
            var c = ComplaintCase(number: "TS-1", receivedAt: Instant(seconds: 0), receivingOperator: "op")
            c.validity = .valid; c.responsibleStaff = "zhangqiang"; c.responsibleLead = "wangmin"
            edit(&c)
            return PenaltyRules.entries(for: c, policy: p, prCost: prCost, month: month)
                .map { "\($0.person) \($0.reminder ? "reminder" : String(Int($0.amount))) \($0.rule)" }
        }
        XCTAssertEqual(ledger { _ in }, ["zhangqiang reminder first-complaint"])
        XCTAssertEqual(ledger { $0.repeatCount = 2 }, ["zhangqiang 50 second-complaint", "wangmin reminder second-complaint"])
        XCTAssertEqual(ledger { $0.repeatCount = 4 }, ["zhangqiang 100 third-complaint", "wangmin 50 third-complaint"])
        XCTAssertEqual(ledger { $0.source = .regulatorLocal }, ["zhangqiang 100 regulator-local", "wangmin 100 regulator-local"])
        XCTAssertEqual(ledger { $0.source = .regulatorNational; $0.repeatCount = 3 }, ["zhangqiang 200 regulator-national", "wangmin 200 regulator-national"])
        XCTAssertEqual(ledger { $0.mediaInvolved = true }, ["zhangqiang 200 media", "wangmin 200 media"])
        XCTAssertEqual(ledger({ $0.onlineExposure = true }, prCost: 5000),
                       ["zhangqiang 200 online", "wangmin 200 online", "zhangqiang 500 pr-cost", "wangmin 500 pr-cost"])
        XCTAssertEqual(PenaltyRules.entries(for: ComplaintCase(number: "X", receivedAt: Instant(seconds: 0), receivingOperator: "o"), policy: p, prCost: 0, month: month).count, 0)
    }

    func testMarkingValidNeedsALeadAndFillsTheMonthlySummary() throws {
        let t = try TestDesk(now: "2026-02-20T10:00:00+08:00")
        let a = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op)
        let b = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op, repeatOf: a.number)
        XCTAssertThrowsError(try t.desk.determineValidity(b.number, valid: true, reason: "属实", responsible: "zhangqiang", lead: "wangmin",
                                                          actor: Actor(name: "zhangqiang", role: .handler)))
        XCTAssertThrowsError(try t.desk.determineValidity(b.number, valid: true, reason: "属实", actor: t.lead), "names the responsible staff")
        let (c, entries) = try t.desk.determineValidity(b.number, valid: true, reason: "属实", responsible: "zhangqiang", lead: "wangmin", actor: t.lead)
        XCTAssertEqual(c.validity, .valid)
        XCTAssertEqual(entries.map(\.amount), [50, 0])
        XCTAssertThrowsError(try t.desk.determineValidity(b.number, valid: false, reason: "x", actor: t.lead), "determined once")
        _ = try t.desk.determineValidity(a.number, valid: false, reason: "无效", actor: t.lead)
        let (lines, summary) = try t.desk.penalties(month: "2026-02")
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(summary.map(\.person), ["zhangqiang", "wangmin"])
        XCTAssertEqual(summary.first?.total, 50)
        XCTAssertEqual(summary.last?.reminders, 1)
        XCTAssertEqual(try t.desk.penalties(month: "2026-03").0.count, 0)
    }

    func testRaisingAndLoweringSeverity() throws {
        let t = try TestDesk(now: "2026-02-20T10:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let raised = try t.desk.setSeverity(c.number, to: .major, reason: "", actor: Actor(name: "zhoufang", role: .operator_))
        XCTAssertEqual(raised.severity, .major)
        XCTAssertEqual(raised.columnChangedAt, t.clock.now())
        XCTAssertThrowsError(try t.desk.setSeverity(c.number, to: .general, reason: "误判", actor: Actor(name: "zhoufang", role: .operator_))) {
            XCTAssertEqual($0 as? DomainError, .notPermitted("only a team lead can lower a case's severity"))
        }
        XCTAssertThrowsError(try t.desk.setSeverity(c.number, to: .general, reason: "", actor: t.lead))
        let lowered = try t.desk.setSeverity(c.number, to: .general, reason: "经核实金额较小", actor: Actor(name: "wangmin", role: .teamLead))
        XCTAssertEqual(lowered.severity, .general)
        XCTAssertEqual(try t.desk.detail(c.number).1.suffix(2).map(\.action), ["raise-severity", "lower-severity"])
        XCTAssertThrowsError(try t.desk.setSeverity(c.number, to: .crisis, reason: "", actor: t.lead))
    }
}
