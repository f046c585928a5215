import GRDB

/// The SQLite gateway for crisis events: the only SQL that writes `crisis_events`,
/// `crisis_cases` and `crisis_reports` (docs/storage-boundary.md).
///
/// The status rules, permissions and events are the crisis commands' (`CaseDesk.proposeCrisis`,
/// `declareCrisis`, …, docs/crisis.md); this type only writes what they decided.
enum CrisisEventTable: CrisisEventStore {
    static func propose(title: String, trigger: CrisisTrigger, branch: String, occurredAt: Instant, caseIds: [Int64],
                        at now: Instant, _ db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO crisis_events (title, status, trigger, branch, occurred_at, proposed_at, updated_at) VALUES (?, 'proposed', ?, ?, ?, ?, ?)",
                       arguments: [title, trigger.rawValue, branch, occurredAt.seconds, now.seconds, now.seconds])
        let id = db.lastInsertedRowID
        for caseId in caseIds {
            try db.execute(sql: "INSERT OR IGNORE INTO crisis_cases (event_id, case_id) VALUES (?, ?)", arguments: [id, caseId])
        }
        return id
    }

    static func declare(_ id: Int64, by: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "UPDATE crisis_events SET status = 'declared', declared_at = ?, declared_by = ?, updated_at = ? WHERE id = ?",
                       arguments: [now.seconds, by, now.seconds, id])
    }

    static func dismiss(_ id: Int64, reason: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "UPDATE crisis_events SET status = 'dismissed', dismissed_reason = ?, updated_at = ? WHERE id = ?",
                       arguments: [reason, now.seconds, id])
    }

    static func fileReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String, by: String,
                           at now: Instant, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO crisis_reports (event_id, kind, to_whom, at, by, text) VALUES (?,?,?,?,?,?)",
                       arguments: [id, kind.rawValue, whom, now.seconds, by, text])
        if kind == .final {
            try db.execute(sql: "UPDATE crisis_events SET final_result = ?, updated_at = ? WHERE id = ?", arguments: [text, now.seconds, id])
        }
        try db.execute(sql: "UPDATE crisis_events SET updated_at = ? WHERE id = ?", arguments: [now.seconds, id])
    }

    static func close(_ id: Int64, cause: String, lessons: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "UPDATE crisis_events SET status = 'closed', cause_analysis = ?, lessons = ?, closed_at = ?, updated_at = ? WHERE id = ?",
                       arguments: [cause, lessons, now.seconds, now.seconds, id])
    }

    static func archive(_ id: Int64, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "UPDATE crisis_events SET status = 'archived', archived_at = ?, updated_at = ? WHERE id = ?",
                       arguments: [now.seconds, now.seconds, id])
    }
}
