import CaseModel
import Foundation
import PostgresNIO

/// Keeps the host's read copy of a server desk (docs/server-desk.md, "Reading a server desk"):
/// the first time, every row the login may see; then, at each change notice, the events added
/// since the copy's newest, the cases they name, and the small tables whole. What the login may
/// not see never reaches the host: the server filters it, and columns it withholds arrive empty.
public final class ServerReplica: @unchecked Sendable {
    /// The server desk.
    public let address: ServerAddress
    /// The copy's file.
    public let path: String
    private let lock = NSLock()
    /// Set when this copy is a writing console's (it holds the desk's key): the copy then holds
    /// the complainants' identifiers of the cases the login sees, which the trail's row images
    /// need (docs/server-desk.md, "Writing to a server desk").
    public var consoleSecret: [UInt8]?
    /// A digest of the small tables as the last catch-up read them.
    private var lastWholeTables: Int?
    /// The columns the login may read, per table (`readableColumns`; kept under `lock`, as every
    /// read of the server is).
    private var readableCache: [String: Set<String>] = [:]

    /// Tables kept by key from the events (every other table is small and read whole). Crisis
    /// links are read whole: a proposal by the alert rules links cases under a desk-level event
    /// that names none of them by `case_id`, so a link kept by the events' cases never arrived.
    static let byCase: Set<String> = ["cases", "events", "import_keys", "penalties"]

    /// The copy of `address` for this login on this host: `$XDG_CACHE_HOME/complaint-console/
    /// server/USER@HOST-PORT-DATABASE.sqlite` (0700 directory, 0600 file).
    public init(_ address: ServerAddress, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.address = address
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.cache" } ?? NSTemporaryDirectory())
        let host = address.hosts.first.map { "\($0.name)-\($0.port)" } ?? "server"
        let name = "\(address.user)@\(host)-\(address.database)".map { $0.isLetter || $0.isNumber || "@-_.".contains($0) ? $0 : "_" }
        path = base + "/complaint-console/server/" + String(name) + ".sqlite"
    }

