import XCTest
@testable import CaseModel

final class IntakeTests: XCTestCase {
    func testValidationNamesTheField() {
        let now = instant("2026-02-16T10:00:00+08:00")
        func error(_ edit: (inout CaseDraft) -> Void) -> DomainError? {
            var d = CaseDraft(); d.summary = "x"
            edit(&d)
            do { _ = try d.validated(now: now, operator: "op"); return nil } catch { return error as? DomainError }
        }
        XCTAssertNil(error { _ in })
        XCTAssertEqual(error { $0.summary = "" }, .missingField("summary"))
        XCTAssertEqual(error { $0.channel = "pigeon" }?.field, "channel")
        XCTAssertEqual(error { $0.category = "claim-ish" }?.field, "category")
        XCTAssertEqual(error { $0.kind = "huge" }?.field, "kind")
        XCTAssertEqual(error { $0.line = "pets" }?.field, "line")
        XCTAssertEqual(error { $0.source = "rumour" }?.field, "source")
        XCTAssertEqual(error { $0.receivedAt = "2026-02-30T10:00:00+08:00" }?.field, "received_at")
        XCTAssertEqual(error { $0.receivedAt = "yesterday" }?.field, "received_at")
        XCTAssertEqual(error { $0.people = 0 }?.field, "people")
        XCTAssertEqual(error { $0.potentialLoss = -5 }?.field, "potential_loss")
        XCTAssertEqual(error { $0.phone = "call me" }?.field, "phone")
        XCTAssertEqual(error { $0.idNumber = "110105194912310021" }?.field, "id_number", "wrong check digit")
        XCTAssertNil(error { $0.idNumber = "11010519491231002x" })
        XCTAssertNil(error { $0.phone = "+86 138-1234-5678" })
        XCTAssertEqual(error { $0.phone = "1381234" }?.field, "phone", "a mobile number has 11 digits")
        XCTAssertEqual(error { $0.phone = "1381234123412" }?.field, "phone")
        XCTAssertNil(error { $0.phone = "021-62345678" }, "a landline with its area code")
        XCTAssertEqual(error { $0.receivedAt = "2026-02-16T12:00:00+08:00" }?.field, "received_at", "two hours in the future")
        XCTAssertNil(error { $0.receivedAt = "2026-02-16T10:04:00+08:00" }, "a few minutes of clock skew are allowed")
    }

    func testEnumsAcceptCodesAndLabels() {
        XCTAssertEqual(Category.parse("理赔"), .claims)
        XCTAssertEqual(Category.parse("Claims"), .claims)
        XCTAssertEqual(CaseStatus.parse("pending approval"), .pendingApproval)
        XCTAssertEqual(CaseStatus.parse("pending_approval"), .pendingApproval)
        XCTAssertEqual(Channel.parse("来访"), .walkIn)
        XCTAssertNil(Severity.parse(""))
        for type in [Channel.allCases.map(\.zh), CaseSource.allCases.map(\.zh), InsuranceLine.allCases.map(\.zh),
                     Category.allCases.map(\.zh), CaseKind.allCases.map(\.zh), Severity.allCases.map(\.zh),
                     CaseStatus.allCases.map(\.zh), ClosingBasis.allCases.map(\.zh)] {
            XCTAssertEqual(Set(type).count, type.count, "Chinese labels are distinct")
            XCTAssertFalse(type.contains(""), "every value has a Chinese label")
        }
    }

    func testSeverityFollowsSpecRules() {
        var c = ComplaintCase(number: "X", receivedAt: Instant(seconds: 0), receivingOperator: "op")
        XCTAssertEqual(SeverityRules.derived(c), .general)
        c.repeatCount = 2; XCTAssertEqual(SeverityRules.derived(c), .urgent)
        c.repeatCount = 3; XCTAssertEqual(SeverityRules.derived(c), .major)
        c.repeatCount = 1; c.potentialLoss = 19_999.99; XCTAssertEqual(SeverityRules.derived(c), .general)
        c.potentialLoss = 20_000; XCTAssertEqual(SeverityRules.derived(c), .major)
        c.potentialLoss = 0; c.onlineExposure = true; XCTAssertEqual(SeverityRules.derived(c), .urgent)
        c.onlineExposure = false; c.source = .regulatorLocal; XCTAssertEqual(SeverityRules.derived(c), .major)
        c.source = .selfReceived; c.mediaInvolved = true; XCTAssertEqual(SeverityRules.derived(c), .major)
        c.mediaInvolved = false; c.kind = .venting; XCTAssertEqual(SeverityRules.derived(c), .venting)
        c.kind = .general; XCTAssertEqual(SeverityRules.derived(c, inCrisis: true), .crisis)
    }

