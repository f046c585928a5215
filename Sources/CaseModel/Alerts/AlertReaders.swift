import GRDB

/// How a user is told of a new critical alert: not at all, the terminal bell, or a flash of the header.
public enum AlertNotification: String, Labeled {
    case off, bell, flash
    public var zh: String {
        switch self {
        case .off: "不提示"
        case .bell: "响铃"
        case .flash: "闪烁"
        }
    }
    public var en: String { rawValue }
}

/// Per login: when they last looked at the alerts, and how new critical alerts are announced to
/// them (docs/alerts.md, "What is new").
///
/// These are a reader's own view of the desk, not changes to it: looking at the alerts moves the
/// mark without an event in the audit trail. Changing one's notification setting is recorded.
public enum AlertReaders {
    /// When `user` last looked at the alerts (nil: never).
    public static func lastLooked(_ desk: CaseDesk, actor: Actor) throws -> Instant? {
        try desk.store.read { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            return try lastLooked(actor.name, db)
        }
    }

    /// Marks the alerts as looked at now (or at `at`): from then on only alerts raised later are new.
    /// A read-only desk keeps no marks (nothing is written; every alert stays new).
    public static func markLooked(_ desk: CaseDesk, at: Instant? = nil, actor: Actor) throws {
        guard !desk.store.isReadOnly else { return }
        let now = at ?? desk.clock.now()
        try desk.store.write { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            try ensureRow(actor.name, now: now, db)
            try AlertTable.setLastLooked(actor.name, at: now, db)
        }
    }

    /// How new critical alerts are announced to the actor (flash unless they chose otherwise).
    public static func notification(_ desk: CaseDesk, actor: Actor) throws -> AlertNotification {
        try desk.store.read { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            return try notification(actor.name, db)
        }
    }

    /// Sets how new critical alerts are announced to the actor (their own setting only); recorded
    /// in the audit trail.
    public static func setNotification(_ desk: CaseDesk, _ value: AlertNotification, actor: Actor) throws {
        let now = desk.clock.now()
        try desk.store.write { db in
            let actor = try Permissions.require(.readAlerts, actor, db)
            try ensureRow(actor.name, now: now, db)
            try AlertTable.setNotification(actor.name, value, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "alert-notify",
                                             detail: ["notify": value.rawValue]), db)
        }
    }

    // MARK: inside a transaction

    static func lastLooked(_ user: String, _ db: Database) throws -> Instant? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT last_looked_at FROM alert_readers WHERE user = ?"), arguments: [user]) else {
            return nil
        }
        return try StoredRow(row, "alert_readers") { "alert marks of \(user)" }.optInstant(0, "last_looked_at")
    }

    static func notification(_ user: String, _ db: Database) throws -> AlertNotification {
        guard let row = try Row.fetchOne(db, sql: "SELECT notify FROM alert_readers WHERE user = ?", arguments: [user]) else { return .flash }
        return try StoredRow(row, "alert_readers") { "alert marks of \(user)" }.code(0, "notify")
    }

    /// When announcements to `user` start: alerts raised before then are not announced (a first
    /// console start does not ring for everything already on the desk).
    static func announceFrom(_ user: String, now: Instant, _ db: Database) throws -> Instant {
        try ensureRow(user, now: now, db)
        let row = try Row.fetchOne(db, sql: "SELECT announce_from FROM alert_readers WHERE user = ?", arguments: [user])!
        return try StoredRow(row, "alert_readers") { "alert marks of \(user)" }.instant(0, "announce_from")
    }

    /// The start recorded by `announceFrom`, read without writing (nil before the first).
    static func recordedAnnounceStart(_ user: String, _ db: Database) throws -> Instant? {
        guard let row = try Row.fetchOne(db, sql: "SELECT announce_from FROM alert_readers WHERE user = ?", arguments: [user]) else { return nil }
        return try StoredRow(row, "alert_readers") { "alert marks of \(user)" }.instant(0, "announce_from")
    }

    static func ensureRow(_ user: String, now: Instant, _ db: Database) throws {
        try AlertTable.ensureReader(user, at: now, db)
    }
}
