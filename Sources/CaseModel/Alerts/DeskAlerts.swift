import GRDB

/// The alerts the desk shows now, worst first, and their acknowledgement.
///
/// Every read and every acknowledgement goes through the reader's visibility: an alert about a
/// report case (举报件) is, for anyone who may not see report cases, exactly like an alert that
/// does not exist — not listed, not counted, and "no active alert" when its id is typed.
public enum DeskAlerts {
    /// Active alerts the actor may see (at most `limit`): unacknowledged first, then worst, then newest.
    /// Texts are rendered from the cases as they are at `now` (`AlertText`).
    public static func current(_ desk: CaseDesk, at now: Instant, limit: Int = 50, unacknowledgedOnly: Bool = false,
                               actor: Actor) throws -> [DeskAlert] {
        try desk.store.read { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            var sql = "SELECT \(AlertRecords.columns) FROM alerts WHERE cleared_at IS NULL"
            if unacknowledgedOnly { sql += " AND acknowledged_at IS NULL" }
            sql += AlertRecords.visibleCondition(CaseVisibility.of(actor.role))
            // Unacknowledged first: an acknowledged alert stays listed but no longer crowds the top.
            sql += " ORDER BY acknowledged_at IS NOT NULL, CASE level WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, raised_at DESC, rule, subject LIMIT ?"
            let alerts = try Row.fetchAll(db, sql: sql, arguments: [max(0, limit)]).compactMap(AlertRecords.decode)
            return try AlertFacts.current(alerts, policy: desk.policy, now: now, names: try AlertRecords.displayNames(db), db)
        }
    }

    /// Counts of the active alerts the actor may see: all, unacknowledged, unacknowledged critical.
    public static func counts(_ desk: CaseDesk, actor: Actor) throws -> (active: Int, unacknowledged: Int, critical: Int) {
        try desk.store.read { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), sum(acknowledged_at IS NULL), sum(acknowledged_at IS NULL AND level = 'critical')
                FROM alerts WHERE cleared_at IS NULL\(AlertRecords.visibleCondition(CaseVisibility.of(actor.role)))
                """)!
            let r = StoredRow(row, "alerts") { "active alerts" }
            return (try r.count(0, "count"), try r.optInt(1, "unacknowledged", in: DeskBounds.count).map { Int($0) } ?? 0,
                    try r.optInt(2, "critical", in: DeskBounds.count).map { Int($0) } ?? 0)
        }
    }

    /// The alerts among `alerts` (a tick's newly raised ones) that the actor may see, as the roster says now.
    public static func visible(_ alerts: [DeskAlert], desk: CaseDesk, actor: Actor) throws -> [DeskAlert] {
        let visibility = try desk.store.read { db in
            CaseVisibility.of(try Permissions.require(.readAlerts, actor, db).role)
        }
        return alerts.filter { $0.isVisible(visibility) }
    }

    /// Acknowledges alerts by id (`rule:subject:level`); an audited action. Returns how many changed.
    /// All or nothing: an id that is not an active alert the actor may see refuses the whole list.
    @discardableResult
    public static func acknowledge(_ desk: CaseDesk, ids: [String], note: String = "", actor: Actor) throws -> Int {
        try TextLimits.check(note, field: "note")
        let now = desk.clock.now()
        return try desk.store.write { db in
            let actor = try Permissions.require(.acknowledgeAlert, actor, db)
            let visible = AlertRecords.visibleCondition(CaseVisibility.of(actor.role))
            var changed = 0
            for id in ids {
                let parts = id.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 3 else { throw DomainError.malformedField(field: "alert", reason: .notAnAlertID(id: id)) }
                let rule = String(parts[0]), level = String(parts[parts.count - 1])
                let subject = parts[1..<(parts.count - 1)].joined(separator: ":")
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT acknowledged_at IS NOT NULL, case_number FROM alerts
                    WHERE rule = ? AND subject = ? AND level = ? AND cleared_at IS NULL\(visible)
                    """, arguments: [rule, subject, level]) else {
                    throw DomainError.malformedField(field: "alert", reason: .noActiveAlert(id: id))
                }
                if row[0] as Bool { continue }
                try AlertTable.acknowledge(rule: rule, subject: subject, level: level, by: actor.name, note: note, at: now, db)
                changed += 1
                let caseId = try (row[1] as String?).flatMap { try Int64.fetchOne(db, sql: "SELECT id FROM cases WHERE number = ?", arguments: [$0]) }
                try CaseRecords.append(CaseEvent(caseId: caseId, caseNumber: nil, at: now, actor: actor.name, action: "ack-alert",
                                                 detail: ["alert": id, "note": note]), db)
            }
            return changed
        }
    }
}

/// Active crisis events for the ticker.
public enum DeskCrises {
    /// Active crisis events (proposed or declared) in the desk's one urgency order
    /// (`CrisisUrgency`): declared events and mass incidents first, then groups, then single
    /// complaints; within each, the nearest unfiled report clock first.
    public static func active(_ desk: CaseDesk, at now: Instant, actor: Actor) throws -> [CrisisSummary] {
        try CrisisPicture.load(desk, at: now, actor: actor).events
    }
}
