import GRDB

/// Each handler's open cases and their most urgent due time, for the assign picker and board.
enum HandlerWorkload {
    /// A handler's open load and earliest stored due time (nil when none of their cases runs a clock).
    struct Entry: Sendable, Equatable {
        var open: Int
        var earliestDue: Instant?
    }

    /// Per handler login, over the open cases `visibility` shows. One grouped query on the
    /// open-case partial index.
    static func byHandler(_ visibility: CaseVisibility, _ db: Database) throws -> [String: Entry] {
        let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
        var out: [String: Entry] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT handler, count(*), min(next_due_at) FROM cases
            WHERE \(Schema.openCondition)\(hidden) AND handler IS NOT NULL GROUP BY handler
            """) {
            let r = StoredRow(row, "cases") { StoredRow.caseWhere("handler IS ? AND (next_due_at IS ? OR typeof(next_due_at) NOT IN ('integer', 'null'))", [row[0], row[2]], db) }
            out[try r.text(0, "handler")] = Entry(open: try r.count(1, "count"), earliestDue: try r.optInstant(2, "next_due_at"))
        }
        return out
    }
}
