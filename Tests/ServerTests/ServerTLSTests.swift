@testable import DeskServer
import CaseModel
import DeskTestSupport
import Foundation
import ServerTestSupport
import PostgresNIO
import XCTest

/// TLS to the server (docs/server-desk.md, "The client"): libpq's `sslmode` meanings, the
/// server's certificate checked against `sslrootcert` when asked, and a wrong authority refused.
final class ServerTLSTests: XCTestCase {
    /// The throwaway cluster's certificate authority (scripts/pg-cluster writes DIR/ca.crt).
    func authority() throws -> String {
        _ = try TestServer.superuser()
        if let dir = TestServer.clusterDirectory { return dir + "/ca.crt" }
        if let ca = ProcessInfo.processInfo.environment["CONSOLE_TEST_PG_CA"], !ca.isEmpty { return ca }
        throw XCTSkip("CONSOLE_TEST_PG names a server without CONSOLE_TEST_PG_CA: its certificate authority is unknown")
    }

    func encrypted(_ a: ServerAddress) throws -> String? {
        let s = try ServerSession.open(a)
        defer { s.close() }
        return try s.value("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    }

    func with(_ query: String) throws -> ServerAddress {
        try ServerAddress(TestServer.url(try TestServer.superuser()) + "?" + query, environment: [:])
    }

    func testTheConnectionIsEncryptedAsAskedAndTheServerIsCheckedWhenAsked() throws {
        let ca = try authority()
        XCTAssertEqual(try ServerAddress("postgres://u@h/d", environment: [:]).tls, .prefer, "libpq's default")
        XCTAssertEqual(try ServerAddress("postgres://u@h/d", environment: ["PGSSLMODE": "require"]).tls, .require)
        XCTAssertEqual(try encrypted(try with("sslmode=disable")), "false")
        XCTAssertEqual(try encrypted(try with("sslmode=prefer")), "true")
        XCTAssertEqual(try encrypted(try with("sslmode=require")), "true")
        XCTAssertEqual(try encrypted(try with("sslmode=verify-ca&sslrootcert=\(ca)")), "true")
        XCTAssertEqual(try encrypted(try with("sslmode=verify-full&sslrootcert=\(ca)")), "true")

        // Another authority's certificate does not vouch for this server: no connection, and why.
        let scratch = ScratchDirectory("tls")
        let other = scratch.file("other-ca.crt")
        let made = try ConsoleProcess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=another CA",
                                           "-keyout", scratch.file("other.key"), "-out", other])
        XCTAssertEqual(made.status, 0, made.description)
        XCTAssertThrowsError(try ServerSession.open(try with("sslmode=verify-full&sslrootcert=\(other)"))) { error in
            XCTAssertTrue("\(error)".contains("127.0.0.1"), "\(error)")
        }
        XCTAssertThrowsError(try ServerSession.open(try with("sslmode=verify-ca&sslrootcert=\(scratch.file("missing.crt"))"))) { error in
            XCTAssertTrue("\(error)".contains("sslrootcert"), "\(error)")
        }
    }

    func testTheConsoleReadsAServerDeskOverAVerifiedConnection() throws {
        let ca = try authority()
        let scratch = ScratchDirectory("tls-desk")
        let server = try TestServer.database(name)
        defer { TestServer.drop(server) }
        let file = scratch.file("desk.sqlite")
        let env = ["CONSOLE_NOW": ServerDeskTests.now, "XDG_CACHE_HOME": scratch.file("cache")]
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", file, "--admin", OSLoginName.current], environment: env).status, 0)
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--db", file, "--cases", "50", "--quiet"], environment: env).status, 0)
        let verified = TestServer.url(server) + "?sslmode=verify-full&sslrootcert=\(ca)"
        let moved = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", file, "--to", verified], environment: env)
        XCTAssertEqual(moved.status, 0, moved.description)
        let me = try TestServer.login(OSLoginName.current, on: server)
        let listed = try ConsoleProcess.run([ConsoleProcess.binary, "list", "--count", "--db", TestServer.url(me) + "?sslmode=verify-full&sslrootcert=\(ca)"],
                                            environment: env)
        XCTAssertEqual(listed.status, 0, listed.description)
        XCTAssertTrue(listed.stdout.contains("50"), listed.stdout)
    }
}
