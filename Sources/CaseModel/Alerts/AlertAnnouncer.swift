import GRDB

/// Something to announce to one user: a new critical alert, or a crisis report clock that has
/// used three quarters of its time.
public struct AlertAnnouncement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A critical alert raised since announcements to this user started.
        case critical(DeskAlert)
        /// A proposed or declared crisis event's report (to the superior, 1 hour; to HQ, 24 hours)
        /// has used `policy.warningFraction` of its time and is due at `due`.
        case crisisClock(event: Int64, title: String, report: CrisisReportKind, due: Instant)
    }

    public var kind: Kind
    /// The once-only key (per user): `alert:<row>:<raised>` or `clock:<event>:<report>`.
    public var key: String
    /// How this user wants to be told (never `off`: nothing is announced then, but the
    /// announcement is still used up so that switching back does not ring for the past).
    public var how: AlertNotification
}

/// Tells a console which announcements are due for its user: new critical alerts and crisis
/// report clocks passing 75%, each at most once per alert and user, across console restarts and
/// several consoles of the same user (docs/alerts.md, "What is new").
///
/// Only what the user may see is announced: an alert about a report case (举报件) never reaches
/// someone who may not see report cases, and a crisis event only through its visible cases.
public final class AlertAnnouncer: @unchecked Sendable {
    public let desk: CaseDesk
    public let actor: Actor
    /// Keys already announced, for a read-only desk where nothing can be recorded.
    private var announcedHere: Set<String> = []

    /// Creates an announcer for one user of a desk.
    public init(desk: CaseDesk, actor: Actor) { self.desk = desk; self.actor = actor }

    /// The announcements due at `now` (to show them all at once: one bell or one flash for the
    /// batch), recorded as made. When the user's setting is `off` they are recorded and none is returned.
    public func due(at now: Instant) throws -> [AlertAnnouncement] {
        let readOnly = desk.store.isReadOnly
        let found: (how: AlertNotification, items: [AlertAnnouncement]) = try (readOnly ? readCandidates(now) : desk.store.write { db in
            let (how, items) = try candidates(now, db)
            for a in items {
                try db.execute(sql: "INSERT OR IGNORE INTO alert_notices (user, notice, at) VALUES (?, ?, ?)", arguments: [actor.name, a.key, now.seconds])
            }
            return (how, items)
        })
        let fresh = found.items.filter { announcedHere.insert($0.key).inserted }
        return found.how == .off ? [] : fresh
    }

    private func readCandidates(_ now: Instant) throws -> (AlertNotification, [AlertAnnouncement]) {
        try desk.store.read { db in try candidates(now, db) }
    }

    private func candidates(_ now: Instant, _ db: Database) throws -> (AlertNotification, [AlertAnnouncement]) {
        let actor = try Permissions.require(.readAlerts, self.actor, db)
        let visibility = CaseVisibility.of(actor.role)
        let how = try AlertReaders.notification(actor.name, db)
        let from: Instant
        if desk.store.isReadOnly {
            from = try AlertReaders.lastLooked(actor.name, db) ?? now
        } else {
            from = try AlertReaders.announceFrom(actor.name, now: now, db)
        }
        var out: [AlertAnnouncement] = []
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(AlertRecords.columns), id FROM alerts
            WHERE cleared_at IS NULL AND acknowledged_at IS NULL AND level = 'critical' AND raised_at > ?\(AlertRecords.visibleCondition(visibility))
              AND NOT EXISTS (SELECT 1 FROM alert_notices n WHERE n.user = ? AND n.notice = 'alert:' || alerts.id || ':' || alerts.raised_at)
            ORDER BY raised_at
            """, arguments: [from.seconds, actor.name])
        let names = try AlertRecords.displayNames(db)
        var alerts: [(DeskAlert, String)] = []
        for row in rows {
            guard let a = try AlertRecords.decode(row) else { continue }
            let rowId = try StoredRow(row, "alerts") { "alert \(a.id)" }.id(10, "id")
            alerts.append((a, "alert:\(rowId):\(a.raisedAt.seconds)"))
        }
        let current = try AlertFacts.current(alerts.map(\.0), policy: desk.policy, now: now, names: names, db)
        for (i, (_, key)) in alerts.enumerated() {
            out.append(AlertAnnouncement(kind: .critical(current[i]), key: key, how: how))
        }
        let p = desk.policy
        for e in try CrisisRecords.events(activeOnly: true, visibility: visibility, db) {
            for report in [CrisisReportKind.superior, .hq] {
                guard let due = e.reportDue(report, p.crisis), now < due else { continue }
                let span = due.seconds.subtractingClamped(e.occurredAt.seconds)
                let passes = e.occurredAt.adding(seconds: Int64(clamping: (Double(span) * p.warningFraction).rounded(.up)))
                // A live clock is announced even if it passed before announcements started: there
                // are few, and each still has a report to file.
                guard now >= passes else { continue }
                let key = "clock:\(e.id):\(report.rawValue)"
                let seen = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM alert_notices WHERE user = ? AND notice = ?)", arguments: [actor.name, key]) ?? false
                if !seen { out.append(AlertAnnouncement(kind: .crisisClock(event: e.id, title: e.title, report: report, due: due), key: key, how: how)) }
            }
        }
        return (how, out.filter { !announcedHere.contains($0.key) })
    }
}
