import GRDB
import GRDBSQLite

/// The SQLite gateway for cases: the only SQL that writes `cases` (the migrations aside,
/// docs/storage-boundary.md).
///
/// Rules, permissions and events are the commands' (`CaseDesk`); this type writes what they
/// decided, with the version check that turns a concurrent save into a named conflict. The
/// statements are cached and bound straight to SQLite (`CaseColumns`): a million-row import and a
/// move of thousands of cases run through them (docs/architecture.md, "Bulk writes").
enum CaseTable: CaseTableStore {
    static func insert(_ c: ComplaintCase, _ db: Database) throws -> Int64 {
        try CaseColumns.check(c)
        let stmt = try db.cachedStatement(sql: CaseColumns.insertSQL)
        // The id is NULL (SQLite picks the next) except on a host's copy of a server desk (`RowIDs`).
        let id = try RowIDs.next("cases", db)
        try CaseRecords.step(stmt, db) { s in
            CaseColumns.bind(c, to: s)
            if let id { sqlite3_bind_int64(s, Int32(CaseColumns.names.count + 1), id) } else { sqlite3_bind_null(s, Int32(CaseColumns.names.count + 1)) }
        }
        return db.lastInsertedRowID
    }

    /// On a stale version, throws `DomainError.conflict` naming who changed it and when.
    static func update(_ c: inout ComplaintCase, expectedVersion: Int, _ db: Database) throws {
        guard let id = c.id else { throw DomainError.caseNotFound(c.number) }
        c.version = expectedVersion.addingClamped(1)
        try CaseColumns.check(c)
        let stmt = try db.cachedStatement(sql: CaseColumns.updateSQL)
        let n = Int32(CaseColumns.names.count)
        let saved = c
        try CaseRecords.step(stmt, db) { s in
            CaseColumns.bind(saved, to: s)
            sqlite3_bind_int64(s, n + 1, id)
            sqlite3_bind_int64(s, n + 2, Int64(expectedVersion))
        }
        if db.changesCount == 0 { throw try conflict(c.number, id: id, expectedVersion: expectedVersion, db) }
    }

    /// `update` rewrites every column, so SQLite rewrites every index entry of the row: on a
    /// 1M-case file that is ~2 ms of random page reads per case, and moving an absent handler's
    /// cases pays it thousands of times. Only these columns change on an assignment, and none of
    /// them is in an index but the open-handler one. A stale version is a conflict, as in `update`.
    static func updateAssignment(_ c: inout ComplaintCase, expectedVersion: Int, _ db: Database) throws {
        guard let id = c.id else { throw DomainError.caseNotFound(c.number) }
        c.version = expectedVersion.addingClamped(1)
        try db.cachedStatement(sql: """
            UPDATE cases SET handler = ?, team = ?, updated_at = ?, updated_by = ?, version = ? WHERE id = ? AND version = ?
            """).execute(arguments: [c.handler, c.team, c.updatedAt.seconds, c.updatedBy, c.version, id, expectedVersion])
        if db.changesCount == 0 { throw try conflict(c.number, id: id, expectedVersion: expectedVersion, db) }
    }

    /// The conflict error for a case whose version moved since it was read: who changed it and
    /// when (or not found, when it is gone).
    static func conflict(_ number: String, id: Int64, expectedVersion: Int, _ db: Database) throws -> Error {
        guard let row = try Row.fetchOne(db, sql: "SELECT version, updated_by, updated_at FROM cases WHERE id = ?", arguments: [id]) else {
            return DomainError.caseNotFound(number)
        }
        let r = StoredRow(row, "cases") { "case \(number)" }
        return DomainError.conflict(caseNumber: number, expectedVersion: expectedVersion, actualVersion: try r.count(0, "version"),
                                    changedBy: try r.text(1, "updated_by"), changedAt: try r.instant(2, "updated_at"))
    }

    static func setNextDue(_ updates: [(Int64, Int64?)], _ db: Database) throws {
        let stmt = try db.cachedStatement(sql: "UPDATE cases SET next_due_at = ? WHERE id = ?")
        for (id, due) in updates { try stmt.execute(arguments: [due, id]) }
    }

    static func raiseRepeatCount(of root: String, to count: Int, _ db: Database) throws {
        try db.execute(sql: "UPDATE cases SET repeat_count = max(repeat_count, ?) WHERE number = ? OR repeat_of = ?",
                       arguments: [count, root, root])
    }

    static func raiseSeverityForRepeats(major: Int, urgent: Int, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE cases SET severity = CASE WHEN repeat_count >= ? THEN 'major' WHEN repeat_count >= ? AND severity IN ('general') THEN 'urgent' ELSE severity END
            WHERE repeat_count >= ? AND severity NOT IN ('crisis','major','venting') AND severity_override IS NULL
            """, arguments: [major, urgent, urgent])
    }

    static func seedCrisis(_ id: Int64, event: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE cases SET crisis_event_id = ?, severity = 'crisis' WHERE id = ?", arguments: [event, id])
    }

    static func purge(before: Instant, tracks: TrackScope, at now: Instant, by: String, _ db: Database) throws -> Int {
        let condition = """
            status IN ('closed','followed-up','withdrawn') AND purged_at IS NULL AND \(tracks.sqlCondition)
            AND max(coalesce(closed_at, 0), coalesce(followed_up_at, 0), coalesce(withdrawn_at, 0), updated_at) < ?
            """
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE \(condition)", arguments: [before.seconds]) ?? 0
        try db.execute(sql: """
            UPDATE cases SET name = '', phone = '', id_number = '', policy_number = '', claim_number = '', bank_account = '',
                summary = '[已清除 purged]', details = '', demand = '', resolution = '', validity_reason = '',
                improvement_suggestion = '', next_due_at = NULL, purged_at = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE \(condition)
            """, arguments: [now.seconds, now.seconds, by, before.seconds])
        return count
    }
}
