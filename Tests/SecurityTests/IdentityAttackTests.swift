import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import GRDB
import XCTest

/// Identity without extra OS accounts (the shared-desk tests do it with real users): the test's
/// own login is the kernel's answer whatever the environment says, and `--user` is an
/// administrator's, stamped with the real login (docs/trust-model.md, "Who is acting").
final class IdentityAttackTests: XCTestCase {
    static func lastEvent(_ path: String) throws -> (actor: String, detail: String)? {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { db in
            try Row.fetchOne(db, sql: "SELECT actor, detail FROM events ORDER BY id DESC LIMIT 1").map { ($0[0], $0[1]) }
        }
    }

    func testTheEnvironmentDoesNotNameTheActorAndASwitchNamesTheRealLogin() throws {
        var verdicts: [Verdict] = []
        let desk = try AttackDesk(withReports: false)
        let number = desk.general[0]
        verdicts.append(attempt(.identity, "USER and LOGNAME set to a handler: the trail still records the OS login") {
            let out = try ConsoleProcess.run([ConsoleProcess.binary, "users", "add", "temp", "--role", "handler", "--db", desk.path, "--now", AttackDesk.now],
                                             environment: ["USER": AttackDesk.handlerLogin, "LOGNAME": AttackDesk.handlerLogin,
                                                           "CONSOLE_CONFIG_DIR": desk.dir.file("config")])
            if out.crashed { return .crashed(out.description) }
            guard out.status == 0 else { return .broke("the administrator's own change was refused: \(out)") }
            let e = try Self.lastEvent(desk.path)
            return .held(if: e?.actor == AttackDesk.osLogin, else: .broke("recorded as \(String(describing: e))"))
        })
        verdicts.append(attempt(.identity, "an administrator's --user: the trail hides the real login") {
            let out = try desk.run(AttackDesk.handlerLogin, ["act", number, "note", "--note", "代记"])
            guard out.status == 0 else { return .broke("the switched note was refused: \(out)") }
            let e = try Self.lastEvent(desk.path)
            return .held(if: e?.actor == AttackDesk.handlerLogin && (e?.detail.contains("\"real_login\":\"\(AttackDesk.osLogin)\"") ?? false),
                         else: .broke("\(String(describing: e))"))
        })
        XCTAssertEqual(verdicts.filter { $0 != .held }, [], "every attempt held")
    }

    func testALoginThatIsNotAnAdministratorCannotSwitchEvenWhereSwitchingIsOn() throws {
        var verdicts: [Verdict] = []
        let dir = ScratchDirectory("switch")
        let path = dir.file("desk.sqlite")
        let desk = CaseDesk(store: try CaseStore(path: path), clock: FixedClock(DeskTime.standard.parse(AttackDesk.now)!))
        let boss = Actor(name: "boss")
        try desk.addUser(DeskUser(name: "boss", displayName: "管理员", team: "系统", role: .administrator), actor: boss)
        try desk.addUser(DeskUser(name: AttackDesk.osLogin, displayName: "处理人", team: "理赔组", role: .handler), actor: boss)
        try desk.addUser(DeskUser(name: "former-admin", displayName: "离职", team: "系统", role: .administrator), actor: boss)
        try desk.setSetting(DeskSettings.allowUserSwitch, "on", actor: boss)
        for (name, args) in [("--user <administrator> adds an administrator", ["users", "add", "mole", "--role", "administrator", "--user", "boss"]),
                             ("--user <administrator> turns switching off for others", ["users", "allow-switch", "off", "--user", "boss"]),
                             ("--user <administrator> lists the roster", ["users", "list", "--user", "boss"])] {
            verdicts.append(attempt(.identity, "a handler's OS login: \(name)") {
                let before = try Self.lastEvent(path)
                let out = try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", path, "--now", AttackDesk.now],
                                                 environment: ["CONSOLE_CONFIG_DIR": dir.file("config")])
                if out.crashed { return .crashed(out.description) }
                let after = try Self.lastEvent(path)
                return .held(if: out.status == 6 && out.stdout.isEmpty && after?.detail == before?.detail, else: .broke(out.description))
            })
        }
        XCTAssertEqual(verdicts.filter { $0 != .held }, [], "every attempt held")
    }
}
