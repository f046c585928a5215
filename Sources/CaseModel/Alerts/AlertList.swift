import GRDB

/// Which active alerts the console's Alerts screen lists.
public struct AlertListFilter: Sendable, Equatable {
    public var level: AlertLevel?
    public var rule: AlertRule?
    /// nil: all; false: only unacknowledged (the default); true: only acknowledged.
    public var acknowledged: Bool? = false
    /// The branch of the alert's case (or the branch an alert is about); nil: all.
    public var branch: String?
    /// Creates a filter (unacknowledged alerts of every level, rule and branch).
    public init(level: AlertLevel? = nil, rule: AlertRule? = nil, acknowledged: Bool? = false, branch: String? = nil) {
        self.level = level; self.rule = rule; self.acknowledged = acknowledged; self.branch = branch
    }
}

/// An active alert with the branch it concerns, as the Alerts screen lists it.
public struct AlertListItem: Sendable, Equatable {
    public var alert: DeskAlert
    /// The case's branch, or the branch itself for a branch alert; empty when none applies.
    public var branch: String
    /// Creates an item.
    public init(alert: DeskAlert, branch: String) { self.alert = alert; self.branch = branch }
}

/// The full list of active alerts with filters: level, rule, acknowledged or not, branch.
public enum AlertList {
    /// Active alerts matching `filter`, unacknowledged first, then worst, then newest (at most `limit`).
    public static func list(_ desk: CaseDesk, filter: AlertListFilter, limit: Int = 1000, actor: Actor) throws -> [AlertListItem] {
        try desk.store.read { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            let branchSQL = "coalesce(c.branch, CASE WHEN a.rule = 'branch-valid-rate' THEN a.subject END, '')"
            let cols = AlertRecords.columns.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            var sql = "SELECT \(cols), \(branchSQL) FROM alerts a LEFT JOIN cases c ON c.number = a.case_number WHERE a.cleared_at IS NULL"
            var args: [DatabaseValueConvertible?] = []
            sql += AlertRecords.visibleCondition(CaseVisibility.of(actor.role), alias: "a.")
            if let level = filter.level { sql += " AND a.level = ?"; args.append(level.rawValue) }
            if let rule = filter.rule { sql += " AND a.rule = ?"; args.append(rule.rawValue) }
            if let ack = filter.acknowledged { sql += ack ? " AND a.acknowledged_at IS NOT NULL" : " AND a.acknowledged_at IS NULL" }
            if let branch = filter.branch { sql += " AND \(branchSQL) = ?"; args.append(branch) }
            sql += " ORDER BY a.acknowledged_at IS NOT NULL, CASE a.level WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.raised_at DESC, a.id LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).compactMap { row in
                try AlertRecords.decode(row).map { AlertListItem(alert: $0, branch: String.fromDatabaseValue(row[10]) ?? "") }
            }
        }
    }
}
