import CaseModel
import ConsoleTestSupport
import GRDB
import XCTest
@testable import ConsoleUI
import TerminalKit

/// The alerts screen and the dashboard's pane over a real desk: groups with true totals,
/// expanding, grouping by branch and handler, acknowledging a group or a filter after a
/// confirmation stating how many, the "new" marks, and the header flash or bell.
final class AlertGroupScreenTests: XCTestCase {
    func alertDesk() throws -> CaseDesk {
        let desk = try Fixture.makeDesk(cases: 300)
        _ = try AlertEvaluator(desk: desk).tick(at: Fixture.now)
        return desk
    }

    func unacknowledged(_ desk: CaseDesk, rule: AlertRule? = nil) throws -> Int {
        try desk.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE cleared_at IS NULL AND acknowledged_at IS NULL AND (? IS NULL OR rule = ?)",
                             arguments: [rule?.rawValue, rule?.rawValue])!
        }
    }

    func testTheScreenGroupsByRuleAndLevelWithTrueTotalsAndExpandsNewestFirst() throws {
        let desk = try alertDesk()
        let p = Fixture.program(desk, language: .en)
        p.press("A")
        guard let board = p.state.alerts.board else { return XCTFail("no board") }
        XCTAssertGreaterThan(board.groups.count, 1)
        XCTAssertEqual(board.matching, board.groups.map(\.count).reduce(0, +))
        XCTAssertEqual(board.active, try DeskAlerts.overview(desk, actor: Actor(name: Fixture.user)).active)
        XCTAssertEqual(p.state.alerts.rows.count, board.groups.count, "groups start collapsed")
        XCTAssertTrue(p.screen[1].contains("\(AlertsView.figure(board.matching)) of \(AlertsView.figure(board.active))"), p.screen[1])
        // Worst level first.
        XCTAssertEqual(board.groups.map(\.key.level), board.groups.map(\.key.level).sorted(by: >))
        let big = board.groups.firstIndex { $0.count > 1 }!
        for _ in 0..<big { p.press("j") }
        p.press("Enter")
        let items = p.state.alerts.items
        XCTAssertEqual(items.count, min(board.groups[big].count, LoadAlertBoard.groupLimit))
        XCTAssertTrue(items.allSatisfy { $0.alert.rule == board.groups[big].key.rule && $0.alert.level == board.groups[big].key.level })
        XCTAssertEqual(items.map(\.alert.raisedAt), items.map(\.alert.raisedAt).sorted(by: >), "newest first")
        XCTAssertEqual(p.state.alerts.list.cursor, big, "the cursor stays on the group")
        p.press("Enter")
        XCTAssertTrue(p.state.alerts.items.isEmpty, "Enter collapses it again")
    }

    func testGroupingByBranchThenHandlerNamesHandlersByDisplayName() throws {
        let desk = try alertDesk()
        let p = Fixture.program(desk, language: .zh)
        p.press("A", "b")
        XCTAssertEqual(p.state.alerts.dimension, .branch)
        XCTAssertTrue(p.state.alerts.board!.groups.contains { !($0.key.value ?? "").isEmpty })
        let total = p.state.alerts.board!.matching
        p.press("b")
        XCTAssertEqual(p.state.alerts.dimension, .handler)
        XCTAssertEqual(p.state.alerts.board!.matching, total, "the same alerts, split another way")
        let names = try desk.store.read { db in try String.fetchAll(db, sql: "SELECT display_name FROM users WHERE display_name <> ''") }
        let labelled = p.state.alerts.board!.groups.compactMap(\.label)
        XCTAssertFalse(labelled.isEmpty)
        XCTAssertTrue(labelled.allSatisfy(names.contains), "\(labelled)")
        XCTAssertTrue(p.screen.joined().contains(labelled[0]))
        p.press("b")
        XCTAssertEqual(p.state.alerts.dimension, AlertBoard.Dimension.none)
    }

    func testAWholeGroupIsAcknowledgedOnlyAfterAConfirmationStatingHowMany() throws {
        let desk = try alertDesk()
        let p = Fixture.program(desk, language: .en)
        p.press("A")
        let groups = p.state.alerts.board!.groups
        let i = groups.firstIndex { $0.unacknowledged > 1 }!
        let rule = groups[i].key.rule
        let before = try unacknowledged(desk, rule: rule)
        for _ in 0..<i { p.press("j") }
        p.press("a")
        guard case .confirm(let text, .acknowledgeAlerts(_, let expecting))? = p.state.overlay else { return XCTFail("no confirmation") }
        XCTAssertEqual(expecting, groups[i].unacknowledged)
        XCTAssertTrue(text.contains("Acknowledge \(expecting) alert(s)"), text)
        XCTAssertEqual(try unacknowledged(desk, rule: rule), before, "nothing before the yes")
        p.press("n")
        XCTAssertEqual(try unacknowledged(desk, rule: rule), before)
        p.press("a", "y")
        XCTAssertNil(p.state.overlay)
        XCTAssertEqual(p.state.message?.text, "Acknowledged \(expecting) alert(s)")
        XCTAssertEqual(try unacknowledged(desk, rule: rule), before - expecting)
        let events = try desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'ack-alert'")! }
        XCTAssertEqual(events, expecting, "each alert audited as one acknowledgement")
        XCTAssertFalse(p.state.alerts.board!.groups.contains { $0.key == groups[i].key }, "the unacknowledged view reloaded without it")
    }

    func testAckByFilterConfirmsTheCountAndIsRefusedWholeWhenItMoved() throws {
        let desk = try alertDesk()
        let p = Fixture.program(desk, language: .en)
        let rule = try desk.store.read { db in
            try String.fetchOne(db, sql: "SELECT rule FROM alerts WHERE acknowledged_at IS NULL GROUP BY rule ORDER BY count(*) DESC LIMIT 1")!
        }
        let before = try unacknowledged(desk, rule: AlertRule(rawValue: rule))
        XCTAssertGreaterThan(before, 2)
        p.press(":")
        p.type("ack rule=\(rule)")
        p.press("Enter")
        guard case .confirm(let text, .acknowledgeAlerts(_, let expecting))? = p.state.overlay else { return XCTFail("no confirmation: \(p.state.message?.text ?? "")") }
        XCTAssertEqual(expecting, before)
        XCTAssertTrue(text.contains("\(before)") && text.contains("rule=\(rule)"), text)
        // Someone acknowledges one of them meanwhile: the count moved, nothing is taken.
        let one = try desk.store.read { db in
            try String.fetchOne(db, sql: "SELECT rule || ':' || subject || ':' || level FROM alerts WHERE rule = ? AND acknowledged_at IS NULL LIMIT 1", arguments: [rule])!
        }
        _ = try DeskAlerts.acknowledge(desk, ids: [one], actor: Actor(name: "liuyang"))
        p.press("y")
        XCTAssertEqual(p.state.message?.isError, true, p.state.message?.text ?? "")
        XCTAssertEqual(try unacknowledged(desk, rule: AlertRule(rawValue: rule)), before - 1, "refused whole")
        // Asked again, the new count is stated and taken.
        p.press(":")
        p.type("ack rule=\(rule)")
        p.press("Enter", "y")
        XCTAssertEqual(try unacknowledged(desk, rule: AlertRule(rawValue: rule)), 0)
        XCTAssertEqual(p.state.message?.text, "Acknowledged \(AlertsView.figure(before - 1)) alert(s)")
    }

    func testAckFilterWordsAreCheckedBeforeAnythingIsAsked() {
        XCTAssertEqual(try AlertFilterArgument.parse("rule=new-major branch=上海分公司").get(),
                       AlertListFilter(rule: .newMajor, acknowledged: false, branch: "上海分公司"))
        XCTAssertEqual(try AlertFilterArgument.parse("level=warning new=yes handler=李强").get(),
                       AlertListFilter(level: .warning, acknowledged: false, handler: "李强", onlyNew: true))
        XCTAssertEqual(AlertFilterArgument.parse(""), .failure(.empty))
        XCTAssertEqual(AlertFilterArgument.parse("new-major"), .failure(.notKeyValue("new-major")))
        XCTAssertEqual(AlertFilterArgument.parse("colour=red"), .failure(.unknownKey("colour")))
        XCTAssertEqual(AlertFilterArgument.parse("rule=a rule=b"), .failure(.badValue(key: "rule", value: "a", allowed: AlertRule.allCases.map(\.rawValue).joined(separator: "|"))))
        XCTAssertEqual(AlertFilterArgument.parse("branch=x branch=y"), .failure(.repeated("branch")))
        let p = Fixture.program(try! Fixture.sharedDesk(), language: .en)
        p.press(":")
        p.type("ack colour=red")
        p.press("Enter")
        XCTAssertNil(p.state.overlay)
        XCTAssertEqual(p.state.message?.isError, true)
        XCTAssertTrue(p.state.message!.text.contains("unknown key colour"), p.state.message!.text)
    }

    func testNewAlertsAreMarkedUntilTheUserLeavesTheScreen() throws {
        let desk = try alertDesk()
        let actor = Actor(name: Fixture.user)
        XCTAssertNil(try AlertReaders.lastLooked(desk, actor: actor))
        let p = Fixture.program(desk, language: .en)
        p.press("A")
        XCTAssertGreaterThan(p.state.alerts.board!.groups.map(\.new).reduce(0, +), 0, "never looked: all new")
        p.press("Enter")
        XCTAssertTrue(p.state.alerts.items.allSatisfy(\.isNew))
        XCTAssertTrue(p.screen[3...].contains { $0.contains(" new ") }, p.screen.joined(separator: "\n"))
        p.press("q")
        XCTAssertEqual(p.state.screen, .dashboard)
        XCTAssertEqual(try AlertReaders.lastLooked(desk, actor: actor), Fixture.now)
        p.press("A")
        XCTAssertEqual(p.state.alerts.board!.groups.map(\.new).reduce(0, +), 0)
    }

    func testTheDashboardPaneShowsGroupsAndOpensOneExpanded() throws {
        let desk = try alertDesk()
        let p = Fixture.program(desk, language: .en)
        guard let d = p.state.dashboard.data, let board = d.board, let overview = d.overview else { return XCTFail("no alert pane data") }
        XCTAssertFalse(board.groups.isEmpty)
        XCTAssertEqual(board.matching, overview.needingAction, "the pane is the role's view")
        XCTAssertTrue(p.screen.contains { $0.contains("\(overview.needingAction) need action") }, p.screen.joined(separator: "\n"))
        p.press("Tab", "Tab")
        XCTAssertEqual(p.state.dashboard.pane, .alerts)
        p.press("Enter")
        XCTAssertEqual(p.state.screen, .alerts)
        XCTAssertEqual(p.state.alerts.expanded, [board.groups[0].key])
        XCTAssertEqual(p.state.alerts.items.count, min(board.groups[0].count, LoadAlertBoard.groupLimit))
        XCTAssertTrue(p.screen[1].contains("role's view"), p.screen[1])
        p.press("q", "a")
        guard case .confirm(_, .acknowledgeAlerts(_, let n))? = p.state.overlay else { return XCTFail("no confirmation") }
        XCTAssertEqual(n, board.groups[0].unacknowledged)
        // A (or F7) shows every rule again.
        p.press("n", "A")
        XCTAssertEqual(p.state.alerts.filter.view, .all)
        XCTAssertGreaterThan(p.state.alerts.board!.matching, board.matching)
    }

    /// Sends ticks from `start` for `seconds` seconds.
    func tick(_ p: ConsoleProgram, from start: Instant, seconds: Int) {
        for i in 1...seconds { p.send(.tick(start.adding(seconds: Int64(i)))) }
    }

    /// Declares a proposed crisis event (by another user) and runs the rules: a new critical alert.
    func declareOne(_ desk: CaseDesk, at now: Instant) throws {
        let id = try desk.store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM crisis_events WHERE status = 'proposed' ORDER BY id LIMIT 1") }
        guard let id else { return XCTFail("no proposed crisis event on the fixture desk") }
        try desk.declareCrisis(id, actor: Actor(name: "huangwei"))
        let raised = try AlertEvaluator(desk: desk).tick(at: now).raised.filter { $0.level == .critical }
        XCTAssertFalse(raised.isEmpty)
    }

    func testANewCriticalAlertFlashesTheHeaderOnce() throws {
        let desk = try alertDesk()
        let p = Fixture.program(desk, language: .en)
        // Announcements start with the console (its first question, two ticks in): what was on
        // the desk before is not announced.
        let start = Fixture.now.adding(seconds: -10)
        tick(p, from: start, seconds: 4)
        tick(p, from: start.adding(seconds: 4), seconds: 2)
        XCTAssertNil(p.state.flashUntil)
        try declareOne(desk, at: Fixture.now)
        p.send(.tick(Fixture.now))
        p.send(.tick(Fixture.now.adding(seconds: 1)))
        XCTAssertNotNil(p.state.flashUntil)
        XCTAssertTrue(p.screen[0].contains("[NEW CRITICAL]"), p.screen[0])
        XCTAssertEqual(p.render()[0, 0].style, .headerFlash)
        XCTAssertTrue(p.state.message?.text.hasPrefix("New critical alert") == true, p.state.message?.text ?? "")
        tick(p, from: Fixture.now.adding(seconds: 1), seconds: 6)
        XCTAssertNil(p.state.flashUntil, "about a second, and only once")
        XCTAssertFalse(p.screen[0].contains("[NEW CRITICAL]"))
        XCTAssertEqual(p.render()[0, 0].style, .header)
        XCTAssertEqual(p.state.bells, 0)
    }

    func testWithTheBellSettingANewCriticalAlertRingsOnce() throws {
        let desk = try alertDesk()
        // Chosen a while before: choosing starts this user's announcements from that moment.
        let earlier = CaseDesk(store: desk.store, clock: FixedClock(Fixture.now.adding(seconds: -60)))
        try AlertReaders.setNotification(earlier, .bell, actor: Actor(name: Fixture.user))
        let p = Fixture.program(desk, language: .en)
        let start = Fixture.now.adding(seconds: -10)
        tick(p, from: start, seconds: 6)
        try declareOne(desk, at: Fixture.now)
        tick(p, from: Fixture.now.adding(seconds: -1), seconds: 8)
        XCTAssertEqual(p.state.bells, 1)
        XCTAssertNil(p.state.flashUntil)
    }
}
