import GRDB

/// The page cache of one connection, resized for one piece of work and given back after.
///
/// A scan reads each page once, so a small cache keeps an export or a report in flat memory; an
/// index build sorts within the cache's size, so a smaller one bounds its peak
/// (docs/bulk-data.md). The connection's own size comes back when the work ends, however it ends.
enum PageCache {
    /// Runs `body` with the page cache of `db` at `kibibytes`, then restores the size it had.
    static func with<T>(kibibytes: Int, _ db: Database, _ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }
}
