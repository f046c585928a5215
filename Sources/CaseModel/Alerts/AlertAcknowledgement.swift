import GRDB

/// What an acknowledgement by filter would take, shown for confirmation before it is done.
public struct AlertAckPreview: Sendable, Equatable {
    /// Unacknowledged alerts the filter takes (only those the reader may see).
    public var count: Int
    /// The same by rule and level, worst first.
    public var byRule: [(rule: AlertRule, level: AlertLevel, count: Int)]
    /// The filter, to pass back to `acknowledge(matching:expecting:)`.
    public var filter: AlertListFilter

    public static func == (a: AlertAckPreview, b: AlertAckPreview) -> Bool {
        a.count == b.count && a.filter == b.filter && a.byRule.map { "\($0.rule.rawValue):\($0.level.rawValue):\($0.count)" }
            == b.byRule.map { "\($0.rule.rawValue):\($0.level.rawValue):\($0.count)" }
    }
}

/// Acknowledging a whole group or every alert a filter takes (`:ack rule=new-major
/// branch=上海分公司`, `console ack --rule new-major --branch 上海分公司`): first a preview with the
/// count, then the acknowledgement, all or nothing, each alert audited as one acknowledgement
/// (docs/alerts.md, "Acknowledging").
extension DeskAlerts {
    /// How many unacknowledged alerts `filter` takes for the actor, by rule and level. Changes nothing.
    public static func previewAcknowledgement(_ desk: CaseDesk, matching filter: AlertListFilter, actor: Actor) throws -> AlertAckPreview {
        var f = filter
        f.acknowledged = false
        return try desk.store.read { db in
            let actor = try Permissions.require(.acknowledgeAlert, actor, db)
            let q = try AlertQuery(f, actor: actor, policy: desk.policy, db)
            var byRule: [(rule: AlertRule, level: AlertLevel, count: Int)] = []
            for row in try Row.fetchAll(db, sql: "SELECT a.rule, a.level, count(*) \(q.fromWhere) GROUP BY 1, 2", arguments: q.arguments) {
                let r = StoredRow(row, "alerts") { "alert group" }
                guard let rule = AlertRule(rawValue: try r.text(0, "rule")), let level = AlertLevel(rawValue: try r.text(1, "level")) else { continue }
                byRule.append((rule, level, try r.count(2, "count")))
            }
            byRule.sort { ($0.level, $0.count, $1.rule.rawValue) > ($1.level, $1.count, $0.rule.rawValue) }
            return AlertAckPreview(count: byRule.map(\.count).clampedSum(), byRule: byRule, filter: f)
        }
    }

    /// Acknowledges every unacknowledged alert `filter` takes for the actor, in one transaction;
    /// each is recorded as an acknowledgement, as one by id is. With `expecting` (the preview's
    /// count), a selection that has changed since the preview refuses the whole acknowledgement.
    /// Returns how many were acknowledged.
    @discardableResult
    public static func acknowledge(_ desk: CaseDesk, matching filter: AlertListFilter, expecting: Int? = nil, note: String = "",
                                   actor: Actor) throws -> Int {
        try FieldText.check(note, field: "note")
        var f = filter
        f.acknowledged = false
        let now = desk.clock.now()
        return try desk.store.write { db in
            let actor = try Permissions.require(.acknowledgeAlert, actor, db)
            let q = try AlertQuery(f, actor: actor, policy: desk.policy, db)
            let rows = try Row.fetchAll(db, sql: "SELECT a.id, a.rule, a.subject, a.level, c.id \(q.fromWhere) ORDER BY a.rule, a.subject, a.level", arguments: q.arguments)
            if let expecting, expecting != rows.count {
                throw DomainError.malformedField(field: "alerts", reason: .alertSelectionChanged(count: rows.count, expected: expecting))
            }
            for row in rows {
                let r = StoredRow(row, "alerts") { "alert \(StoredRow.name(row[0] as DatabaseValue))" }
                let id = "\(try r.text(1, "rule")):\(try r.text(2, "subject")):\(try r.text(3, "level"))"
                try AlertTable.acknowledge(rowId: try r.id(0, "id"), by: actor.name, note: note, at: now, db)
                try CaseRecords.append(CaseEvent(caseId: try r.optInt(4, "case", in: 1...Int64.max), caseNumber: nil, at: now, actor: actor.name,
                                                 action: "ack-alert", detail: ["alert": id, "note": note]), db)
            }
            return rows.count
        }
    }
}

/// The counts a header and a pane need at once (all of them only what the reader may see).
public struct AlertOverview: Sendable, Equatable {
    /// Active alerts.
    public var active: Int
    public var unacknowledged: Int
    /// Unacknowledged critical alerts.
    public var critical: Int
    /// Unacknowledged alerts in the reader's role's default view (what needs their action).
    public var needingAction: Int
    /// Unacknowledged alerts raised since the reader last looked.
    public var new: Int
    /// Of those, critical.
    public var newCritical: Int
    /// When the reader last looked (nil: never).
    public var lastLooked: Instant?
}

extension DeskAlerts {
    /// The counts for a header or a pane, in one read.
    public static func overview(_ desk: CaseDesk, actor: Actor) throws -> AlertOverview {
        try desk.store.read { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            let all = try AlertQuery(AlertListFilter(acknowledged: false), actor: actor, policy: desk.policy, db)
            let looked = all.lastLooked?.seconds ?? Int64.min
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*), sum(a.level = 'critical'), sum(a.raised_at > ?), sum(a.raised_at > ? AND a.level = 'critical') \(all.fromWhere)
                """, arguments: [looked, looked] + all.arguments)!
            let r = StoredRow(row, "alerts") { "alert counts" }
            func n(_ i: Int, _ name: String) throws -> Int { Int(try r.optInt(i, name, in: DeskBounds.count) ?? 0) }
            let view = try AlertQuery(AlertListFilter(acknowledged: false, view: .roleDefault), actor: actor, policy: desk.policy, db)
            let active = try AlertQuery(AlertListFilter(acknowledged: nil), actor: actor, policy: desk.policy, db)
            return AlertOverview(active: try active.count(db), unacknowledged: try n(0, "count"), critical: try n(1, "critical"),
                                 needingAction: try view.count(db), new: try n(2, "new"), newCritical: try n(3, "new critical"),
                                 lastLooked: all.lastLooked)
        }
    }
}
