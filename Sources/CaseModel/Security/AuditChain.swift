import Foundation
import GRDB
import GRDBSQLite

/// The tamper-evident audit trail: every event carries the SHA-256 hash of the one before it.
///
/// `hash = SHA-256(prev_hash ‖ canonical(event))`, where `canonical` is the event's stored
/// columns, each length-prefixed (so no two different events encode alike), and the first event's
/// `prev_hash` is 32 zero bytes. Changing, deleting, inserting or reordering a row breaks the link
/// at that row; `verify` walks the chain and reports the first break. SQL triggers refuse UPDATE
/// and DELETE through the product, and INSERT without a hash, so only `CaseRecords.append` adds events.
///
/// Writers hold the write lock for a whole transaction, so the chain's head is read once per
/// transaction and then kept in memory (`ChainHead`): a bulk import hashes each event without a
/// SELECT. The cache is dropped when the transaction commits or rolls back.
public enum AuditChain {
    /// The previous hash of the first event.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// The columns an event is hashed over, as stored.
    struct Fields {
        var id: Int64
        var caseId: Int64?
        var at: Int64
        var actor: String
        var action: String
        var fromStatus: String?
        var toStatus: String?
        var detail: String
    }

    /// The hash linking an event to `prev`.
    static func hash(prev: [UInt8], _ f: Fields) -> [UInt8] {
        var buffer = [UInt8]()
        buffer.reserveCapacity(96 + f.actor.utf8.count + f.action.utf8.count + f.detail.utf8.count)
        return hash(prev: prev, f, buffer: &buffer)
    }

