import Foundation

/// Where a server desk lives: a `postgres://` address as `--db` or `CONSOLE_DB` give it
/// (docs/server-desk.md, "Addresses").
///
/// `postgres://USER[:PASSWORD]@HOST[:PORT][,HOST[:PORT]…]/DATABASE[?target_session_attrs=read-write]`.
/// Several hosts are tried in order; with `target_session_attrs=read-write` (the default) a host
/// that is a standby is skipped. The password may instead come from `PGPASSWORD`, so it need not
/// appear in a process list or a shell history. A host that is a directory (`%2Fvar%2Frun%2Fpostgresql`
/// or `host=/var/run/postgresql`, as libpq) is the server's Unix socket there, for `peer` logins;
/// `sslcert` and `sslkey` present a client certificate, for `cert` logins.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    /// One host and its port.
    public struct Host: Sendable, Equatable {
        /// A host name or address (an IPv6 address without its brackets), or the directory of the
        /// server's Unix socket (an absolute path).
        public var name: String
        /// The port (5432 unless given).
        public var port: Int
        /// A host and its port.
        public init(name: String, port: Int) { self.name = name; self.port = port }
        /// The Unix socket's path when the host is a directory (libpq's `DIR/.s.PGSQL.PORT`).
        public var socketPath: String? { name.hasPrefix("/") ? "\(name)/.s.PGSQL.\(port)" : nil }
    }

    /// The server login (a desk user's own role, or the desk's owner).
    public var user: String
    /// The password, from the address or `$PGPASSWORD` (never shown).
    public var password: String?
    /// The hosts, tried in order.
    public var hosts: [Host]
    /// The database that holds the desk's schema.
    public var database: String
    /// Whether only a host that accepts writes will do (`target_session_attrs=read-write`).
    public var needsPrimary: Bool
    /// How the connection is protected (`sslmode`, libpq's words and default: `prefer`).
    public var tls: TLSMode
    /// The certificate authorities a `verify-ca` or `verify-full` connection trusts (`sslrootcert`).
    public var rootCertificates: String?
    /// The client certificate (PEM) this login presents (`sslcert`, `$PGSSLCERT`).
    public var clientCertificate: String?
    /// Its private key (PEM, readable by its owner only: `sslkey`, `$PGSSLKEY`).
    public var clientKey: String?

    /// `sslmode`: whether to use TLS and what to check of the server's certificate.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, else none (libpq's default); the certificate is not checked.
        case prefer
        /// TLS or no connection; the certificate is not checked.
        case require
        /// TLS, with a certificate signed by `sslrootcert`'s authorities.
        case verifyCA = "verify-ca"
        /// TLS, with a certificate signed by `sslrootcert`'s authorities and naming the host.
        case verifyFull = "verify-full"
    }

    /// Whether `text` names a server rather than a file.
    public static func isServer(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses an address; the error says which part is wrong (and never repeats the password).
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let scheme = text.range(of: "://"), Self.isServer(text) else {
            throw ServerError.badAddress("it must start with postgres:// or postgresql://")
        }
        var rest = String(text[scheme.upperBound...])
        var query = ""
        if let q = rest.firstIndex(of: "?") { query = String(rest[rest.index(after: q)...]); rest = String(rest[..<q]) }
        guard let at = rest.lastIndex(of: "@") else { throw ServerError.badAddress("it names no user (postgres://USER@HOST/DATABASE)") }
        let credentials = String(rest[..<at])
        let location = String(rest[rest.index(after: at)...])
        if let colon = credentials.firstIndex(of: ":") {
            user = Self.decode(String(credentials[..<colon]))
            password = Self.decode(String(credentials[credentials.index(after: colon)...]))
        } else {
            user = Self.decode(credentials)
            password = nil
        }
        guard !user.isEmpty else { throw ServerError.badAddress("it names no user (postgres://USER@HOST/DATABASE)") }
        if password == nil || password == "" { password = environment["PGPASSWORD"] }
        guard let slash = location.firstIndex(of: "/") else { throw ServerError.badAddress("it names no database (…@HOST/DATABASE)") }
        database = Self.decode(String(location[location.index(after: slash)...]))
        guard !database.isEmpty else { throw ServerError.badAddress("it names no database (…@HOST/DATABASE)") }
        hosts = try location[..<slash].split(separator: ",", omittingEmptySubsequences: false).map { part in
            var name = String(part), port = 5432
            if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
                let after = name[name.index(after: close)...]
                if after.hasPrefix(":") { guard let p = Int(after.dropFirst()), (1...65535).contains(p) else { throw ServerError.badAddress("the port of \(name) is not a number from 1 to 65535") }; port = p }
                name = String(name[name.index(after: name.startIndex)..<close])
            } else if let colon = name.lastIndex(of: ":") {
                guard let p = Int(name[name.index(after: colon)...]), (1...65535).contains(p) else {
                    throw ServerError.badAddress("the port of \(name[..<colon]) is not a number from 1 to 65535")
                }
                port = p
                name = String(name[..<colon])
            }
            // An empty host is allowed here only for `?host=` to fill (checked below).
            return Host(name: Self.decode(name), port: port)
        }
        needsPrimary = true
        tls = .prefer
        rootCertificates = environment["PGSSLROOTCERT"].flatMap { $0.isEmpty ? nil : $0 }
        clientCertificate = environment["PGSSLCERT"].flatMap { $0.isEmpty ? nil : $0 }
        clientKey = environment["PGSSLKEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let mode = environment["PGSSLMODE"], !mode.isEmpty {
            guard let m = TLSMode(rawValue: mode) else { throw ServerError.badAddress("PGSSLMODE must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))") }
            tls = m
        }
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { throw ServerError.badAddress("the option \(pair) has no value") }
            switch kv[0] {
            case "target_session_attrs":
                switch kv[1] {
                case "read-write", "primary": needsPrimary = true
                case "any": needsPrimary = false
                default: throw ServerError.badAddress("target_session_attrs must be read-write or any")
                }
            case "sslmode":
                guard let m = TLSMode(rawValue: kv[1]) else {
                    throw ServerError.badAddress("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = m
            case "sslrootcert": rootCertificates = Self.decode(kv[1])
            case "sslcert": clientCertificate = Self.decode(kv[1])
            case "sslkey": clientKey = Self.decode(kv[1])
            case "host":
                // libpq's: the host(s) of the query replace the address's (their ports kept in order).
                let names = kv[1].split(separator: ",", omittingEmptySubsequences: false).map { Self.decode(String($0)) }
                guard !names.contains(where: \.isEmpty) else { throw ServerError.badAddress("a host is empty") }
                hosts = names.enumerated().map { Host(name: $1, port: hosts[min($0, hosts.count - 1)].port) }
            case "connect_timeout", "application_name": break
            default: throw ServerError.badAddress("the option \(kv[0]) is not known")
            }
        }
        guard !hosts.contains(where: { $0.name.isEmpty }) else { throw ServerError.badAddress("a host is empty") }
        if (clientCertificate == nil) != (clientKey == nil) {
            throw ServerError.badAddress("a client certificate needs both sslcert=FILE and sslkey=FILE (or $PGSSLCERT and $PGSSLKEY)")
        }
        if clientCertificate != nil && tls == .disable {
            throw ServerError.badAddress("sslcert needs TLS: sslmode=disable sends no certificate")
        }
        for h in hosts where h.name.hasPrefix("/") && h.name.contains("..") {
            throw ServerError.badAddress("the socket directory \(h.name) must be a plain absolute path")
        }
        if (tls == .verifyCA || tls == .verifyFull) && rootCertificates == nil {
            throw ServerError.badAddress("sslmode \(tls.rawValue) needs the certificate authorities to trust: sslrootcert=FILE (or $PGSSLROOTCERT)")
        }
    }

    /// The address as it may be shown: never the password.
    public var description: String {
        let where_ = hosts.map { $0.name.contains(":") ? "[\($0.name)]:\($0.port)" : "\($0.name):\($0.port)" }.joined(separator: ",")
        return "postgres://\(user)@\(where_)/\(database)"
    }

    /// The same server as another user.
    public func asUser(_ name: String, password: String?) -> ServerAddress {
        var a = self
        a.user = name
        a.password = password
        return a
    }

    private static func decode(_ s: String) -> String { s.removingPercentEncoding ?? s }
}
