import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// The fixture itself: the roles act as themselves, and a report case is where it should be.
final class SmokeAttackTests: XCTestCase {
    func testAReportCaseIsNotFoundByAHandlerAsIfItDidNotExist() throws {
        let desk = try AttackDesk(withReports: true)
        let hidden = desk.reports[0]
        attempt(.hidden, "handler: show a report case by number") {
            let seen = try desk.run(AttackDesk.handlerLogin, ["show", hidden])
            let absent = try desk.run(AttackDesk.handlerLogin, ["show", "JB-20260217-ZZZZZZ"])
            if seen.crashed { return .crashed(seen.description) }
            let same = seen.status == absent.status
                && seen.stderr.replacingOccurrences(of: hidden, with: "N") == absent.stderr.replacingOccurrences(of: "JB-20260217-ZZZZZZ", with: "N")
            return .held(if: same && seen.stdout.isEmpty, else: .leaked("\(seen)\nvs absent\n\(absent)"))
        }
        let office = try desk.run(AttackDesk.officeLogin, ["show", hidden])
        XCTAssertEqual(office.status, 0, office.description)
        XCTAssertTrue(office.stdout.contains(hidden), office.description)
    }
}
