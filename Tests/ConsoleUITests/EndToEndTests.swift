import CaseModel
import Foundation
import XCTest

/// The real `console` binary in tmux, as a person would use it: a demo database, keys sent with
/// `send-keys`, screens read with `capture-pane`. Each test runs its own tmux server (`-L`) and
/// kills it afterwards. Needs tmux and the built `console` next to the test bundle.
final class EndToEndTests: XCTestCase {
    var socket = ""
    var dir = ""
    static let now = "2026-02-17T21:30:00+08:00"

    /// The `console` binary built beside the test bundle.
    static var consoleBinary: String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("console").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        for b in Bundle.allBundles {
            let candidate = b.bundleURL.deletingLastPathComponent().appendingPathComponent("console").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return ""
    }

    /// One demo database per test run, copied for each test (the generator runs once).
    nonisolated(unsafe) static var demoTemplate: String?

    override func setUpWithError() throws {
        guard Self.which("tmux") != nil else { throw XCTSkip("tmux is not installed") }
        XCTAssertFalse(Self.consoleBinary.isEmpty, "the console binary was not found next to the test bundle; build it first (`swift build`)")
        socket = "cdc-e2e-\(getpid())-\(name.hashValue & 0xffff)"
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("cdc-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if Self.demoTemplate == nil {
            let template = Fixture.root.appendingPathComponent("e2e-template.sqlite").path
            let out = try Self.run([Self.consoleBinary, "demo", "--db", template, "--cases", "300", "--now", Self.now])
            XCTAssertTrue(FileManager.default.fileExists(atPath: template), out)
            Self.demoTemplate = template
        }
        // The demo leaves its last writes in the WAL: copy the log with the file, and the audit
        // key without which nothing can be written (docs/audit-trail.md).
        for suffix in ["", "-wal", ".key"] where FileManager.default.fileExists(atPath: Self.demoTemplate! + suffix) {
            try FileManager.default.copyItem(atPath: Self.demoTemplate! + suffix, toPath: db + suffix)
        }
    }

    override func tearDown() {
        _ = try? Self.run(["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
        try? FileManager.default.removeItem(atPath: dir)
    }

    var db: String { dir + "/desk.sqlite" }

    // MARK: helpers

    static func which(_ tool: String) -> String? {
        for p in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(p)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program and returns its output. posix_spawn + waitpid rather than Foundation's
    /// Process, whose waitUntilExit was seen to hang on tmux's self-daemonizing client; and the
    /// command that starts a tmux server gets /dev/null, not a pipe its server would keep open.
    @discardableResult
    static func run(_ args: [String]) throws -> String {
        let path = args[0].hasPrefix("/") ? args[0] : (which(args[0]) ?? args[0])
        let capture = !args.contains("new-session")
        var fds: [Int32] = [-1, -1]
        if capture { guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var cargs: [UnsafeMutablePointer<CChar>?] = ([path] + args.dropFirst()).map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, &cargs, environ)
        if capture { close(fds[1]) }
        guard rc == 0 else {
            if capture { close(fds[0]) }
            throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT)
        }
        var out = Data()
        if capture {
            var buf = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buf, buf.count)
                if n <= 0 { break }
                out.append(contentsOf: buf[0..<n])
            }
            close(fds[0])
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: out, as: UTF8.self)
    }

    @discardableResult
    func tmux(_ args: String...) throws -> String { try Self.run(["tmux", "-L", socket] + args) }

    /// The shell command that starts the console in a pane; it reports its exit and the tty mode after.
    func consoleCommand(term: String = "xterm-256color", lang: String = "en", extra: String = "") -> String {
        "env TERM=\(term) LANG=C.UTF-8 CONSOLE_CONFIG_DIR=\(dir) \(Self.consoleBinary) tui --db \(db) --now \(Self.now) --lang \(lang) \(extra); echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; sleep 30"
    }

    func start(window: String? = nil, width: Int = 100, height: Int = 30, term: String = "xterm-256color", lang: String = "en") throws {
        if let window {
            try tmux("new-window", "-d", "-n", window, consoleCommand(term: term, lang: lang))
        } else {
            try tmux("new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)", consoleCommand(term: term, lang: lang))
        }
    }

    func screen(_ target: String = "e2e") throws -> String { try tmux("capture-pane", "-p", "-t", target) }

    /// Polls the pane until `predicate` holds; fails with the last screen after `timeout` seconds.
    @discardableResult
    func waitFor(_ what: String, in target: String = "e2e", timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line,
                 _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen(target)
            if predicate(last) { return last }
            usleep(30_000)
        }
        XCTFail("timed out waiting for \(what); screen:\n\(last)", file: file, line: line)
        return last
    }

    func keys(_ target: String = "e2e", _ k: String...) throws { try Self.run(["tmux", "-L", socket, "send-keys", "-t", target] + k) }

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
        let pattern = #"to ([A-Za-z0-9_.-]+) \(now"#
        // Wait for the whole line: a capture can land mid-frame.
        let confirm = try waitFor("the confirmation", in: "e2e:0") {
            $0.contains("Reassign 2 case(s) to") && $0.range(of: pattern, options: .regularExpression) != nil
        }
        guard let r = confirm.range(of: pattern, options: .regularExpression) else {
            return XCTFail("no handler in the confirmation:\n\(confirm)")
        }
        let handler = String(confirm[r].dropFirst(3).dropLast(5))
        try keys("e2e:0", "y")
        try waitFor("the result message", in: "e2e:0") { $0.contains("Reassigned 2 case(s) to \(handler)") }
        // The store has it.
        let store = try CaseStore(path: db)
        let handlers = try store.read { db in try marked.map { try CaseRecords.fetch(number: $0, db)?.handler } }
        XCTAssertEqual(handlers, [handler, handler])
        // The other console shows it within one second.
        let started = Date()
        try waitFor("the second console to show the new handler", in: "e2e:second", timeout: 1.0) { s in
            s.split(separator: "\n").contains { $0.contains(marked[0]) && $0.contains(handler) }
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
        try keys("e2e", "q", "q", "y")   // back from help, then quit (asks on the dashboard)
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
        let children = try Self.run(["pgrep", "-P", panePID]).split(separator: "\n").map(String.init)
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
