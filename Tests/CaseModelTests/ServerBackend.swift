import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport

/// The backend the CaseModel tests' desks run on: a file (the default), or — with
/// `CONSOLE_TEST_BACKEND=server` — a server desk on the test cluster, written through as a console
/// holding the desk's key writes (docs/server-desk.md, "Writing to a server desk"; "Tests").
///
/// In server mode a `TestDesk` is built on its file as always, moved onto a fresh database of the
/// test cluster, and then used through the host's copy of that server desk: every command runs on
/// the copy, is sent to the server in one transaction and the copy caught up, so the test's reads
/// see what the server holds. It logs in as the cluster's owner, who reads every row (row-level
/// security is the confidentiality matrix's business, `Tests/ServerTests`).
enum TestBackend {
    /// Whether the desks of this run live on the test cluster.
    static var isServer: Bool { ProcessInfo.processInfo.environment["CONSOLE_TEST_BACKEND"] == "server" }

    /// The desk of the file at `path` (closed by the caller first), moved onto a new database and
    /// opened as a writing console's copy in `dir`.
    static func serverDesk(movedFrom path: String, dir: ScratchDirectory, clock: any DeskClock) throws -> CaseDesk {
        let database = try TestServer.database("casemodel")
        TestServer.dropAtExit(database)
        let session = try ServerSession.open(database)
        _ = try DeskCopy.toServer(from: try CaseStore(path: path, creating: false), session: session)
        session.close()
        let key = try AuditKey.load(file: AuditKey.path(forDatabase: path))
        let replica = ServerReplica(database, environment: ["XDG_CACHE_HOME": dir.file("host-cache")])
        replica.consoleSecret = key.serverConsoleSecret
        _ = try replica.sync()
        let store = try CaseStore(path: replica.path, creating: false)
        store.sendWrites(to: ServerWriter(replica: replica, key: key), key: key)
        return CaseDesk(store: store, clock: clock)
    }
}
