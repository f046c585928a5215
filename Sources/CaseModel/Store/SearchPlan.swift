import GRDB

/// How far a frequent-term plan reads before it gives the search back to the candidate plan
/// (docs/search-index.md, "Frequent terms"). Tests shrink it to walk a small desk in many steps.
struct SearchTuning: Sendable, Equatable {
    /// Rows checked by one statement during a walk.
    var batch = 250
    /// Rows read in due order before the matches found so far decide whether walking pays.
    var probe = 500
    /// The most rows a walk by the exact rule reads (each is a row read and the rule).
    var budget = 6_000
    /// From how many index candidates their ids are held to walk the due order against.
    var setThreshold = 2_000
    /// The most index candidates held that way.
    var setLimit = 150_000
    /// Below this many index candidates no walk is tried: reading the candidates themselves is
    /// cheaper (measured on 1,000,000 cases: 6,530 candidates 46 ms read directly, 127 ms walked;
    /// 15,373 even at 131 ms; 27,085 read 294 ms, walked 135 ms). Tests set 0 to walk a small desk.
    var direct = 12_000
    /// Ids read by one statement of a bounded count.
    var countStep = 1_000
    /// The most rows a bounded count reads with the exact rule before it counts exactly instead.
    var countBudget = 12_000

    static let standard = SearchTuning()
}

