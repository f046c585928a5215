import Foundation
import GRDB
import GRDBSQLite

/// Row-level reads of cases, and the event log's one writer (`append`), inside a transaction the
/// caller holds. Cases are written through `CaseTable` (docs/storage-boundary.md).
///
/// Kept apart from `CaseDesk` so that the rules (who may do what, which move is legal) live in one
/// place and the SQL in another.
public enum CaseRecords {
    /// Appends an event to the log, linked into the keyed audit chain; returns its id.
    ///
    /// The event carries the rows the transaction changed since its previous event
    /// (`RowChangeCapture`), and always names its id (head + 1: the only insert the triggers allow).
    /// The chain's head is read once per transaction (`AuditChain.head`), so bulk writers pay
    /// one hash per event and no extra SELECT.
    @discardableResult
    static func append(_ e: CaseEvent, _ db: Database) throws -> Int64 {
        // Every reason, note and title a command records passes here: the text rule holds for all of them.
        for (key, value) in e.detail { try FieldText.check(value, field: key, maxBytes: nil) }
        guard let capture = RowChangeCapture.of(db) else {
            throw StoreError.other(path: "events", message: "events are appended only through the desk's store; nothing was saved")
        }
        let key = try capture.requireKey(db)
        let head = try AuditChain.head(db)
        let id = head.lastId + 1
        let detail = CompactJSON.object(SwitchedLogin.detail(of: e, db))
        let changes = try capture.take()
        let hash = AuditChain.hash(prev: head.lastHash, AuditChain.Fields(
            id: id, caseId: e.caseId, at: e.at.seconds, actor: e.actor, action: e.action,
            fromStatus: e.fromStatus?.rawValue, toStatus: e.toStatus?.rawValue, detail: detail, rowChanges: changes),
            buffer: &head.buffer, mac: key.mac)
        let stmt = try db.cachedStatement(sql: "INSERT INTO events (id, case_id, at, actor, action, from_status, to_status, detail, prev_hash, hash, row_changes) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        try step(stmt, db) { s in
            sqlite3_bind_int64(s, 1, id)
            if let id = e.caseId { sqlite3_bind_int64(s, 2, id) } else { sqlite3_bind_null(s, 2) }
            sqlite3_bind_int64(s, 3, e.at.seconds)
            bindText(s, 4, e.actor)
            bindText(s, 5, e.action)
            if let f = e.fromStatus { bindText(s, 6, f.rawValue) } else { sqlite3_bind_null(s, 6) }
            if let t = e.toStatus { bindText(s, 7, t.rawValue) } else { sqlite3_bind_null(s, 7) }
            bindText(s, 8, detail)
            bindBlob(s, 9, head.lastHash)
            bindBlob(s, 10, hash)
            if let changes { bindTextBytes(s, 11, changes) } else { sqlite3_bind_null(s, 11) }
        }
        head.lastId = id
        head.lastHash = hash
        return id
    }

    /// The case with this number, or nil.
    public static func fetch(number: String, _ db: Database) throws -> ComplaintCase? {
        // Cached statements: compiling this 60-column SELECT cost more than running it.
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(CaseColumns.selectList) FROM cases WHERE number = ?"), arguments: [number])
            .map(CaseColumns.decode)
    }

