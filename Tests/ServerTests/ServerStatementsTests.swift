import CaseModel
@testable import DeskServer
import XCTest

/// How one command's row changes become statements on a server desk (`ServerStatements`): a large
/// command's inserts grouped by table into multi-row statements, its updates after them in their
/// order; a small one, or one with deletes, one statement per change in the command's own order.
final class ServerStatementsTests: XCTestCase {
    func table(_ name: String) throws -> DeskTable {
        try XCTUnwrap(try DeskTransfer.currentTables().first { $0.name == name })
    }

    /// A row of `table` whose every column holds a value of its type (`i` in the integers).
    func row(_ table: DeskTable, _ i: Int64) -> [DeskValue] {
        table.columns.map {
            switch $0.type {
            case .integer: .integer(i)
            case .real: .real(Double(i))
            case .text: .text("t\(i)")
            case .blob: .blob([UInt8(truncatingIfNeeded: i)])
            }
        }
    }

    func insert(_ table: DeskTable, _ i: Int64) -> DeskRowChange {
        DeskRowChange(table: table, kind: .insert, old: [], new: row(table, i))
    }

    func testALargeCommandsInsertsGoTableByTableManyRowsAtATimeBeforeItsUpdates() throws {
        let cases = try table("cases"), events = try table("events"), shifts = try table("shifts")
        var changes: [DeskRowChange] = []
        let update = DeskRowChange(table: shifts, kind: .update, old: row(shifts, 1), new: row(shifts, 2))
        for i in 1...1200 {
            changes.append(insert(cases, Int64(i)))
            changes.append(insert(events, Int64(i)))
            if i == 600 { changes.append(update) }
        }
        let steps = try ServerStatements.plan(changes)
        let perCase = min(ServerStatements.rowsPerStatement, ServerStatements.boundValuesPerStatement / cases.columns.count)
        let perEvent = min(ServerStatements.rowsPerStatement, ServerStatements.boundValuesPerStatement / events.columns.count)
        let caseStatements = (1200 + perCase - 1) / perCase, eventStatements = (1200 + perEvent - 1) / perEvent
        XCTAssertEqual(steps.map(\.table), Array(repeating: "cases", count: caseStatements) + Array(repeating: "events", count: eventStatements) + ["shifts"])
        XCTAssertEqual(steps.map { $0.query.binds.count }.reduce(0, +) - steps.last!.query.binds.count,
                       1200 * (cases.columns.count + events.columns.count), "every value of every row, once")
        XCTAssertTrue(steps.allSatisfy { $0.query.binds.count <= ServerStatements.boundValuesPerStatement })
        XCTAssertNil(steps[0].mustTouchOne, "an insert finds no row")
        XCTAssertEqual(steps.last!.mustTouchOne, update, "an update must find its one row")
        XCTAssertTrue(steps[0].query.sql.hasPrefix("INSERT INTO desk.\"cases\""), steps[0].query.sql.prefix(80).description)
    }

    func testASmallCommandOrOneWithDeletesKeepsItsOwnOrder() throws {
        let settings = try table("settings"), shifts = try table("shifts")
        let small = (1...5).map { insert(shifts, $0) }
        XCTAssertEqual(try ServerStatements.plan(small).count, 5)
        // A replaced row: deleted, then inserted again with the same key. Grouping would insert first.
        var replaced = (1...40).map { insert(shifts, $0) }
        replaced.append(DeskRowChange(table: settings, kind: .delete, old: row(settings, 1), new: []))
        replaced.append(insert(settings, 1))
        let steps = try ServerStatements.plan(replaced)
        XCTAssertEqual(steps.count, replaced.count)
        XCTAssertEqual(steps.suffix(2).map { String($0.query.sql.prefix(6)) }, ["DELETE", "INSERT"])
    }
}
