import GRDB

/// The roster of users and their duty shifts.
public enum Roster {
    /// Adds a user, or fails if the name is taken; no event (the demo's seed and test fixtures,
    /// which record their own). The desk's way in is `CaseDesk.addUser`.
    static func add(_ u: DeskUser, _ db: Database) throws {
        try RosterTable.add(u, db)
    }

    /// Every user, by team then name.
    public static func all(_ db: Database) throws -> [DeskUser] {
        try Row.fetchAll(db, sql: "SELECT \(userColumns) FROM users ORDER BY team, name").map {
            try decodeUser($0)
        }
    }

    /// One user, or nil.
    public static func user(_ name: String, _ db: Database) throws -> DeskUser? {
        try Row.fetchOne(db, sql: "SELECT \(userColumns) FROM users WHERE name = ?", arguments: [name]).map {
            try decodeUser($0)
        }
    }

    /// Records a duty shift after checking its bounds and person; no event (the demo's seed and
    /// test fixtures). The desk's way in is `CaseDesk.addShift`, which also checks `ShiftRules`.
    static func addShift(_ s: Shift, _ db: Database) throws {
        try DeskBounds.checkShift(startsAt: s.startsAt, endsAt: s.endsAt)
        guard try user(s.userName, db) != nil else { throw DomainError.malformedField(field: "user", reason: .notOnRoster(name: s.userName, listHint: false)) }
        _ = try RosterTable.insertShift(s, db)
    }

    /// Active users on duty at an instant.
    public static func onDuty(at t: Instant, _ db: Database) throws -> [DeskUser] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT u.name, u.display_name, u.team, u.role, u.active, u.phone FROM users u JOIN shifts s ON s.user_name = u.name
            WHERE u.active = 1 AND s.starts_at <= ? AND s.ends_at > ? ORDER BY u.team, u.name
            """, arguments: [t.seconds, t.seconds]).map {
            try decodeUser($0)
        }
    }

    /// Open cases per handler.
    public static func openLoad(_ db: Database) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT handler, count(*) FROM cases WHERE \(Schema.openCondition) AND handler IS NOT NULL GROUP BY handler") {
            let r = StoredRow(row, "cases") { StoredRow.caseWhere("handler IS ?", [row[0]], db) }
            out[try r.text(0, "handler")] = try r.count(1, "count")
        }
        return out
    }

    /// The columns `decodeUser` reads, in order.
    static let userColumns = "name, display_name, team, role, active, phone"

    /// A `userColumns` row (`StoredRow` checks; an unknown role reads as it always has).
    static func decodeUser(_ row: Row) throws -> DeskUser {
        let r = StoredRow(row, "users") { "user \(StoredRow.name(row[0] as DatabaseValue))" }
        return DeskUser(name: try r.text(0, "name"), displayName: try r.text(1, "display_name"), team: try r.text(2, "team"),
                        role: Role(rawValue: try r.text(3, "role")) ?? .handler, active: try r.flag(4, "active"),
                        phone: try r.text(5, "phone"))
    }
}
