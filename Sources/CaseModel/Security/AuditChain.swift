import Foundation
import GRDB
import GRDBSQLite

/// The tamper-evident audit trail: every event carries the hash of the one before it.
///
/// `hash = H(prev_hash ‖ canonical(event))`, where `canonical` is the event's stored columns, each
/// length-prefixed (so no two different events encode alike), and the first event's `prev_hash`
/// is 32 zero bytes. Events written before the chain was keyed use `H = SHA-256`; from the first
/// keyed event on (a new desk's first event, or the `audit-keyed` event the v6 migration wrote)
/// `H = HMAC-SHA256` under the desk's key (`AuditKey`), over the row changes too, so rebuilding
/// the chain needs the key file, not just the database (docs/audit-trail.md). Changing,
/// deleting, inserting or reordering a row breaks the link at that row; `verify` walks the
/// chain. SQL triggers refuse UPDATE, DELETE, inserts without a hash and inserts other than at
/// head + 1 (which is what INSERT OR REPLACE needs), so only `CaseRecords.append` adds events.
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
        /// The rows the event changed (`RowChange` lines); part of keyed events only.
        var rowChanges: [UInt8]? = nil
    }

    /// The plain SHA-256 link of an event written before the chain was keyed.
    static func hash(prev: [UInt8], _ f: Fields) -> [UInt8] {
        var buffer = [UInt8]()
        buffer.reserveCapacity(96 + f.actor.utf8.count + f.action.utf8.count + f.detail.utf8.count)
        return hash(prev: prev, f, buffer: &buffer)
    }

    /// The same, encoding into a buffer the caller keeps (bulk writers: no allocation per event);
    /// keyed (HMAC, row changes included) when `mac` is given.
    static func hash(prev: [UInt8], _ f: Fields, buffer: inout [UInt8], mac: AuditMAC? = nil) -> [UInt8] {
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
        guard let mac else { return SHA256.hash(buffer) }
        appendOptionalText(&buffer, f.rowChanges)
        return mac.mac(buffer)
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

    /// Makes this transaction's events follow `id`/`hash` when the desk's trail is ahead of this
    /// file (a host's copy of a server desk misses the events its login may not see; the next
    /// event must still follow the newest, `DeskWriteThrough`).
    static func follow(_ db: Database, id: Int64, hash: [UInt8]) throws {
        let head = try head(db)
        if id > head.lastId && hash.count == 32 {
            head.lastId = id
            head.lastHash = hash
        }
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

    /// What `verify` found in the chain itself (the replay of rows is `AuditReport`).
    public struct Verification: Sendable, Equatable {
        /// Events whose link and content check out.
        public var checked = 0
        /// Events in the table.
        public var total = 0
        /// The newest event's id and hash (hex): `console report`, `backup`, `export` and `audit
        /// verify` write them to the anchor log (`AuditAnchor`), and `--expect-head` checks one.
        public var headId: Int64 = 0
        public var headHash = ""
        /// The first broken link, if any.
        public var firstBreak: Break?
        /// Append-only triggers that are missing.
        public var missingTriggers: [String] = []
        /// Append-only triggers whose SQL is not the product's (a trigger with the right name that
        /// does nothing).
        public var alteredTriggers: [String] = []
        /// Triggers the product never creates (on any table).
        public var unexpectedTriggers: [String] = []
        /// The first event linked with the desk's key (nil: none).
        public var keyedFrom: Int64?
        /// Why the desk's key could not be used: missing, unreadable, or not this trail's.
        public var keyProblem: String?

        /// Whether the chain is intact, keyed with this desk's key, and its triggers in place.
        public var ok: Bool {
            firstBreak == nil && missingTriggers.isEmpty && alteredTriggers.isEmpty && unexpectedTriggers.isEmpty && keyProblem == nil
        }
    }

    /// A broken link.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public var eventId: Int64
        public var reason: String
        public var description: String { "event \(eventId): \(reason)" }
    }

    /// The names of the triggers that keep the event table append-only.
    public static var triggers: [String] { AuditTriggers.expected.map(\.name) }

    /// One stored event as the walk hands it to a replay.
    struct EventRow {
        var id: Int64
        var caseId: Int64?
        var at: Int64
        var actor: String
        var action: String
        var detail: String
        var rowChanges: [UInt8]?
        var hash: [UInt8]
        /// Whether the event is in the keyed part of the chain.
        var keyed: Bool
    }

    /// Walks the whole chain in id order with the key of the store this connection belongs to.
    public static func verify(_ db: Database) throws -> Verification {
        let capture = RowChangeCapture.of(db)
        var keyProblem: String?
        if capture?.key == nil {
            keyProblem = capture.map { "\(AuditKey.path(forDatabase: $0.databasePath)): the desk's audit key is missing or unreadable" }
                ?? "the database was not opened through the desk's store: its audit key is unknown"
        }
        return try verify(db, key: capture?.key, keyProblem: keyProblem)
    }

    /// Walks the whole chain in id order, checking every event's link to the one before and its
    /// content against its hash (plain before the keyed part, HMAC under `key` from it on), and
    /// hands each event to `visit` (the replay) whether or not it checked out.
    static func verify(_ db: Database, key: AuditKey?, keyProblem: String?, visit: ((EventRow) throws -> Void)? = nil) throws -> Verification {
        var v = Verification()
        (v.missingTriggers, v.alteredTriggers, v.unexpectedTriggers) = try AuditTriggers.check(db)
        v.keyProblem = keyProblem
        v.total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        let stmt = try db.makeStatement(sql: "SELECT id, case_id, at, actor, action, from_status, to_status, detail, prev_hash, hash, row_changes FROM events ORDER BY id")
        let s = stmt.sqliteStatement
        var prevStored = genesis
        var prevId: Int64 = 0
        var buffer = [UInt8]()
        buffer.reserveCapacity(4096)
        // Events before the `audit-keyed` event (written when an older desk was first opened by
        // this console) have plain links; a desk created keyed has no such event.
        let marker = try Row.fetchOne(db, sql: "SELECT id, detail FROM events WHERE action = 'audit-keyed' ORDER BY id LIMIT 1")
        let markerId: Int64? = marker?[0]
        let markerKeyId = marker.map { CompactJSON.parseObject($0[1])["key_id"] } ?? nil
        var keyedEvents = 0, keyedFailures = 0, plainRelinked = 0
        var lastHash = genesis
        func fail(_ id: Int64, _ reason: String) {
            if v.firstBreak == nil { v.firstBreak = Break(eventId: id, reason: reason) }
        }
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: stmt.sql)
            }
            let id = sqlite3_column_int64(s, 0)
            let rowChanges = text(s, 10)
            let storedPrev = blob(s, 8) ?? [], stored = blob(s, 9) ?? []
            let keyed = markerId.map { id >= $0 } ?? true
            let wellFormed = storedPrev.count == 32 && stored.count == 32
            var content = false
            var plain = false
            if wellFormed {
                if keyed, let key {
                    rowBytes(prev: storedPrev, id: id, s, keyed: true, into: &buffer)
                    content = key.mac.mac(buffer) == stored
                }
                if !content {
                    // Whether it was linked the plain way instead: forged or re-chained without the key.
                    rowBytes(prev: storedPrev, id: id, s, keyed: false, into: &buffer)
                    plain = rowChanges == nil && SHA256.hash(buffer) == stored
                    if !keyed || key == nil { content = keyed || plain }   // keyed without the key: only the links can be checked
                }
            }
            if keyed {
                if v.keyedFrom == nil { v.keyedFrom = id }
                keyedEvents += 1
                if !content { keyedFailures += 1; if plain { plainRelinked += 1 } }
            }
            if !wellFormed {
                fail(id, "has no hash: added outside the console")
            } else if storedPrev != prevStored {
                fail(id, prevId == 0
                    ? "does not start the chain: earlier events were deleted"
                    : "does not link to event \(prevId): an event between them was deleted or inserted, or event \(prevId) was replaced")
            } else if !content {
                fail(id, !keyed ? (rowChanges != nil ? "carries row records but precedes the keyed chain: forged"
                                                    : "its content does not match its hash: the row was changed or forged")
                         : plain ? "is linked with plain SHA-256 where the desk's key is required: forged, or the trail re-chained, without the key"
                                 : "its content does not match its keyed hash: the row was changed or forged")
            } else if v.firstBreak == nil {
                v.checked += 1
            }
            if let visit {
                try visit(EventRow(id: id, caseId: sqlite3_column_type(s, 1) == SQLITE_NULL ? nil : sqlite3_column_int64(s, 1),
                                   at: sqlite3_column_int64(s, 2), actor: String(decoding: text(s, 3) ?? [], as: UTF8.self),
                                   action: String(decoding: text(s, 4) ?? [], as: UTF8.self),
                                   detail: String(decoding: text(s, 7) ?? [], as: UTF8.self),
                                   rowChanges: rowChanges, hash: stored, keyed: keyed))
            }
            prevId = id; prevStored = stored; v.headId = id; lastHash = stored
        }
        v.headHash = hex(lastHash)
        if let key, v.keyProblem == nil {
            if let markerKeyId, markerKeyId != key.id {
                v.keyProblem = "the audit key file is not this desk's key: its fingerprint is \(key.id), the trail was keyed with \(markerKeyId)"
            } else if keyedEvents > 0 && keyedFailures == keyedEvents && plainRelinked < keyedEvents {
                v.keyProblem = "the audit key file does not match this trail: none of its \(keyedEvents) keyed event(s) verify with it (a key file from another desk?)"
            }
        }
        return v
    }

    /// Whether the newest event's keyed link verifies with `key` (true on an empty trail).
    static func headVerifies(with key: AuditKey, _ db: Database) throws -> Bool {
        let stmt = try db.makeStatement(sql: "SELECT id, case_id, at, actor, action, from_status, to_status, detail, prev_hash, hash, row_changes FROM events ORDER BY id DESC LIMIT 1")
        let s = stmt.sqliteStatement
        defer { sqlite3_reset(s) }
        guard sqlite3_step(s) == SQLITE_ROW else { return true }
        guard let prev = blob(s, 8), let stored = blob(s, 9), prev.count == 32 else { return false }
        var buffer = [UInt8]()
        rowBytes(prev: prev, id: sqlite3_column_int64(s, 0), s, keyed: true, into: &buffer)
        return key.mac.mac(buffer) == stored
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
                rowBytes(prev: prev, id: id, s, keyed: false, into: &buffer)
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
    /// from_status, to_status, detail, and for a keyed link row_changes as column 10), read as
    /// stored (text as its exact bytes, NUL included).
    static func rowBytes(prev: [UInt8], id: Int64, _ s: OpaquePointer, keyed: Bool, into buffer: inout [UInt8]) {
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
        if keyed { appendOptionalText(&buffer, text(s, 10)) }
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
