import Foundation
import GRDB

extension CaseStore {
    /// How many times a write is run again when the backend moved under it before it is given up.
    static let writeThroughAttempts = 5

    /// Runs `body` as a rehearsal on this file (a host's copy) and sends the rows it changed to
    /// `target`; when the backend moved in between (another console saved first), catches up
    /// and runs `body` again, so the command's own checks (versions, workflow) decide on the
    /// fresh rows: a real conflict is then the command's named conflict, as on a file.
    func rehearse<T>(_ body: (Database) throws -> T, sendingTo target: DeskWriteThrough, key: AuditKey) throws -> T {
        let tables = try DeskTransfer.currentTables()
        for attempt in 1...Self.writeThroughAttempts {
            let basis = try target.basis()
            var changes: [DeskRowChange] = []
            let result: T
            do {
                result = try writer().writeWithoutTransaction { db in
                    guard let capture = RowChangeCapture.of(db) else {
                        throw StoreError.other(path: path, message: "the host's copy has no audit capture; nothing was saved")
                    }
                    capture.adopt(key)
                    let recorder = WriteThroughRecorder(tables: tables)
                    capture.writeThrough = recorder
                    defer { capture.writeThrough = nil }
                    var out: T?
                    try db.inTransaction(.immediate) {
                        try capture.begin(db)
                        try AuditChain.follow(db, id: basis.headId, hash: basis.headHash)
                        out = try RowIDs.during(db, basis.highestIds) { try body(db) }
                        if let why = recorder.failure { throw StoreError.other(path: path, message: "\(why); nothing was saved") }
                        changes = recorder.changes
                        // The copy is the server's to change (its follower): this transaction only rehearsed.
                        return .rollback
                    }
                    return out!
                }
            } catch let error as DatabaseError {
                throw StoreError.from(error, path: path)
            }
            if changes.isEmpty { return result }
            do {
                try target.send(changes, basis: basis)
            } catch DeskWriteThroughError.moved where attempt < Self.writeThroughAttempts {
                try target.catchUp()
                continue
            } catch DeskWriteThroughError.moved {
                throw StoreError.busy(path)
            } catch let DeskWriteThroughError.refused(table, login) {
                throw DomainError.notPermitted(.backendRefused(table: table, login: login))
            }
            // The console sees its own change at once, not at the next notice.
            try? target.catchUp()
            return result
        }
        throw StoreError.busy(path)
    }
}
