import GRDB

/// Which cases a reader may see: report cases (举报件) exist only for the president's office and
/// the auditor (docs/access-control.md, "Report cases: hidden is absent"). Every list, count, search, matrix,
/// export and detail takes one.
public enum CaseVisibility: String, Sendable {
    /// Everything except report cases. The default everywhere: code that forgets to ask hides them.
    case standard
    /// Report cases too.
    case withReports

    /// The visibility of a role (nil: not on the roster).
    public static func of(_ role: Role?) -> CaseVisibility {
        Permissions.allows(role, .seeReports) ? .withReports : .standard
    }

    /// The SQL condition on `cases` (unqualified column names), written literally so that the
    /// planner keeps the open-case partial indexes (docs/architecture.md, "Queries and indexes"); nil when
    /// nothing is hidden.
    public var sqlCondition: String? { self == .standard ? "kind <> 'report'" : nil }

    /// The same condition on a `cases` table aliased `alias`.
    public func sqlCondition(alias: String) -> String? { self == .standard ? "\(alias).kind <> 'report'" : nil }

    /// Whether a case of this kind can be seen.
    public func shows(_ kind: CaseKind) -> Bool { self == .withReports || kind != .report }
}

/// Who is acting: the role comes from the roster in the database, never from the caller.
public enum AccessControl {
    /// The actor with its role from the roster: nil when the user is unknown, disabled, or has a
    /// role this program does not know (read-only; never a default role).
    public static func resolve(_ actor: Actor, _ db: Database) throws -> Actor {
        let row = try Row.fetchOne(db, sql: "SELECT role, active FROM users WHERE name = ?", arguments: [actor.name])
        guard let row, Int64.fromDatabaseValue(row[1]) == 1, let role = String.fromDatabaseValue(row[0]).flatMap(Role.init(rawValue:)) else {
            return Actor(name: actor.name, role: nil)
        }
        return Actor(name: actor.name, role: role)
    }

    /// What the roster says about a user, for the console's start-up message.
    public enum Standing: Sendable, Equatable {
        case active(Role)
        case disabled
        case unknown
        case emptyRoster
    }

    /// The user's standing on the roster.
    public static func standing(of name: String, _ db: Database) throws -> Standing {
        if let row = try Row.fetchOne(db, sql: "SELECT role, active FROM users WHERE name = ?", arguments: [name]) {
            guard Int64.fromDatabaseValue(row[1]) == 1 else { return .disabled }
            guard let role = String.fromDatabaseValue(row[0]).flatMap(Role.init(rawValue:)) else { return .unknown }
            return .active(role)
        }
        let any = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users)") ?? false
        return any ? .unknown : .emptyRoster
    }

    /// A one-line notice for a user who is not active on the roster (nil when they are).
    public static func notice(for name: String, _ standing: Standing) -> RefusalReason? {
        switch standing {
        case .active: return nil
        case .disabled: return .userDisabled(name: name)
        case .unknown: return .userNotOnRoster(name: name)
        case .emptyRoster: return .rosterEmpty(name: name)
        }
    }

    /// Open cases per handler, counting report cases only for a reader who may see them
    /// (`Roster.openLoad` counts every case).
    ///
    /// Counted from indexes alone: every open case by handler, less the open report cases by
    /// handler when the reader may not see them (a condition on `kind` would read each open case's
    /// row, hundreds of milliseconds on a large file).
    public static func openLoad(_ visibility: CaseVisibility, _ db: Database) throws -> [String: Int] {
        var out: [String: Int] = [:]
        func counts(_ sql: String) throws -> [(String, Int)] {
            try Row.fetchAll(db.cachedStatement(sql: sql)).map { row in
                let r = StoredRow(row, "cases") { StoredRow.caseWhere("handler IS ?", [row[0]], db) }
                return (try r.text(0, "handler"), try r.count(1, "count"))
            }
        }
        for (h, n) in try counts("SELECT handler, count(*) FROM cases WHERE \(Schema.openCondition) AND handler IS NOT NULL GROUP BY handler") {
            out[h] = n
        }
        if visibility == .standard {
            for (h, n) in try counts("SELECT handler, count(*) FROM cases WHERE kind = 'report' AND \(Schema.openCondition) AND handler IS NOT NULL GROUP BY handler") {
                let left = (out[h] ?? 0) - n
                out[h] = left > 0 ? left : nil
            }
        }
        return out
    }

    /// The visibility of an actor, from the roster.
    public static func visibility(of actor: Actor, _ db: Database) throws -> CaseVisibility {
        CaseVisibility.of(try resolve(actor, db).role)
    }
}

/// Desk-wide security settings kept in the database (set by an administrator, audited).
public enum DeskSettings {
    /// Whether `--user NAME` may act as someone other than the OS login (shared training
    /// terminals, scripted tests). Off by default.
    public static let allowUserSwitch = "allow-user-switch"
    /// The group a shared desk's file belongs to (0660); recorded by `console init --group`.
    public static let sharedGroup = "shared-group"

    /// A setting's value, or nil.
    public static func value(_ key: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
    }

    /// Whether a yes/no setting is on.
    public static func isOn(_ key: String, _ db: Database) throws -> Bool {
        try value(key, db) == "on"
    }

    /// Sets a value (administrator only), recording the change as an audited event.
    public static func set(_ key: String, _ value: String, actor: Actor, at: Instant, _ db: Database) throws {
        try Permissions.require(.changeSettings, actor, db)
        let old = try Self.value(key, db)
        try SettingsTable.set(key, value, db)
        try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: at, actor: actor.name, action: "setting",
                                         detail: ["key": key, "value": "\(old ?? "") → \(value)"]), db)
    }
}

extension CaseDesk {
    /// Refuses unless the actor's roster role may do `p` (for commands that check before their
    /// transaction; inside one, use `Permissions.require(p, actor, db)`).
    public func require(_ p: Permission, _ actor: Actor, track: CaseTrack = .general) throws {
        let resolved = try store.read { db in try AccessControl.resolve(actor, db) }
        try Permissions.require(p, resolved, track: track)
    }
}