    func testNumbersAreSequentialPerReceivedDay() throws {
        let t = try TestDesk()
        var d = t.draft()
        let a = try t.desk.intake(d, actor: t.op)
        let b = try t.desk.intake(d, actor: t.op)
        d.receivedAt = "2026-02-15T23:59:00+08:00"
        let c = try t.desk.intake(d, actor: t.op)
        XCTAssertEqual([a.number, b.number, c.number], ["TS-20260216-0001", "TS-20260216-0002", "TS-20260215-0001"])
    }

    func testRepeatCandidatesAndLinking() throws {
        let t = try TestDesk(now: "2026-02-01T10:00:00+08:00")
        let first = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op)
        var other = t.draft(phone: "13900000002"); other.policyNumber = "P77"
        let unrelated = try t.desk.intake(other, actor: t.op)
        t.clock.advance(seconds: 3600)
        // Same phone: proposed. Same policy: proposed. Nothing in common: not proposed.
        XCTAssertEqual(try t.desk.repeatCandidates(phone: "13900000001", idNumber: "", policyNumber: "").map(\.number), [first.number])
        XCTAssertEqual(try t.desk.repeatCandidates(phone: "", idNumber: "", policyNumber: "P77").map(\.number), [unrelated.number])
        XCTAssertEqual(try t.desk.repeatCandidates(phone: "13700000000", idNumber: "", policyNumber: "").count, 0)
        // The operator confirms: second complaint → urgent, on both cases.
        let second = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op, repeatOf: first.number)
        XCTAssertEqual(second.repeatCount, 2)
        XCTAssertEqual(second.repeatOf, first.number)
        XCTAssertEqual(second.severity, .urgent)
        XCTAssertEqual(try t.desk.detail(first.number).0.repeatCount, 2)
        XCTAssertEqual(try t.desk.detail(first.number).0.severity, .urgent)
        // Third → major, linked to the root.
        let third = try t.desk.intake(t.draft(phone: "13900000001"), actor: t.op)
        let linked = try t.desk.linkRepeat(third.number, to: second.number, actor: t.op)
        XCTAssertEqual(linked.repeatCount, 3)
        XCTAssertEqual(linked.repeatOf, first.number)
        XCTAssertEqual(linked.severity, .major)
        XCTAssertEqual(try t.desk.detail(first.number).0.severity, .major)
        XCTAssertTrue(try t.desk.detail(first.number).1.contains { $0.action == "repeat-complaint" })
        XCTAssertThrowsError(try t.desk.linkRepeat(third.number, to: third.number, actor: t.op))
    }

    func testClosedCasesAreCandidatesOnlyWithinTheWindow() throws {
        let t = try TestDesk(now: "2026-01-01T10:00:00+08:00")
        var d = t.draft(phone: "13900000009"); d.kind = "venting"
        let c = try t.desk.intake(d, actor: t.op)
        _ = try t.desk.act(c.number, .close, ActionInput(closingBasis: .accepted), actor: t.op)
        t.clock.advance(seconds: 29 * 86_400)
        XCTAssertEqual(try t.desk.repeatCandidates(phone: "13900000009", idNumber: "", policyNumber: "").count, 1)
        t.clock.advance(seconds: 2 * 86_400)
        XCTAssertEqual(try t.desk.repeatCandidates(phone: "13900000009", idNumber: "", policyNumber: "").count, 0)
    }

    func testMasking() {
        XCTAssertEqual(Masking.mask("13812341234"), "138****1234")
        XCTAssertEqual(Masking.mask("330106198001011234"), "3301**********1234")
        XCTAssertEqual(Masking.maskName("张三丰"), "张**")
        XCTAssertEqual(Masking.mask("123"), "***")
    }

    func testDeskTimeParsesAndFormats() {
        let t = DeskTime.standard
        XCTAssertEqual(t.format(instant("2026-02-16T10:00:00Z")), "2026-02-16T18:00:00+08:00")
        XCTAssertEqual(t.parse("2026-02-16 10:00"), t.parse("2026-02-16T10:00:00+08:00"))
        XCTAssertEqual(t.parse("2026-02-16"), t.parse("2026-02-16T00:00:00+08:00"))
        XCTAssertNil(t.parse("2026-13-01"))
        XCTAssertNil(t.parse("2026-02-16T25:00"))
        XCTAssertNil(t.parse("2026-02-16T10:00:00+08:00junk"))
        XCTAssertEqual(CivilDate(year: 2026, month: 2, day: 16)!.isoWeekday, 1)
        XCTAssertEqual(CivilDate(daysSinceEpoch: CivilDate(year: 2000, month: 2, day: 29)!.daysSinceEpoch), CivilDate(year: 2000, month: 2, day: 29))
    }
}
