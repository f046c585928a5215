import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// The shift handover 交接班 (docs/handover.md), checked against the desk's events and cases read
/// another way.
final class HandoverTests: XCTestCase {
    /// A demo holiday at 19:30 on 2026-02-17 (the day lead's shift ends at 20:00), with promises,
    /// an unassigned case and a report case with a note and a promise of its own.
    func demoDesk() throws -> TestDesk {
        let t = try TestDesk(now: "2026-02-17T19:30:00+08:00")
        _ = try DemoGenerator(seed: 7, cases: 400, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(t.desk)
        let open = try t.desk.list({ var f = CaseFilter(); f.openness = .open; f.sort = .received; return f }(), actor: t.lead)
            .filter { $0.handler != "wangmin" }
        XCTAssertGreaterThan(open.count, 3)
        try t.desk.act(open[0].number, .note, ActionInput(note: "已约定明早回电", promisedAt: instant("2026-02-18T09:00:00+08:00")), actor: t.op)
        try t.desk.act(open[1].number, .extend, ActionInput(reason: "需调取监控", promisedAt: instant("2026-03-10T17:00:00+08:00")), actor: t.lead)
        _ = try t.desk.intake(t.draft(summary: "新来电未分派"), actor: t.op)
        var r = t.draft(summary: "举报理赔员", kind: "report")
        r.handler = "zhenghong"
        let report = try t.desk.intake(r, actor: t.op)
        try t.desk.act(report.number, .note, ActionInput(note: "总裁办已接报", promisedAt: instant("2026-02-18T12:00:00+08:00")), actor: Actor(name: "zhenghong"))
        return t
    }

    func testTheHandoverOfADemoShiftListsExactlyWhatTheEventsAndCasesSay() throws {
        let t = try demoDesk()
        let lead = Actor(name: "liuyang")
        let now = t.clock.now()
        XCTAssertEqual(try t.desk.handover(actor: lead).horizonEnd, now.adding(seconds: 12 * 3600), "the next shift's length")
        let h = try t.desk.handover(hours: 24, actor: lead)
        // The window: the day lead's shift, 08:00 until now; the night lead comes next.
        XCTAssertEqual(h.window.from, instant("2026-02-17T08:00:00+08:00"))
        XCTAssertEqual(h.window.to, now)
        XCTAssertEqual(h.window.outgoing, ["王敏"])
        XCTAssertEqual(h.window.incomingName, "刘洋")
        XCTAssertEqual(h.horizonEnd, now.adding(seconds: 24 * 3600))

        let (promises, notes, closed, received, unassigned, crises) = try t.desk.store.read { db -> ([String], [String], Int, Int, [String], [String]) in
            let window = "e.at >= \(h.window.from.seconds) AND e.at <= \(now.seconds) AND c.kind <> 'report'"
            let promises = try Row.fetchAll(db, sql: "SELECT c.number, json_extract(e.detail, '$.promised') FROM events e JOIN cases c ON c.id = e.case_id WHERE \(window) AND json_extract(e.detail, '$.promised') IS NOT NULL ORDER BY e.at, e.id")
                .map { "\($0[0] as String) \($0[1] as String)" }
            let notes = try String.fetchAll(db, sql: "SELECT c.number FROM events e JOIN cases c ON c.id = e.case_id WHERE \(window) AND (e.action = 'note' OR (e.action = 'contact' AND coalesce(json_extract(e.detail, '$.note'), '') <> '')) ORDER BY e.at, e.id")
            let closed = try Int.fetchOne(db, sql: "SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE \(window) AND e.action = 'close'")!
            let received = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE received_at >= ? AND received_at <= ? AND kind <> 'report'", arguments: [h.window.from.seconds, now.seconds])!
            let unassigned = try String.fetchAll(db, sql: "SELECT number FROM cases WHERE handler IS NULL AND status IN ('received','contacted','investigating','pending-approval','approved') AND kind <> 'report' ORDER BY received_at, number")
            let crises = try Row.fetchAll(db, sql: "SELECT id, occurred_at FROM crisis_events WHERE status IN ('proposed','declared') ORDER BY occurred_at, id")
                .map { "\($0[0] as Int64) \(($0[1] as Int64) + 3600) \(($0[1] as Int64) + 86_400)" }
            return (promises, notes, closed, received, unassigned, crises)
        }
        XCTAssertEqual(h.promises.map { "\($0.caseNumber) \($0.promisedText)" }, promises)
        XCTAssertEqual(promises.count, 2, "the report case's promise is not the team lead's to see")
        XCTAssertEqual(h.notes.map(\.caseNumber), notes)
        XCTAssertGreaterThan(notes.count, 0)
        XCTAssertEqual(h.closed, closed)
        XCTAssertEqual(h.received, received)
        XCTAssertEqual(h.unassigned.map(\.number), unassigned)
        XCTAssertFalse(unassigned.isEmpty)
        XCTAssertEqual(h.crises.map { "\($0.id) \($0.superiorDue.seconds) \($0.hqDue.seconds)" }.sorted(), crises.sorted())

        // Every clock of every case the lead may see, recomputed from the cases themselves.
        var all = CaseFilter(); all.visibility = .standard
        let cases = try t.desk.store.read { db in try CaseRecords.list(all, db) }
        var due: [String] = [], overdue: [String] = []
        for c in cases {
            for k in t.desk.policy.clocks(of: c) {
                if k.due <= now { overdue.append("\(c.number) \(k.stage.rawValue)") } else if k.due <= h.horizonEnd { due.append("\(c.number) \(k.stage.rawValue)") }
            }
        }
        XCTAssertEqual(Set(h.dueSoon.map { "\($0.caseNumber) \($0.stage.rawValue)" }), Set(due))
        XCTAssertEqual(h.dueSoon.count, due.count)
        XCTAssertEqual(Set(h.overdue.map { "\($0.caseNumber) \($0.stage.rawValue)" }), Set(overdue))
        XCTAssertFalse(due.isEmpty)
        XCTAssertTrue(h.dueSoon.contains { $0.stage == .firstContact } || !due.contains { $0.hasSuffix("first-contact") })
        XCTAssertEqual(h.dueSoon.map(\.due), h.dueSoon.map(\.due).sorted(), "soonest first")
        XCTAssertNil(h.chainHead, "a team lead does not see every event")

        // The auditor sees the report case's promise and note, and the chain's head.
        try t.desk.store.write { db in try Roster.add(DeskUser(name: "guoping2", displayName: "郭平", team: "稽核", role: .auditor), db) }
        let audited = try t.desk.handover(actor: Actor(name: "guoping2"))
        XCTAssertEqual(audited.promises.count, 3)
        XCTAssertEqual(audited.notes.count, h.notes.count + 1)
        let head = try t.desk.store.read { db in try Row.fetchOne(db, sql: "SELECT id, lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1")! }
        XCTAssertEqual(audited.chainHead, AuditHead(id: head[0], hash: head[1]))
        // The document says the same, and the page escapes what it quotes.
        let doc = HandoverDocument(h)
        XCTAssertTrue(doc.text.contains("对客户的承诺 Promises made to customers (2)"), doc.text)
        XCTAssertTrue(doc.markdown.contains("| \(h.promises[0].caseNumber) |"))
        XCTAssertFalse(doc.text.contains("13812341234"), "free text masked")
    }

    func testTheIncomingLeadAcknowledgesAndTheAnchorGetsTheHead() throws {
        let t = try TestDesk(now: "2026-02-17T19:50:00+08:00")
        try t.desk.store.write { db in try Roster.add(DeskUser(name: "liuyang", displayName: "刘洋", team: "销售服务组", role: .teamLead), db) }
        try t.desk.addShift(Shift(userName: "wangmin", startsAt: instant("2026-02-17T08:00:00+08:00"), endsAt: instant("2026-02-17T20:00:00+08:00")), actor: t.lead)
        try t.desk.addShift(Shift(userName: "liuyang", startsAt: instant("2026-02-17T20:00:00+08:00"), endsAt: instant("2026-02-18T08:00:00+08:00")), actor: t.lead)
        let before = try t.desk.handover(actor: t.lead)
        XCTAssertNil(before.acknowledgement)
        XCTAssertEqual(before.lastShiftChange, nil, "no lead shift has ended yet")
        XCTAssertThrowsError(try t.desk.acknowledgeHandover(actor: t.lead), "the outgoing lead does not acknowledge their own shift")
        XCTAssertThrowsError(try t.desk.acknowledgeHandover(actor: t.op), "an operator does not take the shift over")
        let ack = try t.desk.acknowledgeHandover(actor: Actor(name: "liuyang"))
        XCTAssertEqual(ack.handover.acknowledgement?.by, "liuyang")
        let event = try t.desk.store.read { db in try Row.fetchOne(db, sql: "SELECT id, lower(hex(hash)), detail FROM events ORDER BY id DESC LIMIT 1")! }
        let anchored = AuditAnchor.read(forDatabase: t.desk.store.path).entries
        XCTAssertEqual(anchored.map { AuditHead(id: $0.id, hash: $0.hash) }, [AuditHead(id: event[0], hash: event[1])])
        XCTAssertEqual(anchored.first?.reason, "handover acknowledged by liuyang")
        XCTAssertTrue((event[2] as String).contains("\"from\":\"2026-02-17T08:00:00+08:00\""), event[2] as String)
        XCTAssertThrowsError(try t.desk.acknowledgeHandover(actor: Actor(name: "liuyang"))) { e in
            XCTAssertTrue("\(e)".contains("already acknowledged by liuyang"), "\(e)")
        }
        // After the change of shift the handover still reads as acknowledged.
        t.clock.set(instant("2026-02-17T20:30:00+08:00"))
        let after = try t.desk.handover(actor: Actor(name: "liuyang"))
        XCTAssertEqual(after.window.from, instant("2026-02-17T08:00:00+08:00"))
        XCTAssertEqual(after.lastShiftChange, instant("2026-02-17T20:00:00+08:00"))
        XCTAssertTrue(after.lastHandoverAcknowledged)
        XCTAssertEqual(after.acknowledgement?.by, "liuyang")
    }
}
