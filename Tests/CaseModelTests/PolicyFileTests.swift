import XCTest
@testable import CaseModel

final class PolicyFileTests: XCTestCase {
    func testDefaultsMatchTheSpecTable() throws {
        let p = PolicyFile.defaults
        func a(_ s: Stage, _ c: DeadlineColumn) -> String { p.stages[s]!.allowances[c]!.description }
        XCTAssertEqual(a(.firstContact, .general), "2 working hours")
        XCTAssertEqual(a(.firstContact, .major), "1 working hour")
        XCTAssertEqual(a(.investigation, .general), "3 working days")
        XCTAssertEqual(a(.investigation, .major), "5 working days")
        XCTAssertEqual(a(.investigation, .special), "set")
        XCTAssertEqual(a(.approval, .general), "1 working day")
        XCTAssertEqual(a(.approval, .major), "2 working days")
        XCTAssertEqual(a(.closing, .general), "2 working days")
        XCTAssertEqual(a(.callback, .major), "2 working days")
        XCTAssertEqual(a(.decision, .general), "15 calendar days")
        XCTAssertEqual(p.stages[.firstContact]!.calendar, "duty")
        XCTAssertEqual(p.stages[.progressNote]!.calendar, "24x7")
        XCTAssertEqual(p.stages[.investigation]!.calendar, "business")
        XCTAssertEqual(p.warningFraction, 0.75)
        XCTAssertEqual(p.severity.majorLoss, 20_000)
        XCTAssertEqual(p.repeatWindowDays, 30)
        XCTAssertEqual(p.sameDayRepeat, 3)
    }

    func testMalformedPolicyNamesTheLine() {
        func error(_ edit: (String) -> String) -> String {
            do { _ = try PolicyFile.parse(edit(DefaultPolicyFile.text), fileName: "p.conf"); return "no error" } catch { return "\(error)" }
        }
        let lines = DefaultPolicyFile.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func line(of needle: String) -> Int { lines.firstIndex { $0.hasPrefix(needle) }! + 1 }
        XCTAssertEqual(error { $0.replacingOccurrences(of: "general = 3 working days", with: "general = 3 weeks") },
                       "p.conf:\(line(of: "general = 3 working days")): general: not an allowance: '3 weeks' (write e.g. '2 working hours', '90 working minutes', '3 working days', '15 days', '15 calendar days', 'same day', or 2wh, 90wm, 3wd, 15d)")
        XCTAssertTrue(error { $0.replacingOccurrences(of: "calendar = duty", with: "calendar = nights") }.contains("no calendar named \"nights\""))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "warning = 75%", with: "warning = 175%") }.hasPrefix("p.conf:\(line(of: "warning = 75%")):"))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "major-loss = 20000", with: "major-los = 20000") }.contains("unknown key \"major-los\""))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "[stage approval]", with: "[stage approvals]") }.contains("unknown stage \"approvals\""))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "[stage callback]", with: "[stage closing]") }.contains("already defined"))
        XCTAssertTrue(error { $0 + "\n[stage decision]\n" }.contains("already defined"))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "special = 1 working hour", with: "special = set") }.contains("only for stages a superior can set"))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "urgent-repeat = 2", with: "urgent-repeat = 3") }.contains("urgent-repeat must be below major-repeat"))
        XCTAssertTrue(error { "junk\n" + $0 }.hasPrefix("p.conf:1:"))
        XCTAssertTrue(error { $0.components(separatedBy: "[stage callback]")[0] }.contains("stage callback is missing"))
    }

    func testAnEditedFileChangesTheClocks() throws {
        let text = DefaultPolicyFile.text.replacingOccurrences(of: "general = 2 working hours", with: "general = 90 working minutes")
        let p = try PolicyFile.parse(text)
        var c = ComplaintCase(number: "X", receivedAt: instant("2026-02-24T09:00:00+08:00"), receivingOperator: "op")
        c.stagesStartedAt = c.receivedAt
        XCTAssertEqual(p.nextDue(c), instant("2026-02-24T10:30:00+08:00"))
    }
}