    /// The same, encoding into a buffer the caller keeps (bulk writers: no allocation per event).
    static func hash(prev: [UInt8], _ f: Fields, buffer: inout [UInt8]) -> [UInt8] {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: prev)
        appendInt(&buffer, f.id)
        appendOptionalInt(&buffer, f.caseId)
        appendInt(&buffer, f.at)
        appendText(&buffer, f.actor.utf8)
        appendText(&buffer, f.action.utf8)
        appendOptionalText(&buffer, f.fromStatus?.utf8)
        appendOptionalText(&buffer, f.toStatus?.utf8)
        appendText(&buffer, f.detail.utf8)
        return SHA256.hash(buffer)
    }

    // MARK: canonical encoding

    @inline(__always) static func appendInt(_ b: inout [UInt8], _ v: Int64) {
        let u = UInt64(bitPattern: v)
        for s in stride(from: 56, through: 0, by: -8) { b.append(UInt8(truncatingIfNeeded: u >> UInt64(s))) }
    }
    @inline(__always) static func appendOptionalInt(_ b: inout [UInt8], _ v: Int64?) {
        if let v { b.append(1); appendInt(&b, v) } else { b.append(0) }
    }
    @inline(__always) static func appendText<C: Collection>(_ b: inout [UInt8], _ bytes: C) where C.Element == UInt8 {
        let n = UInt32(truncatingIfNeeded: bytes.count)
        b.append(UInt8(n >> 24)); b.append(UInt8(truncatingIfNeeded: n >> 16)); b.append(UInt8(truncatingIfNeeded: n >> 8)); b.append(UInt8(truncatingIfNeeded: n))
        b.append(contentsOf: bytes)
    }
    @inline(__always) static func appendOptionalText<C: Collection>(_ b: inout [UInt8], _ bytes: C?) where C.Element == UInt8 {
        if let bytes { b.append(1); appendText(&b, bytes) } else { b.append(0) }
    }

    // MARK: the head, cached per transaction

    /// The newest event's id and hash.
    final class ChainHead: @unchecked Sendable {
        var lastId: Int64
        var lastHash: [UInt8]
        /// Reused for each event's canonical bytes.
        var buffer: [UInt8] = []
        init(lastId: Int64, lastHash: [UInt8]) {
            self.lastId = lastId; self.lastHash = lastHash
            buffer.reserveCapacity(1024)
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var heads: [ObjectIdentifier: ChainHead] = [:]

    /// The chain's head for this connection's current transaction: read once, then kept until
    /// the transaction ends (outside a transaction it is read every time).
    static func head(_ db: Database) throws -> ChainHead {
        let key = ObjectIdentifier(db)
        if db.isInsideTransaction {
            lock.lock()
            let cached = heads[key]
            lock.unlock()
            if let cached { return cached }
        }
        let head = try readHead(db)
        if db.isInsideTransaction {
            lock.lock(); heads[key] = head; lock.unlock()
            db.afterNextTransaction(onCommit: { _ in forget(key) }, onRollback: { _ in forget(key) })
        }
        return head
    }

    private static func forget(_ key: ObjectIdentifier) {
        lock.lock(); heads[key] = nil; lock.unlock()
    }

    private static func readHead(_ db: Database) throws -> ChainHead {
        let stmt = try db.cachedStatement(sql: "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")
        let s = stmt.sqliteStatement
        sqlite3_reset(s)
        defer { sqlite3_reset(s) }
        let rc = sqlite3_step(s)
        if rc == SQLITE_DONE { return ChainHead(lastId: 0, lastHash: genesis) }
        guard rc == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: stmt.sql)
        }
        let id = sqlite3_column_int64(s, 0)
        let hash = blob(s, 1) ?? []
        guard hash.count == 32 else {
            throw DomainError.malformedField(field: "events", reason: .auditChainBroken(eventID: id))
        }
        return ChainHead(lastId: id, lastHash: hash)
    }

    static func blob(_ s: OpaquePointer, _ i: Int32) -> [UInt8]? {
        if sqlite3_column_type(s, i) == SQLITE_NULL { return nil }
        let n = Int(sqlite3_column_bytes(s, i))
        guard n > 0, let p = sqlite3_column_blob(s, i) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: p, count: n))
    }

    static func text(_ s: OpaquePointer, _ i: Int32) -> [UInt8]? {
        if sqlite3_column_type(s, i) == SQLITE_NULL { return nil }
        guard let p = sqlite3_column_text(s, i) else { return [] }
        let n = Int(sqlite3_column_bytes(s, i))
        return [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(p), count: n))
    }

    // MARK: verification

    /// What `verify` found.
    public struct Verification: Sendable, Equatable {
        /// Events checked (up to and including the first break).
        public var checked = 0
        /// Events in the table.
        public var total = 0
        /// The newest event's id and hash (hex): note them outside the database to detect a
        /// later truncation of the tail.
        public var headId: Int64 = 0
        public var headHash = ""
        /// The first broken link, if any.
        public var firstBreak: Break?
        /// Append-only triggers that are missing.
        public var missingTriggers: [String] = []

        /// Whether the chain is intact and the triggers are in place.
        public var ok: Bool { firstBreak == nil && missingTriggers.isEmpty }
    }

    /// A broken link.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public var eventId: Int64
        public var reason: String
        public var description: String { "event \(eventId): \(reason)" }
    }

    /// The triggers that keep the event table append-only.
    public static let triggers = ["events_no_update", "events_no_delete", "events_hash_required"]

    /// Walks the whole chain in id order, recomputing each hash; stops at the first break.
    public static func verify(_ db: Database) throws -> Verification {
        var v = Verification()
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"))
        v.missingTriggers = triggers.filter { !present.contains($0) }
        v.total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        let stmt = try db.makeStatement(sql: "SELECT id, case_id, at, actor, action, from_status, to_status, detail, prev_hash, hash FROM events ORDER BY id")
        let s = stmt.sqliteStatement
        var prev = genesis
        var prevId: Int64 = 0
        var buffer = [UInt8]()
        buffer.reserveCapacity(1024)
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: stmt.sql)
            }
            let id = sqlite3_column_int64(s, 0)
            v.checked += 1
            guard let storedPrev = blob(s, 8), let stored = blob(s, 9), storedPrev.count == 32, stored.count == 32 else {
                v.firstBreak = Break(eventId: id, reason: "has no hash: added outside the console")
                break
            }
            if storedPrev != prev {
                v.firstBreak = Break(eventId: id, reason: prevId == 0
                    ? "does not start the chain: earlier events were deleted"
                    : "does not link to event \(prevId): an event between them was deleted or inserted, or event \(prevId) was replaced")
                break
            }
            rowBytes(prev: prev, id: id, s, into: &buffer)
            if SHA256.hash(buffer) != stored {
                v.firstBreak = Break(eventId: id, reason: "its content does not match its hash: the row was changed or forged")
                break
            }
            prev = stored
            prevId = id
            v.headId = id
        }
        v.headHash = hex(prev)
        return v
    }

    // MARK: migration

    /// Computes the chain for events written before it existed (schema v3), oldest first.
    /// The update trigger is lifted for the backfill only and put back at once.
    static func backfill(_ db: Database) throws {
        try db.execute(sql: "DROP TRIGGER IF EXISTS events_no_update")
        let select = try db.makeStatement(sql: "SELECT id, case_id, at, actor, action, from_status, to_status, detail FROM events WHERE id > ? ORDER BY id LIMIT 10000")
        let update = try db.makeStatement(sql: "UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?")
        var prev = genesis
        var after: Int64 = 0
        var buffer = [UInt8]()
        while true {
            var links: [(Int64, [UInt8], [UInt8])] = []
            let s = select.sqliteStatement
            sqlite3_reset(s)
            sqlite3_bind_int64(s, 1, after)
            while true {
                let rc = sqlite3_step(s)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: select.sql)
                }
                let id = sqlite3_column_int64(s, 0)
                rowBytes(prev: prev, id: id, s, into: &buffer)
                let h = SHA256.hash(buffer)
                links.append((id, prev, h))
                prev = h
                after = id
            }
            sqlite3_reset(s)
            if links.isEmpty { break }
            for (id, p, h) in links { try update.execute(arguments: [Data(p), Data(h), id]) }
        }
        try db.execute(sql: Schema.eventsNoUpdateTrigger)
    }

    /// The canonical bytes of the event row under `s` (columns id, case_id, at, actor, action,
    /// from_status, to_status, detail), read as stored (text as its exact bytes, NUL included).
    static func rowBytes(prev: [UInt8], id: Int64, _ s: OpaquePointer, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: prev)
        appendInt(&buffer, id)
        appendOptionalInt(&buffer, sqlite3_column_type(s, 1) == SQLITE_NULL ? nil : sqlite3_column_int64(s, 1))
        appendInt(&buffer, sqlite3_column_int64(s, 2))
        appendText(&buffer, text(s, 3) ?? [])
        appendText(&buffer, text(s, 4) ?? [])
        appendOptionalText(&buffer, text(s, 5))
        appendOptionalText(&buffer, text(s, 6))
        appendText(&buffer, text(s, 7) ?? [])
    }

    /// Lower-case hex.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
