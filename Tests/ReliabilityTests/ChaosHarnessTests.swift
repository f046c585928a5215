import DeskTestSupport
import Foundation
import XCTest

/// The chaos harness in CI: a few seconds of eight writer processes, and five kill -9 drills.
/// The same harness runs for 60 s and 50 drills in the soak (`scripts/soak`).
final class ChaosHarnessTests: XCTestCase {
    override func setUpWithError() throws {
        XCTAssertFalse(ConsoleProcess.built("chaos").isEmpty, "the chaos binary was not found next to the test bundle; build it (`swift build --build-tests`)")
        XCTAssertFalse(ConsoleProcess.binary.isEmpty, "the console binary was not found next to the test bundle")
    }

    func testEightWritersLoseNothing() throws {
        let seconds = ProcessInfo.processInfo.environment["CHAOS_SECONDS"] ?? "4"
        let dir = ScratchDirectory("many")
        let r = try ConsoleProcess.run([ConsoleProcess.built("chaos"), "many", "--writers", "8", "--seconds", seconds, "--dir", dir.path, "--keep"], timeout: 180)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("PASS"), r.output)
        XCTAssertTrue(r.output.contains("lost updates: 0"), r.output)
        XCTAssertTrue(r.output.contains("silent overwrites: 0"), r.output)
        // The writers really raced: some actions were refused as conflicts (and named the case).
        XCTAssertNotNil(r.output.range(of: #"conflicts [1-9]"#, options: .regularExpression), "no conflict happened; the race is not exercised:\n\(r.output)")
        print(r.output)

        // The checker can fail: a change without its event, and a commit a writer believed in
        // that is not in the file, are both caught.
        let db = dir.file("desk.sqlite")
        let tamper = try ConsoleProcess.run(["sqlite3", db, "UPDATE cases SET version = version + 1 WHERE id = 1; SELECT number FROM cases WHERE id = 1;"])
        let number = tamper.output.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(tamper.status, 0, tamper.output)
        let fake = #"{"actor":"chaos-lead0","cases":["\#(number)"],"marker":"chaos-w9-op1#","message":"","op":"act:note","outcome":"ok","seconds":0,"seq":1,"versions":[999],"worker":9}"#
        try (fake + "\n").write(toFile: dir.file("writer-9.jsonl"), atomically: true, encoding: .utf8)
        let check = try ConsoleProcess.run([ConsoleProcess.built("chaos"), "check", "--dir", dir.path, "--seconds", seconds])
        XCTAssertEqual(check.status, 1, check.output)
        XCTAssertTrue(check.output.contains("lost updates: 1"), check.output)
        XCTAssertTrue(check.output.contains("timeline/version mismatches: 1 — \(number)"), check.output)
    }

    func testKillNineLeavesNoPartialWork() throws {
        let runs = ProcessInfo.processInfo.environment["CHAOS_CRASHES"] ?? "5"
        let r = try ConsoleProcess.run([ConsoleProcess.built("chaos"), "crash", "--runs", runs, "--console", ConsoleProcess.binary], timeout: 300)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("PASS"), r.output)
        print(r.output)
    }

    /// Two days of the festival soak, small: no alert duplicated or lost between two consoles,
    /// the report reconciles with the raw events. (The 10-day run is `scripts/soak`.)
    func testShortFestivalKeepsAlertsAndReportsStraight() throws {
        let r = try ConsoleProcess.run([ConsoleProcess.built("chaos"), "festival", "--days", "2", "--cases-per-day", "120", "--step-minutes", "15",
                                  "--memory-limit", "1000"], timeout: 300)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("duplicates 0, missed 0, stale 0"), r.output)
        XCTAssertTrue(r.output.contains("PASS"), r.output)
        print(r.output)
    }
}
