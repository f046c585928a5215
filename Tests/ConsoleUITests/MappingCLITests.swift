import DeskTestSupport
import Foundation
import ConsoleTestSupport
import XCTest

/// `console import --mapping` end to end: the real binary, a fresh database, the CFPB fixture.
final class MappingCLITests: XCTestCase {
    func fixture(_ name: String, file: String = #filePath) -> String {
        ((file as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent + "/CaseModelTests/Fixtures/" + name
    }

    func json(_ text: String) throws -> [String: Any] {
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("{") }, text)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], text)
    }

    func testDryRunImportReImportAndInfer() throws {
        let console = ConsoleProcess.binary
        guard !console.isEmpty else { throw XCTSkip("the console binary was not found next to the test bundle") }
        let scratch = ScratchDirectory("map")
        let dir = scratch.path
        func run(_ args: [String]) throws -> String { try ConsoleProcess.run(args).output }
        let base = ["--db", dir + "/desk.sqlite", "--now", "2026-02-16T10:00:00+08:00"]
        try run([console, "init", "--admin", "root"] + base)
        let csv = fixture("cfpb-complaints.csv"), map = fixture("cfpb.map")

        let dry = try json(run([console, "import", csv, "--mapping", map, "--dry-run", "--json"] + base))
        XCTAssertEqual(dry["created"] as? Int, 6)
        XCTAssertEqual(dry["dry_run"] as? Bool, true)
        XCTAssertTrue(try run([console, "list", "--json"] + base).hasPrefix("[]"), "a dry run writes nothing")

        let first = try run([console, "import", csv, "--mapping", map] + base)
        XCTAssertTrue(first.contains("cases were created: 6"), first)
        let again = try json(run([console, "import", csv, "--mapping", map, "--json"] + base))
        XCTAssertEqual(again["created"] as? Int, 0)
        XCTAssertEqual(again["unchanged"] as? Int, 6)
        XCTAssertEqual((again["sha256"] as? String)?.count, 64)

        let bad = dir + "/bad.map"
        try "source x\nfield summary\n  from Isue\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try run([console, "import", csv, "--mapping", bad] + base)
        XCTAssertTrue(refused.contains("bad.map:3: column \"Isue\" is not in the header"), refused)

        let inferred = try run([console, "import", "--infer", csv] + base)
        XCTAssertTrue(inferred.contains("id Complaint ID"), inferred)
        XCTAssertTrue(inferred.contains("date yyyy/M/d"), inferred)
    }
}
