import GRDB

/// Loading many rows at once: the secondary indexes are dropped and built again at the end, inside
/// the same transaction, because building an index over sorted data is several times cheaper than
/// inserting a million random keys into it one by one. Other consoles keep reading the committed
/// snapshot (with its indexes) until the load commits; a crash leaves the file as it was.
enum BulkLoad {
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
}
