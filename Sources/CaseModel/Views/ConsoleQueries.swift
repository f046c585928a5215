import GRDB

/// Read-only queries behind the read models (`DeskDashboard`, `QueuePage`) beyond `CaseRecords`:
/// the matrix with its overdue counts, the per-hour intake, the branch list, and queue pages
/// sorted by any column.
///
/// Kept in one place so that the console and the command line (which never write SQL) read
/// through CaseModel's read models, and so that every query here stays on the partial open-case
/// indexes (docs/architecture.md, "Queries and indexes").
enum ConsoleQueries {
    /// Open cases by category × severity with overdue counts at `now` (one pass over the open index).
    static func matrix(at now: Instant, visibility: CaseVisibility = .standard, _ db: Database) throws -> [Category: [Severity: DeskDashboard.Cell]] {
        var out: [Category: [Severity: DeskDashboard.Cell]] = [:]
        let hidden = visibility.sqlCondition.map { " AND \($0)" } ?? ""
        let rows = try Row.fetchAll(db, sql: """
            SELECT category, severity, count(*), sum(next_due_at IS NOT NULL AND next_due_at < ?)
            FROM cases WHERE \(Schema.openCondition)\(hidden) GROUP BY category, severity
            """, arguments: [now.seconds])
        for row in rows {
            let r = StoredRow(row, "cases") { StoredRow.caseWhere("category IS ? AND severity IS ?", [row[0], row[1]], db) }
            let c: Category = try r.code(0, "category"), s: Severity = try r.code(1, "severity")
            out[c, default: [:]][s] = DeskDashboard.Cell(open: try r.count(2, "count"), overdue: Int(try r.optInt(3, "overdue", in: DeskBounds.count) ?? 0))
        }
        return out
    }

    /// Cases received in each of the `hours` whole hours ending at `now`'s hour, oldest first
    /// (the last bucket is the current, partial hour).
    static func hourlyIntake(endingAt now: Instant, hours: Int = 24, visibility: CaseVisibility = .standard, _ db: Database) throws -> [Int] {
        let hidden = visibility.sqlCondition.map { " AND \($0)" } ?? ""
        let hourStart = now.seconds - (now.seconds % 3600)
        let start = hourStart.subtractingClamped(Int64(hours - 1).multipliedClamped(by: 3600))
        var buckets = [Int](repeating: 0, count: hours)
        let rows = try Row.fetchAll(db, sql: """
            SELECT (received_at - ?) / 3600, count(*) FROM cases
            WHERE received_at >= ? AND received_at <= ?\(hidden) GROUP BY 1
            """, arguments: [start, start, now.seconds])
        for row in rows {
            let r = StoredRow(row, "cases") { StoredRow.caseWhere("typeof(received_at) <> 'integer'", [], db) }
            let i = try r.count(0, "received_at")
            if i >= 0 && i < hours { buckets[i] = try r.count(1, "count") }
        }
        return buckets
    }

    /// When the clock alone next moves the matrix, the intake and who is on duty, after `now`
    /// (`DeskDashboard.ClockMoves`): index lookups on the open cases' due times, the receipt times
    /// and the shifts.
    static func clockMoves(after now: Instant, visibility: CaseVisibility = .standard, _ db: Database) throws -> DeskDashboard.ClockMoves {
        let hidden = visibility.sqlCondition.map { " AND \($0)" } ?? ""
        // `matrix` counts a case overdue once `now` is past its due time: the second after it.
        let due = try Int64.fetchOne(db, sql: """
            SELECT min(next_due_at) FROM cases WHERE \(Schema.openCondition) AND next_due_at >= ?\(hidden)
            """, arguments: [now.seconds])
        // `hourlyIntake` counts receipts up to `now`: one received later joins when it is reached.
        let received = try Int64.fetchOne(db, sql: "SELECT min(received_at) FROM cases WHERE received_at > ?\(hidden)", arguments: [now.seconds])
        let shiftStart = try Int64.fetchOne(db, sql: "SELECT min(starts_at) FROM shifts WHERE starts_at > ?", arguments: [now.seconds])
        let shiftEnd = try Int64.fetchOne(db, sql: "SELECT min(ends_at) FROM shifts WHERE ends_at > ?", arguments: [now.seconds])
        let hour = DeskDashboard.ClockMoves.nextHour(after: now)
        return DeskDashboard.ClockMoves(
            overdue: due.map { Instant(seconds: $0.addingClamped(1)) },
            intake: received.map { min(hour, Instant(seconds: $0)) } ?? hour,
            onDuty: [shiftStart, shiftEnd].compactMap { $0 }.min().map { Instant(seconds: $0) })
    }

    /// Branches that have open cases, by name (for the queue's branch filter).
    static func openBranches(visibility: CaseVisibility = .standard, _ db: Database) throws -> [String] {
        let hidden = visibility.sqlCondition.map { " AND \($0)" } ?? ""
        return try String.fetchAll(db, sql: "SELECT DISTINCT branch FROM cases WHERE \(Schema.openCondition) AND branch <> ''\(hidden) ORDER BY branch")
    }

    /// One page of cases matching a filter (its sort and paging fields are ignored), sorted by a
    /// column, ties broken by due time and id so paging is stable.
    static func page(_ filter: CaseFilter, sort: QueueSort, descending: Bool, offset: Int, limit: Int,
                            _ db: Database) throws -> [ComplaintCase] {
        if sort == .due, !descending {
            // A frequent search term read in due order, stopping at the page (SearchPlan).
            var f = filter
            f.offset = offset
            if let page = try SearchPlan.duePage(f, limit: limit, db) { return page }
        }
        let parts = FilterSQL(filter)
        let dir = descending ? " DESC" : ""
        let order: String
        switch sort {
        case .due: order = "next_due_at IS NULL, next_due_at\(dir), id\(dir)"
        case .number: order = "number\(dir)"
        case .severity:
            order = "CASE severity WHEN 'crisis' THEN 0 WHEN 'major' THEN 1 WHEN 'urgent' THEN 2 WHEN 'general' THEN 3 ELSE 4 END\(dir), next_due_at IS NULL, next_due_at, id"
        case .category: order = "category\(dir), next_due_at IS NULL, next_due_at, id"
        case .kind: order = "kind\(dir), next_due_at IS NULL, next_due_at, id"
        case .status:
            order = "CASE status WHEN 'received' THEN 0 WHEN 'contacted' THEN 1 WHEN 'investigating' THEN 2 WHEN 'pending-approval' THEN 3 WHEN 'approved' THEN 4 WHEN 'closed' THEN 5 WHEN 'followed-up' THEN 6 ELSE 7 END\(dir), next_due_at IS NULL, next_due_at, id"
        case .handler: order = "handler IS NULL, handler\(dir), next_due_at IS NULL, next_due_at, id"
        case .received: order = "received_at\(dir), id\(dir)"
        case .branch: order = "branch\(dir), next_due_at IS NULL, next_due_at, id"
        }
        let sql = "SELECT \(CaseColumns.selectList) FROM cases" + parts.whereSQL + " ORDER BY " + order
            + " LIMIT \(max(0, limit)) OFFSET \(max(0, offset))"
        return try Row.fetchAll(db, sql: sql, arguments: CaseRecords.arguments(parts.values)).map(CaseColumns.decode)
    }
}
