import CaseModel
@testable import ConsoleUI
import DeskTestSupport
import GRDB
import Foundation
import MatrixSupport
import TerminalKit
import XCTest

/// The confidentiality matrix for the full-screen console: every console command that touches
/// the desk × every role that may not see report cases × the desk with and without report cases
/// 举报件. The console runs headless (the same update, effects and data source as in a terminal),
/// each command typed on the `:` line as a person would, and the screens on the two desks must be
/// identical, with no report case changed. A command missing from `scripts` fails here.
final class ConsoleMatrixTests: XCTestCase {
    /// Keys per command: a string starting with `:` is typed on the command line and entered;
    /// anything else is a key name (`Enter`, `Esc`, `y`, `j`).
    static let scripts: [Command: [[String]]] = [
        .dashboard: [[":dashboard"]],
        .refresh: [[":refresh"]],
        .queue: [[":queue"], [":queue", ":toggle-closed"]],
        .search: [[":search 举报"], [":search 13912345678"], [":search {REPORT}"]],
        .filter: [[":queue", ":filter", "Esc"]],
        .clearFilter: [[":queue", ":clear-filter"]],
        .sortNext: [[":queue", ":sort-next"]],
        .sortReverse: [[":queue", ":sort-reverse"]],
        .toggleClosed: [[":queue", ":toggle-closed", ":toggle-closed"]],
        .open: [[":queue", "Enter"]],
        .go: [[":go {REPORT}"], [":go {GENERAL}"], [":go {GROUP}"]],
        .reassign: [[":go {REPORT}", ":assign zhangqiang", "y"], [":queue", "Space", ":assign zhenghong", "y"]],
        .acknowledge: [[":alerts", "a", "y"]],
        .reports: [[":reports"], [":reports", "Left"]],
        .newCase: [[":new", "Esc"]],
        .crisisBoard: [[":crisis"], [":crisis", "j"]],
        .contact: [[":go {REPORT}", ":contact 已联系", "C-s"]],
        .note: [[":go {REPORT}", ":note 跟进", "C-s"], [":go {GROUP}", ":note 跟进", "C-s"]],
        .investigate: [[":go {REPORT}", ":investigate", "C-s"]],
        .submit: [[":go {REPORT}", ":submit 方案", "C-s"]],
        .approve: [[":go {REPORT}", ":approve", "C-s"]],
        .reject: [[":go {REPORT}", ":reject 不妥", "C-s"]],
        .extend: [[":go {REPORT}", ":extend 需调查", "C-s"]],
        .remind: [[":go {REPORT}", ":remind sms", "C-s"]],
        .close: [[":go {REPORT}", ":close accepted", "C-s", "C-y"]],
        .callback: [[":go {REPORT}", ":callback satisfied", "C-s"]],
        .withdraw: [[":go {VALID}", ":withdraw 撤回", "C-s", "C-y"]],
        .reopen: [[":go {VALID}", ":reopen 再诉", "C-s"]],
        .link: [[":go {GENERAL}", ":link {REPORT}", "C-s"]],
        .severity: [[":go {REPORT}", ":severity major", "C-s"]],
        .validity: [[":go {REPORT}", ":validity valid", "C-s"]],
        .declare: [[":go {GROUP}", ":declare", "C-s"], [":go {REPORT}", ":declare", "C-s"]],
        .reveal: [[":go {REPORT}", ":reveal 核实", "C-s"], [":go {GROUP}", ":reveal 核实", "C-s"]],
        .propose: [[":crisis", ":propose", "Esc"]],
        .dismiss: [[":crisis", ":dismiss 非群体", "C-s"]],
        .report: [[":crisis", ":report", "Esc"]],
        .final: [[":crisis", ":final", "Esc"]],
        .cause: [[":crisis", ":cause", "Esc"]],
        .archive: [[":crisis", ":archive", "C-s", "C-y"]],
        .assignScreen: [[":handlers"], [":handlers", "Enter"]],
        .moveAll: [[":move-all zhenghong"], [":move-all zhangqiang", "Esc"]],
        .alerts: [[":alerts"], [":alerts all"]],
        .alertLevel: [[":alert-level warning"]],
        .alertRule: [[":alert-rule new-major"]],
        .alertState: [[":alert-state all"]],
        .alertBranch: [[":alert-branch 上海分公司"]],
        .alertGroup: [[":alert-group branch"], [":alert-group handler"]],
        .ack: [[":ack rule=new-major", "y"], [":ack branch=上海分公司", "y", ":alerts"]],
        // Reading what a screen loaded: a case's texts and timeline whole, a clock's explanation,
        // a crisis event's record, the calendars.
        .read: [[":go {GENERAL}", "G", "Enter"], [":go {REPORT}", "Enter"], [":crisis", "v"]],
        .explain: [[":go {GENERAL}", "w"], [":go {REPORT}", "w"]],
        .calendar: [[":calendar"], [":go {GENERAL}", "F9", "Right"]],
        // The desk's tools: scripts fitted to a case or an event (and one saved as a note), the
        // handover and its acknowledgement, the roster and its planning.
        .scripts: [[":go {REPORT}", ":scripts"], [":go {GENERAL}", ":scripts", "n", "C-s"], [":go {GROUP}", "t", "j"],
                   [":crisis", ":scripts", "r", "Esc"]],
        .handover: [[":handover"], [":handover", "G"]],
        .handoverAck: [[":handover", ":handover-ack", "C-s", "y"]],
        .roster: [[":roster"], [":roster", "G"]],
        .shiftAdd: [[":roster", ":shift-add", "Esc"], [":roster", "n", "C-s"]],
        .shiftMove: [[":roster", ":shift-move", "C-s"]],
        .shiftRemove: [[":roster", "j", ":shift-remove", "C-s", "y"]],
    ]

