import GRDB
import GRDBSQLite

/// The SQLite gateway for which case each source row became (`import_keys`): the only SQL that
/// writes it (a migration aside, docs/storage-boundary.md). The statement is cached and bound
/// straight to SQLite: a mapped import of millions of rows runs through it.
enum ImportKeyTable: ImportKeyStore {
    static func save(source: String, id: String, caseId: Int64, hash: Int64, at now: Instant, _ db: Database) throws {
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO import_keys (source, source_id, case_id, row_hash, imported_at) VALUES (?,?,?,?,?)
            ON CONFLICT(source, source_id) DO UPDATE SET case_id = excluded.case_id, row_hash = excluded.row_hash, imported_at = excluded.imported_at
            """)
        try CaseRecords.step(stmt, db) { s in
            CaseRecords.bindText(s, 1, source)
            CaseRecords.bindText(s, 2, id)
            sqlite3_bind_int64(s, 3, caseId)
            sqlite3_bind_int64(s, 4, hash)
            sqlite3_bind_int64(s, 5, now.seconds)
        }
    }
}
