import GRDB

/// The columns of a case the alert and crisis-proposal rules read, and their decoding.
///
/// A first evaluation reads every open case and a busy tick a thousand: decoding only what the
/// rules use (no complainant, details, demand, resolution …) roughly halves the reading. The
/// values read are checked exactly as `CaseColumns.decode` checks them (a bad one is named,
/// never computed with); the fields not read keep `ComplaintCase`'s defaults, so a case decoded
/// here is for the rules only and is never written back or shown.
enum AlertCaseColumns {
    /// The columns, in decoding order.
    static let names: [String] = [
        "id", "number", "received_at", "receiving_operator", "branch", "source", "line", "product", "category", "kind",
        "summary", "people", "potential_loss", "regulator_involved", "media_involved", "handler", "status", "severity",
        "repeat_count", "promised_at", "submitted_at", "approved_at", "closed_at", "last_note_at", "stages_started_at",
        "updated_at", "column_changed_at", "last_reminder_at",
    ]

    /// `id, number, ...` for SELECT.
    static let selectList = names.joined(separator: ", ")

    /// Decodes a row selected with `selectList`.
    static func decode(_ row: Row) throws -> ComplaintCase {
        let r = CaseColumns.storedRow(row)
        var i = 1
        func next() -> Int { i += 1; return i }
        func optInst(_ column: String) throws -> Instant? { try r.optInstant(next(), column) }
        var c = ComplaintCase(number: try r.text(1, "number"), receivedAt: try r.instant(next(), "received_at"),
                              receivingOperator: try r.text(next(), "receiving_operator"))
        c.id = try r.id(0, "id")
        c.branch = try r.text(next(), "branch"); c.source = try r.code(next(), "source")
        c.line = try r.code(next(), "line"); c.product = try r.text(next(), "product")
        c.category = try r.code(next(), "category"); c.kind = try r.code(next(), "kind")
        c.summary = try r.text(next(), "summary")
        c.peopleInvolved = Int(try r.int(next(), "people", in: Int64(DeskBounds.people.lowerBound)...Int64(DeskBounds.people.upperBound)))
        c.potentialLoss = try r.yuan(next(), "potential_loss")
        c.regulatorInvolved = try r.flag(next(), "regulator_involved"); c.mediaInvolved = try r.flag(next(), "media_involved")
        c.handler = try r.optText(next(), "handler"); c.status = try r.code(next(), "status"); c.severity = try r.code(next(), "severity")
        c.repeatCount = Int(try r.int(next(), "repeat_count", in: 1...DeskBounds.count.upperBound))
        c.promisedAt = try optInst("promised_at"); c.submittedAt = try optInst("submitted_at")
        c.approvedAt = try optInst("approved_at"); c.closedAt = try optInst("closed_at")
        c.lastNoteAt = try optInst("last_note_at"); c.stagesStartedAt = try r.instant(next(), "stages_started_at")
        c.updatedAt = try r.instant(next(), "updated_at")
        c.columnChangedAt = try optInst("column_changed_at"); c.lastReminderAt = try optInst("last_reminder_at")
        return c
    }

    /// The cases with these ids, by id (500 per query, each statement compiled once).
    static func fetch(ids: [Int64], _ db: Database) throws -> [Int64: ComplaintCase] {
        var out: [Int64: ComplaintCase] = [:]
        out.reserveCapacity(ids.count)
        try forEach(ids: ids, db) { out[$0.id!] = $0 }
        return out
    }

    /// Calls `body` with each case of these ids that exists (500 per query).
    static func forEach(ids: [Int64], _ db: Database, _ body: (ComplaintCase) throws -> Void) throws {
        var start = 0
        while start < ids.count {
            let chunk = ids[start..<min(ids.count, start + 500)]
            start += chunk.count
            let marks = String(repeating: "?,", count: chunk.count - 1) + "?"
            let cursor = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(selectList) FROM cases WHERE id IN (\(marks))"),
                                             arguments: StatementArguments(Array(chunk)))
            while let row = try cursor.next() { try body(try decode(row)) }
        }
    }
}
