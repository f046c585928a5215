@testable import DeskServer
import CaseModel
import XCTest

/// Addresses, statement splitting and value encoding: the parts of the server desk that need no
/// server.
final class ServerAddressTests: XCTestCase {
    func testAddressesAreReadWholeAndTheirPasswordIsNeverShown() throws {
        let a = try ServerAddress("postgres://desk%20admin:p%40ss@db1.example:6432,db2.example/desk?target_session_attrs=read-write", environment: [:])
        XCTAssertEqual(a.user, "desk admin")
        XCTAssertEqual(a.password, "p@ss")
        XCTAssertEqual(a.hosts, [.init(name: "db1.example", port: 6432), .init(name: "db2.example", port: 5432)])
        XCTAssertEqual(a.database, "desk")
        XCTAssertTrue(a.needsPrimary)
        XCTAssertFalse(a.description.contains("p@ss"))
        XCTAssertEqual(a.description, "postgres://desk admin@db1.example:6432,db2.example:5432/desk")
        let v6 = try ServerAddress("postgresql://u@[::1]:5433/d?target_session_attrs=any", environment: ["PGPASSWORD": "from-env"])
        XCTAssertEqual(v6.hosts, [.init(name: "::1", port: 5433)])
        XCTAssertEqual(v6.password, "from-env")
        XCTAssertFalse(v6.needsPrimary)
        // The server's Unix socket, as libpq names it: a percent-encoded directory, or ?host=.
        let socket = try ServerAddress("postgres://zhoufang@%2Fvar%2Frun%2Fpostgresql:5433/desk", environment: [:])
        XCTAssertEqual(socket.hosts, [.init(name: "/var/run/postgresql", port: 5433)])
        XCTAssertEqual(socket.hosts[0].socketPath, "/var/run/postgresql/.s.PGSQL.5433")
        let option = try ServerAddress("postgres://zhoufang@:5433/desk?host=/var/run/postgresql", environment: [:])
        XCTAssertEqual(option.hosts, socket.hosts)
        XCTAssertNil(a.hosts[0].socketPath)
        // A client certificate, from the address or the environment.
        let cert = try ServerAddress("postgres://wangmin@h/d?sslcert=%2Fhome%2Fw%2Fc.crt&sslkey=/home/w/c.key", environment: [:])
        XCTAssertEqual([cert.clientCertificate, cert.clientKey], ["/home/w/c.crt", "/home/w/c.key"])
        let fromEnvironment = try ServerAddress("postgres://wangmin@h/d", environment: ["PGSSLCERT": "/e/c.crt", "PGSSLKEY": "/e/c.key"])
        XCTAssertEqual([fromEnvironment.clientCertificate, fromEnvironment.clientKey], ["/e/c.crt", "/e/c.key"])
    }

    func testAMalformedAddressSaysWhichPartIsWrong() {
        let cases: [(String, String)] = [
            ("mysql://u@h/d", "postgres://"), ("postgres://h/d", "no user"), ("postgres://u@h", "no database"),
            ("postgres://u@h/", "no database"), ("postgres://u@h:99999/d", "port"), ("postgres://u@h:x/d", "port"),
            ("postgres://u@/d", "host is empty"), ("postgres://u@h/d?sslmode=verify-full", "sslrootcert"),
            ("postgres://u@h/d?sslmode=allow-anything", "sslmode must be one of"),
            ("postgres://u@h/d?colour=red", "not known"), ("postgres://u@h/d?sslcert=/c.crt", "needs both"),
            ("postgres://u@h/d?sslkey=/c.key", "needs both"), ("postgres://u@h/d?sslmode=disable&sslcert=/c&sslkey=/k", "needs TLS"),
            ("postgres://u@h/d?host=", "has no value"), ("postgres://u@h/d?host=a,", "host is empty"), ("postgres://u@%2Fa%2F..%2Fb/d", "plain absolute path"), ("postgres://u:secret@h/d?target_session_attrs=maybe", "read-write"),
        ]
        for (text, part) in cases {
            XCTAssertThrowsError(try ServerAddress(text, environment: [:]), text) { error in
                XCTAssertTrue("\(error)".contains(part), "\(text): \(error)")
                XCTAssertFalse("\(error)".contains("secret"), "\(text): \(error)")
            }
        }
    }

    func testScriptsSplitOnlyWhereAStatementEnds() {
        let script = """
        CREATE TABLE t (a text DEFAULT 'x;y'); -- a comment; with a semicolon
        CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
        SELECT "odd;name" FROM t;
        CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'a;b' $body$;
        -- only a comment;
        """
        XCTAssertEqual(StatementSplitter.split(script), [
            "CREATE TABLE t (a text DEFAULT 'x;y')",
            "-- a comment; with a semicolon\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$",
            "SELECT \"odd;name\" FROM t",
            "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'a;b' $body$",
        ])
    }

    func testValuesAreEncodedForCopyAndAValueThatDoesNotFitIsNamed() {
        func copy(_ v: DeskValue) -> String { var b: [UInt8] = []; DeskValueCoding.appendCopy(v, into: &b); return String(decoding: b, as: UTF8.self) }
        XCTAssertEqual(copy(.text("a\\b\tc\nd\re 中文")), "a\\\\b\\tc\\nd\\re 中文")
        XCTAssertEqual(copy(.null), "\\N")
        XCTAssertEqual(copy(.blob([0, 0xAB, 0xFF])), "\\\\x00abff")
        XCTAssertEqual(copy(.real(0.1)), "0.1")
        XCTAssertEqual(copy(.real(-.infinity)), "-Infinity")
        XCTAssertEqual(copy(.integer(-9_223_372_036_854_775_808)), "-9223372036854775808")
        let int = DeskColumn(name: "people", type: .integer, notNull: true)
        let real = DeskColumn(name: "potential_loss", type: .real, notNull: true)
        let text = DeskColumn(name: "summary", type: .text, notNull: true)
        XCTAssertEqual(try DeskValueCoding.normalized(.real(3), int).get(), .integer(3))
        XCTAssertEqual(try DeskValueCoding.normalized(.integer(3), real).get(), .real(3))
        for (v, c, why) in [(DeskValue.real(2.5), int, "whole"), (.text("many"), int, "not a number"), (.null, text, "empty"),
                            (.text("a\u{0}b"), text, "NUL"), (.blob([1]), text, "bytes")] {
            XCTAssertThrowsError(try DeskValueCoding.normalized(v, c).get()) { XCTAssertTrue(($0 as! DeskValueCoding.Refusal).why.contains(why), "\($0)") }
        }
    }
}
