import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// The duty roster 值班表 (docs/roster.md): shifts checked, gaps in team-lead cover, the plan
/// imported all or nothing, phones by role.
final class RosterTests: XCTestCase {
    func at(_ s: String) -> Instant { instant("2026-02-\(s):00+08:00") }

    func testOverlappingShiftsOfOnePersonAreRefused() throws {
        let t = try TestDesk(now: "2026-02-16T10:00:00+08:00")
        let first = try t.desk.addShift(Shift(userName: "zhangqiang", startsAt: at("17T08:00"), endsAt: at("17T20:00")), actor: t.lead)
        let id = try XCTUnwrap(first.shift?.id)
        XCTAssertThrowsError(try t.desk.addShift(Shift(userName: "zhangqiang", startsAt: at("17T19:00"), endsAt: at("18T07:00")), actor: t.lead)) { e in
            XCTAssertTrue("\(e)".contains("overlaps their shift #\(id)"), "\(e)")
        }
        // Touching is not overlapping; another person may take the same hours.
        try t.desk.addShift(Shift(userName: "zhangqiang", startsAt: at("17T20:00"), endsAt: at("18T08:00")), actor: t.lead)
        try t.desk.addShift(Shift(userName: "liqiang", startsAt: at("17T08:00"), endsAt: at("17T20:00")), actor: t.lead)
        // A move is checked against the person's other shifts, not against itself.
        try t.desk.moveShift(id, from: at("17T07:00"), to: at("17T19:00"), actor: t.lead)
        XCTAssertThrowsError(try t.desk.moveShift(id, from: at("17T09:00"), to: at("17T21:00"), actor: t.lead))
        XCTAssertThrowsError(try t.desk.moveShift(id, from: at("17T09:00"), to: at("17T19:00"), person: "liqiang", actor: t.lead))
        // Handlers and operators do not plan the roster.
        XCTAssertThrowsError(try t.desk.addShift(Shift(userName: "liqiang", startsAt: at("19T08:00"), endsAt: at("19T20:00")), actor: t.handler))
        let shifts = try t.desk.store.read { db in try Roster.shifts(overlapping: self.at("16T00:00"), self.at("20T00:00"), db) }
        XCTAssertEqual(shifts.count, 3)
        XCTAssertEqual(shifts.first { $0.id == id }?.startsAt, at("17T07:00"))
    }

    func testAShiftMovesToAPersonNamedAsTheDeskKnowsThem() throws {
        let t = try TestDesk(now: "2026-02-16T10:00:00+08:00")
        let added = try t.desk.addShift(Shift(userName: "zhangqiang", startsAt: at("17T08:00"), endsAt: at("17T20:00")), actor: t.lead)
        let id = try XCTUnwrap(added.shift?.id)
        // A display name only one user has names that user: the shift is stored under the login.
        let moved = try t.desk.moveShift(id, from: at("17T08:00"), to: at("17T20:00"), person: "李强", actor: t.lead)
        XCTAssertEqual(moved.shift?.userName, "liqiang")
        // A login is taken as it is.
        XCTAssertEqual(try t.desk.moveShift(id, from: at("17T08:00"), to: at("17T20:00"), person: "zhangqiang", actor: t.lead).shift?.userName,
                       "zhangqiang")
        // A name nobody on the roster has is refused, and the shift stays where it was.
        XCTAssertThrowsError(try t.desk.moveShift(id, from: at("17T09:00"), to: at("17T20:00"), person: "无此人", actor: t.lead))
        let shifts = try t.desk.store.read { db in try Roster.shifts(overlapping: self.at("17T00:00"), self.at("18T00:00"), db) }
        XCTAssertEqual(shifts.map(\.userName), ["zhangqiang"])
        XCTAssertEqual(shifts.first?.startsAt, at("17T08:00"))
    }

    func testGapsInTeamLeadCoverAreShownOverTheDutyCalendar() throws {
        let t = try TestDesk(now: "2026-02-16T10:00:00+08:00")
        try t.desk.setRosterWindow(RosterWindow(from: at("17T00:00"), to: at("19T00:00")), actor: t.lead)
        // The duty calendar is 08:00-20:00 every day: the lead covers the 17th from 08:00 to 14:00 only.
        let change = try t.desk.addShift(Shift(userName: "wangmin", startsAt: at("17T08:00"), endsAt: at("17T14:00")), actor: t.lead)
        XCTAssertEqual(change.gaps, [RosterGap(from: at("17T14:00"), to: at("17T20:00")), RosterGap(from: at("18T08:00"), to: at("18T20:00"))])
        // A handler's shift is no team-lead cover.
        let h = try t.desk.addShift(Shift(userName: "zhangqiang", startsAt: at("18T08:00"), endsAt: at("18T20:00")), actor: t.lead)
        XCTAssertEqual(h.gaps.count, 2)
        let board = try t.desk.rosterBoard(actor: t.op)
        XCTAssertEqual(board.days.map(\.date.iso), ["2026-02-17", "2026-02-18"])
        XCTAssertEqual(board.days[0].gaps, [RosterGap(from: at("17T14:00"), to: at("17T20:00"))])
        XCTAssertEqual(board.days[0].label, "春节")
        XCTAssertEqual(board.gaps.count, 2)
        // Outside the window: refused while it is set.
        XCTAssertThrowsError(try t.desk.addShift(Shift(userName: "wangmin", startsAt: at("18T20:00"), endsAt: at("19T08:00")), actor: t.lead)) { e in
            XCTAssertTrue("\(e)".contains("outside the holiday window"), "\(e)")
        }
        // Closing the gaps: the lead covers the rest.
        try t.desk.addShift(Shift(userName: "wangmin", startsAt: at("17T14:00"), endsAt: at("17T22:00")), actor: t.lead)
        let last = try t.desk.addShift(Shift(userName: "wangmin", startsAt: at("18T08:00"), endsAt: at("18T20:00")), actor: t.lead)
        XCTAssertEqual(last.gaps, [])
        XCTAssertEqual(try t.desk.rosterBoard(actor: t.op).gaps, [])
    }

