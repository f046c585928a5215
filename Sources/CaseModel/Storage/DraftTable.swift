import GRDB

/// The SQLite gateway for unsaved forms (`drafts`): the only SQL that writes them
/// (docs/storage-boundary.md). Who may keep a draft, and of which case, is the commands' to check
/// (`CaseDesk.saveDraft`, `discardDraft`, `purge`).
enum DraftTable: DraftStore {
    static func save(user: String, form: String, caseNumber: String?, caseKind: String?, fields: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO drafts (user_name, form, case_number, case_kind, saved_at, fields) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(user_name, form) DO UPDATE SET case_number = excluded.case_number, case_kind = excluded.case_kind,
                saved_at = excluded.saved_at, fields = excluded.fields
            """, arguments: [user, form, caseNumber, caseKind, now.seconds, fields])
    }

    static func removeOlder(user: String, than cutoff: Instant, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM drafts WHERE user_name = ? AND saved_at < ?", arguments: [user, cutoff.seconds])
    }

    static func remove(user: String, form: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM drafts WHERE user_name = ? AND form = ?", arguments: [user, form])
    }

    static func purge(purgedAt: Instant, olderThan cutoff: Instant, tracks: TrackScope, _ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM drafts WHERE case_number IN (SELECT number FROM cases WHERE purged_at = ? AND \(tracks.sqlCondition))
               OR (saved_at < ? AND \(tracks.sqlCondition(kind: "coalesce(case_kind, '')")))
            """, arguments: [purgedAt.seconds, cutoff.seconds])
    }
}
