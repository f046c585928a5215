import CaseModel
import ConsoleTestSupport
import DeskTestSupport
import Foundation
import XCTest
@testable import ConsoleUI
import TerminalKit

/// Everything written can be read and every figure explains itself (docs/console-reading.md):
/// the text viewer, clock figures equal to `console clocks`, clock explanations, the calendar
/// page, roster names, the action bar by the role's permissions, and a read-only desk said at once.
final class ReadingTests: XCTestCase {
    /// A 2,000-character note ending in a marker, on the shared fixture's first open case.
    static let note: String = {
        let s = "客户来电称春节期间在海南旅游时行李在机场丢失，航空公司仅赔付三百元，要求我司按旅游意外险条款补足差额。承诺节后第一个工作日回电。"
        var out = ""
        while out.count < 1990 { out += s }
        return String(out.prefix(1990)) + "【到此为止】"
    }()

    func noteCase(_ desk: CaseDesk) throws -> String {
        let number = try desk.store.read { db in
            var f = CaseFilter(); f.openness = .open; f.sort = .due; f.limit = 1
            return try CaseRecords.list(f, db).first!.number
        }
        _ = try desk.act(number, .note, ActionInput(note: Self.note), actor: Actor(name: Fixture.user))
        return number
    }

    /// The viewer's text with its wrapping undone (indents dropped, lines joined).
    func unwrapped(_ p: ConsoleProgram) -> String {
        guard let v = p.state.viewer else { return "" }
        return TextViewerView.lines(v, p.state).map { $0.trimmingCharacters(in: .whitespaces) }.joined()
    }

    func testATwoThousandCharacterNoteIsReadToItsEndInTheViewerAt80x24() throws {
        let desk = try Fixture.makeDesk(cases: 60)
        let number = try noteCase(desk)
        let p = Fixture.program(desk)
        p.perform([.loadCase(number)])
        p.press("G")   // the last timeline entry: the note, cut on the case screen, and saying so
        let timeline = p.screen.filter { $0.contains("进展记录") && $0.contains("备注") }
        XCTAssertFalse(timeline.isEmpty, p.screen.joined(separator: "\n"))
        XCTAssertTrue(timeline.allSatisfy { $0.hasSuffix("…") && !$0.contains("到此为止") }, timeline.joined(separator: "\n"))
        p.press("Enter")
        XCTAssertNotNil(p.state.viewer)
        XCTAssertTrue(unwrapped(p).contains(Self.note), "every character of the note is in the viewer")
        for line in p.screen { XCTAssertLessThanOrEqual(DisplayWidth.of(line), 80, line) }
        XCTAssertFalse(p.screen.joined().contains("到此为止"), "the end is below the first page")
        // Paging reaches the end; no line of the viewer is cut.
        for _ in 0..<10 { p.press("PgDn") }
        XCTAssertTrue(p.screen.joined().contains("【到此为止】"), p.screen.joined(separator: "\n"))
        XCTAssertFalse(p.screen.dropFirst().dropLast().contains { $0.contains("…") }, "the viewer wraps, never cuts")
        p.press("Up")
        XCTAssertEqual(p.state.viewer?.scroll, TextViewerView.lines(p.state.viewer!, p.state).count - TextViewer.textRows(height: 24) - 1)
        p.press("Esc")
        XCTAssertNil(p.state.viewer)
        XCTAssertEqual(p.state.screen, .caseView)
    }

    func testTheViewerShowsMaskedTextAndNeverRawEscapes() throws {
        let desk = try Fixture.makeDesk(cases: 60)
        let number = try desk.store.read { db in
            var f = CaseFilter(); f.openness = .open; f.limit = 1
            return try CaseRecords.list(f, db).first!.number
        }
        _ = try desk.act(number, .note, ActionInput(note: "客户手机 13912345678，第二行\n\u{1B}[2J清屏企图"), actor: Actor(name: Fixture.user))
        let p = Fixture.program(desk)
        p.perform([.loadCase(number)])
        p.press("G", "Enter")
        let text = p.screen.joined(separator: "\n")
        XCTAssertFalse(text.contains("13912345678"), "not revealed: the phone number is masked\n\(text)")
        XCTAssertFalse(text.contains("\u{1B}"), "no escape byte reaches the screen")
        XCTAssertTrue(text.contains("清屏企图"), text)
    }