    /// The case with this row id, or nil.
    public static func fetch(id: Int64, _ db: Database) throws -> ComplaintCase? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(CaseColumns.selectList) FROM cases WHERE id = ?"), arguments: [id])
            .map(CaseColumns.decode)
    }

    /// The cases with these row ids, by id (missing ids are absent), read 500 at a time.
    public static func fetch(ids: [Int64], _ db: Database) throws -> [Int64: ComplaintCase] {
        var out: [Int64: ComplaintCase] = [:]
        out.reserveCapacity(ids.count)
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            start += chunk.count
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(CaseColumns.selectList) FROM cases WHERE id IN (\(marks))",
                                             arguments: StatementArguments(chunk))
            while let row = try cursor.next() {
                let c = try CaseColumns.decode(row)
                if let id = c.id { out[id] = c }
            }
        }
        return out
    }

    /// Cases matching a filter, in its order, paged by its limit and offset.
    public static func list(_ filter: CaseFilter, _ db: Database) throws -> [ComplaintCase] {
        if filter.sort == .due, let limit = filter.limit, let page = try SearchPlan.duePage(filter, limit: limit, db) {
            return page
        }
        let parts = FilterSQL(filter)
        if filter.sort == .due, let limit = filter.limit {
            // Two passes in index order, dated cases by due time and then the undated: one
            // `ORDER BY next_due_at IS NULL, ...` would sort every matching row first.
            let glue = parts.whereSQL.isEmpty ? " WHERE " : parts.whereSQL + " AND "
            let args = arguments(parts.values)
            let offset = max(0, filter.offset)
            var out = try Row.fetchAll(db, sql: "SELECT \(CaseColumns.selectList) FROM cases\(glue)next_due_at IS NOT NULL ORDER BY next_due_at, id LIMIT \(max(0, limit)) OFFSET \(offset)",
                                       arguments: args).map(CaseColumns.decode)
            if out.count < limit {
                let dated = out.isEmpty ? (try Int.fetchOne(db, sql: "SELECT count(*) FROM cases\(glue)next_due_at IS NOT NULL", arguments: args) ?? 0) : offset + out.count
                out += try Row.fetchAll(db, sql: "SELECT \(CaseColumns.selectList) FROM cases\(glue)next_due_at IS NULL ORDER BY id LIMIT \(limit - out.count) OFFSET \(max(0, offset - dated))",
                                        arguments: args).map(CaseColumns.decode)
            }
            return out
        }
        return try Row.fetchAll(db, sql: selectSQL(filter, parts), arguments: arguments(parts.values)).map(CaseColumns.decode)
    }

    /// `SELECT ... WHERE ... ORDER BY ... LIMIT ...` for a filter, in one order (the single-pass path).
    private static func selectSQL(_ filter: CaseFilter, _ parts: FilterSQL) -> String {
        var sql = "SELECT \(CaseColumns.selectList) FROM cases" + parts.whereSQL + FilterSQL.orderSQL(filter.sort)
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit)) OFFSET \(max(0, filter.offset))" }
        return sql
    }

    /// Streams cases matching a filter without holding them all in memory (exports).
    public static func forEach(_ filter: CaseFilter, _ db: Database, _ body: (ComplaintCase) throws -> Void) throws {
        let parts = FilterSQL(filter)
        if filter.sort == .due, filter.limit == nil, filter.offset <= 0 {
            // The same order in two passes, as `list` pages it: the dated cases along `cases_due`,
            // then the undated (most of a desk: the closed ones) in id order, straight down the
            // table. One `ORDER BY next_due_at IS NULL, ...` sorted every exported row first, on a
            // million cases through a temporary file of the whole table (docs/bulk-data.md).
            let glue = parts.whereSQL.isEmpty ? " WHERE " : parts.whereSQL + " AND "
            for part in ["next_due_at IS NOT NULL ORDER BY next_due_at, id", "next_due_at IS NULL ORDER BY id"] {
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(CaseColumns.selectList) FROM cases\(glue)\(part)", arguments: arguments(parts.values))
                while let row = try cursor.next() { try body(CaseColumns.decode(row)) }
            }
            return
        }
        let cursor = try Row.fetchCursor(db, sql: selectSQL(filter, parts), arguments: arguments(parts.values))
        while let row = try cursor.next() { try body(CaseColumns.decode(row)) }
    }

    /// How many cases match a filter.
    public static func count(_ filter: CaseFilter, _ db: Database) throws -> Int {
        if let n = try SearchPlan.count(filter, db) { return n }
        let parts = FilterSQL(filter)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM cases" + parts.whereSQL, arguments: arguments(parts.values)) ?? 0
    }

    /// How many cases match a filter, exactly up to `cap` and otherwise only "more than `cap`"
    /// when an exact count would read too many matches (`MatchCount`).
    public static func count(_ filter: CaseFilter, atMost cap: Int, _ db: Database) throws -> MatchCount {
        if let n = try SearchPlan.countAtMost(filter, cap: cap, db) { return n }
        let n = try count(filter, db)
        return n > cap ? .moreThan(cap) : .exactly(n)
    }

    /// Open cases counted by category × severity (the queue matrix).
    /// Report cases count only for a reader who may see them (`visibility`, hidden by default).
    public static func openMatrix(_ db: Database, visibility: CaseVisibility = .standard) throws -> [Category: [Severity: Int]] {
        var out: [Category: [Severity: Int]] = [:]
        let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
        let rows = try Row.fetchAll(db, sql: "SELECT category, severity, count(*) FROM cases WHERE \(Schema.openCondition)\(hidden) GROUP BY category, severity")
        for row in rows {
            let r = StoredRow(row, "cases") { StoredRow.caseWhere("category IS ? AND severity IS ?", [row[0], row[1]], db) }
            out[try r.code(0, "category") as Category, default: [:]][try r.code(1, "severity") as Severity] = try r.count(2, "count")
        }
        return out
    }

    /// A case's timeline, oldest first.
    public static func events(caseId: Int64, _ db: Database) throws -> [CaseEvent] {
        try Row.fetchAll(db, sql: "SELECT e.id, e.case_id, c.number, e.at, e.actor, e.action, e.from_status, e.to_status, e.detail FROM events e LEFT JOIN cases c ON c.id = e.case_id WHERE e.case_id = ? ORDER BY e.id", arguments: [caseId])
            .map(decodeEvent)
    }

    /// Events after an id (for watchers), oldest first. Events of report cases are left out
    /// unless `visibility` shows them.
    public static func events(after id: Int64, limit: Int, _ db: Database, visibility: CaseVisibility = .standard) throws -> [CaseEvent] {
        let hidden = visibility.sqlCondition(alias: "c").map { " AND (c.id IS NULL OR \($0))" } ?? ""
        return try Row.fetchAll(db, sql: "SELECT e.id, e.case_id, c.number, e.at, e.actor, e.action, e.from_status, e.to_status, e.detail FROM events e LEFT JOIN cases c ON c.id = e.case_id WHERE e.id > ?\(hidden) ORDER BY e.id LIMIT ?", arguments: [id, limit])
            .map(decodeEvent)
    }

    /// The case with this number if the reader may see it (a hidden report case is "not found").
    public static func fetch(number: String, visibility: CaseVisibility, _ db: Database) throws -> ComplaintCase? {
        guard let c = try fetch(number: number, db) else { return nil }
        return visibility.shows(c.kind) ? c : nil
    }

    /// An event row (`id, case_id, number, at, actor, action, from_status, to_status, detail`),
    /// checked like a case row (`StoredRow`).
    static func decodeEvent(_ row: Row) throws -> CaseEvent {
        let r = StoredRow(row, "events") { "event \(StoredRow.show((row[0] as StoredCell).value))" }
        return CaseEvent(id: try r.id(0, "id"), caseId: try r.optInt(1, "case_id", in: 1...Int64.max), caseNumber: try r.optText(2, "number"),
                         at: try r.instant(3, "at"), actor: try r.text(4, "actor"), action: try r.text(5, "action"),
                         fromStatus: try r.optCode(6, "from_status"), toStatus: try r.optCode(7, "to_status"),
                         detail: CompactJSON.parseObject(try r.text(8, "detail")))
    }

    /// Allocates the next case number for a received date: `TS-20260216-0042`, the day's sequence
    /// for a general case. Report cases (举报件) are numbered apart with a random, unused suffix,
    /// `JB-20260216-7K3QMX` (`ReportNumber`), so the general series has no gaps that would betray a
    /// hidden case and the report numbers count nothing.
    static func nextNumber(for receivedAt: Instant, kind: CaseKind = .general, random: DeskRandomness, _ db: Database) throws -> String {
        let date = DeskTime.standard.civil(receivedAt).date
        let day = "\(date.year)\(pad2(date.month))\(pad2(date.day))"
        if kind == .report {
            while true {
                let number = "\(CaseNumber.reportPrefix)-\(day)-\(ReportNumber.suffix(random))"
                if try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE number = ?)", arguments: [number]) ?? false) {
                    return number
                }
            }
        }
        return CaseNumber.format(day: day, sequence: try CaseNumberTable.takeNext(day: day, db))
    }

    // MARK: - binding helpers

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func bindText(_ s: OpaquePointer, _ i: Int32, _ v: String) {
        var v = v
        v.withUTF8 { buf in
            if let base = buf.baseAddress {
                _ = base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    sqlite3_bind_text(s, i, $0, Int32(buf.count), transient)
                }
            } else {
                _ = sqlite3_bind_text(s, i, "", 0, transient)
            }
        }
    }

    static func bindTextBytes(_ s: OpaquePointer, _ i: Int32, _ v: [UInt8]) {
        v.withUnsafeBytes { buf in
            if let base = buf.baseAddress {
                _ = sqlite3_bind_text(s, i, base.assumingMemoryBound(to: CChar.self), Int32(buf.count), transient)
            } else {
                _ = sqlite3_bind_text(s, i, "", 0, transient)
            }
        }
    }

    static func bindBlob(_ s: OpaquePointer, _ i: Int32, _ v: [UInt8]) {
        v.withUnsafeBytes { buf in
            _ = sqlite3_bind_blob(s, i, buf.baseAddress, Int32(buf.count), transient)
        }
    }

    /// Resets, binds and steps a cached statement, turning SQLite errors into GRDB errors.
    static func step(_ stmt: Statement, _ db: Database, bind: (OpaquePointer) -> Void) throws {
        let s = stmt.sqliteStatement
        sqlite3_reset(s)
        sqlite3_clear_bindings(s)
        bind(s)
        let rc = sqlite3_step(s)
        if rc != SQLITE_DONE && rc != SQLITE_ROW {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(s)
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: stmt.sql)
        }
        sqlite3_reset(s)
    }

    static func arguments(_ values: [DatabaseBindable]) -> StatementArguments {
        StatementArguments(values.map { v -> DatabaseValueConvertible in
            switch v {
            case .text(let s): return s
            case .int(let i): return i
            }
        })
    }
}

/// Case numbers: `TS-` + received date + a sequence of at least four digits.
public enum CaseNumber {
    /// Formats a case number.
    public static func format(day: String, sequence: Int) -> String {
        let digits = String(sequence)
        return "TS-\(day)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The number prefix of report cases (举报 jǔbào): `JB-20260216-7K3QMX`.
    static let reportPrefix = "JB"
}