    func testTheBoardShowsWhoIsOnDutyWithPhonesAsTheReaderMaySeeThem() throws {
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        try t.desk.setPhone("zhangqiang", "138-1234-5678", actor: t.lead)
        try t.desk.store.write { db in try Roster.add(DeskUser(name: "guoping", displayName: "郭平", team: "稽核", role: .auditor), db) }
        try t.desk.addShift(Shift(userName: "zhangqiang", startsAt: at("17T08:00"), endsAt: at("17T20:00")), actor: t.lead)
        try t.desk.addShift(Shift(userName: "wangmin", startsAt: at("17T20:00"), endsAt: at("18T08:00")), actor: t.lead)
        var d = t.draft(); d.handler = "zhangqiang"
        _ = try t.desk.intake(d, actor: t.op)
        let forOperator = try t.desk.rosterBoard(actor: t.op)
        XCTAssertEqual(forOperator.onDutyNow.map(\.user.name), ["zhangqiang"])
        XCTAssertEqual(forOperator.onDutyNow.first?.phone, "13812345678")
        XCTAssertEqual(forOperator.onDutyNow.first?.openCases, 1)
        XCTAssertEqual(forOperator.next24Hours.map(\.user.name), ["wangmin"])
        let forAuditor = try t.desk.rosterBoard(actor: Actor(name: "guoping"))
        XCTAssertEqual(forAuditor.onDutyNow.first?.phone, "138****5678")
        XCTAssertFalse(forAuditor.phonesShown)
        XCTAssertThrowsError(try t.desk.setPhone("zhangqiang", "13900000000", actor: t.op), "an operator does not keep the roster")
    }

    func testAPlanIsImportedAllOrNothingNamingEveryBadLine() throws {
        let t = try TestDesk(now: "2026-02-16T10:00:00+08:00")
        try t.desk.addShift(Shift(userName: "liqiang", startsAt: at("18T08:00"), endsAt: at("18T20:00")), actor: t.lead)
        let bad = t.dir.file("plan.csv")
        try """
        user,from,to
        王敏,2026-02-17T08:00:00+08:00,2026-02-17T20:00:00+08:00
        nobody,2026-02-17T08:00:00+08:00,2026-02-17T20:00:00+08:00
        zhangqiang,2026-02-17T08:00:00+08:00,not a time
        wangmin,2026-02-17T19:00:00+08:00,2026-02-18T07:00:00+08:00
        liqiang,2026-02-18T10:00:00+08:00,2026-02-18T22:00:00+08:00
        zhangqiang,2026-02-17T08:00:00+08:00,2026-02-20T08:00:00+08:00

        """.write(toFile: bad, atomically: true, encoding: .utf8)
        let before = try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM shifts")! }
        XCTAssertThrowsError(try t.desk.importShifts(path: bad, actor: t.lead)) { e in
            guard let e = e as? ShiftImportErrors else { return XCTFail("\(e)") }
            XCTAssertEqual(e.errors.map(\.line), [3, 4, 5, 6, 7], e.description)
            XCTAssertTrue(e.description.contains("plan.csv:3: user: \"nobody\" is not on the roster"), e.description)
            XCTAssertTrue(e.errors[2].message.contains("overlaps") && e.errors[2].message.contains("line 2"), e.errors[2].message)
            XCTAssertTrue(e.errors[3].message.contains("overlaps their shift #"), e.errors[3].message)
            XCTAssertTrue(e.errors[4].message.contains("48 hours"), e.errors[4].message)
            // The same problems in Chinese, with no English word but the file's name and codes.
            let zh = e.text(.zh)
            XCTAssertTrue(zh.contains("plan.csv 第 3 行：") && zh.contains("“nobody”不在人员名单上"), zh)
            XCTAssertTrue(zh.contains("未导入任何班次"), zh)
            XCTAssertTrue(zh.contains("第 4 行：结束："), zh)
            let english = zh.replacingOccurrences(of: "plan.csv", with: "").replacingOccurrences(of: "nobody", with: "")
                .replacingOccurrences(of: "wangmin", with: "").replacingOccurrences(of: "liqiang", with: "")
                .replacingOccurrences(of: "not a time", with: "")
                .matches(of: /[A-Za-z]{3,}/).map { String($0.output) }
            XCTAssertEqual(english, [], zh)
        }
        XCTAssertEqual(try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM shifts")! }, before, "nothing imported")

        let good = t.dir.file("good.csv")
        try "姓名,开始,结束\n王敏,2026-02-17T08:00:00+08:00,2026-02-17T20:00:00+08:00\nliqiang,2026-02-17T20:00:00+08:00,2026-02-18T08:00:00+08:00\nliqiang,2026-02-18T08:00:00+08:00,2026-02-18T20:00:00+08:00\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try t.desk.importShifts(path: good, actor: t.lead), "the last line overlaps the shift on the roster")
        let r = try t.desk.importShifts(path: good, replace: true, actor: t.lead)
        XCTAssertEqual(r.added.count, 3)
        XCTAssertEqual(r.removed, 1)
        XCTAssertEqual(r.added.map(\.userName), ["wangmin", "liqiang", "liqiang"])
        let events = try t.desk.store.read { db in try String.fetchAll(db, sql: "SELECT action FROM events WHERE action LIKE 'shift-%' ORDER BY id") }
        XCTAssertEqual(events, ["shift-add", "shift-remove", "shift-add", "shift-add", "shift-add"])
    }
}
