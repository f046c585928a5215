import GRDB
import GRDBSQLite

/// SQL for alerts: raise (de-duplicated), clear, acknowledge, list.
enum AlertRecords {
    /// Raises an alert: a new (rule, subject, level) is inserted; an active one is left alone
    /// (raising twice is a no-op); a cleared one becomes active again, unacknowledged. Returns
    /// whether anything was raised.
    static func raise(_ a: DeskAlert, caseKind: CaseKind?, _ db: Database) throws -> Bool {
        // A cached statement bound straight to SQLite: a tick may raise a thousand alerts and a
        // first evaluation thirteen thousand; compiling the SQL, then GRDB's boxed arguments,
        // each dominated in turn.
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO alerts (rule, subject, level, case_number, case_kind, message_zh, message_en, raised_at)
            VALUES (?,?,?,?,?,?,?,?)
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
        }
        return db.changesCount > 0
    }

    /// Active alerts keyed by id, for one case or (nil) for subjects that are not cases.
    static func active(caseNumber: String?, rules: [AlertRule]? = nil, _ db: Database) throws -> Set<String> {
        var sql = "SELECT rule, subject, level FROM alerts WHERE cleared_at IS NULL AND "
        var args: [DatabaseValueConvertible?] = []
        if let caseNumber { sql += "case_number = ?"; args.append(caseNumber) } else { sql += "case_number IS NULL" }
        if let rules { sql += " AND rule IN (\(rules.map { _ in "?" }.joined(separator: ",")))"; args.append(contentsOf: rules.map(\.rawValue)) }
        return Set(try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(args)).map(id))
    }

    /// Active alerts of these cases, keyed by case number then id (500 numbers per query).
    static func active(caseNumbers: [String], _ db: Database) throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        var start = 0
        while start < caseNumbers.count {
            let chunk = Array(caseNumbers[start..<min(caseNumbers.count, start + 500)])
            start += chunk.count
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT rule, subject, level, case_number FROM alerts WHERE cleared_at IS NULL AND case_number IN (\(marks))"),
                                        arguments: StatementArguments(chunk)) {
                let number = try StoredRow(row, "alerts") { "an alert" }.optText(3, "case_number") ?? ""
                out[number, default: []].insert(try id(row))
            }
        }
        return out
    }

    /// Refreshes the text of an active alert whose facts moved; its acknowledgement stays.
    static func refreshText(_ a: DeskAlert, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE alerts SET message_zh = ?, message_en = ? WHERE rule = ? AND subject = ? AND level = ? AND cleared_at IS NULL
              AND (message_zh <> ? OR message_en <> ?)
            """).execute(arguments: [a.messageZh, a.messageEn, a.rule.rawValue, a.subject, a.level.rawValue, a.messageZh, a.messageEn])
    }

    /// Display names by login (the roster is a few dozen rows).
    static func displayNames(_ db: Database) throws -> [String: String] {
        var out: [String: String] = [:]
        for u in try Roster.all(db) { out[u.name] = u.displayName }
        return out
    }

    /// The id (`rule:subject:level`) of a `rule, subject, level` row.
    static func id(_ row: Row) throws -> String {
        let r = StoredRow(row, "alerts") { "an alert" }
        return "\(try r.text(0, "rule")):\(try r.text(1, "subject")):\(try r.text(2, "level"))"
    }

    /// Clears an active alert by id (`rule:subject:level`).
    static func clear(id: String, now: Instant, _ db: Database) throws {
        let parts = id.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return }
        let rule = String(parts[0]), level = String(parts[parts.count - 1])
        let subject = parts[1..<(parts.count - 1)].joined(separator: ":")
        let stmt = try db.cachedStatement(sql: "UPDATE alerts SET cleared_at = ? WHERE rule = ? AND subject = ? AND level = ? AND cleared_at IS NULL")
        try CaseRecords.step(stmt, db) { s in
            sqlite3_bind_int64(s, 1, now.seconds)
            CaseRecords.bindText(s, 2, rule); CaseRecords.bindText(s, 3, subject); CaseRecords.bindText(s, 4, level)
        }
    }

    static let columns = "rule, level, subject, case_number, message_zh, message_en, raised_at, acknowledged_by, acknowledged_at, case_kind"

    /// The condition that leaves out alerts about report cases for a reader who may not see them.
    static func visibleCondition(_ visibility: CaseVisibility, alias: String = "") -> String {
        visibility == .withReports ? "" : " AND (\(alias)case_kind IS NULL OR \(alias)case_kind <> 'report')"
    }

    /// An alert row (`columns`); nil for a rule or level this program does not know (a newer
    /// console's), a `StoredValueError` for a value no console writes.
    static func decode(_ row: Row) throws -> DeskAlert? {
        let r = StoredRow(row, "alerts") { "alert \(StoredRow.name(row[0] as DatabaseValue)):\(StoredRow.name(row[2] as DatabaseValue))" }
        guard let rule = AlertRule(rawValue: try r.text(0, "rule")), let level = AlertLevel(rawValue: try r.text(1, "level")) else { return nil }
        return DeskAlert(rule: rule, level: level, subject: try r.text(2, "subject"), caseNumber: try r.optText(3, "case_number"),
                         messageZh: try r.text(4, "message_zh"), messageEn: try r.text(5, "message_en"),
                         raisedAt: try r.instant(6, "raised_at"), acknowledgedBy: try r.optText(7, "acknowledged_by"),
                         acknowledgedAt: try r.optInstant(8, "acknowledged_at"),
                         restricted: (try r.optText(9, "case_kind")) == CaseKind.report.rawValue)
    }
}