    func testEveryConsoleCommandHasAScript() {
        for c in Command.allCases where c.operation != nil {
            attempt(.permission, "console :\(c.rawValue): in the console matrix") {
                .held(if: Self.scripts[c] != nil, else: .broke("console command \(c.rawValue) touches the desk but has no script in ConsoleMatrixTests"))
            }
        }
    }

    func testEveryConsoleCommandAsEveryBlindRoleShowsTheSameScreenWithAndWithoutReportCases() throws {
        let plain = MatrixDesk.plain, reports = MatrixDesk.reports
        let footprint = try MatrixDesk.reportFootprint(reports.path)
        for command in Command.allCases where command.operation != nil {
            for script in Self.scripts[command] ?? [] {
                for (login, _) in ConfidentialityMatrixTests.blind {
                    attempt(.hidden, "console \(script.joined(separator: " ")) as \(login)") {
                        let a = try plain.copy(), b = try reports.copy()
                        let screenA = try run(script, on: a.file("desk.sqlite"), as: login)
                        let screenB = try run(script, on: b.file("desk.sqlite"), as: login)
                        if screenA != screenB {
                            let diff = zip(screenA, screenB).enumerated().filter { $0.element.0 != $0.element.1 }
                                .map { "\($0.offset + 1) - \($0.element.0)\n\($0.offset + 1) + \($0.element.1)" }
                            return .leaked("the screen differs with report cases on the desk:\n" + diff.joined(separator: "\n"))
                        }
                        let after = try MatrixDesk.reportFootprint(b.file("desk.sqlite"))
                        return .held(if: after == footprint, else: .broke("changed a report case:\n\(footprint)\n→\n\(after)"))
                    }
                }
            }
        }
    }

