import Foundation
import GRDB

/// What a purge did.
public struct PurgeResult: Sendable, Equatable {
    public var cases = 0
    public var before: Instant
    public var retentionYears: Int
}

/// Retention (docs/case-model.md, "Retention"): closed cases are kept for the policy's years
/// (3 by default); after that an administrator may purge them.
///
/// A purge removes the complainant's personal data and the free text from the case row and marks
/// it `purged_at`; the row itself stays as a tombstone (number, dates, category, kind, status,
/// handler), so every event still names its case and the hash chain — which never changes —
/// still verifies. The purge is itself an event. Report cases (举报件) are purged only by the
/// president's office, so an administrator's purge never counts them.
extension CaseDesk {
    /// The latest `--before` the policy allows at `now`.
    public func retentionCutoff(at now: Instant) -> Instant {
        let t = DeskTime.standard
        let d = t.civil(now).date
        var year = d.year.subtractingClamped(policy.retentionYears)
        var day = d.day
        if d.month == 2 && d.day == 29 { day = 28 }
        if year < 1 { year = 1 }
        let date = CivilDate(year: year, month: d.month, day: day)!
        return t.instant(CivilDateTime(date: date, hour: 0, minute: 0))
    }

    /// Purges closed cases (closed, followed up or withdrawn) whose last change is before
    /// `before`; refuses a `before` inside the retention period.
    @discardableResult
    public func purge(before: Instant, actor: Actor) throws -> PurgeResult {
        let now = clock.now()
        let cutoff = retentionCutoff(at: now)
        if before > cutoff {
            throw DomainError.malformedField(field: "before", reason: .retentionCutoff(years: policy.retentionYears, latest: DeskTime.standard.format(cutoff)))
        }
        return try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            let tracks = TrackScope(.purge, actor)
            try tracks.requireAny(.purge, actor)
            try db.execute(sql: "PRAGMA secure_delete = ON")
            let count = try CaseTable.purge(before: before, tracks: tracks, at: now, by: actor.name, db)
            // Drafts are personal data too: those about the cases just purged, and every draft of
            // these tracks left untouched past its keeping time (docs/drafts.md). Not counted in
            // the event: a draft is no desk data.
            try DraftTable.purge(purgedAt: now, olderThan: now.adding(seconds: -Int64(Self.draftKeepDays) * 86_400), tracks: tracks, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "purge",
                                             detail: tracks.marking(["before": DeskTime.standard.format(before), "cases": String(count),
                                                                     "retention_years": String(policy.retentionYears),
                                                                     "removed": "personal data and free text; case rows kept as tombstones"])), db)
            // The purged text's trigrams would otherwise stay in the index's older segments.
            if count > 0 { try CaseTextIndex.optimize(db) }
            return PurgeResult(cases: count, before: before, retentionYears: policy.retentionYears)
        }
    }
}
