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
    /// What the last look found nothing in: the desk's fingerprint then, and the instant a crisis
    /// clock passes next. Until either moves there is nothing new to announce, so a console at
    /// rest asks only the fingerprint (a few index lookups) each second (docs/memory.md).
    private var quietSince: (fingerprint: [Int64], until: Instant)?
    /// Whether this announcer has recorded its user's start (the first look always writes it, so
    /// later looks can read without the write lock).
    private var started = false
    /// Looked again at least this often even when nothing seems to have moved.
    static let refreshSeconds: Int64 = 60

    /// Creates an announcer for one user of a desk.
    public init(desk: CaseDesk, actor: Actor) { self.desk = desk; self.actor = actor }

    /// The announcements due at `now` (to show them all at once: one bell or one flash for the
    /// batch), recorded as made. When the user's setting is `off` they are recorded and none is returned.
    public func due(at now: Instant) throws -> [AlertAnnouncement] {
        let fingerprint = try desk.store.read { db in try Self.fingerprint(db) }
        if let quiet = quietSince, quiet.fingerprint == fingerprint, now < quiet.until, now >= quiet.until.adding(seconds: -Self.refreshSeconds - 1) {
            return []
        }
        // Look first without the write lock: most looks find nothing, and other consoles' writes
        // should not queue behind a look that records nothing.
        let look = try (started || desk.store.isReadOnly) ? desk.store.read { db in try candidates(now, recording: false, db) } : nil
        if let look, look.items.isEmpty || desk.store.isReadOnly {
            quietSince = look.items.isEmpty ? (fingerprint, look.nextPass) : nil
            let fresh = look.items.filter { announcedHere.insert($0.key).inserted }
            return look.how == .off ? [] : fresh
        }
        quietSince = nil
        started = true
        let found = try desk.store.write { db in
            let found = try candidates(now, recording: true, db)
            for a in found.items {
                try AlertTable.recordNotice(actor.name, notice: a.key, at: now, db)
            }
            return found
        }
        let fresh = found.items.filter { announcedHere.insert($0.key).inserted }
        return found.how == .off ? [] : fresh
    }

    /// What moves when something could become announceable: a new event (every change to a case,
    /// the roster or a crisis event appends one), a new or re-raised critical alert, a new crisis event.
    static func fingerprint(_ db: Database) throws -> [Int64] {
        // Kept prepared: a console at rest asks every other second.
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT max(id) FROM events), (SELECT max(id) FROM alerts),
                   (SELECT max(raised_at) FROM alerts WHERE level = 'critical' AND cleared_at IS NULL), (SELECT max(id) FROM crisis_events)
            """))
        return (0..<4).map { (row?[$0] as Int64?) ?? 0 }
    }

    private func candidates(_ now: Instant, recording: Bool, _ db: Database) throws -> (how: AlertNotification, items: [AlertAnnouncement], nextPass: Instant) {
        let actor = try Permissions.require(.readAlerts, self.actor, db)
        let visibility = CaseVisibility.of(actor.role)
        let how = try AlertReaders.notification(actor.name, db)
        let from: Instant
        if desk.store.isReadOnly {
            from = try AlertReaders.lastLooked(actor.name, db) ?? now
        } else if recording {
            from = try AlertReaders.announceFrom(actor.name, now: now, db)
        } else {
            from = try AlertReaders.recordedAnnounceStart(actor.name, db) ?? now
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
        var nextPass = now.adding(seconds: Self.refreshSeconds)
        for e in try CrisisRecords.events(activeOnly: true, visibility: visibility, db) {
            for report in [CrisisReportKind.superior, .hq] {
                guard let due = e.reportDue(report, p.crisis), now < due else { continue }
                let span = due.seconds.subtractingClamped(e.occurredAt.seconds)
                let passes = e.occurredAt.adding(seconds: Int64(clamping: (Double(span) * p.warningFraction).rounded(.up)))
                // A live clock is announced even if it passed before announcements started: there
                // are few, and each still has a report to file.
                guard now >= passes else { nextPass = min(nextPass, passes); continue }
                let key = "clock:\(e.id):\(report.rawValue)"
                let seen = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM alert_notices WHERE user = ? AND notice = ?)", arguments: [actor.name, key]) ?? false
                if !seen { out.append(AlertAnnouncement(kind: .crisisClock(event: e.id, title: e.title, report: report, due: due), key: key, how: how)) }
            }
        }
        return (how, out.filter { !announcedHere.contains($0.key) }, nextPass)
    }
}
