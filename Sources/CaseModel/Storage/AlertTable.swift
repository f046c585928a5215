import GRDB
import GRDBSQLite

/// The SQLite gateway for alerts and their readers (`alerts`, `alert_readers`, `alert_notices`):
/// the only SQL that writes them (docs/storage-boundary.md). Which alerts stand is the rules'
/// (`AlertEvaluator`); who may acknowledge is the commands'; each acknowledgement's event is
/// appended by its caller.
enum AlertTable: AlertStore {
    static func raise(_ a: DeskAlert, caseKind: CaseKind?, _ db: Database) throws -> Bool {
        let id = try RowIDs.next("alerts", db)
        // A cached statement bound straight to SQLite: a tick may raise a thousand alerts and a
        // first evaluation thirteen thousand; compiling the SQL, then GRDB's boxed arguments,
        // each dominated in turn.
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO alerts (rule, subject, level, case_number, case_kind, message_zh, message_en, raised_at, id)
            VALUES (?,?,?,?,?,?,?,?,?)
            ON CONFLICT(rule, subject, level) DO UPDATE SET cleared_at = NULL, raised_at = excluded.raised_at,
                message_zh = excluded.message_zh, message_en = excluded.message_en,
                acknowledged_by = NULL, acknowledged_at = NULL, ack_note = NULL
            WHERE alerts.cleared_at IS NOT NULL
            """)
        try CaseRecords.step(stmt, db) { s in
            CaseRecords.bindText(s, 1, a.rule.rawValue); CaseRecords.bindText(s, 2, a.subject); CaseRecords.bindText(s, 3, a.level.rawValue)
            if let n = a.caseNumber { CaseRecords.bindText(s, 4, n) } else { sqlite3_bind_null(s, 4) }
            if let k = caseKind { CaseRecords.bindText(s, 5, k.rawValue) } else { sqlite3_bind_null(s, 5) }
            CaseRecords.bindText(s, 6, a.messageZh); CaseRecords.bindText(s, 7, a.messageEn)
            sqlite3_bind_int64(s, 8, a.raisedAt.seconds)
            if let id { sqlite3_bind_int64(s, 9, id) } else { sqlite3_bind_null(s, 9) }
        }
        return db.changesCount > 0
    }

    static func refreshText(_ a: DeskAlert, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE alerts SET message_zh = ?, message_en = ? WHERE rule = ? AND subject = ? AND level = ? AND cleared_at IS NULL
              AND (message_zh <> ? OR message_en <> ?)
            """).execute(arguments: [a.messageZh, a.messageEn, a.rule.rawValue, a.subject, a.level.rawValue, a.messageZh, a.messageEn])
    }

    static func clear(rule: String, subject: String, level: String, at now: Instant, _ db: Database) throws {
        let stmt = try db.cachedStatement(sql: "UPDATE alerts SET cleared_at = ? WHERE rule = ? AND subject = ? AND level = ? AND cleared_at IS NULL")
        try CaseRecords.step(stmt, db) { s in
            sqlite3_bind_int64(s, 1, now.seconds)
            CaseRecords.bindText(s, 2, rule); CaseRecords.bindText(s, 3, subject); CaseRecords.bindText(s, 4, level)
        }
    }

    static func acknowledge(rule: String, subject: String, level: String, by: String, note: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ?, ack_note = ? WHERE rule = ? AND subject = ? AND level = ? AND cleared_at IS NULL",
                       arguments: [by, now.seconds, note, rule, subject, level])
    }

    static func acknowledge(rowId: Int64, by: String, note: String, at now: Instant, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ?, ack_note = ? WHERE id = ?")
            .execute(arguments: [by, now.seconds, note, rowId])
    }

    static func ensureReader(_ user: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO alert_readers (user, last_looked_at, notify, announce_from) VALUES (?, NULL, 'flash', ?)",
                       arguments: [user, now.seconds])
    }

    static func setLastLooked(_ user: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "UPDATE alert_readers SET last_looked_at = ? WHERE user = ?", arguments: [now.seconds, user])
    }

    static func setNotification(_ user: String, _ value: AlertNotification, _ db: Database) throws {
        try db.execute(sql: "UPDATE alert_readers SET notify = ? WHERE user = ?", arguments: [value.rawValue, user])
    }

    static func recordNotice(_ user: String, notice: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO alert_notices (user, notice, at) VALUES (?, ?, ?)", arguments: [user, notice, now.seconds])
    }
}
