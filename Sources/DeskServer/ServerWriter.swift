import CaseModel
import Foundation
import PostgresNIO

/// Saves a console's writes on a server desk (docs/server-desk.md, "Writing to a server desk"):
/// the rows a command changed on the host's copy, made again on the server in one transaction
/// with each changed row's previous values as the condition, so a row someone else changed in
/// between is not overwritten but reported as moved (`DeskWriteThroughError.moved`), and the
/// command runs again on the fresh copy.
public final class ServerWriter: DeskWriteThrough, @unchecked Sendable {
    /// The server desk.
    public let address: ServerAddress
    private let secret: [UInt8]
    private let replica: ServerReplica
    private let lock = NSLock()
    private var session: ServerSession?

    /// A writer for `replica`'s desk, proving itself with `key` (the desk's audit key).
    public init(replica: ServerReplica, key: AuditKey) {
        self.address = replica.address
        self.replica = replica
        self.secret = key.serverConsoleSecret
    }

    /// The writer's own connection, proven; made again after the server went away (a failover).
    private func connected() throws -> ServerSession {
        if let s = session, s.isOpen { return s }
        session?.close()
        session = nil
        alertLock = nil
        let s = try ServerSession.open(address)
        try ServerSchema.requireCurrent(s)
        try ServerConsole.prove(s, secret: secret)
        session = s
        return s
    }

    /// The server's newest event and the highest ids of tables with hidden rows (`desk.write_basis`).
    public func basis() throws -> DeskWriteBasis {
        try lock.withLock {
            let row = try connected().rows(PostgresQuery(unsafeSQL: """
                SELECT head_id::text, encode(head_hash, 'hex'), \(ServerSchema.hiddenIdTables.map { "\($0)_max::text" }.joined(separator: ", "))
                FROM desk.write_basis()
                """)).first ?? []
            var highest: [String: Int64] = [:]
            for (i, table) in ServerSchema.hiddenIdTables.enumerated() {
                if let text = row[safe: i + 2] ?? nil, let v = Int64(text) { highest[table] = v }
            }
            let hash = (row[safe: 1] ?? nil).flatMap(AuditKey.fromHex) ?? []
            return DeskWriteBasis(headId: (row[safe: 0] ?? nil).flatMap { Int64($0) } ?? 0, headHash: hash, highestIds: highest)
        }
    }

    /// Makes `changes` on the server in one transaction, or none of them (`DeskWriteThroughError.moved`
    /// when another console saved the same rows or the next event first).
    public func send(_ changes: [DeskRowChange], basis: DeskWriteBasis) throws {
        try lock.withLock {
            let s = try connected()
            try s.execute("BEGIN")
            do {
                let login = address.user
                for step in try ServerStatements.plan(changes) {
                    let query = step.query, table = step.table
                    let touched = try s.run { connection in
                        var n = 0
                        do {
                            for try await _ in try await connection.query(query, logger: ServerSession.logger) { n += 1 }
                        } catch let e as PSQLError where Self.movedStates.contains(e.serverInfo?[.sqlState] ?? "") {
                            throw DeskWriteThroughError.moved
                        } catch let e as PSQLError where e.serverInfo?[.sqlState] == Self.refusedState {
                            // Row-level security or a trigger of the desk's said no: not a race.
                            throw DeskWriteThroughError.refused(table: table, login: login)
                        }
                        return n
                    }
                    if let change = step.mustTouchOne, touched != 1 {
                        // Not found: changed by someone else since the copy was read (moved), or
                        // there as the copy has it but hidden from this login's changes by the
                        // server's write policy (refused; running again would not help).
                        let seen = try s.rows(try ServerStatements.probe(change))
                        throw seen.isEmpty ? DeskWriteThroughError.moved : DeskWriteThroughError.refused(table: table, login: login)
                    }
                }
            } catch {
                try? s.execute("ROLLBACK")
                throw error
            }
            do {
                try s.execute("COMMIT")
            } catch let e as ServerError {
                if case .unreachable = e {
                    throw ServerError.unreachable("the connection to the server ended while saving: the change may or may not have been saved; look at the case before doing it again")
                }
                throw e
            }
        }
    }

    /// Brings the host's copy up to date on the writer's own connection.
    public func catchUp() throws {
        let s = try lock.withLock { try connected() }
        try replica.sync(session: s, reconcile: false)
    }

    /// Whether this console runs the desk's alert rules now: the one console that holds the
    /// server's lock for them, a login that sees report cases before any other (its alerts cover
    /// them too). The lock is the connection's, so a console that goes away (or a failover)
    /// hands the rules to another within a pass.
    public func holdsAlertRules() -> Bool {
        lock.withLock {
            guard let s = try? connected() else { return false }
            // A session-level lock is held until the connection ends; taken once, not at every pass.
            if alertLock == nil {
                let taken = try? s.value("""
                    SELECT CASE WHEN desk.sees_reports() THEN CASE WHEN pg_try_advisory_lock(\(Self.alertLocks.reports)) THEN 'reports' END
                                WHEN pg_try_advisory_lock(\(Self.alertLocks.general)) THEN 'general' END
                    """)
                guard let taken = taken ?? nil else { return false }
                alertLock = taken == "reports"
            }
            if alertLock == true { return true }
            // The general rules' holder yields while a console that sees report cases runs them.
            return (try? s.value("""
                SELECT (NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
                                    AND (classid::bigint << 32 | objid::bigint) = \(Self.alertLocks.reports)))::text
                """)) == "true"
        }
    }
    /// Which alert rules' lock this writer's connection holds: the report-seeing one (true), the
    /// general one (false), none yet on this connection (nil; a new connection starts again).
    private var alertLock: Bool?

    /// The advisory locks of the alert rules (one for logins that see report cases, one for the rest).
    static let alertLocks = (reports: Int64(0x4465_736B_0001), general: Int64(0x4465_736B_0002))

    /// Closes the writer's connection.
    public func close() {
        lock.withLock { session?.close(); session = nil }
    }

    /// Server states that mean another console saved first: a key taken (unique or exclusion), the trail's head
    /// moved (the trigger's 40001), a serialization failure or a deadlock.
    static let movedStates: Set<String> = ["23505", "23P01", "40001", "40P01"]
    /// The state of a change the server would not let this login make (row-level security, the
    /// desk's triggers): insufficient privilege.
    static let refusedState = "42501"
}

/// How a console proves to a server desk that it holds the desk's key (docs/server-desk.md,
/// "Writing to a server desk").
public enum ServerConsole {
    /// Shows the server the console secret on `session` (once per connection).
    public static func prove(_ session: ServerSession, secret: [UInt8]) throws {
        if session.consoleProven { return }
        var binds = PostgresBindings()
        binds.append(ByteBuffer(bytes: secret))
        do {
            _ = try session.rows(PostgresQuery(unsafeSQL: "SELECT desk.console_login($1::bytea)::text", binds: binds))
        } catch ServerError.refused(let why) {
            // Not a console of this desk: refused like a login (not permitted, exit 6). The
            // server's error is an ordinary one (42501): a class-28 error would end the connection.
            throw ServerError.loginRefused(user: session.address.user, reason: why)
        }
        session.consoleProven = true
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
