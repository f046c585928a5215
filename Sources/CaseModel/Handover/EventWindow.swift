import GRDB

/// Finding the events of a stretch of time without scanning the whole event table: event ids
/// grow with time (each is stamped with the clock when appended), so the first id of a window is
/// found by bisection on the primary key. A day's margin covers clocks that stepped back.
enum EventWindow {
    static let marginSeconds: Int64 = 86_400

    /// An id at or below the first event at or after `t` (0 when the table is empty).
    static func firstId(atOrAfter t: Instant, _ db: Database) throws -> Int64 {
        let target = t.seconds.addingClamped(-marginSeconds)
        guard let maxId = try Int64.fetchOne(db, sql: "SELECT max(id) FROM events") else { return 0 }
        var lo: Int64 = 1, hi = maxId
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            let at = try Int64.fetchOne(db, sql: "SELECT at FROM events WHERE id >= ? ORDER BY id LIMIT 1", arguments: [mid]) ?? Int64.max
            if at < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
