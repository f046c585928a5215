import DeskTestSupport
import Foundation
import XCTest

/// The real console in a terminal, as a person uses it: its own tmux server (`-L`), keys sent
/// with `send-keys`, the screen read with `capture-pane`. `kill()` in the test's tearDown.
public final class TmuxConsole {
    /// The tmux server's socket name (one per test).
    public let socket: String

    /// Whether tmux is installed (tests skip without it).
    public static var isAvailable: Bool { ConsoleProcess.which("tmux") != nil }

    /// A server for one test; `tag` makes the socket name readable in `ps`.
    public init(tag: String, test: XCTestCase) {
        socket = "cdc-\(tag)-\(getpid())-\(test.name.hashValue & 0xffff)"
    }

    /// Runs a tmux command on this server; its output.
    @discardableResult
    public func tmux(_ args: String...) throws -> String { try tmux(args) }

    /// Runs a tmux command on this server; its output.
    @discardableResult
    public func tmux(_ args: [String]) throws -> String { try ConsoleProcess.run(["tmux", "-L", socket] + args).output }

    /// Starts a session running `command` in a terminal of `width` × `height`.
    public func startSession(_ name: String, width: Int = 100, height: Int = 30, command: String) throws {
        // The server stays behind: it must not hold the output pipes.
        try ConsoleProcess.run(["tmux", "-L", socket, "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command], detached: true)
    }

    /// Opens another window running `command` in the session.
    public func startWindow(_ name: String, command: String) throws { try tmux("new-window", "-d", "-n", name, command) }

    /// Sends keys (tmux names: `Enter`, `Escape`, `-l` for literal text) to a pane.
    public func keys(_ target: String, _ keys: String...) throws { try tmux(["send-keys", "-t", target] + keys) }

    /// The pane's screen as text.
    public func screen(_ target: String) throws -> String { try tmux("capture-pane", "-p", "-t", target) }

    /// Polls the pane until `predicate` holds; fails the test with the last screen after `timeout` seconds.
    @discardableResult
    public func waitFor(_ what: String, in target: String, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line,
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

    /// Ends the server and removes its socket.
    public func kill() {
        _ = try? ConsoleProcess.run(["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    }

    /// The shell command that starts the full-screen console on `db` at `now`, then reports its
    /// exit status and whether the terminal is back in canonical mode, and waits (so the pane
    /// stays to be read).
    public static func consoleCommand(db: String, configDirectory: String, now: String, lang: String = "en",
                                      term: String = "xterm-256color", extra: String = "", linger: Int = 30) -> String {
        "env TERM=\(term) LANG=C.UTF-8 CONSOLE_CONFIG_DIR=\(configDirectory) \(ConsoleProcess.binary) tui --db \(db) --now \(now) --lang \(lang) \(extra); "
            + "echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; sleep \(linger)"
    }
}
