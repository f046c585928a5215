import CaseModel
import GRDB
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// The assign screen (move-all with confirmation), the alerts screen and the `:` command line
/// (arguments, completion, aliases), driven through the update function over real desks.
final class AssignAlertsCommandTests: XCTestCase {
    /// Open cases per handler in the store.
    func openCount(_ desk: CaseDesk, _ handler: String) throws -> Int {
        try desk.store.read { db in
            var f = CaseFilter()
            f.openness = .open
            f.handlers = [handler]
            f.visibility = .withReports
            return try CaseRecords.count(f, db)
        }
    }

    // MARK: assign

    func testMoveAllShowsThePlanAndWritesOnlyAfterYes() throws {
        let desk = try Fixture.makeDesk(cases: 200)
        let p = Fixture.program(desk)
        p.press("W")
        XCTAssertEqual(p.state.screen, .assign)
        let board = p.state.assign.entries
        XCTAssertFalse(board.isEmpty)
        guard let index = board.firstIndex(where: { $0.openLoad > 0 }) else { return XCTFail("nobody holds open cases") }
        for _ in 0..<index { p.press("j") }
        let from = board[index].user.name
        let before = try openCount(desk, from)
        XCTAssertEqual(before, board[index].openLoad)
        p.press("m")
        guard let plan = p.state.assign.plan else { return XCTFail("no plan: \(String(describing: p.state.message))") }
        XCTAssertEqual(plan.from.name, from)
        XCTAssertEqual(plan.moves.count, before)
        XCTAssertTrue(p.screen.joined(separator: "\n").contains(plan.moves[0].number), "each case is listed before the yes")
        // Keys other than y/n do nothing while the plan waits; n cancels and writes nothing.
        p.press("u", "n")
        XCTAssertEqual(p.state.screen, .assign)
        XCTAssertNil(p.state.assign.plan)
        XCTAssertEqual(try openCount(desk, from), before)
        // y or Enter (a key prose can type) does not move thousands of cases: only C-y does.
        p.press("m", "y", "Enter")
        XCTAssertNotNil(p.state.assign.plan)
        XCTAssertEqual(try openCount(desk, from), before)
        p.press("C-y")
        XCTAssertNil(p.state.assign.plan)
        XCTAssertEqual(try openCount(desk, from), 0)
        XCTAssertEqual(p.state.message?.isError, false, p.state.message?.text ?? "")
        for share in plan.shares { XCTAssertEqual(try openCount(desk, share.user.name), share.after, share.user.name) }
        XCTAssertEqual(p.state.assign.entries.first { $0.user.name == from }?.openLoad ?? 0, 0, "the board reloaded")
    }

    func testAMoveAllOverAChangedCaseIsRefusedWholeWithWhoChangedIt() throws {
        let desk = try Fixture.makeDesk(cases: 200)
        let p = Fixture.program(desk)
        p.press("W")
        guard let e = p.state.assign.entries.first(where: { $0.openLoad > 1 }) else { return XCTFail("nobody holds cases") }
        p.press(":")
        p.type("move-all \(e.user.name)")
        p.press("Enter")
        guard let plan = p.state.assign.plan else { return XCTFail("no plan") }
        // Another console takes one of the cases meanwhile.
        let other = plan.shares.last!.user.name
        _ = try desk.assign([plan.moves[0].number], to: other, actor: Actor(name: Fixture.user))
        p.press("C-y")
        XCTAssertEqual(p.state.message?.isError, true)
        // Says who changed it, in the console's language (Chinese here).
        let said = p.state.message?.text ?? ""
        XCTAssertTrue(said.contains("已由 \(Fixture.user)") && said.contains("本次未保存"), said)
        XCTAssertEqual(try openCount(desk, e.user.name), e.openLoad - 1, "nothing else moved")
    }

