import GRDB
import XCTest
@testable import CaseModel

/// Alerts a desk can triage: levels and views from the policy, groups with true counts,
/// acknowledging by filter, texts with the current facts, what is new and what is announced.
final class AlertTriageTests: XCTestCase {
    /// A desk at 09:00 with `n` unassigned cases of 上海分公司 and `m` of 北京分公司, evaluated at
    /// 09:20 (every case unassigned for 15 minutes: one warning each).
    func unassignedDesk(shanghai n: Int, beijing m: Int) throws -> (TestDesk, AlertEvaluator) {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        for i in 0..<(n + m) {
            var d = t.draft(phone: "1390000\(3000 + i)")
            d.product = "产品\(i)"   // not a burst of similar complaints
            if i >= n { d.branch = "北京分公司" }
            t.clock.set(instant("2026-02-24T09:00:00+08:00").adding(seconds: Int64(i)))
            _ = try t.desk.intake(d, actor: t.op)
        }
        t.clock.set(instant("2026-02-24T09:20:00+08:00"))
        let ev = AlertEvaluator(desk: t.desk)
        _ = try ev.tick(at: t.clock.now())
        return (t, ev)
    }

    // MARK: policy

    func testShippedLevelsAndViews() throws {
        let p = PolicyFile.defaults
        XCTAssertEqual(p.alertLevels.level(.newMajor), .info)
        XCTAssertEqual(p.alertLevels.level(.repeatSecond), .info)
        XCTAssertEqual(p.alertLevels.level(.stageBreach), .critical)
        XCTAssertEqual(p.alertLevels.level(.crisis), .warning)
        XCTAssertEqual(p.alertLevels.level(.crisis, declared: true), .critical)
        XCTAssertEqual(p.alertViews.view(for: .teamLead).selectors?.map(\.text).contains("stage-breach"), true)
        XCTAssertEqual(p.alertViews.view(for: .teamLead).selectors?.map(\.text).contains("new-major"), false)
        XCTAssertEqual(p.alertViews.view(for: .operator_).selectors?.map(\.text).contains("stage-breach/first-contact"), true)
        XCTAssertTrue(p.alertViews.view(for: .handler).ownCasesOnly)
        XCTAssertNil(p.alertViews.view(for: .administrator).selectors)
        XCTAssertEqual(p.assignment.teams[.claims], ["理赔组"])
        XCTAssertEqual(p.assignment.urgentWithinSeconds, 4 * 3600)
    }

