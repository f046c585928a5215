import GRDB

/// The SQLite gateway for the roster (`users`, `shifts`): the only SQL that writes them.
///
/// Internal on purpose: it neither checks who is asking nor appends an event. The desk's roster
/// commands (`CaseDesk.addUser`, `setRole`, `setActive`, `setPhone`, `addShift`, `moveShift`,
/// `removeShift`, `importShifts`) do both around it in one transaction (docs/storage-boundary.md).
enum RosterTable: RosterStore {
    static func add(_ u: DeskUser, _ db: Database) throws {
        guard !u.name.trimmed.isEmpty else { throw DomainError.missingField("name") }
        try FieldText.check([("name", u.name), ("display", u.displayName), ("team", u.team), ("phone", u.phone)])
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [u.name]) == true {
            throw DomainError.malformedField(field: "name", reason: .alreadyOnRoster(name: u.name))
        }
        try db.execute(sql: "INSERT INTO users (name, display_name, team, role, active, phone) VALUES (?,?,?,?,?,?)",
                       arguments: [u.name, u.displayName, u.team, u.role.rawValue, u.active, u.phone.isEmpty ? "" : Identifiers.phone(u.phone)])
    }

    static func setRole(_ name: String, _ role: Role, _ db: Database) throws {
        try db.execute(sql: "UPDATE users SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
    }

    static func setActive(_ name: String, _ active: Bool, _ db: Database) throws {
        try db.execute(sql: "UPDATE users SET active = ? WHERE name = ?", arguments: [active, name])
    }

    static func setPhone(_ name: String, _ phone: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE users SET phone = ? WHERE name = ?", arguments: [phone, name])
    }

    static func insertShift(_ s: Shift, _ db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO shifts (user_name, starts_at, ends_at) VALUES (?,?,?)",
                       arguments: [s.userName, s.startsAt.seconds, s.endsAt.seconds])
        return db.lastInsertedRowID
    }

    static func moveShift(_ id: Int64, to s: Shift, _ db: Database) throws {
        try db.execute(sql: "UPDATE shifts SET user_name = ?, starts_at = ?, ends_at = ? WHERE id = ?",
                       arguments: [s.userName, s.startsAt.seconds, s.endsAt.seconds, id])
    }

    static func removeShift(_ id: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM shifts WHERE id = ?", arguments: [id])
    }
}
