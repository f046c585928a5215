import GRDB

/// The shifts table: reads (its writes are `RosterTable`'s).
extension Roster {
    static let shiftColumns = "id, user_name, starts_at, ends_at"

    static func decodeShift(_ row: Row) throws -> PlannedShift {
        let r = StoredRow(row, "shifts") { "shift \(StoredRow.name(row[0] as DatabaseValue))" }
        return PlannedShift(id: try r.id(0, "id"), userName: try r.text(1, "user_name"),
                            startsAt: try r.instant(2, "starts_at"), endsAt: try r.instant(3, "ends_at"))
    }

    /// Shifts that share a moment with `[from, to)`, by start then person.
    public static func shifts(overlapping from: Instant, _ to: Instant, _ db: Database) throws -> [PlannedShift] {
        try Row.fetchAll(db, sql: """
            SELECT \(shiftColumns) FROM shifts WHERE starts_at < ? AND ends_at > ? ORDER BY starts_at, user_name, id
            """, arguments: [to.seconds, from.seconds]).map(decodeShift)
    }

    /// One shift by id, or nil.
    public static func shift(_ id: Int64, _ db: Database) throws -> PlannedShift? {
        try Row.fetchOne(db, sql: "SELECT \(shiftColumns) FROM shifts WHERE id = ?", arguments: [id]).map(decodeShift)
    }

    /// A person's shifts that overlap `[from, to)`, other than `excluding`.
    static func personsShifts(_ user: String, overlapping from: Instant, _ to: Instant, excluding: Int64? = nil,
                              _ db: Database) throws -> [PlannedShift] {
        try Row.fetchAll(db, sql: """
            SELECT \(shiftColumns) FROM shifts WHERE user_name = ? AND starts_at < ? AND ends_at > ? AND id IS NOT ? ORDER BY starts_at
            """, arguments: [user, to.seconds, from.seconds, excluding]).map(decodeShift)
    }

    /// The holiday window, when one is set.
    static func window(_ db: Database) throws -> RosterWindow? {
        try DeskSettings.value(RosterWindow.settingKey, db).flatMap(RosterWindow.parse)
    }
}