    func testBadAlertPolicyLinesNameTheLine() {
        func error(_ edit: (String) -> String) -> String {
            do { _ = try PolicyFile.parse(edit(DefaultPolicyFile.text), fileName: "p.conf"); return "no error" } catch { return "\(error)" }
        }
        let lines = DefaultPolicyFile.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func line(of needle: String) -> Int { lines.firstIndex { $0.hasPrefix(needle) }! + 1 }
        XCTAssertEqual(error { $0.replacingOccurrences(of: "new-major = info", with: "new-major = loud") },
                       "p.conf:\(line(of: "new-major = info")): new-major: expected info, warning, critical or off, got \"loud\"")
        XCTAssertTrue(error { $0.replacingOccurrences(of: "repeat-2 = info", with: "repeat-2 = info / critical") }.contains("only crisis and crisis-report-overdue take two levels"))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "repeat-2 = info", with: "repeat-two = info") }.contains("unknown alert rule \"repeat-two\""))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "auditor = ", with: "auditors = ") }.contains("unknown role \"auditors\""))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "stage-breach/first-contact, crisis", with: "unassigned/first-contact, crisis") }
            .contains("only stage-warning, stage-breach and no-reminder take a stage"))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "claims = 理赔组", with: "claim = 理赔组") }.contains("unknown category \"claim\""))
        XCTAssertTrue(error { $0.replacingOccurrences(of: "urgent-within = 4 hours", with: "urgent-within = 4 weeks") }.hasPrefix("p.conf:\(line(of: "urgent-within"))"))
    }

    func testARuleTurnedOffOrReLevelledRaisesAccordingly() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        var policy = t.desk.policy
        policy.alertLevels.settings[.unassigned] = .init(nil)
        policy.alertLevels.settings[.stageWarning] = .init(.critical)
        let desk = CaseDesk(store: t.desk.store, clock: t.clock, policy: policy)
        let c = try desk.intake(t.draft(), actor: t.op)
        let ev = AlertEvaluator(desk: desk)
        t.clock.set(instant("2026-02-24T10:30:00+08:00"))
        let raised = try ev.tick(at: t.clock.now()).raised
        XCTAssertFalse(raised.contains { $0.rule == .unassigned }, "off raises nothing")
        XCTAssertTrue(raised.contains { $0.id == "stage-warning:\(c.number):first-contact:critical" }, "\(raised.map(\.id))")
    }

    // MARK: groups and counts

    func testGroupsCountTrulyAndListNewestFirst() throws {
        let (t, _) = try unassignedDesk(shanghai: 7, beijing: 3)
        let lead = t.lead
        let board = try AlertBoard.load(t.desk, filter: AlertListFilter(), by: .branch, perGroup: 2, actor: lead)
        XCTAssertEqual(board.groups.map { "\($0.key.rule.rawValue) \($0.key.value ?? "") \($0.count)" }, ["unassigned 上海分公司 7", "unassigned 北京分公司 3"])
        XCTAssertEqual(board.matching, 10)
        XCTAssertEqual(board.active, 10)
        let shanghai = board.groups[0]
        XCTAssertEqual(shanghai.newest.count, 2)
        XCTAssertGreaterThan(shanghai.newest[0].alert.raisedAt, shanghai.newest[1].alert.raisedAt, "newest first inside a group")
        XCTAssertTrue(shanghai.newest.allSatisfy { $0.branch == "上海分公司" })
        let page = try AlertList.page(t.desk, filter: AlertListFilter(), limit: 4, actor: lead)
        XCTAssertEqual(page.items.count, 4)
        XCTAssertEqual(page.total, 10, "the true total behind a page")
        XCTAssertTrue(page.isPartial)
        let one = try AlertList.page(t.desk, filter: shanghai.filter(within: AlertListFilter(), by: .branch), limit: 100, actor: lead)
        XCTAssertEqual(one.total, 7)
        let byRule = try AlertBoard.load(t.desk, filter: AlertListFilter(), actor: lead)
        XCTAssertEqual(byRule.groups.map(\.count), [10])
        XCTAssertNil(byRule.groups[0].key.value)
    }

    func testRoleViewsNarrowWhatNeedsAction() throws {
        let (t, _) = try unassignedDesk(shanghai: 2, beijing: 0)
        // Unassigned is in the lead's and the operator's view, not in a handler's (own cases only).
        XCTAssertEqual(try AlertList.page(t.desk, filter: AlertListFilter(view: .roleDefault), actor: t.lead).total, 2)
        XCTAssertEqual(try AlertList.page(t.desk, filter: AlertListFilter(view: .roleDefault), actor: t.op).total, 2)
        XCTAssertEqual(try AlertList.page(t.desk, filter: AlertListFilter(view: .roleDefault), actor: t.handler).total, 0)
        XCTAssertEqual(try AlertList.page(t.desk, filter: AlertListFilter(view: .all), actor: t.handler).total, 2)
        let o = try DeskAlerts.overview(t.desk, actor: t.handler)
        XCTAssertEqual(o.unacknowledged, 2)
        XCTAssertEqual(o.needingAction, 0)
    }

    // MARK: acknowledging by filter

    func testAcknowledgeAGroupByFilterAfterAPreviewAllOrNothing() throws {
        let (t, ev) = try unassignedDesk(shanghai: 5, beijing: 3)
        let filter = AlertListFilter(rule: .unassigned, branch: "上海分公司")
        let preview = try DeskAlerts.previewAcknowledgement(t.desk, matching: filter, actor: t.lead)
        XCTAssertEqual(preview.count, 5)
        XCTAssertEqual(preview.byRule.map(\.count), [5])
        let eventsBefore = try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'ack-alert'")! }
        XCTAssertEqual(eventsBefore, 0, "the preview changed nothing")
        // The selection grows between the preview and the yes: refused whole.
        t.clock.set(instant("2026-02-24T09:21:00+08:00"))
        _ = try t.desk.intake(t.draft(phone: "13900009999"), actor: t.op)
        t.clock.set(instant("2026-02-24T09:40:00+08:00"))
        _ = try ev.tick(at: t.clock.now())
        XCTAssertThrowsError(try DeskAlerts.acknowledge(t.desk, matching: filter, expecting: preview.count, actor: t.lead)) { error in
            XCTAssertTrue("\(error)".contains("now holds 6"), "\(error)")
        }
        XCTAssertEqual(try AlertList.page(t.desk, filter: AlertListFilter(acknowledged: true), actor: t.lead).total, 0, "nothing half-written")
        XCTAssertEqual(try DeskAlerts.acknowledge(t.desk, matching: filter, expecting: 6, note: "已分派处理", actor: t.lead), 6)
        let events = try t.desk.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'ack-alert' AND actor = 'wangmin' AND case_id IS NOT NULL")!
        }
        XCTAssertEqual(events, 6, "each acknowledgement audited on its case")
        XCTAssertEqual(try AlertList.page(t.desk, filter: AlertListFilter(), actor: t.lead).total, 3, "北京 untouched")
        XCTAssertEqual(try DeskAlerts.acknowledge(t.desk, matching: filter, actor: t.lead), 0, "again: nothing left")
        XCTAssertThrowsError(try DeskAlerts.acknowledge(t.desk, matching: AlertListFilter(rule: .unassigned), actor: Actor(name: "nobody")))
        XCTAssertEqual(try t.desk.verifyAudit().ok, true)
    }

    // MARK: current facts

    func testAlertTextNamesTheHandlerAndStatusAsTheyAreNow() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        try t.desk.store.write { db in
            for u in ["wangmin", "zhangqiang"] {
                try Roster.addShift(Shift(userName: u, startsAt: instant("2026-02-24T08:00:00+08:00"), endsAt: instant("2026-02-24T20:00:00+08:00")), db)
            }
        }
        let c = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.assign([c.number], to: "liqiang", actor: t.lead)
        let ev = AlertEvaluator(desk: t.desk)
        t.clock.set(instant("2026-02-24T11:30:00+08:00"))
        _ = try ev.tick(at: t.clock.now())
        let breach = try XCTUnwrap(try AlertList.page(t.desk, filter: AlertListFilter(rule: .stageBreach), actor: t.lead).items.first)
        XCTAssertTrue(breach.alert.messageZh.contains("李强"), breach.alert.messageZh)
        XCTAssertTrue(breach.alert.messageZh.contains("超时 0:30"), breach.alert.messageZh)
        // Move-all gives the case to 张强; no tick has run, yet every read names the new handler.
        let plan = try t.desk.proposeMoveAll(from: "liqiang", actor: t.lead)
        _ = try t.desk.applyMoveAll(plan, actor: t.lead)
        t.clock.set(instant("2026-02-24T11:45:00+08:00"))
        let now = try XCTUnwrap(try AlertList.page(t.desk, filter: AlertListFilter(rule: .stageBreach), actor: t.lead).items.first)
        XCTAssertTrue(now.alert.messageZh.contains("张强"), now.alert.messageZh)
        XCTAssertFalse(now.alert.messageZh.contains("李强"), now.alert.messageZh)
        XCTAssertTrue(now.alert.messageZh.contains("超时 0:45"), "the clock as it reads now: \(now.alert.messageZh)")
        XCTAssertEqual(now.handlerName, "张强")
        XCTAssertTrue(try DeskAlerts.current(t.desk, at: t.clock.now(), limit: 5, actor: t.lead).contains { $0.messageZh.contains("张强") })
        let grouped = try AlertBoard.load(t.desk, filter: AlertListFilter(), by: .handler, actor: t.lead)
        XCTAssertTrue(grouped.groups.contains { $0.key.value == "zhangqiang" && $0.label == "张强" })
    }

    // MARK: what is new, announcements

    func testNewSinceLastLookedAndAnnouncedOncePerAlertAndUser() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.assign([c.number], to: "zhangqiang", actor: t.lead)
        let ev = AlertEvaluator(desk: t.desk)
        _ = try ev.tick(at: t.clock.now())
        let announcer = AlertAnnouncer(desk: t.desk, actor: t.lead)
        XCTAssertEqual(try announcer.due(at: t.clock.now()), [], "nothing critical yet")
        try AlertReaders.markLooked(t.desk, actor: t.lead)
        t.clock.set(instant("2026-02-24T10:30:00+08:00"))
        _ = try ev.tick(at: t.clock.now())
        XCTAssertEqual(try AlertList.page(t.desk, filter: AlertListFilter(onlyNew: true), actor: t.lead).total, 1, "the warning is new")
        XCTAssertEqual(try announcer.due(at: t.clock.now()), [], "a warning is not announced")
        t.clock.set(instant("2026-02-24T11:00:00+08:00"))
        _ = try ev.tick(at: t.clock.now())
        let first = try announcer.due(at: t.clock.now())
        XCTAssertEqual(first.count, 1)
        guard case let .critical(a)? = first.first?.kind else { return XCTFail("\(first)") }
        XCTAssertEqual(a.rule, .stageBreach)
        XCTAssertEqual(first.first?.how, .flash, "flash by default")
        XCTAssertEqual(try announcer.due(at: t.clock.now()), [], "once")
        XCTAssertEqual(try AlertAnnouncer(desk: t.desk, actor: t.lead).due(at: t.clock.now()), [], "once across a restart")
        XCTAssertEqual(try AlertAnnouncer(desk: t.desk, actor: t.op).due(at: t.clock.now()).count, 0,
                       "another user's announcements start when their console first asks")
        XCTAssertEqual(try DeskAlerts.overview(t.desk, actor: t.lead).newCritical, 1)
        try AlertReaders.markLooked(t.desk, actor: t.lead)
        XCTAssertEqual(try DeskAlerts.overview(t.desk, actor: t.lead).new, 0)
        // Off: recorded as made, nothing returned; bell is returned as bell.
        try AlertReaders.setNotification(t.desk, .off, actor: t.lead)
        XCTAssertEqual(try AlertReaders.notification(t.desk, actor: t.lead), .off)
        XCTAssertEqual(try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'alert-notify'")! }, 1)
        let d = try t.desk.intake(t.draft(phone: "13900001111"), actor: t.op)
        _ = try t.desk.assign([d.number], to: "zhangqiang", actor: t.lead)
        t.clock.set(instant("2026-02-24T13:00:00+08:00"))
        _ = try ev.tick(at: t.clock.now())
        XCTAssertEqual(try announcer.due(at: t.clock.now()), [])
        try AlertReaders.setNotification(t.desk, .bell, actor: t.lead)
        XCTAssertEqual(try announcer.due(at: t.clock.now()), [], "what came while off is not rung later")
    }

    func testACrisisReportClockPassingThreeQuartersIsAnnouncedOnce() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        var d = t.draft(summary: "网点聚集")
        d.people = 12
        _ = try t.desk.intake(d, actor: t.op)
        let ev = AlertEvaluator(desk: t.desk)
        _ = try ev.tick(at: t.clock.now())
        let announcer = AlertAnnouncer(desk: t.desk, actor: Actor(name: "huangwei"))
        XCTAssertEqual(try announcer.due(at: t.clock.now()), [])
        t.clock.set(instant("2026-02-24T09:44:59+08:00"))
        XCTAssertEqual(try announcer.due(at: t.clock.now()), [])
        t.clock.set(instant("2026-02-24T09:45:00+08:00"))
        let due = try announcer.due(at: t.clock.now())
        XCTAssertEqual(due.count, 1)
        guard case let .crisisClock(_, _, report, at)? = due.first?.kind else { return XCTFail("\(due)") }
        XCTAssertEqual(report, .superior)
        XCTAssertEqual(at, instant("2026-02-24T10:00:00+08:00"))
        XCTAssertEqual(try announcer.due(at: t.clock.now().adding(seconds: 60)), [], "once")
    }
}

