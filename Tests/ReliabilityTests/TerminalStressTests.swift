@testable import CaseModel
import ConsoleTestSupport
import DeskTestSupport
import Foundation
import GRDB
import XCTest

/// The real console in tmux under a hard life: SIGHUP (an SSH drop), SIGTSTP/SIGCONT (Ctrl-Z and
/// fg) with a full redraw, a storm of 50 resizes, a 1×1 terminal, output stalled for seconds,
/// and hostile case text in a real pane. After each the terminal must be sane (canonical mode,
/// normal screen). Each test runs its own tmux server and kills it afterwards.
final class TerminalStressTests: XCTestCase {
    var terminal: TmuxConsole!
    let dir = ScratchDirectory("tty")
    var db: String { dir.file("desk.sqlite") }

    override func setUpWithError() throws {
        guard TmuxConsole.isAvailable else { throw XCTSkip("tmux is not installed") }
        XCTAssertFalse(ConsoleProcess.binary.isEmpty, "the console binary was not found next to the test bundle")
        terminal = TmuxConsole(tag: "stress", test: self)
        try FaultTests.makeDesk(at: db, cases: 40)
    }

    override func tearDown() { terminal?.kill() }

    // MARK: helpers

    @discardableResult
    func tmux(_ args: String...) throws -> String { try terminal.tmux(args) }

