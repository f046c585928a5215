import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport
import XCTest

/// The ways a desk user logs in besides a password (docs/server-desk.md, "Who logs in: roles"):
/// a client certificate (the server's `cert` method) and, on the server's own host, the OS account
/// over the Unix socket (`peer`). Each changes the test cluster's `pg_hba.conf` for this test's
/// database only, so these need the cluster the tests started (not `$CONSOLE_TEST_PG`'s).
final class ServerLoginMethodsTests: MigratedDeskTestCase {
    override var demoCases: Int { 40 }

    func clusterDirectory() throws -> String {
        _ = try TestServer.superuser()
        guard let dir = TestServer.clusterDirectory else {
            throw XCTSkip("the cluster is $CONSOLE_TEST_PG's: its authentication is not this test's to change")
        }
        return dir
    }

    func cluster(_ args: [String]) throws {
        let out = try ConsoleProcess.run([TestServer.repository + "/scripts/pg-cluster"] + args, timeout: 60)
        XCTAssertEqual(out.status, 0, out.description)
    }

    func list(_ url: String) throws -> ConsoleProcess.Outcome {
        try ConsoleProcess.run([ConsoleProcess.binary, "list", "--count", "--db", url],
                               environment: ["CONSOLE_NOW": ServerDeskTests.now, "XDG_CACHE_HOME": scratch.file("cache"), "LANG": "C.UTF-8", "PGPASSWORD": ""])
    }

    /// A login role without a password: only the method under test can let it in.
    func passwordless(_ name: String) throws {
        let owner = try ServerSession.open(server)
        defer { owner.close() }
        try owner.execute("ALTER ROLE \"\(name)\" LOGIN PASSWORD NULL")
    }

    func testAClientCertificateLogsItsUserInAndNoOneElse() throws {
        let dir = try clusterDirectory()
        let lead = try user(.teamLead), other = try user(.operator_)
        try passwordless(lead)
        try cluster(["client-cert", dir, lead, scratch.file("lead")])
        try cluster(["client-cert", dir, other, scratch.file("other")])
        try cluster(["auth", dir, "hostssl \(server.database) \(lead) 127.0.0.1/32 cert"])
        let base = "postgres://\(lead)@127.0.0.1:\(server.hosts[0].port)/\(server.database)?sslmode=verify-full&sslrootcert=\(dir)/ca.crt"

        let inWithCertificate = try list(base + "&sslcert=\(scratch.file("lead.crt"))&sslkey=\(scratch.file("lead.key"))")
        XCTAssertEqual(inWithCertificate.status, 0, inWithCertificate.description)
        XCTAssertEqual(try list(base).status, 6, "no certificate, no password: refused")
        let borrowed = try list(base + "&sslcert=\(scratch.file("other.crt"))&sslkey=\(scratch.file("other.key"))")
        XCTAssertEqual(borrowed.status, 6, "another user's certificate does not log \(lead) in: \(borrowed)")

        chmod(scratch.file("lead.key"), 0o644)
        let exposed = try list(base + "&sslcert=\(scratch.file("lead.crt"))&sslkey=\(scratch.file("lead.key"))")
        XCTAssertEqual(exposed.status, 2, exposed.description)
        XCTAssertTrue(exposed.stderr.contains("readable by others"), exposed.stderr)
        // A device or a pipe named as a TLS file is refused before it is read (it could hang the console).
        for (option, device) in [("sslcert", "/dev/zero"), ("sslkey", "/dev/stdin")] {
            let other = option == "sslcert" ? "sslkey=\(scratch.file("other.key"))" : "sslcert=\(scratch.file("other.crt"))"
            let odd = try list(base + "&\(option)=\(device)&\(other)")
            XCTAssertEqual(odd.status, 2, odd.description)
            XCTAssertTrue(odd.stderr.contains("\(option) \(device): not a regular file"), odd.stderr)
        }
        let oddRoots = try list(base.replacingOccurrences(of: "\(dir)/ca.crt", with: "/dev/zero"))
        XCTAssertTrue(oddRoots.status == 2 && oddRoots.stderr.contains("sslrootcert /dev/zero: not a regular file"), oddRoots.description)
        let half = try list(base + "&sslcert=\(scratch.file("lead.crt"))")
        XCTAssertEqual(half.status, 2, half.description)
        XCTAssertTrue(half.stderr.contains("needs both sslcert"), half.stderr)
    }

    func testAConsoleOnTheServersHostLogsInByItsOSAccount() throws {
        let dir = try clusterDirectory()
        let name = try user(.operator_), other = try user(.handler)
        try passwordless(name)
        try passwordless(other)
        try cluster(["auth", dir, "local \(server.database) \(name) peer map=desk", "desk \(OSLoginName.current) \(name)"])
        let port = server.hosts[0].port
        let encoded = dir.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? dir
        let inBySocket = try list("postgres://\(name)@\(encoded):\(port)/\(server.database)")
        XCTAssertEqual(inBySocket.status, 0, inBySocket.description)
        let byHostOption = try list("postgres://\(name)@:\(port)/\(server.database)?host=\(dir)")
        XCTAssertEqual(byHostOption.status, 0, byHostOption.description)
        XCTAssertEqual(inBySocket.stdout, byHostOption.stdout)
        // The OS account is mapped to one desk user only: as another, the socket asks a password.
        let asOther = try list("postgres://\(other)@\(encoded):\(port)/\(server.database)")
        XCTAssertEqual(asOther.status, 6, asOther.description)
    }
}
