import Foundation
import GRDB

/// Drafts of forms in progress, one per user and form, kept in the desk file (docs/drafts.md).
///
/// Only the login that wrote a draft reads it; a draft about a case exists for its author only
/// while they may still see that case (a report case's draft, like the case, answers as absent to
/// everyone else and to its author once moved off the president's office). Drafts are not desk
/// data: saving one writes no event (the console saves on every change, and the trail must not
/// hold a second copy of personal data); they go when saved, discarded, or past `keepDays`.
extension CaseDesk {
    /// Days a draft is kept without being saved again.
    public static let draftKeepDays: Int64 = 30
    /// The most fields a draft holds, and the most bytes of text in all of them.
    public static let draftFieldLimit = 64
    public static let draftByteLimit = 256 * 1024

    /// Saves (or replaces) the actor's draft of `form`. Each text is held to its field's limit
    /// (`TextLimits`), so a draft can always be saved as the form will be.
    public func saveDraft(_ form: DraftForm, fields: [String: String], actor: Actor) throws {
        try Self.checkDraft(fields)
        let now = clock.now()
        try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            let kind = try draftCaseKind(form, actor, db)
            try Permissions.require(.keepDrafts, actor, track: kind.map(CaseTrack.of) ?? .general)
            let json = CompactJSON.object(fields)
            try DraftTable.save(user: actor.name, form: form.key, caseNumber: form.caseNumber, caseKind: kind?.rawValue, fields: json, at: now, db)
            // Housekeeping: the author's own drafts left untouched for too long.
            try DraftTable.removeOlder(user: actor.name, than: now.adding(seconds: -Int64(Self.draftKeepDays) * 86_400), db)
        }
    }

    /// The actor's drafts, newest first: what the console offers after a crash. Drafts about a
    /// case the actor may no longer see are left out, as if they did not exist.
    public func drafts(actor: Actor) throws -> [FormDraft] {
        try store.read { db in
            let actor = try AccessControl.resolve(actor, db)
            guard Permissions.allows(actor.role, .keepDrafts) || Permissions.allows(actor.role, .keepDrafts, track: .report) else { return [] }
            let rows = try Row.fetchAll(db, sql: "SELECT form, case_number, saved_at, fields FROM drafts WHERE user_name = ? ORDER BY saved_at DESC, form",
                                        arguments: [actor.name])
            var out: [FormDraft] = []
            for row in rows {
                let r = StoredRow(row, "drafts") { "draft of \(actor.name)" }
                guard let form = DraftForm(key: try r.text(0, "form")) else { continue }
                if let number = try r.optText(1, "case_number") {
                    guard let c = try CaseRecords.fetch(number: number, visibility: CaseVisibility.of(actor.role), db),
                          Permissions.allows(actor.role, .keepDrafts, track: CaseTrack.of(c.kind)) else { continue }
                }
                out.append(FormDraft(form: form, fields: Self.decodeFields(try r.text(3, "fields")), savedAt: try r.instant(2, "saved_at")))
            }
            return out
        }
    }

    /// The actor's draft of one form, or nil.
    public func draft(_ form: DraftForm, actor: Actor) throws -> FormDraft? {
        try drafts(actor: actor).first { $0.form == form }
    }

    /// Removes the actor's draft of `form` (saved or discarded); nothing when there is none.
    public func discardDraft(_ form: DraftForm, actor: Actor) throws {
        try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            try DraftTable.remove(user: actor.name, form: form.key, db)
        }
    }

    /// The kind of the case a draft is about (nil for intake and crisis forms); a case the actor
    /// may not see is not found, as everywhere.
    private func draftCaseKind(_ form: DraftForm, _ actor: Actor, _ db: Database) throws -> CaseKind? {
        guard let number = form.caseNumber else { return nil }
        return try visibleCase(number, actor, db).kind
    }

    static func checkDraft(_ fields: [String: String]) throws {
        if fields.count > draftFieldLimit {
            throw DomainError.malformedField(field: "draft", reason: .outOfRange(minimum: 0, maximum: Int64(draftFieldLimit), value: Int64(fields.count)))
        }
        var refusals = Refusals()
        var bytes = 0
        for (key, text) in fields.sorted(by: { $0.key < $1.key }) {
            if !DraftForm.isName(key.replacingOccurrences(of: "_", with: "-")) || key.isEmpty {
                refusals.add(Refusal(.unknownField(name: key), field: "form"))
                continue
            }
            refusals.check { try TextLimits.check(text, field: key) }
            bytes += text.utf8.count
        }
        if bytes > draftByteLimit { refusals.add(Refusal(.tooManyBytes(limit: draftByteLimit), field: "draft")) }
        try refusals.throwIfAny()
    }

    static func decodeFields(_ json: String) -> [String: String] { CompactJSON.parseObject(json) }
}