    func start(width: Int = 100, height: Int = 30) throws {
        try terminal.startSession("t", width: width, height: height,
                                  command: TmuxConsole.consoleCommand(db: db, configDirectory: dir.path, now: testNow, linger: 60))
        try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains("Countdown") }
    }

    func screen() throws -> String { try terminal.screen("t") }

    /// The pane's rows (capture-pane ends the last row with a newline too).
    func rows(_ s: String) -> [Substring] {
        var r = s.split(separator: "\n", omittingEmptySubsequences: false)
        if s.hasSuffix("\n") { r.removeLast() }
        return r
    }

    @discardableResult
    func waitFor(_ what: String, timeout: Double = 8, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        try terminal.waitFor(what, in: "t", timeout: timeout, file: file, line: line, predicate)
    }

    func keys(_ k: String...) throws { try terminal.tmux(["send-keys", "-t", "t"] + k) }

    /// The console's pid (a child of the pane's shell).
    func consolePID() throws -> pid_t {
        let pane = try tmux("display-message", "-p", "-t", "t", "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        for child in try ConsoleProcess.run(["pgrep", "-P", pane]).output.split(separator: "\n") {
            let cmd = (try? String(contentsOfFile: "/proc/\(child)/cmdline", encoding: .utf8)) ?? ""
            if cmd.contains("console") { return pid_t(child)! }
        }
        XCTFail("no console process under pane \(pane)")
        return 0
    }

    /// The process state letter from /proc (R, S, T for stopped, Z).
    func state(_ pid: pid_t) -> String {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = s.lastIndex(of: ")") else { return "?" }
        return String(s[s.index(close, offsetBy: 2)])
    }

    /// After the console exits: the exit line, canonical mode back, the full screen left.
    func assertSaneExit(_ status: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let s = try waitFor("the exit report", file: file, line: line) { s in
            let r = s.split(separator: "\n")
            return r.contains { $0.hasPrefix("EXIT=") } && r.contains { $0 == "icanon" || $0 == "-icanon" }
        }
        XCTAssertTrue(s.contains("EXIT=\(status)"), s, file: file, line: line)
        XCTAssertTrue(s.split(separator: "\n").contains { $0 == "icanon" }, "the terminal was left in raw/cbreak mode:\n\(s)", file: file, line: line)
        XCTAssertFalse(s.contains("Complaint desk"), "the full screen was not left:\n\(s)", file: file, line: line)
    }

    // MARK: tests

    func testSIGHUPLikeAnSSHDropRestoresTheTerminal() throws {
        try start()
        kill(try consolePID(), SIGHUP)
        try assertSaneExit("129")
    }

    /// Ctrl-Z and `fg` as a person does them, in an interactive shell with job control (a
    /// stop signal to a process group without one is discarded by the kernel).
    func testCtrlZAndFgRedrawTheWholeScreen() throws {
        guard let bash = ConsoleProcess.which("bash") else { throw XCTSkip("bash is not installed") }
        try terminal.startSession("t", command: "env PS1='$ ' \(bash) --norc --noprofile -i")
        try waitFor("the shell") { $0.contains("$") }
        try keys("-l", "env TERM=xterm-256color LANG=C.UTF-8 CONSOLE_CONFIG_DIR=\(dir.path) \(ConsoleProcess.binary) tui --db \(db) --now \(testNow) --lang en")
        try keys("Enter")
        try waitFor("the dashboard") { $0.contains("Complaint desk") && $0.contains("Countdown") }
        let pid = try consolePID()
        try keys("C-z")
        try waitFor("the shell after Ctrl-Z") { $0.contains("Stopped") }
        XCTAssertEqual(state(pid), "T", "the console did not stop")
        // Back on the normal screen with the shell (bash's line editor sets its own tty mode).
        XCTAssertFalse(try screen().contains("Countdown"), "the full screen was not left on Ctrl-Z")
        // The shell writes on the screen and the window changes size while the console is stopped.
        try keys("-l", "echo GARBAGE GARBAGE GARBAGE")
        try keys("Enter")
        try waitFor("the shell's output") { $0.contains("GARBAGE GARBAGE GARBAGE") && !$0.contains("echo GARBAGE GARBAGE GARBAGE\n$ $") }
        try tmux("resize-window", "-t", "t", "-x", "120", "-y", "35")
        try keys("-l", "fg")
        try keys("Enter")
        let s = try waitFor("a full redraw after fg") { $0.contains("Complaint desk") && $0.contains("Countdown") && !$0.contains("GARBAGE") }
        XCTAssertEqual(rows(s).count, 35, s)
        XCTAssertTrue(rows(s).allSatisfy { $0.count <= 120 }, s)
        // It still takes keys, and leaves cleanly.
        try keys("?")
        try waitFor("help after fg") { $0.contains("F1") }
        try keys("q", "q"); usleep(300_000); try keys("y") // a question ignores keys sent with the one that opened it
        try waitFor("the shell again") { !$0.contains("Complaint desk") && $0.contains("$") }
        try keys("-l", "echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'")
        try keys("Enter")
        try assertSaneExit("0")
    }

    func testFiftyResizesInASecond() throws {
        try start()
        let pid = try consolePID()
        let t0 = Date()
        for i in 0..<50 {
            let (w, h) = [(80, 24), (132, 43), (60, 20), (100, 30), (200, 60)][i % 5]
            try tmux("resize-window", "-t", "t", "-x", "\(w)", "-y", "\(h)")
        }
        try tmux("resize-window", "-t", "t", "-x", "100", "-y", "30")
        let storm = Date().timeIntervalSince(t0)
        let s = try waitFor("the dashboard at 100×30") { $0.contains("Complaint desk") && $0.contains("Countdown") && !$0.contains("enlarge") }
        XCTAssertEqual(state(pid) == "Z", false)
        let lines = rows(s)
        XCTAssertEqual(lines.count, 30)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 100 }, s)
        print("50 resizes in \(String(format: "%.2f", storm)) s")
        try keys("q"); usleep(300_000); try keys("y")
        try assertSaneExit("0")
    }

    func testOneByOneTerminal() throws {
        try start()
        let pid = try consolePID()
        try tmux("resize-window", "-t", "t", "-x", "1", "-y", "1")
        usleep(800_000)
        XCTAssertEqual(kill(pid, 0), 0, "the console died at 1×1")
        try tmux("resize-window", "-t", "t", "-x", "2", "-y", "1")
        try tmux("resize-window", "-t", "t", "-x", "1", "-y", "2")
        usleep(400_000)
        try tmux("resize-window", "-t", "t", "-x", "100", "-y", "30")
        try waitFor("the dashboard again") { $0.contains("Complaint desk") && $0.contains("Countdown") }
        try keys("q"); usleep(300_000); try keys("y")
        try assertSaneExit("0")
    }

    /// The terminal stops reading (tmux's server stopped, as a stalled SSH connection) while the
    /// desk keeps changing; when it reads again the console catches up and still takes keys.
    func testStalledOutputThenCatchUp() throws {
        try start()
        let pid = try consolePID()
        let server = pid_t(try tmux("display-message", "-p", "#{pid}").trimmingCharacters(in: .whitespacesAndNewlines))!
        let store = try CaseStore(path: db)
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse(testNow)!))
        let numbers = try store.read { db in try String.fetchAll(db, sql: "SELECT number FROM cases ORDER BY id") }
        kill(server, SIGSTOP)
        defer { kill(server, SIGCONT) }
        let stalled = Date()
        var k = 0
        while Date().timeIntervalSince(stalled) < 4 {
            // Each change makes every console redraw its dashboard.
            try desk.assign([numbers[k % numbers.count]], to: k % 2 == 0 ? "zhangqiang" : FaultTests.login, actor: Actor(name: FaultTests.login))
            k += 1
            usleep(100_000)
        }
        XCTAssertNotEqual(state(pid), "Z")
        kill(server, SIGCONT)
        try keys("u")
        try waitFor("the queue after the stall") { $0.contains("Case queue") }
        try keys("Escape")
        try waitFor("the dashboard") { $0.contains("Countdown") }
        try keys("q"); usleep(300_000); try keys("y")
        try assertSaneExit("0")
    }

    /// Hostile case text in a real terminal: the title, the clipboard (OSC 52, with tmux set to
    /// accept it) and the screen layout are untouched.
    func testHostileTextInARealPane() throws {
        let store = try CaseStore(path: db)
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse(testNow)!))
        var numbers: [String] = []
        for h in HostileText.samples {
            var d = CaseDraft()
            d.summary = String(h.text.prefix(TextLimits.summary)); d.name = String(h.text.prefix(100))
            d.details = String(h.text.prefix(TextLimits.details))
            d.category = "claims"; d.line = "auto"; d.channel = "hotline"
            numbers.append(try desk.intake(d, actor: Actor(name: FaultTests.login)).number)
        }
        // Intake holds texts to their limits (docs/text-limits.md); longer ones come from another program.
        try store.write { db in
            for (i, h) in HostileText.samples.enumerated() {
                try db.execute(sql: "UPDATE cases SET summary = ?, details = ? WHERE number = ?", arguments: [h.text, h.text, numbers[i]])
            }
        }
        try ConsoleProcess.run(["tmux", "-L", terminal.socket, "start-server"], detached: true)
        try start()
        try tmux("set-option", "-g", "set-clipboard", "on")
        let title = try tmux("display-message", "-p", "-t", "t", "#{pane_title}")
        try keys("u")
        try waitFor("the queue") { $0.contains("Case queue") }
        for n in numbers {
            try keys("c", "/")   // clear the last search, then search for this case
            try keys("-l", n)
            try keys("Enter")
            try waitFor("case \(n) in the queue") { $0.contains(n) }
            try keys("Enter")
            let s = try waitFor("case \(n) opened") { $0.contains("Case \(n)") }
            XCTAssertEqual(rows(s).count, 30, "case \(n): the screen lost its shape:\n\(s)")
            XCTAssertTrue(s.hasPrefix(" Case \(n)") || rows(s)[0].contains("Case \(n)"), "case \(n): the title row moved:\n\(s)")
            XCTAssertFalse(s.contains("GARBAGE"))
            try keys("PPage", "NPage", "NPage")
            try keys("Escape")
            try waitFor("back in the queue") { $0.contains("Case queue") }
        }
        XCTAssertEqual(try tmux("display-message", "-p", "-t", "t", "#{pane_title}"), title, "a title escape reached the terminal")
        XCTAssertEqual(try tmux("list-buffers").trimmingCharacters(in: .whitespacesAndNewlines), "", "an OSC 52 clipboard write reached the terminal")
        try keys("Escape")
        try waitFor("the dashboard") { $0.contains("Countdown") }
        try keys("q"); usleep(300_000); try keys("y")
        try assertSaneExit("0")
    }
}
