import CaseModel
import CNcurses
import Foundation

/// How the full screen is started: the desk, the clock, the look and the files.
public struct ConsoleLaunch {
    public var data: DeskDataSource
    public var clock: DeskClock
    public var settings: ConsoleSettings
    public var theme: Theme
    /// Colour off (`NO_COLOR` set, or asked for).
    public var noColor: Bool
    public var logPath: String?

    /// Creates a launch description.
    public init(data: DeskDataSource, clock: DeskClock, settings: ConsoleSettings, theme: Theme, noColor: Bool, logPath: String?) {
        self.data = data; self.clock = clock; self.settings = settings; self.theme = theme
        self.noColor = noColor; self.logPath = logPath
    }
}

/// The terminal run loop: keys, the one-second tick, the store's change signal, signals and
/// resizes become events for `ConsoleProgram`; frames go to `CursesTerminal`.
public enum ConsoleApp {
    /// How often the store's change signal is polled (another console's write shows within this
    /// plus one read).
    public static let pollInterval: TimeInterval = 0.25

    /// Makes sure the locale can show Chinese: the user's locale if it is UTF-8, else C.UTF-8.
    /// Returns a note when it switched, throws when no UTF-8 locale is available.
    public static func prepareLocale() throws -> String? {
        setlocale(LC_ALL, "")
        if isUTF8() { return nil }
        let before = String(cString: cn_codeset())
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "zh_CN.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8() { return "locale is not UTF-8 (\(before)); using \(name) for the screen" }
        }
        throw TerminalError("the locale's character set is \(before), not UTF-8, and no UTF-8 locale (C.UTF-8) is installed, so Chinese text cannot be shown. Set LANG=C.UTF-8 or zh_CN.UTF-8.")
    }

    static func isUTF8() -> Bool {
        let cs = String(cString: cn_codeset()).uppercased()
        return cs == "UTF-8" || cs == "UTF8"
    }

    /// Runs the full screen until quit or a signal; returns the exit status. Terminal errors are
    /// thrown before anything is drawn, so the caller prints them on a normal screen.
    public static func run(_ launch: ConsoleLaunch) throws -> Int32 {
        let localeNote = try prepareLocale()
        if let path = launch.logPath { ConsoleLog.shared.open(path) }
        if let localeNote { ConsoleLog.shared.write(localeNote) }
        cn_install_signal_handlers()
        let terminal = try CursesTerminal(theme: launch.theme, noColor: launch.noColor)
        // From here on nothing may write to the screen except the backend: stray library output
        // on stderr goes to the log (or nowhere), and comes back when the screen closes.
        let savedStderr = dup(2)
        let logFD = launch.logPath.map { Foundation.open($0, O_WRONLY | O_APPEND | O_CREAT, 0o600) } ?? Foundation.open("/dev/null", O_WRONLY)
        if logFD >= 0 { dup2(logFD, 2); Foundation.close(logFD) }
        defer {
            terminal.close()
            if savedStderr >= 0 { dup2(savedStderr, 2); Foundation.close(savedStderr) }
        }
        ConsoleLog.shared.write("start: theme \(terminal.theme.name), \(terminal.colours) colours, TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")")

        let (w, h) = terminal.size()
        let program = ConsoleProgram(state: ConsoleState(settings: launch.settings, now: launch.clock.now(), width: w, height: h),
                                     data: launch.data)
        program.onEffect = { effect, seconds in
            if seconds > 0.05 { ConsoleLog.shared.write(String(format: "slow effect %@: %.1f ms", "\(effect)", seconds * 1000)) }
        }
        var token = (try? launch.data.changeToken()) ?? 0
        // The alert rules run beside the screen: the first evaluation of a big desk reads every
        // open case (seconds on a million-case history) and must not hold the first frame back.
        let alertsChanged = AlertFlag()
        let source = SendableBox(launch.data), clock = launch.clock
        let evaluator = Thread {
            var lastProblem: String?
            while !alertsChanged.stopped {
                do {
                    // The data source's store is a GRDB pool (thread-safe) and the evaluator locks itself.
                    if try source.value.evaluateAlerts(at: clock.now()) { alertsChanged.raise() }
                    if lastProblem != nil { lastProblem = nil; alertsChanged.report(nil); ConsoleLog.shared.write("alert evaluation works again") }
                } catch {
                    // A bad value in the file fails every tick until it is fixed: log it once, show it
                    // in the status line, and keep the console and this thread running.
                    let problem = String(describing: error)
                    if problem != lastProblem {
                        ConsoleLog.shared.write("alert evaluation failed: \(problem)")
                        lastProblem = problem
                        alertsChanged.report(problem)
                    }
                }
                Thread.sleep(forTimeInterval: 1)
            }
        }
        evaluator.stackSize = 4 << 20
        if !launch.settings.readOnly { evaluator.start() }
        defer { alertsChanged.stop() }
        program.start()
        terminal.draw(program.render())
        var lastPoll = Date()
        while true {
            let signal = cn_take_signal()
            if signal != 0 {
                ConsoleLog.shared.write("signal \(signal): restoring the terminal and exiting")
                return 128 + signal
            }
            if let event = terminal.readEvent() {
                if case .key(.ctrl("l")) = event { terminal.invalidate() } // redraw everything, as curses programs do
                program.send(event)
                // Take whatever else is already queued (a paste, key repeat) before drawing.
                var more = 0
                while more < 64, let next = terminal.readEvent(wait: false) {
                    program.send(next)
                    more += 1
                }
            }
            let now = launch.clock.now()
            if now.seconds != program.state.now.seconds { program.send(.tick(now)) }
            if Date().timeIntervalSince(lastPoll) >= pollInterval {
                lastPoll = Date()
                if let t = try? launch.data.changeToken(), t != token {
                    token = t
                    program.send(.databaseChanged)
                } else if alertsChanged.take() {
                    program.send(.databaseChanged)
                }
                if let problem = alertsChanged.takeReport() { program.send(.alertEvaluation(problem)) }
            }
            if program.state.quitRequested { return 0 }
            if program.dirty { terminal.draw(program.render()) }
        }
    }
}

/// A flag the alert thread raises and the run loop takes, and the stop signal for that thread.
final class AlertFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var stopRequested = false
    /// A change of the alert thread's problem not yet shown: `.some(nil)` when it works again.
    private var pendingReport: String??

    func raise() { lock.withLock { raised = true } }

    /// Records the thread's current problem (nil: none) for the run loop to show.
    func report(_ problem: String?) { lock.withLock { pendingReport = .some(problem) } }

    /// The problem change to show, if any (`.some(nil)`: cleared), and forgets it.
    func takeReport() -> String?? { lock.withLock { defer { pendingReport = nil }; return pendingReport } }

    /// Returns whether the flag was raised, and lowers it.
    func take() -> Bool { lock.withLock { defer { raised = false }; return raised } }

    var stopped: Bool { lock.withLock { stopRequested } }

    func stop() { lock.withLock { stopRequested = true } }
}

/// Hands a value to another thread when its own synchronisation makes that safe.
struct SendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
