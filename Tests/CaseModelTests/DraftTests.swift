import XCTest
@testable import CaseModel

/// Drafts of forms in progress (docs/drafts.md): kept per user and form, offered back masked,
/// gone when discarded or old, never another login's.
final class DraftTests: XCTestCase {
    func testADraftIsKeptReplacedAndDiscardedForItsAuthorOnly() throws {
        let t = try TestDesk()
        try t.desk.saveDraft(.intake, fields: ["summary": "理赔款两周未到账", "phone": "13812341234"], actor: t.op)
        try t.desk.saveDraft(.intake, fields: ["summary": "理赔款两周未到账，客户要求今天答复", "phone": "13812341234"], actor: t.op)
        let mine = try t.desk.drafts(actor: t.op)
        XCTAssertEqual(mine.map(\.form), [.intake])
        XCTAssertEqual(mine.first?.fields["summary"], "理赔款两周未到账，客户要求今天答复", "the latest save replaces the draft")
        XCTAssertEqual(mine.first?.fields["phone"], "13812341234", "restored as typed")
        XCTAssertEqual(try t.desk.drafts(actor: t.lead), [], "another login has none")
        let preview = mine[0].preview(.zh)
        XCTAssertTrue(preview.contains("138****1234"), preview)
        XCTAssertFalse(preview.contains("13812341234"), "offered masked like everything else")
        try t.desk.discardDraft(.intake, actor: t.op)
        XCTAssertEqual(try t.desk.drafts(actor: t.op), [])
    }

    func testADraftOnACaseNeedsTheCaseAndGoesWhenItCanNoLongerBeSeen() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let form = DraftForm.caseAction(number: c.number, action: "close")
        try t.desk.saveDraft(form, fields: ["basis": "accepted", "note": "已与客户达成一致"], actor: t.handler)
        XCTAssertEqual(try t.desk.draft(form, actor: t.handler)?.fields["note"], "已与客户达成一致")
        XCTAssertThrowsError(try t.desk.saveDraft(.caseAction(number: "TS-20990101-0001", action: "close"), fields: [:], actor: t.handler)) {
            XCTAssertEqual($0 as? DomainError, .caseNotFound("TS-20990101-0001"))
        }
        XCTAssertEqual(DraftForm(key: form.key), form)
        XCTAssertNil(DraftForm(key: "case:TS-1:close:'; DROP TABLE drafts"))
        XCTAssertNil(DraftForm(key: "elsewhere"))
    }

    func testADraftIsHeldToTheFormsLimitsAndShape() throws {
        let t = try TestDesk()
        XCTAssertThrowsError(try t.desk.saveDraft(.intake, fields: ["summary": String(repeating: "理", count: TextLimits.summary + 1),
                                                                      "bad key!": "x"], actor: t.op)) {
            XCTAssertEqual(($0 as? DomainError)?.refusals.map(\.code), [.unknownField, .tooLong])
        }
        let many = Dictionary(uniqueKeysWithValues: (0...CaseDesk.draftFieldLimit).map { ("f\($0)", "x") })
        XCTAssertThrowsError(try t.desk.saveDraft(.intake, fields: many, actor: t.op))
        XCTAssertThrowsError(try t.desk.saveDraft(.intake, fields: ["summary": "x"], actor: Actor(name: "ghost"))) {
            guard case DomainError.notPermitted? = $0 as? DomainError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try t.desk.drafts(actor: Actor(name: "ghost")), [])
    }

    func testOldDraftsArePurgedWithRetention() throws {
        let t = try TestDesk(now: "2026-01-10T10:00:00+08:00")
        try t.desk.saveDraft(.intake, fields: ["summary": "一月的草稿"], actor: t.op)
        let later = CaseDesk(store: t.desk.store, clock: FixedClock(instant("2029-03-01T10:00:00+08:00")), policy: t.desk.policy)
        try t.desk.store.write { db in try Roster.add(DeskUser(name: "admin", displayName: "管理员", team: "", role: .administrator), db) }
        _ = try later.purge(before: instant("2026-02-01T00:00:00+08:00"), actor: Actor(name: "admin"))
        XCTAssertEqual(try later.drafts(actor: t.op), [], "a draft untouched for years goes with the purge")
    }
}
