import GRDB
import XCTest
@testable import CaseModel

/// The repeat suggestions read as the intake form is typed: each identifier is a lookup through
/// its own index, never a scan of the desk (30 ms per keystroke over a million cases).
final class RepeatLookupPlanTests: XCTestCase {
    func testEachIdentifierUsesItsIndex() throws {
        let desk = try TestDesk().desk
        let indexes = ["phone": "cases_phone", "id_number": "cases_id_number", "policy_number": "cases_policy"]
        try desk.store.read { db in
            for (column, index) in indexes {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + CaseDesk.repeatLookupSQL(column: column, hidden: ""),
                                            arguments: ["x", 0]).map { $0["detail"] as String }.joined(separator: " | ")
                XCTAssertTrue(plan.contains("USING INDEX \(index)"), "\(column): \(plan)")
                XCTAssertFalse(plan.contains("SCAN cases"), "\(column): \(plan)")
            }
        }
    }
}
