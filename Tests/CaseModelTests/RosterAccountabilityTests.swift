import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// Every change to the roster (people, roles, phones, shifts, the holiday window) leaves a desk
/// event naming who made it, for every role allowed to make it; a refused change leaves nothing,
/// neither a row nor an event (docs/storage-boundary.md, docs/audit-trail.md).
final class RosterAccountabilityTests: XCTestCase {
    /// One roster change: its name, the permission it needs, the event it must leave, and how to make it.
    struct Change {
        let name: String
        let permission: Permission
        let action: String
        let make: (CaseDesk, Actor, _ shiftIds: [Int64], _ dir: TempDir) throws -> Void
    }

    static func at(_ s: String) -> Instant { instant("2026-02-\(s):00+08:00") }

    static var changes: [Change] { [
        Change(name: "add user", permission: .manageUsers, action: "user-add") { d, a, _, _ in
            try d.addUser(DeskUser(name: "newcomer", displayName: "新人", team: "理赔组", role: .handler), actor: a)
        },
        Change(name: "set role", permission: .manageUsers, action: "user-role") { d, a, _, _ in
            try d.setRole("liqiang", to: .operator_, actor: a)
        },
        Change(name: "disable user", permission: .manageUsers, action: "user-disable") { d, a, _, _ in
            try d.setActive("zhoufang", false, actor: a)
        },
        Change(name: "set phone", permission: .manageShifts, action: "user-phone") { d, a, _, _ in
            try d.setPhone("zhangqiang", "13900001111", actor: a)
        },
        Change(name: "add shift", permission: .manageShifts, action: "shift-add") { d, a, _, _ in
            try d.addShift(Shift(userName: "zhangqiang", startsAt: at("20T08:00"), endsAt: at("20T20:00")), actor: a)
        },
        Change(name: "move shift", permission: .manageShifts, action: "shift-move") { d, a, ids, _ in
            try d.moveShift(ids[0], from: at("21T08:00"), to: at("21T20:00"), person: "liqiang", actor: a)
        },
        Change(name: "remove shift", permission: .manageShifts, action: "shift-remove") { d, a, ids, _ in
            try d.removeShift(ids[1], actor: a)
        },
        Change(name: "import shifts", permission: .manageShifts, action: "shift-add") { d, a, _, dir in
            let file = dir.file("plan-\(a.name).csv")
            try "user,from,to\nwangmin,2026-02-22T08:00:00+08:00,2026-02-22T20:00:00+08:00\n".write(toFile: file, atomically: true, encoding: .utf8)
            try d.importShifts(path: file, actor: a)
        },
        Change(name: "set holiday window", permission: .manageShifts, action: "roster-window") { d, a, _, _ in
            try d.setRosterWindow(RosterWindow(from: at("14T00:00"), to: at("25T00:00")), actor: a)
        },
    ] }

    /// A desk with one person of every role and two shifts to move and remove.
    func deskWithEveryRole() throws -> (TestDesk, [Role: Actor], [Int64]) {
        let t = try TestDesk()
        var actors: [Role: Actor] = [.teamLead: t.lead, .handler: t.handler, .operator_: t.op, .crisisGroup: Actor(name: "huangwei")]
        let ids: [Int64] = try t.desk.store.write { db in
            for (name, role) in [("chenjing", Role.presidentsOffice), ("liuyang", .auditor), ("sunli", .administrator)] {
                try RosterTable.add(DeskUser(name: name, displayName: name, team: "", role: role), db)
                actors[role] = Actor(name: name)
            }
            return [try RosterTable.insertShift(Shift(userName: "wangmin", startsAt: Self.at("18T08:00"), endsAt: Self.at("18T20:00")), db),
                    try RosterTable.insertShift(Shift(userName: "zhangqiang", startsAt: Self.at("19T08:00"), endsAt: Self.at("19T20:00")), db)]
        }
        XCTAssertEqual(Set(actors.keys), Set(Role.allCases), "every role has someone")
        return (t, actors, ids)
    }

    /// Every row of the roster's tables and the event count, to compare before and after.
    func snapshot(_ desk: CaseDesk) throws -> (rows: [String], events: Int) {
        try desk.store.read { db in
            var rows: [String] = []
            for sql in ["SELECT * FROM users ORDER BY name", "SELECT * FROM shifts ORDER BY id", "SELECT * FROM settings ORDER BY key"] {
                rows += try Row.fetchAll(db, sql: sql).map(\.description)
            }
            return (rows, try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0)
        }
    }

    func testEveryRosterChangeLeavesItsEventAndEveryRefusalLeavesNothing() throws {
        var permittedSomewhere = Set<String>()
        for role in Role.allCases {
            let (t, actors, ids) = try deskWithEveryRole()
            let actor = actors[role]!
            for change in Self.changes {
                let before = try snapshot(t.desk)
                let label = "\(change.name) as \(role.rawValue)"
                if Permissions.allows(role, change.permission) {
                    permittedSomewhere.insert(change.name)
                    try change.make(t.desk, actor, ids, t.dir)
                    let after = try snapshot(t.desk)
                    XCTAssertNotEqual(after.rows, before.rows, "\(label) changed the roster")
                    let events = try t.desk.store.read { db in
                        try Row.fetchAll(db, sql: "SELECT actor, action FROM events WHERE id > ? ORDER BY id", arguments: [before.events])
                            .map { "\($0[0] as String) \($0[1] as String)" }
                    }
                    XCTAssertEqual(events, ["\(actor.name) \(change.action)"], label)
                } else {
                    XCTAssertThrowsError(try change.make(t.desk, actor, ids, t.dir), label) { e in
                        guard case DomainError.notPermitted = e else { return XCTFail("\(label): \(e)") }
                    }
                    let after = try snapshot(t.desk)
                    XCTAssertEqual(after.rows, before.rows, "\(label) refused: no row changed")
                    XCTAssertEqual(after.events, before.events, "\(label) refused: no event")
                }
            }
            XCTAssertTrue(try t.desk.verifyAudit().ok, "the chain holds after \(role.rawValue)'s changes")
        }
        XCTAssertEqual(permittedSomewhere, Set(Self.changes.map(\.name)), "each change is made by some role")
    }
}
