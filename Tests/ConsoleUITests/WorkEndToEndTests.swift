import CaseModel
import Foundation
import ConsoleTestSupport
import XCTest

/// Part 2 end to end in tmux: a complaint taken in through the form and worked from received to
/// followed up by keyboard alone, each event checked in the database; a crisis declared from a
/// group complaint and its 1-hour report recorded.
extension EndToEndTests {
    /// The case's timeline actions as stored.
    func actions(_ number: String) throws -> [String] {
        let store = try CaseStore(path: db)
        return try store.read { db in
            guard let c = try CaseRecords.fetch(number: number, db) else { return [] }
            return try CaseRecords.events(caseId: c.id!, db).map(\.action)
        }
    }

    /// The number in the status line after a save ("Taken in as TS-…").
    func number(after text: String, in screen: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(text) }),
              let r = line.range(of: #"TS-\d{8}-\d{4}"#, options: .regularExpression) else { return nil }
        return String(line[r])
    }

    /// Opens the intake form and types a summary (ten fields down), people when given, and saves.
    func takeIn(_ summary: String, people: String? = nil) throws -> String {
        try keys("e2e", "n")
        try waitFor("the intake form") { $0.contains("New complaint") && $0.contains("summary") }
        for _ in 0..<10 { try keys("e2e", "Tab") }
        try keys("e2e", "-l", summary)
        if let people {
            try keys("e2e", "Tab", "Tab", "Tab", "BSpace")
            try keys("e2e", "-l", people)
        }
        try keys("e2e", "C-s")
        let s = try waitFor("the saved case") { $0.contains("Taken in as") && $0.contains("first responder") }
        return try XCTUnwrap(number(after: "Taken in as", in: s), s)
    }

    func testIntakeThenWorkedToFollowedUpByKeyboardAlone() throws {
        try start(width: 100, height: 30)
        try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains("Countdown") }
        let n = try takeIn("e2e claim unpaid for two weeks")
        XCTAssertEqual(try actions(n), ["intake"])
        // Each step: its key, the form's Enter (and the confirmation for close), the event stored.
        let steps: [(keys: [String], action: String, status: String)] = [
            (["c", "C-s"], "contact", "contacted"),
            (["n"], "note", "contacted"),
            (["i", "C-s"], "start-investigation", "investigating"),
            (["s", "C-s"], "submit", "pending approval"),
            (["a", "C-s"], "approve", "approved"),
            (["C", "C-s", "C-y"], "close", "closed"),
            (["b", "C-s"], "follow-up", "followed up"),
        ]
        var expected = ["intake"]
        for step in steps {
            try keys("e2e", step.keys[0])
            if step.action == "note" {
                try waitFor("the note form") { $0.contains("progress note") }
                try keys("e2e", "-l", "called back, documents requested")
                try keys("e2e", "C-s")
            } else {
                for k in step.keys.dropFirst() { try keys("e2e", k) }
            }
            // The status line of the previous step may read the same ("saved · contacted" twice),
            // so wait for the event itself in the database.
            expected.append(step.action)
            let deadline = Date().addingTimeInterval(10)
            while try actions(n) != expected, Date() < deadline { usleep(50_000) }
            XCTAssertEqual(try actions(n), expected)
            try waitFor("\(step.action) saved") { $0.contains("saved · \(step.status)") }
        }
        let store = try CaseStore(path: db)
        let c = try XCTUnwrap(try store.read { db in try CaseRecords.fetch(number: n, db) })
        XCTAssertEqual(c.status, .followedUp)
        XCTAssertEqual(c.closingBasis, .accepted)
        XCTAssertEqual(c.callbackResult, .satisfied)
        XCTAssertNotNil(c.lastNoteAt)
    }

    func testCrisisDeclaredFromAGroupComplaintAndItsOneHourReportRecorded() throws {
        try start(width: 100, height: 30)
        try waitFor("the dashboard") { $0.contains("Complaint desk") }
        let n = try takeIn("e2e group surrender refused", people: "32")
        let saved = try screen()
        XCTAssertTrue(saved.contains("proposed (D declares)"), saved)
        try keys("e2e", "D")
        try waitFor("the declare form") { $0.contains("Declare a crisis event") }
        try keys("e2e", "C-s")
        try waitFor("the confirmation") { $0.contains("1-hour report") }
        try keys("e2e", "y")
        try waitFor("declared") { $0.contains("declared") && $0.contains("Crisis event #") }
        let store = try CaseStore(path: db)
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse(Self.now)!))
        let event = try XCTUnwrap(try desk.crisisEvents(activeOnly: true).first { $0.caseNumbers == [n] })
        XCTAssertEqual(event.status, .declared)
        XCTAssertEqual(try store.read { db in try CaseRecords.fetch(number: n, db)?.severity }, .crisis)
        try keys("e2e", "X")
        try waitFor("the crisis board") { $0.contains("Crisis board") && $0.contains("e2e group surrender") }
        try keys("e2e", "r")
        try waitFor("the report form") { $0.contains("Record a report") && $0.contains("superior") }
        try keys("e2e", "Tab")
        try keys("e2e", "-l", "Jiangsu branch")
        try keys("e2e", "Tab")
        try keys("e2e", "-l", "32 people at the outlet, staff sent")
        try keys("e2e", "C-s")
        try waitFor("the report recorded") { $0.contains("recorded") && $0.contains("filed") }
        let after = try desk.crisisEvent(event.id)
        XCTAssertEqual(after.reports.map(\.kind), [.superior])
        XCTAssertEqual(after.reports.first?.toWhom, "Jiangsu branch")
        XCTAssertEqual(after.reports.first?.text, "32 people at the outlet, staff sent")
    }
}
