import GRDB

/// Which active alerts a list, a grouping or an acknowledgement by filter takes.
///
/// Every criterion narrows; nothing given means every active unacknowledged alert the reader may
/// see. An alert about a report case (举报件) is never matched for a reader who may not see report
/// cases, whatever the criteria (docs/alerts.md, "Who sees what").
public struct AlertListFilter: Sendable, Equatable {
    /// Which rules: every rule, or the reader's role's default view from the policy (`[alert-views]`).
    public enum View: String, Sendable, Equatable { case all, roleDefault = "role-default" }

    public var level: AlertLevel?
    public var rule: AlertRule?
    /// nil: all; false: only unacknowledged (the default); true: only acknowledged.
    public var acknowledged: Bool? = false
    /// The branch of the alert's case (or of the crisis event or branch it is about); nil: all.
    public var branch: String?
    /// The login of the handler of the alert's case (or the handler a load alert is about); nil: all.
    public var handler: String?
    /// Only these rules (or rule/stage); nil: any.
    public var selectors: [AlertSelector]?
    public var view: View = .all
    /// Only alerts raised since the reader last looked (`AlertReaders.markLooked`).
    public var onlyNew = false

    /// Creates a filter (unacknowledged alerts of every level, rule and branch).
    public init(level: AlertLevel? = nil, rule: AlertRule? = nil, acknowledged: Bool? = false, branch: String? = nil,
                handler: String? = nil, selectors: [AlertSelector]? = nil, view: View = .all, onlyNew: Bool = false) {
        self.level = level; self.rule = rule; self.acknowledged = acknowledged; self.branch = branch
        self.handler = handler; self.selectors = selectors; self.view = view; self.onlyNew = onlyNew
    }

    /// Whether any criterion narrows the selection (an acknowledgement by filter needs one).
    public var narrows: Bool {
        level != nil || rule != nil || branch != nil || handler != nil || selectors != nil || view != .all || onlyNew
    }
}

/// An active alert with the branch and handler it concerns, as lists show it.
public struct AlertListItem: Sendable, Equatable {
    /// The alert, its text rendered from the case as it is now (`AlertText`).
    public var alert: DeskAlert
    /// The case's branch, the branch of the crisis event, or the branch itself for a branch alert; empty when none applies.
    public var branch: String
    /// The login of the case's handler (or of the handler a load alert is about).
    public var handler: String?
    /// That handler's display name.
    public var handlerName: String?
    /// Raised since the reader last looked at the alerts.
    public var isNew: Bool
    /// Creates an item.
    public init(alert: DeskAlert, branch: String, handler: String? = nil, handlerName: String? = nil, isNew: Bool = false) {
        self.alert = alert; self.branch = branch; self.handler = handler; self.handlerName = handlerName; self.isNew = isNew
    }
}

/// A page of alerts with the true count behind it ("100 of 1,196").
public struct AlertPage: Sendable, Equatable {
    public var items: [AlertListItem]
    /// How many alerts match the filter in all.
    public var total: Int
    /// Whether some matching alerts are not on this page.
    public var isPartial: Bool { items.count < total }
}

/// The list of active alerts with filters: level, rule, acknowledged or not, branch, handler, view.
public enum AlertList {
    /// Active alerts matching `filter`, unacknowledged first, then worst, then newest (at most `limit`).
    public static func list(_ desk: CaseDesk, filter: AlertListFilter, limit: Int = 1000, actor: Actor) throws -> [AlertListItem] {
        try page(desk, filter: filter, limit: limit, actor: actor).items
    }

    /// A page of the alerts matching `filter` (from `offset`, at most `limit`) and how many match in all.
    public static func page(_ desk: CaseDesk, filter: AlertListFilter, limit: Int = 1000, offset: Int = 0, actor: Actor) throws -> AlertPage {
        let now = desk.clock.now()
        return try desk.store.read { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            let q = try AlertQuery(filter, actor: actor, policy: desk.policy, db)
            let total = try q.count(db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(AlertQuery.itemColumns) \(q.fromWhere)
                ORDER BY a.acknowledged_at IS NOT NULL, \(AlertQuery.levelRank), a.raised_at DESC, a.rule, a.subject LIMIT ? OFFSET ?
                """, arguments: q.arguments + [max(0, limit), max(0, offset)])
            let items = try AlertQuery.items(rows, q, desk: desk, now: now, db)
            return AlertPage(items: items, total: total)
        }
    }
}