    func testThePlanLevelsLoads() throws {
        let desk = try Fixture.makeDesk(cases: 200)
        let p = Fixture.program(desk)
        p.press("W")
        guard let busiest = p.state.assign.entries.max(by: { $0.openLoad < $1.openLoad }) else { return XCTFail("empty board") }
        p.press(":")
        p.type("move-all \(busiest.user.displayName)")
        p.press("Enter")
        guard let plan = p.state.assign.plan else { return XCTFail("no plan: \(String(describing: p.state.message))") }
        // Cases go to their category's team (then the case's own team) when a receiver of it is
        // offered, so loads level within a team, not across the desk; urgent cases are dealt
        // round-robin: within a team, receivers' urgent counts differ by at most one.
        XCTAssertEqual(plan.shares.map(\.added).reduce(0, +), busiest.openLoad)
        let teams = Dictionary(grouping: plan.shares, by: \.user.team)
        for (team, shares) in teams where shares.contains(where: { $0.urgent > 0 }) {
            let urgent = shares.map(\.urgent)
            XCTAssertLessThanOrEqual(urgent.max()! - urgent.min()!, 1, "\(team): \(plan.shares)")
        }
        let policy = PolicyFile.defaults.assignment.teams
        let offered = Set(plan.shares.map(\.user.team))
        let cases = try desk.store.read { db in try plan.moves.map { try CaseRecords.fetch(number: $0.number, db)! } }
        let receiver = Dictionary(uniqueKeysWithValues: plan.shares.map { ($0.user.name, $0.user.team) })
        for (move, c) in zip(plan.moves, cases) {
            guard let preferred = policy[c.category]?.first(where: offered.contains) else { continue }
            XCTAssertEqual(receiver[move.to], preferred, "\(c.number) (\(c.category.rawValue)) went to \(move.to)")
        }
    }

    func testAssignByNameFromTheCommandLineAsksFirst() throws {
        let desk = try Fixture.makeDesk(cases: 200)
        let p = Fixture.program(desk)
        p.press("u", "Space", "Space")
        let numbers = p.state.queue.list.marks.sorted()
        p.press(":")
        XCTAssertFalse(p.state.roster.isEmpty, "opening the prompt loads the roster for completion")
        let target = p.state.roster.last!.user
        p.type("assign \(target.displayName)")
        p.press("Enter")
        guard case .confirm(_, .assign(let n, let h))? = p.state.overlay else { return XCTFail("no confirmation: \(String(describing: p.state.message))") }
        XCTAssertEqual(n, numbers)
        XCTAssertEqual(h, target.name)
        for number in numbers { XCTAssertNotEqual(try desk.detail(number).0.handler, target.name) }
        p.press("y")
        for number in numbers { XCTAssertEqual(try desk.detail(number).0.handler, target.name) }
        // An unknown name is refused in the status line; nothing opens.
        p.press("Space", ":")
        p.type("assign nobody")
        p.press("Enter")
        XCTAssertNil(p.state.overlay)
        XCTAssertEqual(p.state.message?.isError, true)
    }

    func testReassignFromACase() throws {
        let desk = try Fixture.makeDesk(cases: 100)
        let p = Fixture.program(desk)
        p.press("Tab", "Enter")
        guard let number = p.state.caseScreen.detail?.item.number, p.state.screen == .caseView else { return XCTFail("no case open") }
        p.press("r")
        guard case .picker(let numbers, _)? = p.state.overlay else { return XCTFail("no picker") }
        XCTAssertEqual(numbers, [number])
        guard let target = p.state.roster.first(where: { $0.user.name != p.state.caseScreen.detail?.item.handler }) else { return XCTFail("empty roster") }
        p.press("Esc", ":")
        p.type("assign \(target.user.name)")
        p.press("Enter", "y")
        XCTAssertEqual(try desk.detail(number).0.handler, target.user.name)
        XCTAssertEqual(p.state.caseScreen.detail?.item.handler, target.user.name, "the case view shows the new handler")
    }

    // MARK: command line

