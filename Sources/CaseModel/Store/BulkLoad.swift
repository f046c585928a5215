import GRDB

/// Loading many rows at once: the secondary indexes are dropped and built again at the end, inside
/// the same transaction, because building an index over sorted data is several times cheaper than
/// inserting a million random keys into it one by one. Other consoles keep reading the committed
/// snapshot (with its indexes) until the load commits; a crash leaves the file as it was.
///
/// A load that only inserts cases also fills the text indexes after the rows, in one statement
/// each, instead of by their triggers: SQLite opens a statement savepoint for every insert into
/// `cases` (its triggers can abort it), and FTS5 writes its pending terms to disk at every
/// savepoint, so through the triggers each case became a segment of its own, merged again and
/// again — most of a million-case load's time (docs/bulk-data.md, "Bulk loads").
enum BulkLoad {
    /// FTS5's buffer (`hashsize`) during a bulk load: 1,000,000 cases' text indexed in 8.8 s of
    /// CPU with 8 MB against 11.6 s with the default 1 MB (32 MB: 6.7 s, 64 MB: 6.2 s). Not more:
    /// the buffer is resident on top of the page cache, and a mapped import of a 1 GB file keeps
    /// under 200 MB (with 32 MB it peaked at 213 MB).
    static let textBufferBytes = 8 << 20
    /// FTS5's default buffer, put back when the load ends.
    static let defaultTextBufferBytes = 1 << 20

    /// What a load changed for its duration and puts back at the end.
    struct Plan {
        /// The statements that recreate the dropped indexes.
        var dropped: [String] = []
        /// Whether the text indexes' buffers were widened.
        var widened = false
        /// The text indexes' triggers, dropped for the load (their stored SQL, recreated as it was).
        var textTriggers: [String] = []
        /// The last case before the load: the cases after it are indexed at the end.
        var lastCaseBefore: Int64 = 0
    }

    /// Whether a load that may bring `incoming` new cases into a desk holding `existing` is a bulk
    /// load: it brings more cases than the desk holds (and at least a few thousand), so building
    /// the indexes again from sorted data costs less than the random inserts it saves; a small
    /// file into a big desk keeps them (rebuilding a million cases' indexes for a thousand new
    /// ones would cost more than it saves).
    static func isBulk(incoming: Int, existing: Int) -> Bool {
        incoming > max(existing, 5_000)
    }

    /// The cases a load by `role` weighs itself against: those the role sees. Counting the report
    /// cases (举报件) too would let the speed of an import tell someone who may not see them how
    /// many there are (docs/access-control.md, "No count that moves").
    static func existingCases(visibleTo role: Role?, _ db: Database) throws -> Int {
        let hidden = CaseVisibility.of(role).sqlCondition.map { " WHERE \($0)" } ?? ""
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM cases" + hidden) ?? 0
    }

    /// Starts a bulk load inside the caller's transaction: drops the secondary indexes of `cases`
    /// and `events` (not the unique constraints, nor those in `keep` that the load itself queries)
    /// and widens the text indexes' buffers. With `insertsOnly` — the load inserts cases and
    /// changes no text of a case it did not insert — the text indexes' triggers are dropped too
    /// and `end` indexes the new cases in one statement. `end` puts everything back.
    static func begin(keep: Set<String>, insertsOnly: Bool, _ db: Database) throws -> Plan {
        var plan = Plan()
        if insertsOnly {
            plan.lastCaseBefore = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM cases") ?? 0
            let names = (CaseTextIndex.triggers + CaseTextIndex.openTriggers).map(\.name)
            for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'cases' ORDER BY name") {
                let name: String = row[0]
                guard names.contains(name) else { continue }
                plan.textTriggers.append(row[1])
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
        }
        plan.dropped = try dropIndexes(keep: keep, db)
        try setTextBuffers(textBufferBytes, db)
        plan.widened = true
        return plan
    }

    /// Ends a bulk load: indexes the new cases' text (when the triggers were dropped) and puts the
    /// triggers back, recreates the indexes and gives the text indexes their usual buffer (in the
    /// same transaction, so a failed load leaves none of these changes behind).
    static func end(_ plan: Plan, _ db: Database) throws {
        if !plan.textTriggers.isEmpty {
            // The documents exactly as the triggers would have written them (the delete triggers
            // must later give the same text back to remove them).
            try db.execute(sql: "INSERT INTO \(CaseTextIndex.table)(rowid, text) SELECT id, \(CaseTextIndex.document("")) FROM cases WHERE id > ?",
                           arguments: [plan.lastCaseBefore])
            try db.execute(sql: "INSERT INTO \(CaseTextIndex.openTable)(rowid, text) SELECT id, \(CaseTextIndex.document("")) FROM cases WHERE id > ? AND \(Schema.openCondition)",
                           arguments: [plan.lastCaseBefore])
            for sql in plan.textTriggers { try db.execute(sql: sql) }
        }
        // SQLite sorts each new index in memory up to the page cache's size, on top of the cache
        // itself: with the connection's 64 MB a load peaked above 200 MB here. 16 MB keeps it
        // lower for ≈ 15% more time per index (docs/bulk-data.md, "Bulk loads").
        try PageCache.with(kibibytes: indexBuildCacheKiB, db) { try recreate(plan.dropped, db) }
        if plan.widened { try setTextBuffers(defaultTextBufferBytes, db) }
    }

    /// The page cache while the indexes are built again (KiB), which also bounds SQLite's sorter.
    static let indexBuildCacheKiB = 16384

    /// Drops the secondary indexes of `cases` and `events` (not the unique constraints, nor the
    /// indexes in `keep` that the load itself queries); returns the SQL that recreates them.
    static func dropIndexes(keep: Set<String>, _ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name IN ('cases', 'events') AND sql IS NOT NULL ORDER BY name
            """)
        var recreate: [String] = []
        for row in rows {
            let name: String = row[0]
            if keep.contains(name) { continue }
            recreate.append(row[1])
            try db.execute(sql: "DROP INDEX \(name)")
        }
        return recreate
    }

    /// Recreates dropped indexes.
    static func recreate(_ statements: [String], _ db: Database) throws {
        for sql in statements { try db.execute(sql: sql) }
    }

    /// Sets both text indexes' in-memory buffer (an FTS5 setting kept in the index's own config
    /// table, so it is part of the transaction).
    private static func setTextBuffers(_ bytes: Int, _ db: Database) throws {
        for scope in [TextIndexScope.all, .open] {
            try db.execute(sql: "INSERT INTO \(scope.table)(\(scope.table), rank) VALUES ('hashsize', ?)", arguments: [bytes])
        }
    }
}
