import Foundation
import GRDB

/// The id a new row takes when the file is not the whole desk: on a host's copy of a server
/// desk, rows the login may not see (report cases, their alerts and penalties) still hold ids,
/// so a new row takes the next after the server's highest, not the copy's
/// (`DeskWriteBasis.highestIds`). On a desk file it is nil: SQLite picks `max(id) + 1` itself.
enum RowIDs {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var floors: [ObjectIdentifier: [String: Int64]] = [:]

    /// Runs `body` (a rehearsed write's transaction) with the backend's highest ids in force.
    static func during<T>(_ db: Database, _ highest: [String: Int64], _ body: () throws -> T) rethrows -> T {
        let key = ObjectIdentifier(db)
        lock.lock(); floors[key] = highest; lock.unlock()
        defer { lock.lock(); floors[key] = nil; lock.unlock() }
        return try body()
    }

    /// The id to give a new row of `table` explicitly, or nil to let SQLite choose.
    static func next(_ table: String, _ db: Database) throws -> Int64? {
        lock.lock()
        let floor = floors[ObjectIdentifier(db)]?[table]
        lock.unlock()
        guard let floor else { return nil }
        let local = try Int64.fetchOne(db, sql: "SELECT max(id) FROM \"\(table)\"") ?? 0
        return max(local, floor) + 1
    }
}