/// The plans for a search term that matches many cases: the first page by due time read in due
/// order (stopping at the page), and the count from the text index alone when the index provably
/// agrees with the rule (docs/search-index.md, "Frequent terms"). Each returns nil when it does not
/// apply, and the caller answers as before; none changes what matches.
enum SearchPlan {
    /// The page `filter` asks for (sorted by due time, dated cases first), or nil to use the
    /// candidate plan: the term is found often enough in due order that reading that order row by
    /// row with the exact rule, or against the index's candidate ids, stops early.
    static func duePage(_ filter: CaseFilter, limit: Int, _ db: Database) throws -> [ComplaintCase]? {
        let term = FilterSQL.searchTerm(filter)
        guard !term.isEmpty, !filter.scansText, filter.frequentTermPlans, limit > 0 else { return nil }
        // A whole identifier or case number is already a lookup on its own index.
        if CaseSearch.caseNumber(term) != nil || IdentifierScanner.whole(Identifiers.fold(term)) != nil { return nil }
        let tuning = filter.searchTuning
        let want = max(0, filter.offset).addingClamped(limit)
        var exact = filter
        exact.scansText = true
        let check = FilterSQL(exact)
        let open = filter.openness == .open ? " AND " + Schema.openCondition : ""
        let dated = "SELECT id FROM cases WHERE next_due_at IS NOT NULL\(open) ORDER BY next_due_at, id"
        let undated = "SELECT id FROM cases WHERE next_due_at IS NULL\(open) ORDER BY id"
        let scope = TextIndexScope.of(filter)
        let index = scope.table
        let match = CaseTextIndex.matchExpression(term, scope: scope)
        let values = match.map { CaseRecords.arguments($0.values) } ?? StatementArguments()

        // 0. Few candidates in the index: the candidate plan reads them all, faster than any walk.
        // Not asked for a term of one or two characters: its query is an OR of every trigram that
        // starts with it (险: 8 of them, e: 541), and merely counting its first 12,000 candidates
        // cost 60–110 ms on 1,000,000 cases, where the walk's first 500 rows (below) cost a few
        // and tell a rare term just as well (on the open cases' index too: e's OR has hundreds of
        // trigrams there as well).
        var walkFirst = true
        if let match, tuning.direct > 0, term.unicodeScalars.count >= 3 {
            let few = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT rowid FROM \(index) WHERE \(index) MATCH \(match.sql) LIMIT \(tuning.direct))",
                                       arguments: values) ?? 0
            // Fewer than 2,000: read them (a few milliseconds). Between that and 12,000: the
            // due order against their ids (step 2) reads only the rows it shows, where reading
            // every candidate cost 26 ms for 6,631 on 1,000,000 cases, and a walk by the rule
            // (step 1) would give up at so few matches anyway.
            if few < tuning.setThreshold { return nil }
            if few < tuning.direct { walkFirst = false }
        }

        // 1. Row by row with the exact rule, while the matches come often enough.
        if want <= tuning.budget, walkFirst {
            var walk = Walk(check: check, want: want, batch: tuning.batch)
            var walked = 0
            var gaveUp = false
            for source in [dated, undated] where !gaveUp && walk.found.count < want {
                let ids = try Int64.fetchCursor(db, sql: source)
                while walk.found.count < want, let id = try ids.next() {
                    walked += 1
                    try walk.add(id, db)
                    guard walked % tuning.batch == 0, walked >= tuning.probe else { continue }
                    try walk.flush(db)
                    // Rows still needed at the rate seen so far.
                    let rate = Double(walk.found.count) / Double(walked)
                    if walk.found.count < want, rate == 0 || Double(walked) + Double(want - walk.found.count) / rate > Double(tuning.budget) {
                        gaveUp = true
                        break
                    }
                }
                if !gaveUp { try walk.flush(db) }
            }
            if !gaveUp { return walk.page(offset: filter.offset, limit: limit) }
        }

        // 2. The due order against the index's candidate ids (index entries only, no rows), when
        // there are too many candidates to read them all and few enough to hold.
        guard let match else { return nil }
        // The ids read once, at most one past the limit (the index answers in rowid order).
        let candidates = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(index) WHERE \(index) MATCH \(match.sql) ORDER BY rowid LIMIT \(tuning.setLimit + 1)",
                                            arguments: values)
        guard candidates.count >= tuning.setThreshold, candidates.count <= tuning.setLimit else { return nil }
        let set = Set(candidates)
        var walk = Walk(check: check, want: want, batch: tuning.batch)
        let ids = try Int64.fetchCursor(db, sql: dated)
        while walk.found.count < want, let id = try ids.next() {
            if set.contains(id) { try walk.add(id, db) }
        }
        try walk.flush(db)
        if walk.found.count < want {
            // The undated cases in id order: the candidates themselves, checked for no due time.
            var undatedCheck = check
            undatedCheck.clauses.append("next_due_at IS NULL")
            var rest = Walk(check: undatedCheck, want: want - walk.found.count, batch: tuning.batch)
            for id in candidates where rest.found.count < rest.want { try rest.add(id, db) }
            try rest.flush(db)
            walk.found += rest.found
        }
        return walk.page(offset: filter.offset, limit: limit)
    }

    /// How many cases `filter` matches, from the text index alone, or nil when that could differ
    /// from the rule: only a plain term (`CaseSearch.isPlainText`) and no filter besides the
    /// reader's visibility and, for the queue, the open cases (then the open cases' index is
    /// counted). The index's count, less the hidden report cases and the few cases whose text the
    /// tokenizer folds differently from `LIKE` (both from partial indexes), plus those few checked
    /// by the rule, plus whole names and transfer numbers without the term in their text.
    static func count(_ filter: CaseFilter, _ db: Database) throws -> Int? {
        let term = FilterSQL.searchTerm(filter)
        var others = filter
        others.openness = .any
        guard !filter.scansText, filter.frequentTermPlans, filter.openness != .closed, others.searchesOnly,
              CaseSearch.isPlainText(term) else { return nil }
        let scope: TextIndexScope = filter.openness == .open ? .open : .all
        guard let match = CaseTextIndex.matchExpression(term, scope: scope) else { return nil }
        let folds = CaseTextIndex.foldsCondition
        let fromIndex = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM \(scope.table) WHERE \(scope.table) MATCH \(match.sql)
            AND rowid NOT IN (\(hiddenIds(filter))SELECT id FROM cases WHERE \(folds))
            """, arguments: CaseRecords.arguments(match.values)) ?? 0
        var exact = filter
        exact.scansText = true
        let rule = FilterSQL(exact)
        let odd = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE \(folds) AND " + rule.clauses.joined(separator: " AND "),
                                   arguments: CaseRecords.arguments(rule.values)) ?? 0
        let text = CaseSearch.textCondition(term)
        let visible = filter.visibility.sqlCondition.map { " AND " + $0 } ?? ""
        let open = scope == .open ? " AND " + Schema.openCondition : ""
        let extra = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM cases WHERE ((name = ? AND name <> '') OR regulator_ref = ?)\(visible)\(open)
            AND NOT \(folds) AND NOT \(text.sql)
            """, arguments: CaseRecords.arguments([.text(term), .text(term)] + text.values)) ?? 0
        return fromIndex.addingClamped(odd).addingClamped(extra)
    }

    /// How many cases `filter` matches when that is at most `cap`, or `.moreThan(cap)`, without
    /// reading every match; nil when the exact count is no dearer (docs/search-index.md, "Counts
    /// past a thousand"). Only for a list narrowed by nothing but the search and the reader's
    /// visibility (`list --search`): a plain term of three characters or more is stopped in the
    /// text index past the bound; any other term is read with the exact rule over the newest cases
    /// a thousand ids at a time, and given back as soon as its matches come too seldom to pass
    /// the bound within `tuning.countBudget` rows.
    static func countAtMost(_ filter: CaseFilter, cap: Int, _ db: Database) throws -> MatchCount? {
        let term = FilterSQL.searchTerm(filter)
        guard cap > 0, !term.isEmpty, !filter.scansText, filter.frequentTermPlans, filter.searchesOnly else { return nil }
        if CaseSearch.caseNumber(term) != nil || IdentifierScanner.whole(Identifiers.fold(term)) != nil { return nil }
        if term.unicodeScalars.count >= 3, CaseSearch.isPlainText(term), let match = CaseTextIndex.matchExpression(term) {
            // The index's matches less the hidden and the oddly folded ones are a lower bound of
            // the count (the rule adds the odd ones it accepts and whole names): past the bound
            // is past it; below, the exact count is as cheap.
            let fromIndex = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT rowid FROM \(CaseTextIndex.table) WHERE \(CaseTextIndex.table) MATCH \(match.sql)
                AND rowid NOT IN (\(hiddenIds(filter))SELECT id FROM cases WHERE \(CaseTextIndex.foldsCondition)) LIMIT \(cap + 1))
                """, arguments: CaseRecords.arguments(match.values)) ?? 0
            return fromIndex > cap ? .moreThan(cap) : nil
        }
        let tuning = filter.searchTuning
        var exact = filter
        exact.scansText = true
        let rule = FilterSQL(exact)
        let glue = rule.clauses.isEmpty ? "" : " AND " + rule.clauses.joined(separator: " AND ")
        let values = CaseRecords.arguments(rule.values)
        var high = try Int64.fetchOne(db, sql: "SELECT max(id) FROM cases") ?? 0
        var read: Int64 = 0, found = 0
        let step = Int64(max(1, tuning.countStep))
        while high > 0 {
            let low = max(0, high - step)
            found += try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE id > ? AND id <= ?\(glue)",
                                      arguments: [low, high] + values) ?? 0
            read += high - low
            high = low
            if found > cap { return .moreThan(cap) }
            guard read >= Int64(tuning.probe) else { continue }
            // Rows still needed at the rate seen so far, against what is left of the budget.
            let rate = Double(found) / Double(read)
            if rate == 0 || Double(cap + 1 - found) / rate > Double(Int64(tuning.countBudget) - read) { return nil }
        }
        return .exactly(found)
    }

    /// The ids a reader may not see, as the start of a `UNION ALL` (empty when all are shown).
    /// `INDEXED BY`: without statistics the planner scans the covering `cases_received` (a
    /// million entries, ~100 ms) for `kind = 'report'` rather than this partial index's few ids.
    private static func hiddenIds(_ filter: CaseFilter) -> String {
        filter.visibility.sqlCondition == nil ? "" : "SELECT id FROM cases INDEXED BY cases_report WHERE kind = 'report' UNION ALL "
    }

    /// Ids in order, checked by the rule a batch at a time; the matching cases kept in that order.
    private struct Walk {
        let check: FilterSQL
        let want: Int
        let batch: Int
        var pending: [Int64] = []
        var found: [ComplaintCase] = []

        init(check: FilterSQL, want: Int, batch: Int) {
            self.check = check; self.want = want; self.batch = max(1, batch)
        }

        mutating func add(_ id: Int64, _ db: Database) throws {
            pending.append(id)
            if pending.count >= batch { try flush(db) }
        }

        mutating func flush(_ db: Database) throws {
            guard !pending.isEmpty, found.count < want else { pending = []; return }
            let ids = pending
            pending = []
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let glue = check.clauses.isEmpty ? "" : " AND " + check.clauses.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: "SELECT \(CaseColumns.selectList) FROM cases WHERE id IN (\(marks))\(glue)",
                                        arguments: StatementArguments(ids) + CaseRecords.arguments(check.values))
            var byId: [Int64: ComplaintCase] = [:]
            for row in rows {
                let c = try CaseColumns.decode(row)
                if let id = c.id { byId[id] = c }
            }
            for id in ids where found.count < want {
                if let c = byId[id] { found.append(c) }
            }
        }

        func page(offset: Int, limit: Int) -> [ComplaintCase] {
            Array(found.dropFirst(max(0, offset)).prefix(limit))
        }
    }
}
