import XCTest
@testable import CaseModel

/// The on-time definition checked against due times worked out by hand from the default policy
/// (first contact: 2 duty hours, 08:00–20:00; investigation 3, approval 1, closing 2, callback 2
/// business days, 08:30–12:00 and 13:30–17:30 Mon–Fri), in an ordinary week (March 2026).
final class ReportTimelinessTests: XCTestCase {
    let policy = PolicyFile.defaults

    func received(_ at: String, kind: CaseKind = .general) -> ComplaintCase {
        var c = ComplaintCase(number: "TS-20260302-0001", receivedAt: instant(at), receivingOperator: "zhoufang", kind: kind)
        c.severity = kind == .venting ? .venting : .general
        return c
    }

    func testALateFirstContactMakesTheCaseLateOverall() {
        var c = received("2026-03-02T10:00:00+08:00")            // Monday
        c.contactedAt = instant("2026-03-02T12:30:00+08:00")      // due 12:00: late
        c.submittedAt = instant("2026-03-05T17:00:00+08:00")      // due Thu 03-05 17:30: on time
        c.approvedAt = instant("2026-03-06T09:00:00+08:00")       // due Fri 03-06 17:30
        c.closedAt = instant("2026-03-10T17:30:00+08:00")         // due Tue 03-10 17:30: exactly on time
        c.status = .closed
        let t = StageTimeliness(c, policy: policy)
        XCTAssertEqual(t.stages, [.firstContact: false, .investigation: true, .approval: true, .closing: true])
        XCTAssertTrue(t.handled)
        XCTAssertFalse(t.onTime)

        c.contactedAt = instant("2026-03-02T12:00:00+08:00")      // at the due time: on time
        c.closedAt = instant("2026-03-10T17:31:00+08:00")         // a minute past: late
        XCTAssertEqual(StageTimeliness(c, policy: policy).stages, [.firstContact: true, .investigation: true, .approval: true, .closing: false])
        c.closedAt = instant("2026-03-09T10:00:00+08:00")
        c.status = .followedUp
        c.followedUpAt = instant("2026-03-12T08:00:00+08:00")     // due Wed 03-11 17:30: late callback
        let f = StageTimeliness(c, policy: policy)
        XCTAssertEqual(f.stages[.callback], false)
        XCTAssertFalse(f.onTime)
        c.followedUpAt = instant("2026-03-11T17:00:00+08:00")
        XCTAssertTrue(StageTimeliness(c, policy: policy).onTime)
    }

    func testInvalidClosedFromReceiptIsHandledWithdrawnIsNotVentingIsLeftOut() {
        var invalid = received("2026-03-02T10:00:00+08:00")
        invalid.status = .closed
        invalid.closingBasis = .invalid
        invalid.closedAt = instant("2026-03-02T11:00:00+08:00")
        let t = StageTimeliness(invalid, policy: policy)
        XCTAssertTrue(t.handled); XCTAssertTrue(t.onTime); XCTAssertEqual(t.stages, [:])

        var withdrawn = received("2026-03-02T10:00:00+08:00")
        withdrawn.contactedAt = instant("2026-03-02T10:30:00+08:00")
        withdrawn.status = .withdrawn
        withdrawn.withdrawnAt = instant("2026-03-03T10:00:00+08:00")
        let w = StageTimeliness(withdrawn, policy: policy)
        XCTAssertFalse(w.handled); XCTAssertEqual(w.stages, [.firstContact: true])

        var venting = received("2026-03-02T10:00:00+08:00", kind: .venting)
        venting.status = .closed
        venting.closedAt = instant("2026-03-02T10:05:00+08:00")
        XCTAssertFalse(StageTimeliness(venting, policy: policy).handled)
    }

    func testAMajorCaseHasTheShorterFirstContactAllowance() {
        var c = received("2026-03-02T10:00:00+08:00", kind: .major)
        c.severity = .major
        c.contactedAt = instant("2026-03-02T11:30:00+08:00")      // due 11:00 (1 duty hour)
        XCTAssertEqual(StageTimeliness(c, policy: policy).stages[.firstContact], false)
    }

    func testTheTimingPassCountsInvalidClosuresWithoutContact() throws {
        let t = try TestDesk(now: "2026-03-02T10:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        try t.desk.store.write { db in
            try db.execute(sql: "UPDATE cases SET status = 'closed', closing_basis = 'invalid', closed_at = ? WHERE number = ?",
                           arguments: [instant("2026-03-02T11:00:00+08:00").seconds, c.number])
        }
        let r = try MetricsReport.compute(t.desk, period: try ReportPeriod.parse("2026-03"))
        XCTAssertEqual(r.figure("on_time_rate.overall")?.denominator, 1)
        XCTAssertEqual(r.figure("on_time_rate.overall")?.numerator, 1)
        XCTAssertEqual(r.figure("mediation_success_rate")?.denominator, 0, "an invalid complaint is not a mediation")
        XCTAssertNil(r.figure("mediation_success_rate")?.value)
        XCTAssertEqual(r.figure("close_avg_hours")?.value ?? -1, 1.0, accuracy: 1e-9, "10:00 → 11:00 on the business calendar: one working hour")
    }
}

/// `console figures import`: validated, all or nothing, line-numbered errors.
final class ReportFiguresImportTests: XCTestCase {
    func testAGoodFileImportsEveryRow() throws {
        let t = try TestDesk()
        let n = try BranchFiguresImport.run(t.desk, text: """
            branch,month,claim_reports,premium,policies_new,policies_in_force,insured_persons
            上海分公司,2026-02,1200,350000000,12000,500000,800000
            "北京分公司",2026-02,900,,,,
            """, actor: t.lead)
        XCTAssertEqual(n, 2)
        let rows = try BranchFigures.list(t.desk, month: "2026-02")
        XCTAssertEqual(rows.map(\.branch), ["上海分公司", "北京分公司"].sorted())
        XCTAssertEqual(rows.first { $0.branch == "上海分公司" }?.premium, 350_000_000)
        XCTAssertNil(rows.first { $0.branch == "北京分公司" }?.premium)
    }

    func testABadFileWritesNothingAndNamesEveryBadLine() throws {
        let t = try TestDesk()
        let text = """
            branch,month,claim_reports,premium,policies_new,policies_in_force,insured_persons
            上海分公司,2026-02,1200,350000000,12000,500000,800000
            北京分公司,2026-13,900,,,,
            ,2026-02,-5,abc,,,
            上海分公司,2026-02,1,,,,
            广东分公司,2026-02,1.5,,,,
            """
        XCTAssertThrowsError(try BranchFiguresImport.run(t.desk, text: text, actor: t.lead)) { error in
            let f = error as! BranchFiguresImport.Failure
            XCTAssertEqual(f.problems.count, 4, f.description)
            XCTAssertTrue(f.problems[0].hasPrefix("line 3: month"), f.problems[0])
            XCTAssertTrue(f.problems[1].hasPrefix("line 4: branch: required"), f.problems[1])
            XCTAssertTrue(f.problems[1].contains("claim_reports") && f.problems[1].contains("premium"), f.problems[1])
            XCTAssertTrue(f.problems[2].contains("already on line 2"), f.problems[2])
            XCTAssertTrue(f.problems[3].hasPrefix("line 6: claim_reports"), f.problems[3])
        }
        XCTAssertEqual(try BranchFigures.list(t.desk), [], "all or nothing")
        XCTAssertThrowsError(try BranchFiguresImport.parse("branch,month\nx,2026-02\n"))
        XCTAssertThrowsError(try BranchFiguresImport.parse(""))
    }
}
