import Foundation
import GRDB
import XCTest
@testable import CaseModel

extension TestDesk {
    /// One roster user per role, plus a disabled one; "ghost" is not on the roster.
    static let byRole: [(String, Role?)] = [
        ("zhoufang", .operator_), ("zhangqiang", .handler), ("wangmin", .teamLead), ("huangwei", .crisisGroup),
        ("zhenghong", .presidentsOffice), ("guoping", .auditor), ("admin", .administrator), ("ghost", nil), ("former", nil),
    ]

    func addEveryRole() throws {
        try desk.store.write { db in
            try Roster.add(DeskUser(name: "zhenghong", displayName: "郑红", team: "总裁办", role: .presidentsOffice), db)
            try Roster.add(DeskUser(name: "zhenghong2", displayName: "郑华", team: "总裁办", role: .presidentsOffice), db)
            try Roster.add(DeskUser(name: "guoping", displayName: "郭平", team: "稽核", role: .auditor), db)
            try Roster.add(DeskUser(name: "admin", displayName: "管理员", team: "系统", role: .administrator), db)
            try Roster.add(DeskUser(name: "former", displayName: "离职", team: "理赔组", role: .teamLead, active: false), db)
        }
    }

    /// A general case assigned to zhangqiang and moved to `status` by the people whose job it is.
    func caseAt(_ status: CaseStatus, kind: String = "general") throws -> ComplaintCase {
        let office = kind == "report"
        let lead = office ? Actor(name: "zhenghong") : self.lead
        let worker = office ? Actor(name: "zhenghong") : handler
        var c = try desk.intake(draft(phone: "", kind: kind), actor: op)
        c = try desk.assign([c.number], to: office ? "zhenghong" : "zhangqiang", actor: lead)[0]
        let path: [(WorkflowAction, ActionInput, Actor)] = [
            (.contact, ActionInput(note: "已联系"), worker), (.startInvestigation, ActionInput(), worker), (.submit, ActionInput(), worker),
            (.approve, ActionInput(), office ? Actor(name: "zhenghong2") : lead), (.close, ActionInput(closingBasis: .accepted), worker),
            (.followUp, ActionInput(callbackResult: .satisfied), worker),
        ]
        let order: [CaseStatus] = [.received, .contacted, .investigating, .pendingApproval, .approved, .closed, .followedUp]
        for (action, input, actor) in path.prefix(order.firstIndex(of: status)!) {
            c = try desk.act(c.number, action, input, actor: actor)
        }
        XCTAssertEqual(c.status, status)
        return c
    }
}

final class PermissionTests: XCTestCase {
    /// Who may take each workflow action, written out independently of `Permissions` (docs/workflow.md, "Who
    /// may do what").
    let expected: [(WorkflowAction, CaseStatus, ActionInput, Set<String>)] = [
        (.contact, .received, ActionInput(), ["zhoufang", "zhangqiang", "wangmin"]),
        (.note, .contacted, ActionInput(note: "进展"), ["zhoufang", "zhangqiang", "wangmin", "huangwei"]),
        (.startInvestigation, .contacted, ActionInput(), ["zhangqiang", "wangmin"]),
        (.submit, .investigating, ActionInput(), ["zhangqiang", "wangmin"]),
        (.approve, .pendingApproval, ActionInput(), ["wangmin"]),
        (.reject, .pendingApproval, ActionInput(reason: "证据不足"), ["wangmin"]),
        (.extend, .investigating, ActionInput(reason: "需调取医院资料", promisedAt: instant("2026-02-27T17:30:00+08:00")), ["wangmin"]),
        (.remind, .contacted, ActionInput(reminderChannel: .phone, reminderTo: "张强"), ["zhoufang", "zhangqiang", "wangmin", "huangwei"]),
        (.close, .approved, ActionInput(closingBasis: .accepted), ["zhoufang", "zhangqiang", "wangmin"]),
        (.close, .investigating, ActionInput(note: "不属于保险责任", closingBasis: .invalid), ["wangmin"]),
        (.followUp, .closed, ActionInput(callbackResult: .satisfied), ["zhoufang", "zhangqiang", "wangmin"]),
        (.withdraw, .contacted, ActionInput(reason: "客户撤诉"), ["zhoufang", "zhangqiang", "wangmin"]),
        (.reopen, .closed, ActionInput(reason: "客户再次来电"), ["zhoufang", "zhangqiang", "wangmin"]),
    ]

