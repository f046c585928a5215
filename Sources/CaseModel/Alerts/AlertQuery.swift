import GRDB

/// The SQL behind every filtered alert read and acknowledgement: one WHERE clause, so a list, its
/// count, its groups and an acknowledgement by the same filter always take the same alerts.
struct AlertQuery {
    /// `FROM alerts a LEFT JOIN cases c … WHERE …`.
    let fromWhere: String
    let arguments: StatementArguments
    /// When the reader last looked (nil: never, so everything is new).
    let lastLooked: Instant?
    /// Display names by login.
    let names: [String: String]

    /// The branch an alert concerns: its case's, its crisis event's, or the branch a rate alert is about.
    static let branchSQL = """
        coalesce(c.branch, CASE WHEN a.rule = 'branch-valid-rate' AND length(a.subject) > 8 THEN substr(a.subject, 1, length(a.subject) - 8)
            WHEN a.case_number IS NULL AND a.subject LIKE 'event-%' THEN (SELECT e.branch FROM crisis_events e WHERE e.id = CAST(substr(a.subject, 7) AS INTEGER)) END, '')
        """
    /// The handler an alert concerns: its case's, or the handler a load alert is about.
    static let handlerSQL = "coalesce(c.handler, CASE WHEN a.rule = 'handler-load' THEN a.subject END)"
    static let levelRank = "CASE a.level WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END"
    /// `AlertRecords.columns` on `a`, then the branch (10) and the handler (11).
    static let itemColumns = AlertRecords.columns.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        + ", \(branchSQL), \(handlerSQL)"

    /// Builds the query for a reader already resolved from the roster (inside the caller's transaction).
    init(_ filter: AlertListFilter, actor: Actor, policy: DeskPolicy, _ db: Database) throws {
        var sql = "FROM alerts a LEFT JOIN cases c ON c.number = a.case_number WHERE a.cleared_at IS NULL"
        var args: [DatabaseValueConvertible?] = []
        sql += AlertRecords.visibleCondition(CaseVisibility.of(actor.role), alias: "a.")
        if let level = filter.level { sql += " AND a.level = ?"; args.append(level.rawValue) }
        if let rule = filter.rule { sql += " AND a.rule = ?"; args.append(rule.rawValue) }
        if let ack = filter.acknowledged { sql += ack ? " AND a.acknowledged_at IS NOT NULL" : " AND a.acknowledged_at IS NULL" }
        if let branch = filter.branch { sql += " AND \(Self.branchSQL) = ?"; args.append(branch) }
        // "" selects alerts about no handler (unassigned cases), as the handler groups name them.
        if let handler = filter.handler {
            // Named by login or by a display name only one user has (李强 → liqiang).
            let login = handler.isEmpty ? "" : try Roster.resolve(handler, db)?.name ?? handler
            sql += " AND coalesce(\(Self.handlerSQL), '') = ?"
            args.append(login)
        }
        func selectors(_ list: [AlertSelector]) {
            guard !list.isEmpty else { sql += " AND 0"; return }
            sql += " AND (" + list.map { s in
                args.append(s.rule.rawValue)
                guard let stage = s.stage else { return "a.rule = ?" }
                args.append("%:" + stage.rawValue)
                return "(a.rule = ? AND a.subject LIKE ?)"
            }.joined(separator: " OR ") + ")"
        }
        if let list = filter.selectors { selectors(list) }
        if filter.view == .roleDefault {
            let view = policy.alertViews.view(for: actor.role)
            if let list = view.selectors { selectors(list) }
            if view.ownCasesOnly { sql += " AND (a.case_number IS NULL OR c.handler = ?)"; args.append(actor.name) }
        }
        let looked = try AlertReaders.lastLooked(actor.name, db)
        if filter.onlyNew, let looked { sql += " AND a.raised_at > ?"; args.append(looked.seconds) }
        fromWhere = sql
        arguments = StatementArguments(args)
        lastLooked = looked
        names = try AlertRecords.displayNames(db)
    }

    /// How many alerts match.
    func count(_ db: Database) throws -> Int {
        let row = try Row.fetchOne(db, sql: "SELECT count(*) \(fromWhere)", arguments: arguments)!
        return try StoredRow(row, "alerts") { "matching alerts" }.count(0, "count")
    }

    /// Whether an alert raised at `at` is new to this reader.
    func isNew(_ at: Instant) -> Bool { lastLooked.map { at > $0 } ?? true }

    /// Items from rows of `itemColumns`, their texts rendered from the cases as they are now.
    static func items(_ rows: [Row], _ q: AlertQuery, desk: CaseDesk, now: Instant, _ db: Database) throws -> [AlertListItem] {
        var items: [AlertListItem] = []
        for row in rows {
            guard let a = try AlertRecords.decode(row) else { continue }
            let r = StoredRow(row, "alerts") { "alert \(a.id)" }
            let handler = try r.optText(11, "handler")
            items.append(AlertListItem(alert: a, branch: try r.optText(10, "branch") ?? "", handler: handler,
                                       handlerName: handler.map { q.names[$0] ?? $0 }, isNew: q.isNew(a.raisedAt)))
        }
        let fresh = try AlertFacts.current(items.map(\.alert), policy: desk.policy, now: now, names: q.names, db)
        for i in items.indices { items[i].alert = fresh[i] }
        return items
    }
}

/// Renders case alerts again from their cases as they are now (`AlertText`).
enum AlertFacts {
    /// The alerts with their texts rendered from the current case; alerts about no case, or whose
    /// rule no longer has what it speaks of, keep their stored text.
    static func current(_ alerts: [DeskAlert], policy: DeskPolicy, now: Instant, names: [String: String], _ db: Database) throws -> [DeskAlert] {
        let numbers = Array(Set(alerts.compactMap(\.caseNumber)))
        guard !numbers.isEmpty else { return alerts }
        var cases: [String: ComplaintCase] = [:]
        var start = 0
        while start < numbers.count {
            let chunk = Array(numbers[start..<min(numbers.count, start + 500)])
            start += chunk.count
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT \(CaseColumns.selectList) FROM cases WHERE number IN (\(marks))", arguments: StatementArguments(chunk)) {
                let c = try CaseColumns.decode(row)
                cases[c.number] = c
            }
        }
        var clocks: [String: [StageClock]] = [:]
        return alerts.map { a in
            guard let n = a.caseNumber, let c = cases[n] else { return a }
            let k = clocks[n] ?? policy.clocks(of: c)
            clocks[n] = k
            guard let text = AlertText.render(rule: a.rule, subject: a.subject, case: c, clocks: k, policy: policy, now: now, names: names) else { return a }
            var out = a
            out.messageZh = text.zh
            out.messageEn = text.en
            return out
        }
    }
}
