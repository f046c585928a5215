import CaseModel
import Foundation
import PostgresNIO

/// Copies a desk file onto a server (docs/server-desk.md, "Moving a desk"): into an empty server
/// desk only, in one server transaction, every table at one moment of the file; then every
/// table is read back and compared, row for row, before the transaction commits. A copy that
/// fails anywhere leaves the server as it was.
public enum DeskCopy {
    /// What a copy did.
    public struct Report: Sendable {
        /// Each table with its row count (equal on both sides).
        public var tables: [(name: String, rows: Int)] = []
        /// The desk users given a login role on the server (NOLOGIN until a password or other
        /// authentication is set for them).
        public var rolesCreated: [String] = []
        /// Desk users for whom a role of that name already existed (granted the desk's group role).
        public var rolesExisting: [String] = []
        /// Desk users left without a role, and why.
        public var rolesSkipped: [(name: String, why: String)] = []
        /// Whether the schema was created by this copy.
        public var createdSchema = false
    }

    /// How many bytes of COPY data go in one `COPY` statement.
    static let chunkBytes = 8 << 20

    /// Copies `store` into the server desk of `session`, creating the schema on an empty database.
    public static func toServer(from store: CaseStore, session: ServerSession, progress: ((String, Int) -> Void)? = nil) throws -> Report {
        var report = Report()
        try session.execute("BEGIN ISOLATION LEVEL SERIALIZABLE; SET LOCAL search_path = desk, pg_catalog;")
        do {
            switch try ServerSchema.state(session) {
            case .absent:
                try session.execute(ServerSchema.creationSQL())
                report.createdSchema = true
            case .outdated(let missing):
                try session.execute(ServerSchema.upgradeSQL(missing))
            case .current: break
            }
            try session.execute("SET LOCAL search_path = desk, pg_catalog")
            try refuseNonEmpty(session)
            // The file's key proves its consoles to the server desk (it was checked against the
            // file's trail by the caller's `audit verify`).
            try ServerSchema.setConsoleKey(session, try AuditKey.load(forDatabase: store.path))
            // The copy carries every writer's events: the desk roles' append rule is not the owner's.
            try session.execute("ALTER TABLE desk.events DISABLE TRIGGER events_follow_head")
            try DeskTransfer.read(store) { snapshot in
                let serverTables = try DeskTransfer.currentTables()
                guard snapshot.tables.map(\.name) == serverTables.map(\.name) else {
                    throw ServerError.schema("the desk file's tables (\(snapshot.tables.map(\.name).joined(separator: ", "))) are not this console's; open it with this console once (it migrates), then copy")
                }
                for table in snapshot.tables {
                    let digest = try copy(table, snapshot: snapshot, session: session, progress: progress)
                    let server = try serverDigest(table, session: session)
                    guard server.rows == digest.rows else {
                        throw ServerError.verifyFailed("the copy of \(table.name) has \(server.rows) rows on the server and \(digest.rows) in the file; nothing was copied")
                    }
                    guard server.value == digest.finish() else {
                        throw ServerError.verifyFailed("the copy of \(table.name) differs from the file; nothing was copied")
                    }
                    report.tables.append((table.name, digest.rows))
                }
            }
            try session.execute("ALTER TABLE desk.events ENABLE TRIGGER events_follow_head")
            try grantRoles(session, report: &report)
            try session.execute("COMMIT")
        } catch {
            try? session.execute("ROLLBACK")
            throw error
        }
        // The planner's statistics for the new rows, and the visibility map, so the first reads
        // use the open-case indexes without visiting the table (VACUUM runs outside a transaction).
        try session.execute("VACUUM (ANALYZE) desk.cases; VACUUM (ANALYZE) desk.events")
        return report
    }

    /// Refuses a server desk that holds anything.
    static func refuseNonEmpty(_ session: ServerSession) throws {
        let tables = try DeskTransfer.currentTables()
        let any = tables.map { "SELECT '\($0.name)' WHERE EXISTS (SELECT 1 FROM desk.\(ServerSchema.ident($0.name)))" }.joined(separator: " UNION ALL ")
        let filled = try session.rows(PostgresQuery(unsafeSQL: any)).compactMap { $0.first ?? nil }
        if !filled.isEmpty {
            throw ServerError.notEmpty("the server desk at \(session.address) is not empty (it holds \(filled.joined(separator: ", "))); a desk is copied only into an empty one; nothing was copied")
        }
    }

