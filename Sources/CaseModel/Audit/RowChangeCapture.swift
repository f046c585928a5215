import Foundation
import GRDB
import GRDBSQLite

/// Records every change to an audited table made on one connection, so that the next event the
/// transaction appends carries it (`events.row_changes`, docs/audit-trail.md).
///
/// Changes are seen through SQLite's pre-update hook, below every write path: a command that
/// forgets to describe what it changed cannot leave a change out of the trail, and a change made
/// after a transaction's last event is left without one, which `audit verify` then reports.
/// The hook is part of libsqlite3 builds with SQLITE_ENABLE_PREUPDATE_HOOK (Debian, Ubuntu);
/// without it writes are refused rather than left unaudited.
final class RowChangeCapture: @unchecked Sendable {
    /// The database file (as the store was opened): its key file sits beside it.
    let databasePath: String
    /// Whether the desk's files beside the database are read with the service group's rights
    /// (a shared desk, docs/trust-model.md).
    let groupRights: Bool
    /// The desk's key, once loaded (nil: missing or unreadable, see `keyProblem`).
    private var loadedKey: AuditKey?
    /// The desk's key: loaded again while it is missing (a reader opened before the migration
    /// that created it, or a key file restored while the console runs).
    var key: AuditKey? {
        if loadedKey == nil {
            do { loadedKey = try withDeskRights { try AuditKey.load(forDatabase: databasePath) }; keyProblem = nil } catch { keyProblem = error }
        }
        return loadedKey
    }
    private var keyProblem: Error?
    /// Whether the key was checked against the newest event on this connection.
    private var keyConfirmed = false
    /// Set while migrations run: they change the schema, not audited rows.
    var paused = false
    /// Set while a command is rehearsed for a backend (`DeskWriteThrough`): records the rows it
    /// changes for sending.
    var writeThrough: WriteThroughRecorder?
    /// Why a change could not be recorded in this transaction (then the next event is refused).
    private var failure: String?
    /// Why this connection cannot record changes at all.
    private var unsupported: String?
    private var pending: [UInt8] = []
    /// Each audited table's shape, by its place in `AuditedTable.all` (nil: no such table).
    private var shapes: [TableShape?] = []
    private var schemaVersion: Int64 = -1
    private var digestBuffer: [UInt8] = []
    private var jsonBuffer: [UInt8] = []
    private var fieldBuffer: [UInt8] = []

    private init(databasePath: String, groupRights: Bool) {
        self.groupRights = groupRights
        self.databasePath = databasePath
        digestBuffer.reserveCapacity(2048)
        pending.reserveCapacity(4096)
    }

    // MARK: the registry of connections

    private static let lock = NSLock()
    nonisolated(unsafe) private static var byConnection: [OpaquePointer: RowChangeCapture] = [:]

    /// Attaches a capture to a connection of the store at `databasePath` (every connection the
    /// store opens: readers use its key to verify the chain; writers also install the hook).
    /// Runs `body` with the rights the desk's own files need (the group's on a shared desk).
    func withDeskRights<T>(_ body: () throws -> T) rethrows -> T {
        groupRights ? try DeskPrivilege.withGroupRights(body) : try body()
    }

    static func install(_ db: Database, databasePath: String, writable: Bool, groupRights: Bool) {
        let capture = RowChangeCapture(databasePath: databasePath, groupRights: groupRights)
        guard let conn = db.sqliteConnection else { return }
        lock.lock(); byConnection[conn] = capture; lock.unlock()
        guard writable else { return }
        guard let hook = PreUpdateHook.shared else {
            capture.unsupported = "this SQLite library (\(String(cString: sqlite3_libversion()))) was built without the pre-update hook that the audit trail needs (SQLITE_ENABLE_PREUPDATE_HOOK)"
            return
        }
        _ = hook.install(conn, preUpdateCallback, Unmanaged.passUnretained(capture).toOpaque())
    }

    /// The capture of a connection the store opened, or nil.
    static func of(_ db: Database) -> RowChangeCapture? {
        guard let conn = db.sqliteConnection else { return nil }
        lock.lock(); defer { lock.unlock() }
        return byConnection[conn]
    }

    // MARK: transactions