    /// The harness sees what it should: the president's office opens the report case, a handler is
    /// told it does not exist, and the crisis board shows the group case to both.
    func testTheHarnessShowsWhatEachRoleMaySee() throws {
        let b = try MatrixDesk.reports.copy()
        let office = try run([":go {REPORT}"], on: b.file("desk.sqlite"), as: AttackDesk.officeLogin).joined(separator: "\n")
        XCTAssertTrue(office.contains(MatrixDesk.report), office)
        let handler = try run([":go {REPORT}"], on: b.file("desk.sqlite"), as: AttackDesk.handlerLogin).joined(separator: "\n")
        XCTAssertFalse(handler.contains("举报理赔员"), handler)
        XCTAssertTrue(handler.contains(MatrixDesk.report), "the status line names the number typed: \(handler)")
        let board = try run([":crisis"], on: b.file("desk.sqlite"), as: AttackDesk.handlerLogin).joined(separator: "\n")
        XCTAssertTrue(board.contains("银保产品到期无法退保"), board)
    }

    /// The console's roster planning and handover acknowledgement, typed by roles the access table
    /// does not allow (keys and the `:` line, with every confirmation answered), write nothing.
    func testRolesThatMayNotPlanOrTakeOverWriteNoShiftAndNoAcknowledgement() throws {
        let scripts = [[":handover", "a", "C-s", "y"], [":handover-ack", "C-s", "y"], [":roster", "n", "C-s"],
                       [":roster", "j", ":shift-move", "C-s"], [":roster", "j", "x", "C-s", "y"], [":roster", ":shift-remove", "C-s", "y"]]
        for login in [AttackDesk.operatorLogin, AttackDesk.handlerLogin, AttackDesk.crisisLogin, AttackDesk.auditorLogin] {
            for script in scripts {
                attempt(.permission, "console \(script.joined(separator: " ")) as \(login)") {
                    let copy = try MatrixDesk.plain.copy()
                    func written() throws -> Int {
                        try CaseStore(path: copy.file("desk.sqlite"), creating: false).read { db in
                            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE action IN ('handover-ack', 'shift-add', 'shift-move', 'shift-remove')") ?? 0
                        }
                    }
                    let before = try written()
                    let screen = try run(script, on: copy.file("desk.sqlite"), as: login).joined(separator: "\n")
                    return .held(if: try written() == before, else: .broke("a shift or acknowledgement was written:\n\(screen)"))
                }
            }
        }
        // The harness sees a write when there is one: a team lead removes a shift the same way.
        let copy = try MatrixDesk.plain.copy()
        _ = try run([":roster", "j", "x", "C-s", "y"], on: copy.file("desk.sqlite"), as: AttackDesk.leadLogin)
        let removed = try CaseStore(path: copy.file("desk.sqlite"), creating: false).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE action = 'shift-remove'") ?? 0
        }
        XCTAssertEqual(removed, 1, "a team lead's removal is written")
    }

    /// Runs a script in a headless console over the desk at `path` as `login`; the final screen.
    func run(_ script: [String], on path: String, as login: String) throws -> [String] {
        let desk = CaseDesk(store: try CaseStore(path: path, creating: false), clock: FixedClock(DeskTime.standard.parse(AttackDesk.now)!))
        let settings = ConsoleSettings(language: .zh, userName: login)
        let p = ConsoleProgram(state: ConsoleState(settings: settings, now: DeskTime.standard.parse(AttackDesk.now)!, width: 120, height: 40),
                               data: CaseModelDataSource(desk: desk, actor: Actor(name: login)))
        p.start()
        for step in script {
            let filled = step.replacingOccurrences(of: "{REPORT}", with: MatrixDesk.report)
                .replacingOccurrences(of: "{VALID}", with: MatrixDesk.validReport)
                .replacingOccurrences(of: "{GENERAL}", with: MatrixDesk.general).replacingOccurrences(of: "{GROUP}", with: MatrixDesk.group)
            if filled.hasPrefix(":") {
                for ch in filled { p.send(.key(.char(ch))) }
                p.send(.key(.enter))
            } else if let key = Key.parse(filled) {
                p.send(.key(key))
            } else {
                XCTFail("unknown key \(filled)")
            }
            p.send(.inputSettled) // each step as a person takes it: a question reads the next step
        }
        return TextBackend.lines(ConsoleView.render(p.state))
    }
}