    func testTabCompletesCommandNamesThenArguments() throws {
        let p = Fixture.program(try Fixture.sharedDesk())
        p.press(":")
        p.type("mo")
        p.press("Tab")
        guard case .prompt(let a)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(a.text, "move-all ", "one match completes, with the space for its argument")
        p.type("李")
        p.press("Tab")
        guard case .prompt(let b)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(b.candidates, ["李强", "李静"])
        XCTAssertEqual(b.text, "move-all 李强", "no common prefix to add: Tab cycles")
        p.press("Tab")
        guard case .prompt(let c)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(c.text, "move-all 李静")
        p.press("Esc")
        XCTAssertNil(p.state.overlay)
        // Several names with a longer common prefix extend to it and are listed.
        p.press(":")
        p.type("al")
        p.press("Tab")
        guard case .prompt(let d)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(d.text, "alert")
        XCTAssertEqual(d.candidates, ["alert-branch", "alert-group", "alert-level", "alert-rule", "alert-state", "alerts"])
        // Enum values complete too.
        p.press("Esc", ":")
        p.type("alert-level cr")
        p.press("Tab")
        guard case .prompt(let e)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(e.text, "alert-level critical")
        // And case numbers the console has loaded.
        p.press("Esc", ":")
        let number = p.state.dashboard.data!.countdown[0].number
        p.type("go " + number.dropLast(2))
        p.press("Tab")
        guard case .prompt(let f)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertTrue(f.text == "go " + number || f.candidates.contains(number), "\(f)")
    }

    func testGoOpensTheCaseAndErrorsShowInTheStatusLine() throws {
        let p = Fixture.program(try Fixture.sharedDesk())
        let number = p.state.dashboard.data!.countdown[0].number
        p.press(":")
        p.type("go \(number.lowercased())")
        p.press("Enter")
        XCTAssertEqual(p.state.screen, .caseView)
        XCTAssertEqual(p.state.caseScreen.detail?.item.number, number)
        p.press(":")
        p.type("go TS-19990101-0001")
        p.press("Enter")
        XCTAssertEqual(p.state.caseScreen.detail?.item.number, number, "an unknown number changes nothing")
        XCTAssertEqual(p.state.message?.isError, true)
        p.press(":")
        p.type("nosuch")
        p.press("Enter")
        XCTAssertTrue(p.state.message?.text.contains("nosuch") == true)
        p.press(":")
        p.type("dashboard now")
        p.press("Enter")
        XCTAssertEqual(p.state.screen, .caseView)
        XCTAssertEqual(p.state.message?.isError, true, "a command that takes no argument refuses one")
        // Without its argument a command opens its screen: `:go` opens the prompt with `go `.
        p.press(":")
        p.type("go")
        p.press("Enter")
        guard case .prompt(let q)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(q.text, "go ")
        p.press("Esc", ":")
        p.type("queue")
        p.press("Enter")
        XCTAssertEqual(p.state.screen, .queue)
        p.press(":")
        p.type("sort received")
        p.press("Enter")
        XCTAssertEqual(p.state.queue.query.sort, .received, "the default alias sort → sort-next takes the column")
    }

    func testAliasesComeFromTheKeyMapFileWithLineNumberedErrors() throws {
        let map = try KeyMap.defaults.applying(file: "# mine\nalias hot alerts critical\nalias 移交 move-all\nunalias d\n")
        XCTAssertEqual(map.expansion(of: "hot"), "alerts critical")
        XCTAssertEqual(map.expansion(of: "移交"), "move-all")
        XCTAssertNil(map.expansion(of: "d"))
        for (text, line, reason) in [("bind queue x mark\nalias x nosuch", 2, "unknown command"), ("alias quit help", 1, "cannot hide"),
                                     ("\n\nunalias nope", 3, "no alias"), ("alias y dashboard now", 1, "takes no argument"), ("alias z", 1, "expected")] {
            XCTAssertThrowsError(try KeyMap.defaults.applying(file: text)) { error in
                guard let e = error as? ConfigError else { return XCTFail("\(error)") }
                XCTAssertEqual(e.line, line, text)
                XCTAssertTrue(e.reason.contains(reason), e.reason)
            }
        }
        let desk = try Fixture.makeDesk(cases: 100)
        _ = try AlertEvaluator(desk: desk).tick(at: Fixture.now)
        let settings = ConsoleSettings(language: .en, userName: Fixture.user, keyMap: map)
        let p = ConsoleProgram(state: ConsoleState(settings: settings, now: Fixture.now, width: 100, height: 30),
                               data: CaseModelDataSource(desk: desk, actor: Actor(name: Fixture.user)))
        p.start()
        p.press(":")
        p.type("ho")
        p.press("Tab")
        guard case .prompt(let t)? = p.state.overlay else { return XCTFail("no prompt") }
        XCTAssertEqual(t.text, "hot", "aliases complete like command names")
        p.press("Enter")
        XCTAssertEqual(p.state.screen, .alerts)
        XCTAssertEqual(p.state.alerts.filter.level, .critical)
        XCTAssertTrue(p.state.alerts.items.allSatisfy { $0.alert.level == .critical })
        // Help lists the aliases from the same table.
        p.press("?")
        XCTAssertTrue(HelpView.lines(p.state).contains { $0.contains("hot=alerts critical") })
    }

