import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// The confidentiality matrix: every subcommand the binary lists × every role that may not see
/// report cases × a desk with and without report cases 举报件. For such a role the two desks must
/// answer byte for byte alike (same output, same message, same exit status: no count, id, share or
/// wording that moves), and nothing may change on a report case. Generated from the binary's own
/// command list (`console commands`), so a new command without an entry fails here.
final class ConfidentialityMatrixTests: XCTestCase {
    /// The roles that must not notice report cases (everyone but the president's office and the auditor).
    static let blind = AttackDesk.roles.filter { !AttackDesk.seesReports($0.role) }

    override func setUp() {
        // One policy for every cell (the defaults), read once.
        setenv("CONSOLE_CONFIG_DIR", NSTemporaryDirectory() + "cdc-matrix-config-\(getpid())", 1)
    }

    /// The subcommand paths and their access entries, from the command line itself.
    func commandTable() throws -> [(path: String, operation: String?)] {
        let out = InProcessConsole.run(["commands"])
        XCTAssertEqual(out.status, 0, out.description)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        return rows.map { ($0["path"] as! String, $0["operation"] as? String) }
    }

    func testEveryCommandHasAnAccessEntryAndAMatrixEntry() throws {
        for (path, operation) in try commandTable() {
            attempt(.permission, "\(path): has an entry in the access table") {
                .held(if: operation != nil, else: .broke("`console \(path)` declares no DeskOperation: it could run unchecked"))
            }
            XCTAssertNotNil(MatrixInvocations.table[path], "`console \(path)` is not in the confidentiality matrix (MatrixInvocations.table)")
        }
    }

    func testEveryCommandAsEveryBlindRoleAnswersAsIfReportCasesDidNotExist() throws {
        let plain = MatrixDesk.plain, reports = MatrixDesk.reports
        let footprint = try MatrixDesk.reportFootprint(reports.path)
        XCTAssertFalse(reports.reportAlert.isEmpty, "the desk with report cases has an alert on one")
        for (path, _) in try commandTable() {
            guard case let .calls(calls)? = MatrixInvocations.table[path] else { continue }
            let takesGlobals = !MatrixInvocations.deskless.contains(path)
            for call in calls {
                for (login, _) in Self.blind {
                    attempt(.hidden, "\(call.joined(separator: " ")) as \(login)") {
                        let a = try plain.copy(), b = try reports.copy()
                        let outA = run(call, in: a, as: login, globals: takesGlobals, alert: reports.reportAlert)
                        let outB = run(call, in: b, as: login, globals: takesGlobals, alert: reports.reportAlert)
                        if outA != outB {
                            return .leaked("differs with report cases on the desk:\n--- without\n\(outA)\n--- with\n\(outB)")
                        }
                        let after = try MatrixDesk.reportFootprint(b.file("desk.sqlite"))
                        return .held(if: after == footprint, else: .broke("changed a report case:\n\(footprint)\n→\n\(after)"))
                    }
                }
            }
        }
    }

    /// Runs one call on a cell's desk as `login`, its text with the cell's directory named `{DIR}`.
    func run(_ call: [String], in cell: ScratchDirectory, as login: String, globals: Bool, alert: String) -> InProcessConsole.Outcome {
        let args = MatrixInvocations.fill(call, dir: cell.path, alert: alert) + (globals ? ["--db", cell.file("desk.sqlite"), "--now", AttackDesk.now, "--user", login] : [])
        var out = InProcessConsole.run(args)
        out.stdout = MatrixInvocations.normalised(out.stdout, dir: cell.path)
        out.stderr = MatrixInvocations.normalised(out.stderr, dir: cell.path)
        return out
    }
}
