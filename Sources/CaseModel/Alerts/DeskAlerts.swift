import GRDB

/// The alerts the desk shows now, worst first, and their acknowledgement.
public enum DeskAlerts {
    /// Active alerts (at most `limit`): critical first, then newest. Alerts about report cases are
    /// left out unless `includeReports`.
    public static func current(_ desk: CaseDesk, at now: Instant, limit: Int = 50, unacknowledgedOnly: Bool = false,
                               includeReports: Bool = false) throws -> [DeskAlert] {
        try desk.store.read { db in
            var sql = "SELECT \(AlertRecords.columns) FROM alerts WHERE cleared_at IS NULL"
            if unacknowledgedOnly { sql += " AND acknowledged_at IS NULL" }
            if !includeReports { sql += " AND (case_kind IS NULL OR case_kind <> 'report')" }
            // Unacknowledged first: an acknowledged alert stays listed but no longer crowds the top.
            sql += " ORDER BY acknowledged_at IS NOT NULL, CASE level WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, raised_at DESC LIMIT ?"
            return try Row.fetchAll(db, sql: sql, arguments: [limit]).compactMap(AlertRecords.decode)
        }
    }

    /// Counts of active alerts: all, unacknowledged, unacknowledged critical.
    public static func counts(_ desk: CaseDesk, includeReports: Bool = false) throws -> (active: Int, unacknowledged: Int, critical: Int) {
        try desk.store.read { db in
            let visible = includeReports ? "" : " AND (case_kind IS NULL OR case_kind <> 'report')"
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), sum(acknowledged_at IS NULL), sum(acknowledged_at IS NULL AND level = 'critical')
                FROM alerts WHERE cleared_at IS NULL\(visible)
                """)!
            let r = StoredRow(row, "alerts") { "active alerts" }
            return (try r.count(0, "count"), try r.optInt(1, "unacknowledged", in: DeskBounds.count).map { Int($0) } ?? 0,
                    try r.optInt(2, "critical", in: DeskBounds.count).map { Int($0) } ?? 0)
        }
    }

    /// Acknowledges alerts by id (`rule:subject:level`); an audited action. Returns how many changed.
    @discardableResult
    public static func acknowledge(_ desk: CaseDesk, ids: [String], note: String = "", actor: Actor) throws -> Int {
        try FieldText.check(note, field: "note")
        let now = desk.clock.now()
        return try desk.store.write { db in
            let actor = try Permissions.require(.acknowledgeAlert, actor, db)
            var changed = 0
            for id in ids {
                let parts = id.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 3 else { throw DomainError.malformedField(field: "alert", reason: "\"\(id)\" is not an alert id (rule:subject:level)") }
                let subject = parts[1..<(parts.count - 1)].joined(separator: ":")
                try db.execute(sql: "UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ?, ack_note = ? WHERE rule = ? AND subject = ? AND level = ? AND cleared_at IS NULL AND acknowledged_at IS NULL",
                               arguments: [actor.name, now.seconds, note, String(parts[0]), subject, String(parts[parts.count - 1])])
                if db.changesCount == 0 {
                    let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM alerts WHERE rule = ? AND subject = ? AND level = ? AND cleared_at IS NULL",
                                                   arguments: [String(parts[0]), subject, String(parts[parts.count - 1])]) ?? false
                    if !exists { throw DomainError.malformedField(field: "alert", reason: "no active alert \(id)") }
                    continue
                }
                changed += 1
                let caseId = try Int64.fetchOne(db, sql: "SELECT c.id FROM alerts a JOIN cases c ON c.number = a.case_number WHERE a.rule = ? AND a.subject = ? AND a.level = ?",
                                                arguments: [String(parts[0]), subject, String(parts[parts.count - 1])])
                try CaseRecords.append(CaseEvent(caseId: caseId, caseNumber: nil, at: now, actor: actor.name, action: "ack-alert",
                                                 detail: ["alert": id, "note": note]), db)
            }
            return changed
        }
    }
}

/// Active crisis events for the ticker.
public enum DeskCrises {
    /// Active crisis events (proposed or declared), mass incidents first, then soonest report due.
    public static func active(_ desk: CaseDesk, at now: Instant) throws -> [CrisisSummary] {
        let p = desk.policy.crisis
        return try desk.crisisEvents(activeOnly: true).map { e in
            CrisisSummary(id: String(e.id), title: e.title, branch: e.branch, people: e.people, mediaInvolved: e.mediaInvolved,
                          regulatorInvolved: e.regulatorInvolved, isMassIncident: e.isMassIncident(p),
                          superiorReportDue: e.reportDue(.superior, p), hqReportDue: e.reportDue(.hq, p), caseNumbers: e.caseNumbers)
        }.sorted { a, b in
            if a.isMassIncident != b.isMassIncident { return a.isMassIncident }
            return (a.superiorReportDue ?? a.hqReportDue ?? .init(seconds: .max)) < (b.superiorReportDue ?? b.hqReportDue ?? .init(seconds: .max))
        }
    }
}