    func testCrisisReportsOpenWholeFromTheBoard() throws {
        let desk = try Fixture.sharedDesk()
        let p = Fixture.program(desk, width: 80, height: 24)
        p.press("F8")
        guard let e = p.state.crisis.board?.events.first(where: { !$0.reports.isEmpty }) else { throw XCTSkip("no crisis report in the fixture") }
        while p.state.crisis.board?.events[safe: p.state.crisis.list.cursor]?.id != e.id { p.press("Down") }
        p.press("v")
        XCTAssertNotNil(p.state.viewer)
        let text = unwrapped(p)
        for r in e.reports { XCTAssertTrue(text.contains(Masking.maskText(r.text).filter { !$0.isWhitespace }), "report whole: \(r.text)") }
    }

    // MARK: figures

    func testDurationsOnTheCaseScreenEqualConsoleClocksForTheSameCaseAndTime() throws {
        guard !ConsoleProcess.binary.isEmpty else { throw XCTSkip("the console binary was not found next to the test bundle") }
        let dir = ScratchDirectory("reading-clocks")
        let db = dir.file("desk.sqlite")
        func console(_ args: [String], now: String, as user: String? = "wangmin") throws -> String {
            let out = try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", db, "--now", now, "--lang", "zh"] + (user.map { ["--user", $0] } ?? []),
                                             environment: ["LANG": "C.UTF-8", "CONSOLE_CONFIG_DIR": dir.file("config"), "NO_COLOR": "1"])
            XCTAssertEqual(out.status, 0, out.description)
            return out.stdout
        }
        let received = "2026-02-12T16:00:00+08:00"
        _ = try console(["init", "--admin", OSLoginName.current], now: received, as: nil)
        _ = try console(["users", "allow-switch", "on"], now: received, as: nil)
        _ = try console(["users", "add", "wangmin", "--display", "王敏", "--team", "理赔组", "--role", "team-lead"], now: received, as: nil)
        // A letter received before the holiday: its first contact is overdue at 03:00 on 初二.
        let number = try console(["add", "--channel", "letter", "--branch", "海南分公司", "--name", "张三", "--line", "travel",
                                  "--category", "claims", "--kind", "general", "--summary", "行李丢失赔付不足", "--received-at", received],
                                 now: received).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? ""
        for nowText in ["2026-02-17T03:00:00+08:00", "2026-02-24T10:17:00+08:00"] {
            let cli = try console(["clocks", number], now: nowText)
            let now = DeskTime.standard.parse(nowText)!
            let desk = CaseDesk(store: try CaseStore(path: db), clock: FixedClock(now))
            let settings = ConsoleSettings(language: .zh, userName: "wangmin")
            let p = ConsoleProgram(state: ConsoleState(settings: settings, now: now, width: 100, height: 30),
                                   data: CaseModelDataSource(desk: desk, actor: Actor(name: "wangmin")))
            p.start()
            p.perform([.loadCase(number)])
            let clocks = p.state.caseScreen.detail!.clocks
            XCTAssertFalse(clocks.isEmpty)
            for clock in clocks {
                let figure = ClockFigure(clock, at: now).left(.zh)
                let cliLine = cli.split(separator: "\n").first { $0.hasPrefix(clock.stage.label(.zh)) }.map(String.init) ?? ""
                let screenLine = p.screen.first { $0.contains(clock.stage.label(.zh)) && $0.contains("应于") } ?? ""
                XCTAssertTrue(cliLine.contains(figure), "console clocks at \(nowText): \(cliLine) vs \(figure)")
                XCTAssertTrue(screenLine.contains(figure) && screenLine.contains(DeskTime.standard.short(clock.due)),
                              "case screen at \(nowText): \(screenLine) vs \(cliLine)")
            }
            // Overdue at 03:00 in the duty calendar's working time, not wall-clock: the same figure as `clocks`.
            if nowText.hasPrefix("2026-02-17") { XCTAssertTrue(p.screen.joined().contains("超时"), p.screen.joined(separator: "\n")) }
        }
    }

    func testOneDurationFormatOnEveryScreen() throws {
        let desk = try Fixture.sharedDesk()
        let p = Fixture.program(desk)
        // A figure after 剩/超时 is `H:MM` or `N天H:MM`: never `37小时`, `4天` alone or `0:42:07`.
        let hours = try NSRegularExpression(pattern: #"(剩|超时) ?~?(\d+小时|\d+天(?!\d)|\d+:\d\d:\d\d)"#)
        func check(_ what: String) {
            let text = p.screen.dropFirst().joined(separator: "\n")   // the header's clock has seconds
            XCTAssertEqual(hours.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)), 0, "\(what):\n\(text)")
        }
        check("dashboard")
        p.press("u"); check("queue")
        p.press("F6"); check("assign board")
        p.press("F8"); check("crisis board")
        p.perform([.loadCase(p.state.dashboard.data!.countdown[0].item.number)]); check("case screen")
    }

    // MARK: explanations and the calendar

    func testWExplainsTheClockUnderTheCursor() throws {
        let desk = try Fixture.sharedDesk()
        let p = Fixture.program(desk)
        p.perform([.loadCase(p.state.dashboard.data!.countdown[0].item.number)])
        let lines = CaseView.lines(p.state, p.state.caseScreen.detail!)
        let clockLine = lines.firstIndex { if case .clock? = $0.read { return true }; return false }!
        while p.state.caseScreen.cursor < clockLine { p.press("Down") }
        p.press("w")
        let text = unwrapped(p)
        XCTAssertTrue(text.contains("规则："), text)
        XCTAssertTrue(text.contains("起算："), text)
        XCTAssertTrue(text.contains("日历："), text)
        XCTAssertFalse(text.contains("business") || text.contains("makeUpWorkday"), "no English in the Chinese explanation: \(text)")
    }

    func testTheCalendarShowsSpringFestivalWithMakeUpDaysInChinese() throws {
        let desk = try Fixture.sharedDesk()
        let p = Fixture.program(desk)
        p.press(":"); p.type("calendar"); p.press("Enter")
        XCTAssertNotNil(p.state.viewer)
        let lines = TextViewerView.lines(p.state.viewer!, p.state)
        XCTAssertTrue(lines.contains { $0.contains("2026年2月") })
        XCTAssertTrue(lines.contains { $0.contains("14班") && $0.contains("15休") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("16休") && $0.contains("22休") })
        XCTAssertTrue(lines.contains { $0.contains("28班") })
        XCTAssertTrue(lines.contains { $0.contains("春节 02-15–02-23 休") })
        XCTAssertFalse(lines.joined().contains("makeUpWorkday"))
        p.press("Right")
        XCTAssertTrue(TextViewerView.lines(p.state.viewer!, p.state).contains { $0.contains("2026年3月") })
        p.press("q")
        XCTAssertNil(p.state.viewer)
    }

    func testTheCoverageWarningShowsWhenTheNext90DaysReachAnUnknownYear() throws {
        let desk = try Fixture.sharedDesk()
        let autumn = DeskTime.standard.parse("2026-11-02T09:00:00+08:00")!
        let p = ConsoleProgram(state: ConsoleState(settings: ConsoleSettings(language: .zh, userName: Fixture.user), now: autumn, width: 140, height: 45),
                               data: CaseModelDataSource(desk: CaseDesk(store: desk.store, clock: FixedClock(autumn)), actor: Actor(name: Fixture.user)))
        p.start()
        XCTAssertTrue(p.screen[0].contains("2027"), "the header warns: \(p.screen[0])")
        p.press("F9")
        XCTAssertTrue(TextViewerView.lines(p.state.viewer!, p.state).joined().contains("缺 2027 年节假日"))
    }

    // MARK: people, roles, read-only

    func testNamesShownAreTheRostersDisplayNames() throws {
        let desk = try Fixture.sharedDesk()
        let names = try desk.peopleNames(actor: Actor(name: Fixture.user)).displayNames.filter { $0.key != $0.value && !$0.value.isEmpty }
        XCTAssertFalse(names.isEmpty)
        let p = Fixture.program(desk, width: 140, height: 45)
        func check(_ what: String, _ lines: [String]) {
            let text = lines.joined(separator: "\n")
            for login in names.keys { XCTAssertNil(text.range(of: #"\b\#(login)\b"#, options: .regularExpression), "\(what) shows \(login):\n\(text)") }
        }
        check("dashboard", p.screen)
        XCTAssertTrue(p.screen[0].contains(names[Fixture.user]!), "the header names the user as the roster does")
        p.press("u"); check("queue", p.screen)
        p.perform([.loadCase(p.state.dashboard.data!.countdown[0].item.number)]); check("case screen", p.screen)
        p.press("G", "Enter"); check("timeline entry", p.screen)
    }

    func testAnOperatorsActionBarOffersNoExtensionAndNoCrisis() throws {
        let desk = try Fixture.sharedDesk()
        let operatorName = try desk.store.read { db in try Roster.all(db).first { $0.role == .operator_ && $0.active }!.name }
        let number = try desk.store.read { db in
            var f = CaseFilter(); f.openness = .open; f.statuses = [.received]; f.limit = 1
            return try CaseRecords.list(f, db).first!.number
        }
        func program(_ user: String) -> ConsoleProgram {
            let p = ConsoleProgram(state: ConsoleState(settings: ConsoleSettings(language: .zh, userName: user), now: Fixture.now, width: 140, height: 45),
                                   data: CaseModelDataSource(desk: desk, actor: Actor(name: user)))
            p.start()
            p.perform([.loadCase(number)])
            return p
        }
        let op = program(operatorName)
        let bar = op.screen[1]
        XCTAssertFalse(bar.contains("延期"), bar)
        XCTAssertFalse(bar.contains("启动危机"), bar)
        XCTAssertTrue(bar.contains("联系"), bar)
        // A key typed anyway opens nothing and says who may, in Chinese.
        op.press("e")
        XCTAssertNil(op.state.form)
        XCTAssertEqual(op.state.message?.isError, true)
        XCTAssertTrue(op.state.message?.text.contains("组长") == true, op.state.message?.text ?? "")
        // Help lists the same.
        op.press("?")
        let help = op.screen.joined(separator: "\n")
        XCTAssertFalse(help.contains("延期(原因与承诺时间)"), help)
        XCTAssertFalse(help.contains("启动危机事件"), help)
        // A team lead is offered both.
        let lead = program(Fixture.user)
        XCTAssertTrue(lead.screen[1].contains("延期") && lead.screen[1].contains("启动危机"), lead.screen[1])
    }

    func testAReadOnlyDeskSaysWhyInTheHeaderFromTheStart() throws {
        let desk = try Fixture.sharedDesk()
        let access = try desk.writeAccess(actor: Actor(name: "nobody")).adding(.requested)
        var settings = ConsoleSettings(language: .zh, readOnly: true, userName: "nobody")
        settings.writeAccess = access
        var state = ConsoleState(settings: settings, now: Fixture.now, width: 80, height: 24)
        let first = TextBackend.lines(ConsoleView.render(state))
        XCTAssertTrue(first[0].contains("只读：按要求只读打开"), first[0])
        ConsoleUpdate.say(&state, settings.readOnlyText, error: true)
        XCTAssertTrue(TextBackend.lines(ConsoleView.render(state)).last!.contains("nobody 不在人员名单上"))
        // The status line clears at the next key.
        _ = ConsoleUpdate.update(&state, .key(.down))
        XCTAssertNil(state.message)
    }

    func testAStatusMessageClearsAfterTenSeconds() throws {
        var state = ConsoleState(settings: ConsoleSettings(language: .zh, userName: Fixture.user), now: Fixture.now, width: 80, height: 24)
        ConsoleUpdate.say(&state, "已保存")
        _ = ConsoleUpdate.update(&state, .tick(Fixture.now.adding(seconds: 9)))
        XCTAssertNotNil(state.message)
        _ = ConsoleUpdate.update(&state, .tick(Fixture.now.adding(seconds: 10)))
        XCTAssertNil(state.message)
    }

    // MARK: snapshots

    func testViewerAndExplanationSnapshots() throws {
        let desk = try Fixture.makeDesk(cases: 60)
        let number = try noteCase(desk)
        for (w, h) in [(80, 24), (140, 40)] {
            for lang in [Language.zh, .en] {
                let p = Fixture.program(desk, width: w, height: h, language: lang)
                p.perform([.loadCase(number)])
                p.press("G", "Enter")
                assertSnapshot(p.screen, named: "viewer-\(lang.rawValue)-\(w)x\(h)")
                p.press("Esc", "w")
                assertSnapshot(p.screen, named: "explanation-\(lang.rawValue)-\(w)x\(h)")
                for line in p.screen { XCTAssertLessThanOrEqual(DisplayWidth.of(line), w, line) }
            }
        }
    }
}
