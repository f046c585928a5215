import CaseModel
import ConsoleTestSupport
import DeskTestSupport
import Foundation
import XCTest

/// The real `console` binary in tmux, as a person would use it: a demo database, keys sent with
/// `send-keys`, screens read with `capture-pane` (`TmuxConsole`). Each test runs its own tmux
/// server and kills it afterwards. Needs tmux and the built `console` next to the test bundle.
final class EndToEndTests: XCTestCase {
    var terminal: TmuxConsole!
    var scratch: ScratchDirectory!
    static let now = Fixture.nowText

    /// One demo database per test run, copied for each test (the generator runs once).
    nonisolated(unsafe) static var demoTemplate: String?

    override func setUpWithError() throws {
        guard TmuxConsole.isAvailable else { throw XCTSkip("tmux is not installed") }
        XCTAssertFalse(ConsoleProcess.binary.isEmpty, "the console binary was not found next to the test bundle; build it first (`swift build`)")
        terminal = TmuxConsole(tag: "e2e", test: self)
        scratch = ScratchDirectory("e2e")
        if Self.demoTemplate == nil {
            let template = Fixture.root.appendingPathComponent("e2e-template.sqlite").path
            let out = try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--db", template, "--cases", "300", "--now", Self.now])
            XCTAssertTrue(FileManager.default.fileExists(atPath: template), out.output)
            Self.demoTemplate = template
        }
        // The demo leaves its last writes in the WAL: copy the log, the audit key and the anchors with the file.
        _ = try scratch.copyDatabase(Self.demoTemplate!, to: "desk.sqlite")
    }

    override func tearDown() {
        terminal?.kill()
        scratch = nil
    }

    var dir: String { scratch.path }
    var db: String { scratch.file("desk.sqlite") }

    // MARK: helpers (the pane of session `e2e` unless told otherwise)

    @discardableResult
    func tmux(_ args: String...) throws -> String { try terminal.tmux(args) }

    func start(window: String? = nil, width: Int = 100, height: Int = 30, term: String = "xterm-256color", lang: String = "en") throws {
        let command = TmuxConsole.consoleCommand(db: db, configDirectory: dir, now: Self.now, lang: lang, term: term)
        if let window { try terminal.startWindow(window, command: command) } else { try terminal.startSession("e2e", width: width, height: height, command: command) }
    }

    func screen(_ target: String = "e2e") throws -> String { try terminal.screen(target) }

    @discardableResult
    func waitFor(_ what: String, in target: String = "e2e", timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        try terminal.waitFor(what, in: target, timeout: timeout, file: file, line: line, predicate)
    }

    func keys(_ target: String = "e2e", _ k: String...) throws { try terminal.tmux(["send-keys", "-t", target] + k) }

    // MARK: tests

