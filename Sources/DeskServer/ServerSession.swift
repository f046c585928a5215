import CaseModel
import Foundation
import NIOSSL
import PostgresNIO

/// One connection to a server desk, used from the console's synchronous code.
///
/// postgres-nio is asynchronous; the console's commands are not. Each call runs its work as a
/// task and waits for it, so the caller's thread blocks as it would on SQLite (docs/server-desk.md,
/// "The client").
public final class ServerSession: @unchecked Sendable {
    /// The address this session reached (its `hosts` the one that answered first).
    public let address: ServerAddress
    /// The host that answered.
    public let host: ServerAddress.Host
    let connection: PostgresConnection
    static let logger: Logger = {
        var l = Logger(label: "console.server")
        l.logLevel = .critical
        return l
    }()

    private let waitLock = NSLock()
    /// The calls waiting for the server, told when the connection ends.
    private var waiting: [ObjectIdentifier: @Sendable (any Error) -> Void] = [:]
    private var ended = false

    private init(address: ServerAddress, host: ServerAddress.Host, connection: PostgresConnection) {
        self.address = address
        self.host = host
        self.connection = connection
        connection.closeFuture.whenComplete { [weak self] _ in self?.connectionEnded() }
    }

    private static let lost = ServerError.unreachable("the connection to the server was lost; the outcome of the last statement is unknown")

    /// postgres-nio can leave a query unanswered when the server dies mid-commit (a primary
    /// killed while its commit waits for the standby: the failover drill); whoever waits is told.
    private func connectionEnded() {
        waitLock.lock()
        ended = true
        let all = waiting.values
        waiting = [:]
        waitLock.unlock()
        for tell in all { tell(Self.lost) }
    }

