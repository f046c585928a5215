import GRDB

/// The roster of users and their duty shifts.
public enum Roster {
    /// Adds a user, or fails if the name is taken.
    public static func add(_ u: DeskUser, _ db: Database) throws {
        guard !u.name.trimmed.isEmpty else { throw DomainError.missingField("name") }
        try FieldText.check([("name", u.name), ("display", u.displayName), ("team", u.team), ("phone", u.phone)])
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [u.name]) == true {
            throw DomainError.malformedField(field: "name", reason: .alreadyOnRoster(name: u.name))
        }
        try db.execute(sql: "INSERT INTO users (name, display_name, team, role, active, phone) VALUES (?,?,?,?,?,?)",
                       arguments: [u.name, u.displayName, u.team, u.role.rawValue, u.active, u.phone.isEmpty ? "" : Identifiers.phone(u.phone)])
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

    /// Changes a user's role or active flag.
    public static func update(_ name: String, role: Role? = nil, active: Bool? = nil, _ db: Database) throws {
        guard try user(name, db) != nil else { throw DomainError.malformedField(field: "name", reason: .notOnRoster(name: name, listHint: false)) }
        if let role { try db.execute(sql: "UPDATE users SET role = ? WHERE name = ?", arguments: [role.rawValue, name]) }
        if let active { try db.execute(sql: "UPDATE users SET active = ? WHERE name = ?", arguments: [active, name]) }
    }

    /// Records a duty shift.
    public static func addShift(_ s: Shift, _ db: Database) throws {
        try DeskBounds.checkShift(startsAt: s.startsAt, endsAt: s.endsAt)
        guard try user(s.userName, db) != nil else { throw DomainError.malformedField(field: "user", reason: .notOnRoster(name: s.userName, listHint: false)) }
        try db.execute(sql: "INSERT INTO shifts (user_name, starts_at, ends_at) VALUES (?,?,?)",
                       arguments: [s.userName, s.startsAt.seconds, s.endsAt.seconds])
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
