import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport
import GRDB
import XCTest

/// A test with a demo desk file of its own, moved onto a fresh database of the test cluster
/// before each test and dropped after it: the tests of reading, writing and parity start here.
class MigratedDeskTestCase: XCTestCase {
    var scratch: ScratchDirectory!
    var server: ServerAddress!
    var file: String!

    /// How many demo cases the desk has.
    var demoCases: Int { 400 }

    /// Runs on the file before it moves (as the OS login, its administrator).
    func prepareFile(environment: [String: String]) throws {}

    override func setUpWithError() throws {
        scratch = ScratchDirectory(String(describing: type(of: self)))
        server = try TestServer.database(name)
        file = scratch.file("desk.sqlite")
        let env = ["CONSOLE_NOW": ServerDeskTests.now]
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", file, "--admin", OSLoginName.current], environment: env).status, 0)
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--db", file, "--cases", String(demoCases), "--quiet"], environment: env).status, 0)
        try prepareFile(environment: env)
        let out = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", file, "--to", TestServer.url(server)], environment: env)
        XCTAssertEqual(out.status, 0, out.description)
    }

    override func tearDown() {
        if let server { TestServer.drop(server) }
    }

    /// The first active roster user of `role`, from the file.
    func user(_ role: Role) throws -> String {
        try CaseStore(path: file, creating: false).read { db in
            try String.fetchOne(db, sql: "SELECT name FROM users WHERE role = ? AND active = 1 ORDER BY name LIMIT 1", arguments: [role.rawValue])!
        }
    }
}
