import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// The paths the operator's console adds (docs/drafts.md, docs/clocks-and-durations.md): a draft
/// is its author's alone, a report case's draft and a hidden case's clock explanation answer as
/// if the case did not exist.
final class OperatorAttackTests: XCTestCase {
    func testDraftsAreTheirAuthorsAndAReportCasesDraftDoesNotExistForOthers() throws {
        let a = try AttackDesk(withReports: true)
        let desk = a.desk
        let office = Actor(name: AttackDesk.officeLogin), report = a.reports[0]
        try desk.saveDraft(.caseAction(number: report, action: "note"), fields: ["note": "举报线索核实中 13912345678"], actor: office)
        try desk.saveDraft(.intake, fields: ["summary": "举报理赔员", "phone": "13912345678", "kind": "report"], actor: Actor(name: AttackDesk.operatorLogin))

        for (login, role) in AttackDesk.roles where login != AttackDesk.officeLogin {
            attempt(.hidden, "\(role?.rawValue ?? login): read the president's office's draft on a report case") {
                let seen = try desk.drafts(actor: Actor(name: login))
                return .held(if: !seen.contains { $0.form.caseNumber == report }, else: .leaked("\(seen)"))
            }
        }
        attempt(.hidden, "auditor: sees report cases, but not someone else's draft on one") {
            let seen = try desk.draft(.caseAction(number: report, action: "note"), actor: Actor(name: AttackDesk.auditorLogin))
            return .held(if: seen == nil, else: .leaked("\(String(describing: seen))"))
        }
        attempt(.permission, "lead: read the operator's intake draft of a report") {
            let seen = try desk.drafts(actor: Actor(name: AttackDesk.leadLogin))
            return .held(if: seen.isEmpty, else: .leaked("\(seen)"))
        }
        for login in [AttackDesk.handlerLogin, AttackDesk.operatorLogin, AttackDesk.leadLogin] {
            attempt(.hidden, "\(login): save a draft on a report case by its number") {
                func outcome(_ number: String) -> String {
                    do { try desk.saveDraft(.caseAction(number: number, action: "note"), fields: ["note": "x"], actor: Actor(name: login)); return "saved" }
                    catch { return "\(error)".replacingOccurrences(of: number, with: "N") }
                }
                let hidden = outcome(report), absent = outcome("JB-20260217-ZZZZZZ")
                return .held(if: hidden == absent && hidden != "saved", else: .leaked("\(hidden) vs \(absent)"))
            }
        }
        attempt(.hidden, "president's office moved to handler: their own draft on a report case is gone") {
            try desk.setRole(AttackDesk.officeLogin, to: .handler, actor: Actor(name: AttackDesk.adminLogin))
            defer { try? desk.setRole(AttackDesk.officeLogin, to: .presidentsOffice, actor: Actor(name: AttackDesk.adminLogin)) }
            let seen = try desk.drafts(actor: office)
            return .held(if: seen.isEmpty, else: .leaked("\(seen)"))
        }
        attempt(.hidden, "the office's draft is still there for the office") {
            .held(if: try desk.drafts(actor: office).count == 1, else: .broke("the office lost its own draft"))
        }
    }

    func testAHiddenCasesClocksAreNotExplained() throws {
        let a = try AttackDesk(withReports: true)
        let hidden = a.reports[0]
        for (login, role) in AttackDesk.roles where !AttackDesk.seesReports(role) {
            attempt(.hidden, "\(role?.rawValue ?? login): console clocks REPORT --explain") {
                let seen = try a.run(login, ["clocks", hidden, "--explain", "--lang", "zh"])
                let absent = try a.run(login, ["clocks", "JB-20260217-ZZZZZZ", "--explain", "--lang", "zh"])
                if seen.crashed { return .crashed(seen.description) }
                let same = seen.status == absent.status && seen.stdout.isEmpty
                    && seen.stderr.replacingOccurrences(of: hidden, with: "N") == absent.stderr.replacingOccurrences(of: "JB-20260217-ZZZZZZ", with: "N")
                return .held(if: same, else: .leaked("\(seen)\nvs absent\n\(absent)"))
            }
            attempt(.hidden, "\(role?.rawValue ?? login): explainClocks on a report case") {
                func outcome(_ n: String) -> String {
                    do { _ = try a.desk.explainClocks(n, actor: Actor(name: login)); return "explained" }
                    catch { return "\(error)".replacingOccurrences(of: n, with: "N") }
                }
                let seen = outcome(hidden), absent = outcome("JB-20260217-ZZZZZZ")
                return .held(if: seen == absent, else: .leaked("\(seen) vs \(absent)"))
            }
        }
        let office = try a.run(AttackDesk.officeLogin, ["clocks", hidden, "--explain"])
        XCTAssertEqual(office.status, 0, office.description)
        XCTAssertTrue(office.stdout.contains("rule:"), office.description)
    }
}
