import CaseModel
import Foundation
import PostgresNIO

extension DeskCopy {
    /// Copies the server desk of `session` into a new desk file at `path`, with the desk's audit
    /// key from `keyFile` (the key never lives on the server: docs/server-desk.md). The whole copy
    /// reads one snapshot of the server; the file is kept only when every table arrived and the
    /// audit trail verifies with that key. Only a login that reads every row (the desk's owner on
    /// the server, or a role that bypasses row-level security) may do it: a desk role's copy
    /// would be a filtered desk.
    public static func toFile(session: ServerSession, path: String, keyFile: String, progress: ((String, Int) -> Void)? = nil) throws -> DeskRestore.Outcome {
        try ServerSchema.requireCurrent(session)
        let readsAll = try session.value("""
            SELECT (r.rolsuper OR r.rolbypassrls OR n.nspowner = r.oid)::text FROM pg_roles r, pg_namespace n
            WHERE r.rolname = current_user AND n.nspname = 'desk'
            """)
        guard readsAll == "true" else {
            throw ServerError.loginRefused(user: session.address.user, reason: "only the desk's owner on the server (or a role that bypasses row-level security) copies the whole desk to a file; a desk role's rows are filtered; nothing was written")
        }
        for existing in [path, AuditKey.path(forDatabase: path), path + "-wal"] where FileManager.default.fileExists(atPath: existing) {
            throw ServerError.notEmpty("\(existing) exists; a server desk is copied only into a new file; nothing was written")
        }
        let key: Data
        do { key = try Data(contentsOf: URL(fileURLWithPath: keyFile)) } catch {
            throw ServerError.badRow("--key \(keyFile): cannot read the desk's audit key (\(error.localizedDescription)); nothing was written")
        }
        let keyPath = AuditKey.path(forDatabase: path)
        var created: [String] = []
        func discard() { for f in created + [path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: f) } }
        do {
            guard FileManager.default.createFile(atPath: keyPath, contents: key, attributes: [.posixPermissions: 0o600]) else {
                throw ServerError.badRow("\(keyPath): cannot write the key beside the new file; nothing was written")
            }
            created.append(keyPath)
            created.append(path)
            let store = try CaseStore(path: path)
            try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { try? session.execute("ROLLBACK") }
            var serverCounts: [String: Int] = [:]
            let outcome = try DeskRestore.fill(store) { table, insert in
                serverCounts[table.name] = Int(try session.value(PostgresQuery(unsafeSQL: "SELECT count(*)::text FROM desk.\(ServerSchema.ident(table.name))")) ?? "0") ?? 0
                var total = 0
                try ServerCursor.read(session, table) { chunk in
                    for row in chunk { try insert(row) }
                    total += chunk.count
                    progress?(table.name, total)
                }
            }
            for (name, rows) in outcome.tables where serverCounts[name] != rows {
                throw ServerError.verifyFailed("\(name): \(rows) rows arrived of the server's \(serverCounts[name] ?? 0); the file was not kept")
            }
            guard outcome.verification.ok else {
                let why = outcome.verification.keyProblem ?? outcome.verification.firstBreak?.description ?? "its triggers"
                throw ServerError.verifyFailed("the copy's audit trail does not verify (\(why)): is --key this desk's key? the file was not kept")
            }
            return outcome
        } catch {
            discard()
            if let e = error as? DeskRestore.Refusal { throw ServerError.notEmpty(e.description) }
            throw error
        }
    }
}