    /// Waits for work on this connection, or for the connection's end.
    private func wait<T>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Bridge.Box<T>()
        let id = ObjectIdentifier(box)
        waitLock.lock()
        if ended { waitLock.unlock(); throw Self.lost }
        waiting[id] = { box.settle(.failure($0)) }
        waitLock.unlock()
        defer { waitLock.lock(); waiting[id] = nil; waitLock.unlock() }
        return try Bridge.wait(box, work)
    }

    /// Connects to the first host of `address` that answers (and, when the address asks for a
    /// primary, accepts writes). Each host gets `timeout` seconds.
    public static func open(_ address: ServerAddress, timeout: TimeInterval = 5) throws -> ServerSession {
        var problems: [String] = []
        for host in address.hosts {
            // A socket directory: the server's own host, no TLS (as libpq); the server may know the
            // login by its OS account (`peer`).
            var config: PostgresConnection.Configuration
            if let socket = host.socketPath {
                config = .init(unixSocketPath: socket, username: address.user, password: address.password, database: address.database)
            } else {
                config = .init(host: host.name, port: host.port, username: address.user, password: address.password,
                               database: address.database, tls: try tls(address))
            }
            config.options.connectTimeout = .milliseconds(Int64(timeout * 1000))
            config.options.additionalStartupParameters = [("application_name", "complaint-duty-console")]
            let connection: PostgresConnection
            do {
                let settled = config
                connection = try Bridge.wait { try await PostgresConnection.connect(configuration: settled, id: 1, logger: logger) }
            } catch {
                let e = ServerError.from(error, user: address.user)
                if case .loginRefused = e { throw e }
                problems.append("\(host.name):\(host.port): \(Self.reachProblem(e))")
                continue
            }
            let session = ServerSession(address: address, host: host, connection: connection)
            if address.needsPrimary, (try? session.value("SELECT pg_is_in_recovery()::text")) == "true" {
                problems.append("\(host.name):\(host.port): a standby (read-only)")
                session.close()
                continue
            }
            return session
        }
        throw ServerError.unreachable(problems.joined(separator: "; "))
    }

    /// The TLS settings `address.tls` asks for (libpq's `sslmode` meanings).
    static func tls(_ address: ServerAddress) throws -> PostgresConnection.Configuration.TLS {
        var c = TLSConfiguration.makeClientConfiguration()
        switch address.tls {
        case .disable: return .disable
        case .prefer, .require: c.certificateVerification = .none
        case .verifyCA: c.certificateVerification = .noHostnameVerification
        case .verifyFull: c.certificateVerification = .fullVerification
        }
        if let roots = address.rootCertificates, address.tls == .verifyCA || address.tls == .verifyFull {
            try requireTLSFile(roots, "sslrootcert")
            c.trustRoots = .file(roots)
        }
        if let certificate = address.clientCertificate, let key = address.clientKey {
            try clientIdentity(certificate: certificate, key: key, into: &c)
        }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: c) } catch {
            throw ServerError.badAddress("the TLS settings cannot be used: \(error)")
        }
        return address.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// Checks a file the TLS settings name is there, readable and a regular file (a FIFO or a
    /// device would hang the connection or feed the TLS library anything); returns its status.
    @discardableResult
    static func requireTLSFile(_ path: String, _ option: String) throws -> stat {
        var info = stat()
        guard FileManager.default.isReadableFile(atPath: path), stat(path, &info) == 0 else { throw ServerError.badAddress("\(option) \(path): cannot be read") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw ServerError.badAddress("\(option) \(path): not a regular file") }
        return info
    }

    /// The client certificate and key of a `cert` login. The key must be its owner's alone, as
    /// libpq requires (or root's and its group's at most, for a key a service group reads).
    static func clientIdentity(certificate: String, key: String, into c: inout TLSConfiguration) throws {
        try requireTLSFile(certificate, "sslcert")
        let info = try requireTLSFile(key, "sslkey")
        let others = info.st_mode & (info.st_uid == 0 ? 0o037 : 0o077)
        guard others == 0 else {
            throw ServerError.badAddress("sslkey \(key): readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); make it yours alone: chmod 600")
        }
        do {
            c.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            c.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        } catch {
            throw ServerError.badAddress("sslcert \(certificate) / sslkey \(key): not a PEM certificate and its private key")
        }
    }

    private static func reachProblem(_ e: ServerError) -> String {
        if case .unreachable(let why) = e {
            if why.contains("connectionRefused") || why.contains("Connection refused") { return "connection refused" }
            if why.contains("connectTimeout") || why.contains("timed out") { return "no answer" }
            return why
        }
        return e.description
    }

    /// Whether the connection is still there (a console reconnects when it is not).
    public var isOpen: Bool {
        waitLock.lock(); defer { waitLock.unlock() }
        return !ended && !connection.isClosed
    }

    /// Set once this session proved it is a console holding the desk's key (`ServerConsole`).
    var consoleProven = false

    /// Closes the connection.
    public func close() {
        waitLock.lock()
        let gone = ended
        waitLock.unlock()
        if gone || connection.isClosed { return }
        try? Bridge.wait { [connection] in try await connection.close() }
    }

    /// A session let go without `close` (a writer released with its store) closes its connection:
    /// postgres-nio traps on a connection deinitialized open.
    deinit { close() }

    /// Runs statements, one after another (several, separated by semicolons; no parameters).
    public func execute(_ sql: String) throws {
        let statements = StatementSplitter.split(sql)
        do {
            try wait { [connection] in
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger)
                }
            }
        } catch { throw ServerError.from(error, user: address.user) }
    }

    /// Runs one statement with parameters and returns its rows as text (NULL as nil).
    public func rows(_ query: PostgresQuery) throws -> [[String?]] {
        do {
            return try wait { [connection] in
                var out: [[String?]] = []
                for try await row in try await connection.query(query, logger: Self.logger) {
                    out.append(try row.map { cell in try cell.decode(String?.self) })
                }
                return out
            }
        } catch { throw ServerError.from(error, user: address.user) }
    }

    /// The first column of the first row, as text.
    public func value(_ query: PostgresQuery) throws -> String? {
        try rows(query).first?.first ?? nil
    }

    /// Runs `body` against the connection (for streaming reads and COPY), waiting for it.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        do {
            return try wait { [connection] in try await body(connection) }
        } catch let moved as DeskWriteThroughError {
            throw moved
        } catch { throw ServerError.from(error, user: address.user) }
    }
}

/// Waits on the calling thread for an asynchronous piece of work.
enum Bridge {
    final class Box<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Result<T, any Error>?
        let done = DispatchSemaphore(value: 0)
        /// Keeps the first outcome only.
        func settle(_ r: Result<T, any Error>) {
            lock.lock()
            defer { lock.unlock() }
            guard value == nil else { return }
            value = r
            done.signal()
        }
        var result: Result<T, any Error> { lock.lock(); defer { lock.unlock() }; return value! }
    }

    /// Waits for `work` (or for whoever else settles `box` first).
    static func wait<T>(_ box: Box<T> = Box<T>(), _ work: @escaping @Sendable () async throws -> T) throws -> T {
        Task.detached {
            do { box.settle(.success(try await work())) } catch { box.settle(.failure(error)) }
        }
        box.done.wait()
        return try box.result.get()
    }
}