    /// Starts a write transaction: refuses it when the trail cannot be extended (every write
    /// appends an event; better to say so before the work than as a failure of each row),
    /// forgets what an earlier, rolled-back one left, and reloads the audited tables' columns
    /// when the schema changed.
    func begin(_ db: Database) throws {
        _ = try requireKey(db)
        pending.removeAll(keepingCapacity: true)
        failure = nil
        let version = try Int64.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        if version != schemaVersion {
            shapes = try AuditedTable.all.map { t in
                let names = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [t.name])
                return names.isEmpty ? nil : TableShape(t, columns: names)
            }
            schemaVersion = version
        }
    }

    /// The row changes recorded since the last event (nil when none), for the event being appended.
    func take() throws -> [UInt8]? {
        if let why = unsupported ?? failure { throw StoreError.other(path: databasePath, message: "\(why); nothing was saved") }
        if pending.isEmpty { return nil }
        let out = pending
        pending.removeAll(keepingCapacity: true)
        return out
    }

    /// Adds row records written by the caller (the migration's baseline) for the next event.
    func stage(_ lines: [UInt8]) { pending += lines }

    /// Uses a key just created or loaded by the migration that keys the chain; the chain's head is
    /// then still a plain SHA-256 link, so there is nothing to confirm the key against.
    func adopt(_ key: AuditKey) {
        loadedKey = key
        keyProblem = nil
        keyConfirmed = true
    }

    /// The key a new event is linked with. Refuses when there is none, or (checked once per
    /// connection) when the newest event does not verify with it: a wrong key file would
    /// otherwise extend the trail with links nobody can check.
    func requireKey(_ db: Database) throws -> AuditKey {
        guard let key else {
            let why = keyProblem.map { "\($0)" } ?? "\(AuditKey.path(forDatabase: databasePath)): the desk's audit key is missing"
            throw StoreError.other(path: databasePath, message: "cannot extend the audit trail: \(why); nothing was saved (restore the key file from the backup made with the database; docs/audit-trail.md)")
        }
        if !keyConfirmed {
            if try !AuditChain.headVerifies(with: key, db) {
                throw StoreError.other(path: databasePath, message: "cannot extend the audit trail: the newest event does not verify with \(AuditKey.path(forDatabase: databasePath)) (a key file from another desk, or a tampered trail); nothing was saved; run `console audit verify`")
            }
            keyConfirmed = true
        }
        return key
    }

    // MARK: recording (inside sqlite3_step, through the hook)

    fileprivate func record(_ conn: OpaquePointer, op: Int32, table name: UnsafePointer<CChar>, hook: PreUpdateHook) {
        guard !paused else { return }
        writeThrough?.record(conn, op: op, table: name, hook: hook)
        guard let index = AuditedTable.index(of: name) else { return }
        guard let key = loadedKey else {
            failure = failure ?? "cannot record a change to \(String(cString: name)) without the desk's audit key"
            return
        }
        guard index < shapes.count, let shape = shapes[index] else {
            failure = "the audit trail does not know the columns of \(String(cString: name)) in this transaction"
            return
        }
        let n = Int(hook.count(conn))
        guard n == shape.columns.count else {
            failure = "the columns of \(String(cString: name)) changed during the transaction"
            return
        }
        let table = shape.table
        switch op {
        case SQLITE_INSERT:
            shape.appendInsert({ i in
                var v: OpaquePointer?
                return hook.new(conn, Int32(i), &v) == SQLITE_OK ? v : nil
            }, key: key, canonical: &digestBuffer, json: &jsonBuffer, field: &fieldBuffer, into: &pending)
        case SQLITE_DELETE:
            let old = hook.values(conn, n, old: true)
            RowChange.append(.delete, table: table.name, key: RowChange.keyText(shape.keyIndexes.map { old[$0] }), digest: "", values: [], into: &pending)
        default:
            let old = hook.values(conn, n, old: true)
            let new = hook.values(conn, n, old: false)
            let oldKey = shape.keyIndexes.map { old[$0] }, newKey = shape.keyIndexes.map { new[$0] }
            if oldKey != newKey {
                RowChange.append(.delete, table: table.name, key: RowChange.keyText(oldKey), digest: "", values: [], into: &pending)
                shape.appendInsert({ i in
                    var v: OpaquePointer?
                    return hook.new(conn, Int32(i), &v) == SQLITE_OK ? v : nil
                }, key: key, canonical: &digestBuffer, json: &jsonBuffer, field: &fieldBuffer, into: &pending)
                return
            }
            var json: [UInt8] = [0x7b]
            for i in 0..<n where old[i] != new[i] {
                if json.count > 1 { json.append(0x2c) }
                AuditValue.jsonString(shape.columns[i].utf8, into: &json)
                json.append(0x3a)
                new[i].recorded(table, shape.columns[i], key.mac).json(into: &json)
            }
            if json.count == 1 { return }
            json.append(0x7d)
            let digest = RowImage.digest(table.name, columns: shape.columns, values: new, key: key, buffer: &digestBuffer)
            RowChange.append(.update, table: table.name, key: RowChange.keyText(newKey), digest: digest, values: json, into: &pending)
        }
    }

    /// Every column in order as a JSON array, trailing NULLs left off.
    static func positional(_ table: AuditedTable, _ cols: [String], _ values: [AuditValue], _ mac: AuditMAC) -> [UInt8] {
        var last = values.count
        while last > 0 && values[last - 1].isNull { last -= 1 }
        var json: [UInt8] = [0x5b]
        json.reserveCapacity(1024)
        for i in 0..<last {
            if i > 0 { json.append(0x2c) }
            values[i].recorded(table, cols[i], mac).json(into: &json)
        }
        json.append(0x5d)
        return json
    }
}

private let preUpdateCallback: PreUpdateHook.Callback = { ctx, conn, op, schema, table, _, _ in
    guard let ctx, let conn, let schema, let table, let hook = PreUpdateHook.shared,
          strcmp(schema, "main") == 0 else { return }
    let capture = Unmanaged<RowChangeCapture>.fromOpaque(ctx).takeUnretainedValue()
    capture.record(conn, op: op, table: table, hook: hook)
}
