import GRDB

/// The triggers that keep the event table append-only, and the check that they are the product's:
/// compared by their SQL, so a trigger re-created under the same name with a body that lets
/// anything through counts as altered (docs/audit-trail.md).
enum AuditTriggers {
    /// A trigger the schema creates.
    struct Expected {
        var name: String
        var sql: String
    }

    /// Refuses an insert other than at head + 1: INSERT OR REPLACE of an existing event (whose
    /// implicit delete fires no delete trigger), an insert below the head, a gap, or an insert
    /// without an explicit id. `CaseRecords.append` always gives the id.
    static let nextIdSQL = """
    CREATE TRIGGER events_next_id BEFORE INSERT ON events
        WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM events)
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: a new event must follow the newest one (INSERT OR REPLACE and inserts at or below the head are refused)'); END;
    """

    static let noDeleteSQL = """
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only: events cannot be deleted'); END;
    """

    /// Every trigger of a current schema (the event log's, and the text index's on cases): no other
    /// trigger exists on any table.
    static let expected: [Expected] = [
        Expected(name: "events_no_update", sql: Schema.eventsNoUpdateTrigger),
        Expected(name: "events_no_delete", sql: noDeleteSQL),
        Expected(name: "events_hash_required", sql: Schema.eventsHashRequiredTrigger),
        Expected(name: "events_next_id", sql: nextIdSQL),
    ] + (CaseTextIndex.triggers + CaseTextIndex.openTriggers).map { Expected(name: $0.name, sql: $0.sql) }

    /// Missing, altered and unexpected triggers.
    static func check(_ db: Database) throws -> (missing: [String], altered: [String], unexpected: [String]) {
        var present: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
            present[row[0]] = row[1] ?? ""
        }
        var missing: [String] = [], altered: [String] = []
        for t in expected {
            guard let sql = present.removeValue(forKey: t.name) else { missing.append(t.name); continue }
            if normalized(sql) != normalized(t.sql) { altered.append(t.name) }
        }
        return (missing, altered, present.keys.sorted())
    }

    /// SQL with runs of white space made one space and no final semicolon.
    static func normalized(_ sql: String) -> String {
        var s = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        while s.hasSuffix(";") { s.removeLast() }
        return s
    }
}
