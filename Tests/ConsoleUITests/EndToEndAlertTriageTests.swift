import CaseModel
import DeskTestSupport
import Foundation
import GRDB
import ConsoleTestSupport
import XCTest

/// Alert triage and the crisis line in the real binary under tmux: a whole group acknowledged by
/// one command after its count is confirmed, a critical alert added by the command line while the
/// console runs flashing the header once, the crisis line naming the declared 32-person event
/// before the single-complaint proposals.
extension EndToEndTests {
    func unacknowledged(rule: String) throws -> Int {
        let store = try CaseStore(path: db)
        return try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE cleared_at IS NULL AND acknowledged_at IS NULL AND rule = ?", arguments: [rule])!
        }
    }

    func testAGroupOfManyAlertsIsAcknowledgedWithOneCommandAfterItsCountIsConfirmed() throws {
        try start()
        // The alert pane's figures are on screen: `3 need action · 50 unack` when the pane is wide
        // enough, `act 3 unack 50 new 50` when new alerts make it too long for 100 columns.
        try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains(" unack") }
        // The console's first evaluation raises the alerts beside the screen.
        let deadline = Date().addingTimeInterval(10)
        while try unacknowledged(rule: "new-major") == 0 && Date() < deadline { usleep(100_000) }
        let before = try unacknowledged(rule: "new-major")
        XCTAssertGreaterThan(before, 10)
        try keys("e2e", ":")
        try keys("e2e", "-l", "ack rule=new-major")
        try keys("e2e", "Enter")
        let asked = try waitFor("the confirmation with the count") { $0.contains("Acknowledge \(before) alert(s) (rule=new-major)?") }
        XCTAssertTrue(asked.contains("y yes"), asked)
        XCTAssertEqual(try unacknowledged(rule: "new-major"), before, "nothing before the yes")
        try keys("e2e", "y")
        try waitFor("the acknowledgement") { $0.contains("Acknowledged \(before) alert(s)") }
        XCTAssertEqual(try unacknowledged(rule: "new-major"), 0)
        let store = try CaseStore(path: db)
        let events = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'ack-alert'")! }
        XCTAssertEqual(events, before, "each alert audited as one acknowledgement")
    }

    func testANewCriticalAlertAddedByTheCommandLineFlashesTheHeaderOnce() throws {
        // The console runs from --now in real time; its header shows the minute only, so its
        // clock is read from when it was started.
        let launched = Date()
        try start()
        let first = try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains(" unack") }
        XCTAssertFalse(first.contains("[NEW CRITICAL]"), "what was on the desk before the console started is not announced")
        // The console has asked at least once (every 2 of its seconds), so its announcements
        // have started: give it 6 seconds after its first frame.
        usleep(6_000_000)
        let store = try CaseStore(path: db)
        let proposed = try store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM crisis_events WHERE status = 'proposed' ORDER BY id LIMIT 1") }
        guard let proposed else { return XCTFail("the demo has no proposed crisis event") }
        // The command line acts at the console's clock (a second behind it, never ahead).
        let at = try DeskTime.standard.read(Self.now, field: "now").adding(seconds: max(0, Int64(Date().timeIntervalSince(launched)) - 1))
        let declared = try ConsoleProcess.run([ConsoleProcess.binary, "crisis", "declare", "\(proposed)", "--db", db,
                                               "--now", DeskTime.standard.format(at)], environment: ["LANG": "C.UTF-8", "CONSOLE_CONFIG_DIR": dir])
        XCTAssertEqual(declared.status, 0, declared.output)
        // Watch the header line (with its attributes) for a while: reversed once, for about a second.
        var flashing: [Bool] = []
        let until = Date().addingTimeInterval(7)
        while Date() < until {
            let top = try tmux("capture-pane", "-p", "-e", "-t", "e2e").split(separator: "\n").first.map(String.init) ?? ""
            flashing.append(top.contains("[NEW CRITICAL]"))
            usleep(100_000)
        }
        let episodes = zip([false] + flashing, flashing).filter { !$0.0 && $0.1 }.count
        XCTAssertEqual(episodes, 1, "flashed once: \(flashing)")
        XCTAssertLessThanOrEqual(flashing.filter { $0 }.count, 25, "about a second, not for good")
        XCTAssertFalse(flashing.last ?? true)
        XCTAssertTrue(try screen().contains("New critical alert"), "the status line says what it is")
    }

    func testTheCrisisLineNamesTheDeclaredGatheringBeforeSingleComplaintProposals() throws {
        try start(width: 140, height: 40)
        // The console's first evaluation proposes the one-person regulator and media referrals.
        let line = try waitFor("the crisis line with the proposals", timeout: 10) { $0.contains("[crisis]") && !$0.contains("[crisis] 0 proposed") }
            .split(separator: "\n").first { $0.contains("[crisis]") }.map(String.init) ?? ""
        let store = try CaseStore(path: db)
        let proposed = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM crisis_events WHERE status = 'proposed'")! }
        XCTAssertGreaterThan(proposed, 0)
        XCTAssertTrue(line.hasPrefix(" [crisis] \(proposed) proposed, 1 declared  ▸ most urgent #"), line)
        XCTAssertTrue(line.contains("[declared]") && line.contains("32 people"), line)
        // A few seconds later the line has turned, whole, to the next event: a single complaint.
        let next = try waitFor("the next event", timeout: 6) { $0.contains("[crisis]") && $0.contains("▸ 2/") }
            .split(separator: "\n").first { $0.contains("[crisis]") }.map(String.init) ?? ""
        XCTAssertTrue(next.hasPrefix(" [crisis] "), "never cut at its first character: \(next)")
        XCTAssertTrue(next.contains(" 1 people"), next)
    }
}
