import GRDB

/// The active alerts a reader may see, grouped by rule and level (and optionally by branch or
/// handler), with true counts: what the alert pane and screen show and what a desk clears a
/// group at a time (docs/alerts.md, "Grouping").
public struct AlertBoard: Sendable, Equatable {
    /// What groups are split by besides rule and level.
    public enum Dimension: String, Sendable, Equatable, CaseIterable { case none, branch, handler }

    /// The identity of a group: rule, level, and the branch or handler login when split by one.
    public struct Key: Sendable, Hashable {
        public var rule: AlertRule
        public var level: AlertLevel
        /// The branch or handler login (empty: none applies); nil when not split.
        public var value: String?
    }

    /// One group: counts and its newest alerts.
    public struct Group: Sendable, Equatable {
        public var key: Key
        /// The handler's display name when split by handler.
        public var label: String?
        /// Alerts in the group (matching the filter).
        public var count: Int
        public var unacknowledged: Int
        /// Raised since the reader last looked.
        public var new: Int
        public var newestAt: Instant
        /// The newest alerts of the group, newest first (at most the `perGroup` asked for).
        public var newest: [AlertListItem]

        /// The filter that selects exactly this group (for listing it whole or acknowledging it).
        public func filter(within base: AlertListFilter, by dimension: Dimension) -> AlertListFilter {
            var f = base
            f.rule = key.rule
            f.level = key.level
            switch dimension {
            case .none: break
            case .branch: f.branch = key.value ?? ""
            case .handler: f.handler = key.value
            }
            return f
        }
    }

    public var dimension: Dimension
    /// Worst level first, then most unacknowledged, then newest.
    public var groups: [Group]
    /// Alerts matching the filter, in all groups.
    public var matching: Int
    /// Every active alert the reader may see, whatever the filter (the "of 1,196").
    public var active: Int
    /// Unacknowledged alerts the reader may see, whatever the filter.
    public var unacknowledged: Int

    /// Groups the alerts matching `filter`; `perGroup` newest alerts of each are included.
    public static func load(_ desk: CaseDesk, filter: AlertListFilter, by dimension: Dimension = .none, perGroup: Int = 5,
                            actor: Actor) throws -> AlertBoard {
        let now = desk.clock.now()
        return try desk.store.read { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            let q = try AlertQuery(filter, actor: actor, policy: desk.policy, db)
            let dim: String = switch dimension {
            case .none: "NULL"
            case .branch: AlertQuery.branchSQL
            case .handler: "coalesce(\(AlertQuery.handlerSQL), '')"
            }
            let looked = q.lastLooked?.seconds ?? Int64.min
            var groups: [Key: Group] = [:]
            var order: [Key] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT a.rule, a.level, \(dim), count(*), sum(a.acknowledged_at IS NULL), sum(a.raised_at > ?), max(a.raised_at)
                \(q.fromWhere) GROUP BY 1, 2, 3
                """, arguments: [looked] + q.arguments) {
                let r = StoredRow(row, "alerts") { "alert group \(StoredRow.name(row[0] as DatabaseValue))" }
                guard let rule = AlertRule(rawValue: try r.text(0, "rule")), let level = AlertLevel(rawValue: try r.text(1, "level")) else { continue }
                let value = dimension == .none ? nil : try r.optText(2, dimension.rawValue) ?? ""
                let key = Key(rule: rule, level: level, value: value)
                let label = dimension == .handler ? value.flatMap { $0.isEmpty ? nil : q.names[$0] ?? $0 } : nil
                groups[key] = Group(key: key, label: label, count: try r.count(3, "count"), unacknowledged: try r.count(4, "unacknowledged"),
                                    new: try r.count(5, "new"), newestAt: try r.instant(6, "raised_at"), newest: [])
                order.append(key)
            }
            if perGroup > 0 && !groups.isEmpty {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT * FROM (SELECT \(AlertQuery.itemColumns), \(dim) AS grp,
                        row_number() OVER (PARTITION BY a.rule, a.level, \(dim) ORDER BY a.raised_at DESC, a.rule, a.subject) AS n
                        \(q.fromWhere)) WHERE n <= ? ORDER BY raised_at DESC, rule, subject
                    """, arguments: q.arguments + [perGroup])
                for item in try AlertQuery.items(rows, q, desk: desk, now: now, db) {
                    let value: String? = switch dimension {
                    case .none: nil
                    case .branch: item.branch
                    case .handler: item.handler ?? ""
                    }
                    groups[Key(rule: item.alert.rule, level: item.alert.level, value: value)]?.newest.append(item)
                }
            }
            let sorted = order.compactMap { groups[$0] }.sorted { a, b in
                if a.key.level != b.key.level { return a.key.level > b.key.level }
                if a.unacknowledged != b.unacknowledged { return a.unacknowledged > b.unacknowledged }
                if a.newestAt != b.newestAt { return a.newestAt > b.newestAt }
                return (a.key.rule.rawValue, a.key.value ?? "") < (b.key.rule.rawValue, b.key.value ?? "")
            }
            let everything = try AlertQuery(AlertListFilter(acknowledged: nil), actor: actor, policy: desk.policy, db)
            let unacknowledged = try AlertQuery(AlertListFilter(acknowledged: false), actor: actor, policy: desk.policy, db)
            return AlertBoard(dimension: dimension, groups: sorted, matching: sorted.map(\.count).clampedSum(),
                              active: try everything.count(db), unacknowledged: try unacknowledged.count(db))
        }
    }
}
