import GRDB

/// Alerts inside a transaction: which are active, clearing by id, who sees which (the writes
/// are `AlertTable`'s).
enum AlertRecords {
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
        try AlertTable.clear(rule: rule, subject: subject, level: level, at: now, db)
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
