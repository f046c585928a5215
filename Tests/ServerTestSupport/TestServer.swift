import CaseModel
import DeskServer
import DeskTestSupport
import Foundation

/// The PostgreSQL cluster the server tests run against: `$CONSOLE_TEST_PG` (a superuser's
/// address) when set, else a throwaway cluster this process starts with `scripts/pg-cluster`
/// and stops when it exits. Each test gets a database of its own.
public enum TestServer {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<ServerAddress, any Error>?
    nonisolated(unsafe) public static var clusterDirectory: String?

    /// The repository (for scripts/pg-cluster).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The superuser's address (database `postgres`).
    public static func superuser() throws -> ServerAddress {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result<ServerAddress, any Error> {
            if let url = ProcessInfo.processInfo.environment["CONSOLE_TEST_PG"], !url.isEmpty { return try ServerAddress(url) }
            let dir = NSTemporaryDirectory() + "cdc-pg-" + UUID().uuidString
            let out = try ConsoleProcess.run([repository + "/scripts/pg-cluster", "start", dir], timeout: 120)
            guard out.status == 0 else { throw ServerError.unreachable("scripts/pg-cluster start failed: \(out)") }
            clusterDirectory = dir
            atexit {
                if let dir = TestServer.clusterDirectory {
                    _ = try? ConsoleProcess.run([TestServer.repository + "/scripts/pg-cluster", "stop", dir], timeout: 60)
                    try? FileManager.default.removeItem(atPath: dir)
                }
            }
            return try ServerAddress(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        started = result
        return try result.get()
    }

    /// A database name nobody uses yet, after the test's name.
    private static func freshName(_ test: String) -> String {
        "t_" + test.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(40) + "_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    /// A new, empty database for one test (dropped by `drop`), as the superuser.
    public static func database(_ test: String) throws -> ServerAddress {
        let admin = try superuser()
        let name = freshName(test)
        let session = try ServerSession.open(admin)
        defer { session.close() }
        try session.execute("CREATE DATABASE \"\(name)\"")
        var a = admin
        a.database = name
        return a
    }

    /// A new database made from `template` (which nobody may be connected to), as the superuser:
    /// the same desk, its own from now on (dropped by `drop`).
    public static func clone(_ template: ServerAddress, for test: String) throws -> ServerAddress {
        let name = freshName(test)
        let session = try ServerSession.open(try superuser())
        defer { session.close() }
        try session.execute("CREATE DATABASE \"\(name)\" TEMPLATE \"\(template.database)\"")
        var a = template
        a.database = name
        return a
    }

    /// Databases to drop when the process exits (`dropAtExit`).
    nonisolated(unsafe) private static var leftovers: [ServerAddress] = []

    /// Drops `address` when the test process exits: for a database whose test has no tear-down
    /// of its own (the CaseModel suite's desks on a server). A cluster the process started goes
    /// whole anyway; this keeps `$CONSOLE_TEST_PG`'s clean.
    public static func dropAtExit(_ address: ServerAddress) {
        lock.lock()
        defer { lock.unlock() }
        if leftovers.isEmpty {
            atexit { for a in TestServer.leftovers where TestServer.clusterDirectory == nil { TestServer.drop(a) } }
        }
        leftovers.append(address)
    }

    /// Drops a test's database.
    public static func drop(_ address: ServerAddress) {
        guard let admin = try? superuser(), let session = try? ServerSession.open(admin) else { return }
        defer { session.close() }
        try? session.execute("DROP DATABASE IF EXISTS \"\(address.database)\" WITH (FORCE)")
    }

    /// The address as a desk user's login role, given a password first (roles are the cluster's).
    public static func login(_ name: String, on desk: ServerAddress) throws -> ServerAddress {
        let password = "pw-" + UUID().uuidString
        let session = try ServerSession.open(desk)
        defer { session.close() }
        try session.execute("ALTER ROLE \"\(name)\" LOGIN PASSWORD '\(password)'")
        return desk.asUser(name, password: password)
    }

    /// The address as text for `--db` (with its password: the tests' own throwaway cluster).
    public static func url(_ a: ServerAddress) -> String {
        let host = a.hosts.map { "\($0.name):\($0.port)" }.joined(separator: ",")
        let pw = a.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        return "postgres://\(a.user)\(pw)@\(host)/\(a.database)"
    }
}
