import XCTest
@testable import CaseModel

final class WorkflowTests: XCTestCase {
    /// The expected workflow (docs/workflow.md) for a general case, written out independently of the table.
    let expected: [WorkflowAction: (from: Set<CaseStatus>, to: CaseStatus?)] = [
        .contact: ([.received], .contacted),
        .note: ([.received, .contacted, .investigating, .pendingApproval, .approved, .closed], nil),
        .startInvestigation: ([.contacted], .investigating),
        .submit: ([.investigating], .pendingApproval),
        .approve: ([.pendingApproval], .approved),
        .reject: ([.pendingApproval], .investigating),
        .extend: ([.received, .contacted, .investigating, .pendingApproval, .approved], nil),
        .remind: ([.received, .contacted, .investigating, .pendingApproval, .approved, .closed], nil),
        .close: ([.approved], .closed),
        .followUp: ([.closed], .followedUp),
        .withdraw: ([.received, .contacted, .investigating, .pendingApproval, .approved], .withdrawn),
        .reopen: ([.closed, .followedUp], .received),
    ]

    func testEveryActionFromEveryStatus() throws {
        for action in WorkflowAction.allCases {
            let exp = try XCTUnwrap(expected[action], "no expectation for \(action)")
            for status in CaseStatus.allCases {
                if exp.from.contains(status) {
                    let to = try Workflow.apply(action, to: status, kind: .general, caseNumber: "TS-1")
                    XCTAssertEqual(to, exp.to ?? status, "\(action) from \(status)")
                } else {
                    XCTAssertThrowsError(try Workflow.apply(action, to: status, kind: .general, caseNumber: "TS-1"), "\(action) from \(status) must be illegal") { error in
                        guard case let DomainError.illegalTransition(number, a, s, _) = error else { return XCTFail("wrong error \(error)") }
                        XCTAssertEqual(number, "TS-1"); XCTAssertEqual(a, action.rawValue); XCTAssertEqual(s, status.rawValue)
                    }
                }
            }
        }
    }

    func testVentingClosesOnRecordWithoutCallback() throws {
        XCTAssertEqual(try Workflow.apply(.close, to: .received, kind: .venting, caseNumber: "X"), .closed)
        XCTAssertThrowsError(try Workflow.apply(.followUp, to: .closed, kind: .venting, caseNumber: "X"))
        XCTAssertThrowsError(try Workflow.apply(.close, to: .received, kind: .general, caseNumber: "X"))
    }

    func testInvalidComplaintMayCloseAtAnyOpenStage() throws {
        XCTAssertEqual(try Workflow.apply(.close, to: .contacted, kind: .general, basis: .invalid, caseNumber: "X"), .closed)
        XCTAssertThrowsError(try Workflow.apply(.close, to: .contacted, kind: .general, basis: .accepted, caseNumber: "X"))
    }

    func testRequiredFields() {
        // The field is named as the form names it, so the console puts the refusal beside it.
        XCTAssertThrowsError(try ActionInput().validate(for: .close)) {
            XCTAssertEqual($0 as? DomainError, .malformedField(field: "basis", reason: .requiredFor(action: .close, flag: "basis")))
            XCTAssertEqual("\($0)", "basis: required for close (--basis)")
        }
        XCTAssertThrowsError(try ActionInput(reason: "客户要求").validate(for: .extend))
        XCTAssertNoThrow(try ActionInput(reason: "客户要求", promisedAt: Instant(seconds: 1)).validate(for: .extend))
        XCTAssertThrowsError(try ActionInput(reminderChannel: .sms).validate(for: .remind))
        XCTAssertNoThrow(try ActionInput(reminderChannel: .sms, reminderTo: "张强").validate(for: .remind))
        XCTAssertThrowsError(try ActionInput().validate(for: .followUp))
        XCTAssertThrowsError(try ActionInput(callbackResult: .satisfied, satisfaction: 9).validate(for: .followUp))
        XCTAssertThrowsError(try ActionInput(note: "  ").validate(for: .note))
        XCTAssertNoThrow(try ActionInput().validate(for: .contact))
    }

    func testWholeLifecycleRecordsEveryEvent() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        XCTAssertEqual(c.number, "TS-20260216-0001")
        let steps: [(WorkflowAction, ActionInput, CaseStatus)] = [
            (.contact, ActionInput(note: "已联系"), .contacted),
            (.note, ActionInput(note: "等待材料"), .contacted),
            (.startInvestigation, ActionInput(), .investigating),
            (.submit, ActionInput(resolution: "按条款赔付"), .pendingApproval),
            (.reject, ActionInput(reason: "材料不全"), .investigating),
            (.submit, ActionInput(), .pendingApproval),
            (.approve, ActionInput(), .approved),
            (.extend, ActionInput(reason: "春节顺延", promisedAt: instant("2026-02-28T17:30:00+08:00")), .approved),
            (.remind, ActionInput(reminderChannel: .phone, reminderTo: "张强"), .approved),
            (.close, ActionInput(closingBasis: .accepted), .closed),
            (.followUp, ActionInput(callbackResult: .satisfied, satisfaction: 5), .followedUp),
            (.reopen, ActionInput(reason: "客户再次来电"), .received),
        ]
        for (i, (action, input, status)) in steps.enumerated() {
            t.clock.advance(seconds: 600)
            let after = try t.desk.act(c.number, action, input, actor: t.lead)
            XCTAssertEqual(after.status, status, "step \(i) \(action)")
            XCTAssertEqual(after.version, i + 2)
        }
        let (final, events) = try t.desk.detail(c.number)
        XCTAssertEqual(events.map(\.action), ["intake"] + steps.map(\.0.rawValue))
        XCTAssertEqual(final.extensionCount, 1)
        XCTAssertNil(final.closedAt, "reopen restarts the stages")
        XCTAssertEqual(final.stagesStartedAt, t.clock.now())
        let close = events.first { $0.action == "close" }!
        XCTAssertEqual(close.detail["basis"], "accepted")
        XCTAssertEqual(close.fromStatus, .approved)
        XCTAssertEqual(close.toStatus, .closed)
        XCTAssertEqual(close.actor, "wangmin")
        XCTAssertNotNil(close.detail["status"], "the status change is in the before/after detail")
        XCTAssertEqual(events.first { $0.action == "extend" }?.detail["promised"], "2026-02-28T17:30:00+08:00")
    }

    func testIllegalMoveChangesNothing() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        XCTAssertThrowsError(try t.desk.act(c.number, .approve, actor: t.lead))
        let (after, events) = try t.desk.detail(c.number)
        XCTAssertEqual(after, c)
        XCTAssertEqual(events.count, 1)
    }

    func testExtendNeedsAFuturePromise() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        XCTAssertThrowsError(try t.desk.act(c.number, .extend, ActionInput(reason: "x", promisedAt: instant("2026-02-01T00:00:00+08:00")), actor: t.lead))
    }
}
