import CaseModel
import Foundation
import GRDB
import ConsoleTestSupport
import XCTest

/// The assign screen, the alerts screen and the `:` command line in the real binary, by keyboard,
/// checking the database afterwards.
extension EndToEndTests {
    func testMoveAnAbsentHandlersOpenCasesByKeyboard() throws {
        try start()
        try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains("Countdown") }
        try keys("e2e", "W")
        // Absent handlers who still hold open cases are listed first, so the cursor is on one.
        let board = try waitFor("the assign screen") { $0.contains("Assign · handlers' load") && $0.contains("absent") }
        XCTAssertTrue(board.contains("worst clock"), board)
        try keys("e2e", "m")
        let pattern = #"Move (\d+) open case\(s\) of \S+ ([a-z]+) to"#
        let plan = try waitFor("the proposed distribution") { $0.contains("y move them") && $0.range(of: pattern, options: .regularExpression) != nil }
        guard let r = plan.range(of: pattern, options: .regularExpression) else { return XCTFail(plan) }
        let words = plan[r].split(separator: " ")
        let count = Int(words[1])!
        let from = String(words[6])
        let store = try CaseStore(path: db)
        func open(_ who: String) throws -> Int {
            try store.read { db in
                let open = CaseStatus.openStatuses.map { "'\($0.rawValue)'" }.joined(separator: ",")
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE handler = ? AND status IN (\(open))", arguments: [who])!
            }
        }
        XCTAssertEqual(try open(from), count, "nothing moved before the yes")
        try keys("e2e", "C-y")
        // The result names the person as the roster does (王敏), not by login.
        try waitFor("the result") { $0.contains("Moved \(count) case(s) of ") && !$0.contains("case(s) of \(from),") }
        XCTAssertEqual(try open(from), 0)
        let events = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'assign' AND detail LIKE ?", arguments: ["%\(from)%"])!
        }
        XCTAssertGreaterThanOrEqual(events, count, "each move is an audited assignment")
    }

    func testAcknowledgeAlertsFromTheAlertsScreen() throws {
        try start()
        try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains("Countdown") }
        try keys("e2e", "A")
        // The alert rules run beside the screen; the list fills when they have.
        try waitFor("the alert groups", timeout: 10) { $0.contains("state: unacknowledged") && $0.contains(" + ") && $0.contains("marked 0") }
        // The notices' groups are big: expand the first, then mark two of its alerts.
        try keys("e2e", "1", "1", "1")
        try waitFor("the notices") { $0.contains("level: info") }
        try keys("e2e", "Enter")
        try waitFor("the group's alerts") { $0.contains("TS-") }
        try keys("e2e", "j", "Space", "Space")
        try waitFor("two marks") { $0.contains("marked 2") }
        try keys("e2e", "a")
        try waitFor("the acknowledgement") { $0.contains("Acknowledged 2 alert(s)") }
        let store = try CaseStore(path: db)
        let acked = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE acknowledged_at IS NOT NULL")! }
        XCTAssertEqual(acked, 2)
        try keys("e2e", "3")
        try waitFor("the acknowledged ones") { $0.contains("state: acknowledged") && $0.contains(" 2 of ") }
    }

    func testGoNumberOpensTheCase() throws {
        let store = try CaseStore(path: db)
        let number = try store.read { db in try String.fetchOne(db, sql: "SELECT number FROM cases ORDER BY id DESC LIMIT 1")! }
        try start()
        try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains("Countdown") }
        try keys("e2e", ":")
        try keys("e2e", "go \(number)")
        try waitFor("the typed command") { $0.contains(":go \(number)") }
        try keys("e2e", "Enter")
        try waitFor("the case") { $0.contains("Case \(number)") }
        try keys("e2e", ":")
        try keys("e2e", "nosuch", "Enter")
        try waitFor("the error in the status line") { $0.contains("Unknown command: nosuch") }
    }
}