    func testReassignByKeyboardIsSeenByASecondConsoleWithinOneSecond() throws {
        try start()
        try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains("Countdown") }
        try start(window: "second")
        try waitFor("the second dashboard", in: "e2e:second") { $0.contains("Complaint desk") }
        // Both consoles open the all-open queue.
        try keys("e2e:0", "u")
        try keys("e2e:second", "u")
        let queue = try waitFor("the queue", in: "e2e:0") { $0.contains("marked 0") }
        try waitFor("the second queue", in: "e2e:second") { $0.contains("marked 0") }
        let numbers = queue.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: #"TS-\d{8}-\d{4}"#, options: .regularExpression) else { return nil }
            return String(line[r])
        }
        XCTAssertGreaterThanOrEqual(numbers.count, 2)
        let marked = Array(numbers.prefix(2))
        try keys("e2e:0", "Space", "Space", "r")
        let picker = try waitFor("the handler picker", in: "e2e:0") { $0.contains("Choose a handler") }
        XCTAssertTrue(picker.contains("open cases now"), picker)
        try keys("e2e:0", "Enter")
        // The confirmation names the roster's display name with the login beside it: `王敏 (wangmin)`.
        let pattern = #"to \S+ \(([A-Za-z0-9_.-]+)\) \(now"#
        // Wait for the whole line: a capture can land mid-frame.
        let confirm = try waitFor("the confirmation", in: "e2e:0") {
            $0.contains("Reassign 2 case(s) to") && $0.range(of: pattern, options: .regularExpression) != nil
        }
        guard let r = confirm.range(of: pattern, options: .regularExpression) else {
            return XCTFail("no handler in the confirmation:\n\(confirm)")
        }
        let handler = String(confirm[r].split(separator: "(")[1].dropLast(2))
        // Screens name people as the roster does (王敏); the login is only in the confirmation.
        let name = String(confirm[r].dropFirst(3).split(separator: " ")[0])
        try keys("e2e:0", "y")
        try waitFor("the result message", in: "e2e:0") { $0.contains("Reassigned 2 case(s) to \(name)") }
        // The store has it.
        let store = try CaseStore(path: db)
        let handlers = try store.read { db in try marked.map { try CaseRecords.fetch(number: $0, db)?.handler } }
        XCTAssertEqual(handlers, [handler, handler])
        // The other console shows it within one second.
        let started = Date()
        try waitFor("the second console to show the new handler", in: "e2e:second", timeout: 1.0) { s in
            s.split(separator: "\n").contains { $0.contains(marked[0]) && $0.contains(name) }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.0)
    }

    func testResizeBelowMinimumAndBack() throws {
        try start()
        try waitFor("the dashboard") { $0.contains("Complaint desk") }
        try tmux("resize-window", "-t", "e2e", "-x", "60", "-y", "20")
        try waitFor("the enlarge message") { $0.contains("Please enlarge the terminal") && $0.contains("60×20") }
        try tmux("resize-window", "-t", "e2e", "-x", "100", "-y", "30")
        let s = try waitFor("the dashboard again") { $0.contains("Complaint desk") && $0.contains("Countdown") }
        XCTAssertFalse(s.contains("enlarge"), s)
    }

    func testVT100WorksWithoutColour() throws {
        try start(term: "vt100", lang: "zh")
        try waitFor("the dashboard under vt100") { $0.contains("投诉值班台") && $0.contains("倒计时") }
        try keys("e2e", "?")
        try waitFor("help") { $0.contains("帮助") && $0.contains("F1") }
        try keys("e2e", "q", "q"); usleep(300_000); try keys("e2e", "y")   // back from help, then quit (asks on the dashboard; a question ignores keys sent with the one that opened it)
        try waitFor("a clean exit") { $0.contains("EXIT=0") }
    }

    func testHostileCaseTextLeavesTheScreenIntact() throws {
        let store = try CaseStore(path: db)
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse(Self.now)!))
        var draft = CaseDraft()
        draft.summary = "\u{1B}]0;pwned\u{07}\u{1B}[2JEVIL"
        draft.category = "claims"
        let c = try desk.intake(draft, actor: Actor(name: "wangmin")) // a team lead the demo put on the roster
        try start()
        try waitFor("the dashboard") { $0.contains("Complaint desk") }
        try keys("e2e", "u", "/")
        try keys("e2e", "-l", c.number)
        try keys("e2e", "Enter")
        let s = try waitFor("the hostile case in the queue") { $0.contains(c.number) && $0.contains("1/1") }
        XCTAssertTrue(s.contains("␛]0;pwned"), s)
        XCTAssertTrue(s.contains("Case queue"), "the header survived:\n\(s)")
        let title = try tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")
        XCTAssertFalse(title.contains("pwned"), "the title escape reached the terminal: \(title)")
        try keys("e2e", "Enter")
        let detail = try waitFor("the case view") { $0.contains("Case \(c.number)") && $0.contains("Timeline") || $0.contains("first responder") }
        XCTAssertTrue(detail.contains("Case \(c.number)"), detail)
    }

    func testSIGTERMRestoresTheTerminal() throws {
        try start()
        try waitFor("the dashboard") { $0.contains("Complaint desk") }
        let panePID = try tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try ConsoleProcess.run(["pgrep", "-P", panePID]).output.split(separator: "\n").map(String.init)
        var killed = false
        for child in children {
            let cmd = (try? String(contentsOfFile: "/proc/\(child)/cmdline", encoding: .utf8)) ?? ""
            if cmd.contains("console") { kill(pid_t(child)!, SIGTERM); killed = true }
        }
        XCTAssertTrue(killed, "did not find the console process under pane \(panePID)")
        // Wait for the stty line too: it is printed just after the exit status.
        let s = try waitFor("the exit report") { $0.contains("EXIT=") && $0.contains("icanon") }
        XCTAssertTrue(s.contains("EXIT=143"), s)
        // Back on the normal screen in canonical mode (the console had put the tty in cbreak).
        XCTAssertTrue(s.split(separator: "\n").contains { $0 == "icanon" }, s)
        XCTAssertFalse(s.contains("Complaint desk"), "the full screen was not left:\n\(s)")
    }
}
