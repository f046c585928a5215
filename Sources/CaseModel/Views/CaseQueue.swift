/// A column the case queue can be sorted by.
public enum QueueSort: String, Sendable, CaseIterable {
    case due, number, severity, category, kind, status, handler, received, branch
}

/// The case queue's filter and sort.
public struct QueueQuery: Equatable, Sendable {
    public var filter: CaseFilter
    public var sort: QueueSort = .due
    public var descending = false

    /// An open-cases queue sorted by due time.
    public init(filter: CaseFilter = QueueQuery.openCases) { self.filter = filter }

    /// The default filter: open cases.
    public static var openCases: CaseFilter { var f = CaseFilter(); f.openness = .open; return f }
}

/// One page of the case queue and how many cases match in all.
public struct QueuePage: Sendable {
    public var query: QueueQuery
    public var offset: Int
    public var rows: [CaseRow]
    public var total: Int
    /// Creates a page.
    public init(query: QueueQuery, offset: Int, rows: [CaseRow], total: Int) {
        self.query = query; self.offset = offset; self.rows = rows; self.total = total
    }
}

extension CaseDesk {
    /// `limit` rows of the queue from `offset`, as `actor` may see them (paged in SQL: a million
    /// cases are never loaded at once), with the number of matching cases.
    public func queuePage(_ query: QueueQuery, offset: Int, limit: Int, actor: Actor) throws -> QueuePage {
        var filter = query.filter
        let (rows, total) = try store.read { db in
            filter.visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            return (try ConsoleQueries.page(filter, sort: query.sort, descending: query.descending, offset: offset, limit: limit, db),
                    try CaseRecords.count(filter, db))
        }
        return QueuePage(query: query, offset: offset, rows: rows.map { CaseRow($0, clocks: clocks(of: $0)) }, total: total)
    }

    /// Branches that have open cases `actor` may see, by name (the branch filters).
    public func openBranches(actor: Actor) throws -> [String] {
        try store.read { db in
            try ConsoleQueries.openBranches(visibility: CaseVisibility.of(try Permissions.require(.readCases, actor, db).role), db)
        }
    }
}