/// Overdue figures on alerts count the clock's own working time in the one duration format, the
/// figure the countdown and `console clocks` show (docs/clocks-and-durations.md).
final class AlertFigureTests: XCTestCase {
    func testABreachAlertAtNightSaysTheWorkingTimeOverdueNotTheWallClock() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.assign([c.number], to: "liqiang", actor: t.lead)
        let ev = AlertEvaluator(desk: t.desk)
        // Late at night, long after the first due time: the wall clock ran on, working time did not.
        t.clock.set(instant("2026-02-25T03:00:00+08:00"))
        _ = try ev.tick(at: t.clock.now())
        let breaches = try AlertList.page(t.desk, filter: AlertListFilter(rule: .stageBreach), actor: t.lead).items
        let breach = try XCTUnwrap(breaches.first)
        let stage = try XCTUnwrap(AlertText.stage(ofSubject: breach.alert.subject))
        let clock = try XCTUnwrap(t.desk.clocks(of: c).first { $0.stage == stage })
        let figure = ClockFigure(clock, at: t.clock.now())
        XCTAssertTrue(figure.isOverdue)
        XCTAssertTrue(breach.alert.messageZh.contains("超时 \(figure.duration(.zh)) "), "\(breach.alert.messageZh) vs \(figure.left(.zh))")
        XCTAssertTrue(breach.alert.messageEn.contains("overdue by \(figure.duration(.en)) "), breach.alert.messageEn)
        let wallHours = (t.clock.now().seconds - clock.due.seconds) / 3600
        XCTAssertFalse(breach.alert.messageZh.contains("超时 \(wallHours):"), "not the wall-clock \(wallHours) hours: \(breach.alert.messageZh)")
    }

    /// A clock past due by less than a minute of working time (just passed, or passed after the
    /// desk's hours) says `已超时` (the alert's raised time, when it fell due, beside it), never `超时 0:00`.
    func testABreachWithinAMinuteOfWorkingTimeSaysOverdueWithItsDueTime() throws {
        let t = try TestDesk(now: "2026-02-24T09:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        _ = try t.desk.assign([c.number], to: "liqiang", actor: t.lead)
        let first = try XCTUnwrap(t.desk.clocks(of: c).min { $0.due < $1.due })
        t.clock.set(first.due.adding(seconds: 30))
        let figure = ClockFigure(first, at: t.clock.now())
        XCTAssertTrue(figure.isOverdue && figure.isOverdueWithinAMinute)
        XCTAssertEqual(figure.left(.zh), "已超时")
        XCTAssertEqual(figure.left(.en), "overdue")
        _ = try AlertEvaluator(desk: t.desk).tick(at: t.clock.now())
        let breach = try XCTUnwrap(try AlertList.page(t.desk, filter: AlertListFilter(rule: .stageBreach), actor: t.lead).items.first)
        XCTAssertTrue(breach.alert.messageZh.contains("\(first.stage.zh)已超时 · "), breach.alert.messageZh)
        XCTAssertFalse(breach.alert.messageZh.contains("0:00"), breach.alert.messageZh)
        XCTAssertTrue(breach.alert.messageEn.contains("\(first.stage.en) overdue · "), breach.alert.messageEn)
        // A minute of working time later it counts again.
        let later = ClockFigure(first, at: first.due.adding(seconds: 3 * 3600))
        if later.workingSecondsLeft <= -60 { XCTAssertEqual(later.left(.zh), "超时 " + later.duration(.zh)) }
    }
}
