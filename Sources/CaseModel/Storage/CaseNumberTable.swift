import GRDB

/// The SQLite gateway for the general track's day counters (`case_sequences`): the only SQL that
/// writes them (docs/storage-boundary.md). Report numbers (举报件) are random and count nothing.
enum CaseNumberTable: CaseNumberStore {
    static func takeNext(day: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "INSERT INTO case_sequences (day, last) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last",
                         arguments: [day]) ?? 1
    }

    static func setLast(day: String, _ last: Int, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO case_sequences (day, last) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET last = excluded.last",
                       arguments: [day, last])
    }
}
