import DeskTestSupport
import Foundation
import XCTest

/// Long commands show a progress line on a terminal and nothing anywhere else
/// (docs/bulk-data.md, "Progress"): the real binary on pseudo-terminals, then through pipes.
final class ProgressLineCLITests: XCTestCase {
    static let clear = "\r\u{1B}[K"

    func testDemoImportExportAndBackupDrawAProgressLineOnATerminalAndClearIt() throws {
        let console = ConsoleProcess.binary
        guard !console.isEmpty else { throw XCTSkip("the console binary was not found next to the test bundle") }
        let scratch = ScratchDirectory("progress")
        let base = ["--now", "2026-02-24T08:00:00+08:00"]
        let desk = ["--db", scratch.file("desk.sqlite")] + base

        let demo = try TerminalProcess.run([console, "demo", "--cases", "1500"] + desk)
        XCTAssertEqual(demo.status, 0, demo.description)
        XCTAssertTrue(demo.stderr.contains("demo ") && demo.stderr.contains("/ 1,500 cases"), demo.description)
        XCTAssertTrue(demo.stderr.hasSuffix(Self.clear), "the line is cleared at the end: \(demo.stderr.debugDescription)")
        XCTAssertTrue(demo.stdout.contains("demo: 1500 cases"), demo.description)

        let csv = scratch.file("cases.csv")
        let export = try TerminalProcess.run([console, "export", "--output", csv] + desk)
        XCTAssertEqual(export.status, 0, export.description)
        XCTAssertTrue(export.stderr.contains("exporting ") && export.stderr.contains(" cases"), export.description)
        XCTAssertTrue(export.stderr.contains(Self.clear + "exported "), "cleared before the closing message: \(export.stderr.debugDescription)")

        // An intake file into a new desk whose administrator is the one importing.
        let intake = scratch.file("intake.csv")
        _ = try ConsoleProcess.run([console, "demo", "--cases", "1200", "--csv", intake] + base)
        let login = try ConsoleProcess.run(["id", "-un"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let fresh = ["--db", scratch.file("new.sqlite")] + base
        _ = try ConsoleProcess.run([console, "init", "--admin", login] + fresh)
        // The demo file holds a few report cases (举报件), which only the president's office imports.
        let imported = try TerminalProcess.run([console, "import", intake, "--skip-bad"] + fresh)
        XCTAssertEqual(imported.status, 0, imported.description)
        XCTAssertTrue(imported.stderr.contains("importing ") && imported.stderr.contains(" rows"), imported.description)
        XCTAssertTrue(imported.stderr.contains("%"), "an import knows its share of the file: \(imported.stderr.debugDescription)")
        XCTAssertTrue(imported.stderr.hasSuffix(Self.clear), imported.description)

        let backup = try TerminalProcess.run([console, "backup", scratch.file("copy.sqlite")] + fresh)
        XCTAssertEqual(backup.status, 0, backup.description)
        XCTAssertTrue(backup.stderr.contains("backing up ") && backup.stderr.contains(" pages"), backup.description)

        // --quiet: the same work on a terminal, no line.
        let quiet = try TerminalProcess.run([console, "export", "--quiet", "--format", "jsonl", "--output", scratch.file("q.jsonl")] + desk)
        XCTAssertEqual(quiet.status, 0, quiet.description)
        XCTAssertFalse(quiet.stderr.contains("exporting"), quiet.description)
        XCTAssertFalse(quiet.stderr.contains("\u{1B}"), quiet.description)
    }

    func testNoProgressLineWhenStandardErrorIsAPipe() throws {
        let console = ConsoleProcess.binary
        guard !console.isEmpty else { throw XCTSkip("the console binary was not found next to the test bundle") }
        let scratch = ScratchDirectory("progress-pipe")
        let desk = ["--db", scratch.file("desk.sqlite"), "--now", "2026-02-17T21:30:00+08:00"]
        let demo = try ConsoleProcess.run([console, "demo", "--cases", "800"] + desk)
        XCTAssertEqual(demo.status, 0, demo.output)
        let export = try ConsoleProcess.run([console, "export", "--format", "jsonl"] + desk)
        XCTAssertEqual(export.status, 0, export.output)
        for outcome in [demo, export] {
            XCTAssertFalse(outcome.stderr.contains("\u{1B}") || outcome.stderr.contains("\r"), outcome.stderr)
            XCTAssertFalse(outcome.stderr.contains(" cases ·") || outcome.stderr.contains("/s"), outcome.stderr)
        }
        let lines = export.stdout.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 700)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("{\"") && $0.hasSuffix("}") }, "piped JSON lines are the export alone")
    }
}