    // MARK: alerts

    func testAlertsScreenFiltersAcknowledgesManyAndJumpsToTheCase() throws {
        let desk = try Fixture.makeDesk(cases: 200)
        _ = try AlertEvaluator(desk: desk).tick(at: Fixture.now)
        let p = Fixture.program(desk)
        p.press("A")
        XCTAssertEqual(p.state.screen, .alerts)
        // Groups first (docs/alerts.md): expand the biggest one to see its alerts.
        guard let big = p.state.alerts.board?.groups.firstIndex(where: { $0.count > 3 }) else { return XCTFail("no group of several") }
        for _ in 0..<big { p.press("j") }
        p.press("Enter")
        let all = p.state.alerts.items
        XCTAssertGreaterThan(all.count, 3)
        XCTAssertTrue(all.allSatisfy { $0.alert.acknowledgedAt == nil }, "unacknowledged by default")
        p.press("j", "Space", "Space")
        let marked = p.state.alerts.list.marks
        XCTAssertEqual(marked.count, 2)
        p.press("a")
        let acked = try desk.store.read { db in
            try String.fetchAll(db, sql: "SELECT rule || ':' || subject || ':' || level FROM alerts WHERE acknowledged_by = ?", arguments: [Fixture.user])
        }
        XCTAssertEqual(Set(acked), marked)
        XCTAssertTrue(p.state.alerts.list.marks.isEmpty)
        XCTAssertFalse(p.state.alerts.items.contains { marked.contains($0.alert.id) }, "the unacknowledged list reloaded")
        // 3 steps to acknowledged: exactly the two, in one group.
        p.press("3")
        XCTAssertEqual(p.state.alerts.board?.matching, 2)
        p.press("Enter")
        XCTAssertEqual(Set(p.state.alerts.items.map(\.alert.id)), marked)
        p.press("3", "3")
        XCTAssertEqual(p.state.alerts.filter.acknowledged, false)
        // 1 steps the level: critical first.
        p.press("1")
        XCTAssertEqual(p.state.alerts.filter.level, .critical)
        XCTAssertTrue(p.state.alerts.board!.groups.allSatisfy { $0.key.level == .critical })
        // Branch filter from the command line, then jump to a case.
        p.press("1", "1", "1")
        XCTAssertNil(p.state.alerts.filter.level)
        p.press("Enter")
        guard let branch = p.state.alerts.items.first(where: { !$0.branch.isEmpty })?.branch else { return XCTFail("no branch") }
        p.press(":")
        p.type("alert-branch \(branch)")
        p.press("Enter")
        XCTAssertFalse(p.state.alerts.board!.groups.isEmpty)
        p.press("Enter")
        XCTAssertFalse(p.state.alerts.items.isEmpty)
        XCTAssertTrue(p.state.alerts.items.allSatisfy { $0.branch == branch })
        guard let i = p.state.alerts.rows.firstIndex(where: { $0.item?.alert.caseNumber != nil }) else { return XCTFail("no case alert") }
        for _ in 0..<i { p.press("j") }
        let number = p.state.alerts.rows[i].item?.alert.caseNumber
        p.press("Enter")
        XCTAssertEqual(p.state.screen, .caseView)
        XCTAssertEqual(p.state.caseScreen.detail?.item.number, number)
        // Read-only consoles cannot acknowledge.
        let ro = Fixture.program(desk, readOnly: true)
        ro.press("A", "a")
        XCTAssertEqual(ro.state.message?.isError, true)
    }
}