    /// Brings the copy up to date (creating it the first time) and returns how many events
    /// arrived and cases left.
    @discardableResult
    ///
    /// `session` reuses a connection (the console's follower keeps one: a login costs a SCRAM
    /// exchange); `reconcile: false` skips the count of visible cases that finds cases which left
    /// the login's sight (a scan of the visible cases; the follower asks for it every 30 seconds,
    /// not at every notice).
    public func sync(session given: ServerSession? = nil, reconcile: Bool = true, progress: ((String, Int) -> Void)? = nil) throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        let session = try given ?? ServerSession.open(address)
        defer { if given == nil { session.close() } }
        try ServerSchema.requireCurrent(session)
        if let consoleSecret { try ServerConsole.prove(session, secret: consoleSecret) }
        try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { try? session.execute("ROLLBACK") }
        let tables = try DeskTransfer.currentTables()
        // Which desk, made when, and whether this login sees report cases: a copy made under
        // other terms is made again rather than updated (a login that lost report cases must
        // not keep them on its host).
        let identity = try session.value("""
            SELECT system_identifier::text || ':' || current_database() || ':' || (SELECT min(applied_at)::text FROM desk.desk_schema)
                   || ':' || desk.sees_reports()::text
            FROM pg_control_system()
            """).map { $0 + (consoleSecret == nil ? "" : ":console") } ?? ""
        if FileManager.default.fileExists(atPath: path), (try? String(contentsOfFile: path + ".origin", encoding: .utf8)) == identity {
            return try update(session, tables, reconcile: reconcile)
        }
        return try rebuild(session, tables, identity: identity, progress: progress)
    }

    /// A new copy, written beside the old one and moved over it when whole.
    private func rebuild(_ session: ServerSession, _ tables: [DeskTable], identity: String, progress: ((String, Int) -> Void)?) throws -> Int {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fresh = path + ".new"
        for f in [fresh, fresh + "-wal", fresh + "-shm", fresh + ".key"] { try? FileManager.default.removeItem(atPath: f) }
        var events = 0
        do {
            // The store is released at the end of this scope: its last connection checkpoints and
            // removes the WAL, so the file alone is moved into place.
            let store = try DeskReplica.create(at: fresh)
            try DeskReplica.fill(store) { table, insert in
                var total = 0
                try fetch(session, table, where: "") { rows in
                    for row in rows { try insert(row) }
                    total += rows.count
                    progress?(table.name, total)
                }
                if table.name == "events" { events = total }
            }
        }
        for suffix in ["", "-wal", "-shm", ".key"] {
            let target = path + suffix
            try? FileManager.default.removeItem(atPath: target)
            if FileManager.default.fileExists(atPath: fresh + suffix) { try FileManager.default.moveItem(atPath: fresh + suffix, toPath: target) }
        }
        try? FileManager.default.removeItem(atPath: path + ".origin")
        guard FileManager.default.createFile(atPath: path + ".origin", contents: Data(identity.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ServerError.refused("cannot write \(path).origin")
        }
        return events
    }

    /// The events since the copy's newest, the cases they name, and the small tables whole.
    private func update(_ session: ServerSession, _ tables: [DeskTable], reconcile asked: Bool) throws -> Int {
        let store = try CaseStore(path: path, creating: false)
        let last = try DeskReplica.lastEvent(store)
        guard let eventsTable = tables.first(where: { $0.name == "events" }) else { return 0 }
        var newEvents: [[DeskValue]] = []
        try fetch(session, eventsTable, where: "WHERE id > \(last)") { newEvents += $0 }
        // Asked whether or not anything new is visible: what left the login's sight brings it no event.
        let removed = asked ? try reconcile(session, store) : 0
        // The small tables are read whole at every catch-up, new events or not: the alert rules
        // and a reader's notices change them without an event.
        let caseColumn = eventsTable.columns.firstIndex { $0.name == "case_id" }!
        let ids = Set(newEvents.compactMap { row -> Int64? in if case .integer(let v) = row[caseColumn] { return v } else { return nil } })
        var changes: [DeskReplica.Change] = []
        var wholeTables = Hasher()
        let idList = ids.sorted().map(String.init).joined(separator: ",")
        for table in tables {
            switch table.name {
            case "events": changes.append(.init(table: table, rows: newEvents, wholeTable: false))
            case "cases":
                guard !ids.isEmpty else { continue }
                var rows: [[DeskValue]] = []
                try fetch(session, table, where: "WHERE id IN (\(idList))") { rows += $0 }
                changes.append(.init(table: table, rows: rows, wholeTable: false))
            case "import_keys", "penalties":
                guard !ids.isEmpty else { continue }
                var rows: [[DeskValue]] = []
                try fetch(session, table, where: "WHERE case_id IN (\(idList))") { rows += $0 }
                changes.append(.init(table: table, rows: rows, wholeTable: false))
            default:
                var rows: [[DeskValue]] = []
                try fetch(session, table, where: "") { rows += $0 }
                changes.append(.init(table: table, rows: rows, wholeTable: true))
                wholeTables.combine(table.name)
                wholeTables.combine(rows)
            }
        }
        try DeskReplica.apply(store, changes)
        // A change only to the small tables (an alert raised or cleared) counts as one, so the
        // console that follows redraws.
        let digest = wholeTables.finalize()
        defer { lastWholeTables = digest }
        return newEvents.count + removed + (lastWholeTables.map { $0 != digest } == true ? 1 : 0)
    }

    /// Removes cases the login no longer sees (a case that became a report case: its later
    /// events are hidden, so no notice names it), with everything that names them. Asked only
    /// when the server's count of visible cases differs from the copy's.
    /// Returns how many cases left the copy.
    private func reconcile(_ session: ServerSession, _ store: CaseStore) throws -> Int {
        let serverCount = Int(try session.value("SELECT count(*)::text FROM desk.cases") ?? "0") ?? 0
        guard serverCount != (try DeskReplica.caseCount(store)) else { return 0 }
        var visible: Set<Int64> = []
        for row in try session.rows("SELECT id::text FROM desk.cases") { if let t = row[0], let id = Int64(t) { visible.insert(id) } }
        return try DeskReplica.keepOnly(cases: visible, store)
    }

    /// Reads a table's visible rows (`ServerCursor`); a column the login may not
    /// read arrives empty (NULL, or '' where the column may not be NULL).
    private func fetch(_ session: ServerSession, _ table: DeskTable, where condition: String, _ body: ([[DeskValue]]) throws -> Void) throws {
        do {
            try fetch(session, table, readable: try readableColumns(session, table), where: condition, body)
        } catch {
            // The grants changed since they were asked (a schema upgrade): ask again, once.
            guard readableCache.removeValue(forKey: table.name) != nil else { throw error }
            try fetch(session, table, readable: try readableColumns(session, table), where: condition, body)
        }
    }

    /// The columns of `table` this login may read, asked once per table for this copy's life.
    private func readableColumns(_ session: ServerSession, _ table: DeskTable) throws -> Set<String> {
        if let known = readableCache[table.name] { return known }
        let readable = Set(try session.rows(PostgresQuery(unsafeSQL: """
            SELECT attname::text FROM pg_attribute WHERE attrelid = 'desk.\(table.name)'::regclass AND attnum > 0 AND NOT attisdropped
            AND has_column_privilege(attrelid, attnum, 'SELECT')
            """)).compactMap { $0.first ?? nil })
        readableCache[table.name] = readable
        return readable
    }

    private func fetch(_ session: ServerSession, _ table: DeskTable, readable: Set<String>, where condition: String, _ body: ([[DeskValue]]) throws -> Void) throws {
        let columns = table.columns.map { c -> String in
            if readable.contains(c.name) { return ServerSchema.ident(c.name) }
            return c.notNull ? "''::\(ServerSchema.serverType(c.type))" : "NULL::\(ServerSchema.serverType(c.type))"
        }.joined(separator: ", ")
        guard table.name == "cases", consoleSecret != nil else {
            return try ServerCursor.read(session, table, columns: columns, condition: condition, body)
        }
        try ServerCursor.read(session, table, columns: columns, condition: condition) { rows in
            try body(try withIdentifiers(session, table, rows))
        }
    }

    /// A writing console's cases with the identifiers the server withholds from direct reads.
    private func withIdentifiers(_ session: ServerSession, _ table: DeskTable, _ rows: [[DeskValue]]) throws -> [[DeskValue]] {
        let withheld = DeskTransfer.withheldColumns["cases"] ?? []
        let places = table.columns.indices.filter { withheld.contains(table.columns[$0].name) }
        guard let idPlace = table.columns.firstIndex(where: { $0.name == "id" }), !places.isEmpty else { return rows }
        var binds = PostgresBindings()
        binds.append(rows.compactMap { row -> Int64? in if case .integer(let v) = row[idPlace] { return v } else { return nil } })
        let names = places.map { "i." + ServerSchema.ident(table.columns[$0].name) }.joined(separator: ", ")
        let found = try session.rows(PostgresQuery(unsafeSQL: "SELECT i.id::text, \(names) FROM desk.console_identifiers($1::bigint[]) i", binds: binds))
        var byId: [Int64: [String?]] = [:]
        for r in found { if let t = r[0], let id = Int64(t) { byId[id] = Array(r.dropFirst()) } }
        return rows.map { row in
            guard case .integer(let id) = row[idPlace], let values = byId[id] else { return row }
            var out = row
            for (k, place) in places.enumerated() { out[place] = values[k].map { DeskValue.text($0) } ?? .null }
            return out
        }
    }
}