    func testEveryRoleOnEveryWorkflowAction() throws {
        let t = try TestDesk()
        try t.addEveryRole()
        for (action, status, input, allowed) in expected {
            for (name, _) in TestDesk.byRole {
                let c = try t.caseAt(status)
                let label = "\(name) \(action.rawValue)\(input.closingBasis == .invalid ? " invalid" : "") from \(status.rawValue)"
                if allowed.contains(name) {
                    XCTAssertNoThrow(try t.desk.act(c.number, action, input, actor: Actor(name: name)), label)
                } else {
                    XCTAssertThrowsError(try t.desk.act(c.number, action, input, actor: Actor(name: name)), label) { error in
                        guard case DomainError.notPermitted = error else { return XCTFail("\(label): \(error)") }
                    }
                    XCTAssertEqual(try t.desk.detail(c.number).0.version, c.version, "\(label): nothing saved")
                }
                // The data table agrees with the written-out expectation.
                let role = TestDesk.byRole.first { $0.0 == name }!.1
                XCTAssertEqual(Permissions.allows(name == "former" ? nil : role, Permission.of(action, basis: input.closingBasis)),
                               allowed.contains(name), label)
            }
        }
    }

    func testAHandlerWorksButCannotApproveTheirOwnExtension() throws {
        let t = try TestDesk()
        let c = try t.caseAt(.investigating)
        _ = try t.desk.act(c.number, .note, ActionInput(note: "已调取病历"), actor: t.handler)
        let extend = ActionInput(reason: "需调取医院资料", promisedAt: instant("2026-02-27T17:30:00+08:00"))
        XCTAssertThrowsError(try t.desk.act(c.number, .extend, extend, actor: t.handler)) { error in
            XCTAssertEqual("\(error)", "only a team lead can approve an extension")
        }
        // The role comes from the roster, not from the caller.
        XCTAssertThrowsError(try t.desk.act(c.number, .extend, extend, actor: Actor(name: "zhangqiang", role: .teamLead)))
        XCTAssertNoThrow(try t.desk.act(c.number, .extend, extend, actor: t.lead))
        // Four eyes: a team lead handling a case cannot approve its extension or resolution.
        let own = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.assign([own.number], to: "wangmin", actor: t.lead)
        XCTAssertThrowsError(try t.desk.act(own.number, .extend, extend, actor: t.lead)) { error in
            XCTAssertTrue("\(error)".contains("assigned to you"), "\(error)")
        }
    }

    func testRefusalMessagesComeFromTheTable() {
        XCTAssertEqual(Permissions.refusal(.approveExtension, Actor(name: "x", role: .handler)), "only a team lead can approve an extension")
        XCTAssertEqual(Permissions.refusal(.closeInvalid, Actor(name: "x", role: .operator_)), "only a team lead can close a case as an invalid complaint")
        XCTAssertEqual(Permissions.refusal(.declareCrisis, Actor(name: "x", role: .handler)), "only a team lead or the crisis group can declare a crisis event")
        XCTAssertEqual(Permissions.refusal(.manageUsers, Actor(name: "x", role: .teamLead)), "only an administrator can manage users")
        XCTAssertTrue(Permissions.refusal(.intake, Actor(name: "ghost")).description.contains("not an active user"))
        XCTAssertEqual(Permissions.refusal(.approve, Actor(name: "x", role: .teamLead), track: .report),
                       "only the president's office can approve a resolution on a report case (举报件)")
        for p in Permission.allCases { XCTAssertFalse(Permissions.general[p, default: []].isEmpty, "\(p) has someone") }
    }

    func testIntakeAssignLinkByRole() throws {
        let t = try TestDesk()
        try t.addEveryRole()
        for (name, role) in TestDesk.byRole {
            let may = [Role.operator_, .handler, .teamLead].contains(role ?? .auditor) && name != "former"
            if may { XCTAssertNoThrow(try t.desk.intake(t.draft(phone: ""), actor: Actor(name: name)), name) }
            else { XCTAssertThrowsError(try t.desk.intake(t.draft(phone: ""), actor: Actor(name: name)), name) }
        }
        let c = try t.desk.intake(t.draft(phone: "13900000009"), actor: t.op)
        let d = try t.desk.intake(t.draft(phone: "13900000009"), actor: t.op)
        for (name, _) in TestDesk.byRole where name != "wangmin" {
            XCTAssertThrowsError(try t.desk.assign([c.number], to: "zhangqiang", actor: Actor(name: name)), name) { error in
                guard case DomainError.notPermitted = error else { return XCTFail("\(name): \(error)") }
            }
            if !["zhoufang", "zhangqiang"].contains(name) {
                XCTAssertThrowsError(try t.desk.linkRepeat(d.number, to: c.number, actor: Actor(name: name)), name)
            }
        }
        XCTAssertNoThrow(try t.desk.assign([c.number], to: "zhangqiang", actor: t.lead))
        XCTAssertNoThrow(try t.desk.linkRepeat(d.number, to: c.number, actor: t.op))
    }