    /// Sends one table's rows with COPY, in chunks, and folds them into a digest as sent.
    static func copy(_ table: DeskTable, snapshot: DeskSnapshot, session: ServerSession, progress: ((String, Int) -> Void)?) throws -> TableDigest {
        var digest = TableDigest()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkBytes + (64 << 10))
        var normalized: [DeskValue] = []
        let keyIndexes = table.primaryKey.compactMap { k in table.columns.firstIndex { $0.name == k } }
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let chunk = buffer
            buffer.removeAll(keepingCapacity: true)
            let name = table.name, columns = table.columns.map(\.name)
            try session.run { connection in
                try await connection.copyFrom(table: name, columns: columns, logger: ServerSession.logger) { writer in
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
            }
        }
        try snapshot.eachRow(of: table) { row in
            normalized.removeAll(keepingCapacity: true)
            for (i, column) in table.columns.enumerated() {
                switch DeskValueCoding.normalized(row[i], column) {
                case .success(let v): normalized.append(v)
                case .failure(let refusal):
                    let why = refusal.why
                    let key = keyIndexes.map { "\(row[$0])" }.joined(separator: ", ")
                    throw ServerError.badRow("\(table.name) row \(key.isEmpty ? "?" : key), column \(column.name): \(why); nothing was copied")
                }
            }
            for (i, v) in normalized.enumerated() {
                if i > 0 { buffer.append(0x09) }
                DeskValueCoding.appendCopy(v, into: &buffer)
            }
            buffer.append(0x0a)
            digest.add(normalized)
            if buffer.count >= chunkBytes {
                try flush()
                progress?(table.name, digest.rows)
            }
        }
        try flush()
        progress?(table.name, digest.rows)
        return digest
    }

    /// A server table's rows, read back in key order and folded the same way.
    static func serverDigest(_ table: DeskTable, session: ServerSession) throws -> (rows: Int, value: Int) {
        let columns = table.columns.map { ServerSchema.ident($0.name) }.joined(separator: ", ")
        let order = table.primaryKey.isEmpty ? "" : " ORDER BY " + table.primaryKey.map(ServerSchema.ident).joined(separator: ", ")
        let sql = "SELECT \(columns) FROM desk.\(ServerSchema.ident(table.name))\(order)"
        return try session.run { connection in
            var digest = TableDigest()
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: ServerSession.logger) {
                digest.add(try ServerCursor.decode(row, table))
            }
            return (digest.rows, digest.finish())
        }
    }

    /// Gives each desk user a login role of their name in the desk's group role. New roles are
    /// NOLOGIN: the server's administrator decides how each person authenticates.
    static func grantRoles(_ session: ServerSession, report: inout Report) throws {
        let names = try session.rows("SELECT name FROM desk.users ORDER BY name").compactMap { $0.first ?? nil }
        for name in names {
            if name.utf8.count > 63 {
                report.rolesSkipped.append((name, "longer than the server's 63-byte role names"))
                continue
            }
            let existing = try session.rows(PostgresQuery(unsafeSQL: "SELECT (rolsuper OR rolbypassrls)::text FROM pg_roles WHERE rolname = $1", binds: {
                var b = PostgresBindings(); b.append(name); return b
            }()))
            if let row = existing.first {
                if row.first == "true" {
                    report.rolesSkipped.append((name, "a server role of that name exists and bypasses row-level security; not made a desk role"))
                    continue
                }
                try session.execute("GRANT \(ServerSchema.staffRole) TO \(ServerSchema.ident(name))")
                report.rolesExisting.append(name)
            } else {
                try session.execute("CREATE ROLE \(ServerSchema.ident(name)) NOLOGIN IN ROLE \(ServerSchema.staffRole)")
                report.rolesCreated.append(name)
            }
            try session.execute("ALTER ROLE \(ServerSchema.ident(name)) SET search_path = desk, pg_catalog")
        }
    }
}