    func testImportNeedsAPermittedRole() throws {
        let t = try TestDesk()
        try t.addEveryRole()
        let path = t.dir.file("in.csv")
        try "summary,phone,channel\n理赔慢,13800000000,hotline\n".write(toFile: path, atomically: true, encoding: .utf8)
        for (name, _) in TestDesk.byRole {
            let may = ["zhoufang", "wangmin", "admin"].contains(name)
            if may { XCTAssertNoThrow(try CaseImporter(desk: t.desk).run(path: path, actor: Actor(name: name)), name) }
            else {
                XCTAssertThrowsError(try CaseImporter(desk: t.desk).run(path: path, actor: Actor(name: name)), name) { error in
                    // The president's office imports report cases only: a general row is refused as a row.
                    if name == "zhenghong", let refused = error as? ImportRefused {
                        XCTAssertEqual(refused.report.errors.map(\.field), ["kind"], name)
                        return
                    }
                    guard case DomainError.notPermitted = error else { return XCTFail("\(name): \(error)") }
                }
            }
        }
        XCTAssertEqual(try t.desk.store.read { db in try CaseRecords.count(CaseFilter(), db) }, 3)
    }

    func testUserManagementNeedsAnAdministratorAndBootstrapsSafely() throws {
        let dir = TempDir()
        let desk = CaseDesk(store: try CaseStore(path: dir.file("u.sqlite")), clock: FixedClock(instant("2026-02-16T10:00:00+08:00")))
        // An empty roster: the first user must be an administrator; nobody gets a role by default.
        XCTAssertThrowsError(try desk.addUser(DeskUser(name: "eve", displayName: "eve", team: "", role: .teamLead), actor: Actor(name: "eve")))
        XCTAssertThrowsError(try desk.intake(CaseDraft(), actor: Actor(name: "eve")))
        try desk.addUser(DeskUser(name: "root", displayName: "root", team: "", role: .administrator), actor: Actor(name: "root"))
        // From now on only an administrator manages users.
        XCTAssertThrowsError(try desk.addUser(DeskUser(name: "eve", displayName: "eve", team: "", role: .administrator), actor: Actor(name: "eve"))) { error in
            XCTAssertTrue("\(error)".contains("not an active user"), "\(error)")
        }
        try desk.addUser(DeskUser(name: "wangmin", displayName: "王敏", team: "", role: .teamLead), actor: Actor(name: "root"))
        XCTAssertThrowsError(try desk.addUser(DeskUser(name: "x", displayName: "x", team: "", role: .handler), actor: Actor(name: "wangmin"))) { error in
            XCTAssertEqual("\(error)", "only an administrator can manage users")
        }
        XCTAssertThrowsError(try desk.setRole("wangmin", to: .administrator, actor: Actor(name: "wangmin")))
        XCTAssertThrowsError(try desk.setActive("root", false, actor: Actor(name: "root")), "the last administrator stays")
        XCTAssertThrowsError(try desk.setRole("root", to: .handler, actor: Actor(name: "root")), "the last administrator stays")
        XCTAssertNoThrow(try desk.addShift(Shift(userName: "wangmin", startsAt: instant("2026-02-16T08:00:00+08:00"), endsAt: instant("2026-02-16T20:00:00+08:00")), actor: Actor(name: "wangmin")))
        try desk.setActive("wangmin", false, actor: Actor(name: "root"))
        XCTAssertThrowsError(try desk.addShift(Shift(userName: "wangmin", startsAt: instant("2026-02-17T08:00:00+08:00"), endsAt: instant("2026-02-17T20:00:00+08:00")), actor: Actor(name: "wangmin")), "a disabled user is read-only")
        // The switch for --user is an administrator's setting, and audited.
        XCTAssertThrowsError(try desk.setSetting(DeskSettings.allowUserSwitch, "on", actor: Actor(name: "wangmin")))
        try desk.setSetting(DeskSettings.allowUserSwitch, "on", actor: Actor(name: "root"))
        let actions = try desk.auditLog(AuditQuery(), actor: Actor(name: "root")).map(\.event.action)
        XCTAssertEqual(actions, ["user-add", "user-add", "shift-add", "user-disable", "setting"])
    }

    func testDemoIsASetupActionOnANewDatabase() throws {
        let dir = TempDir()
        let desk = CaseDesk(store: try CaseStore(path: dir.file("d.sqlite")), clock: FixedClock(instant("2026-02-17T21:30:00+08:00")))
        let demo = DemoGenerator(seed: 3, cases: 50, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-18")!)
        _ = try demo.fill(desk, actor: Actor(name: "trainer"))
        XCTAssertEqual(try desk.resolve(Actor(name: "trainer")).role, .teamLead, "the demo adds its user as a team lead")
        XCTAssertThrowsError(try demo.fill(desk, actor: Actor(name: "trainer")), "not twice into the same database")
        XCTAssertTrue(try desk.verifyAudit().ok)
    }
}
