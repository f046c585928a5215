import CaseModel
import Foundation
import TerminalKit

/// How the full screen is started: the desk, the clock, the look and the files.
public struct ConsoleLaunch {
    public var data: DeskDataSource
    public var clock: DeskClock
    public var settings: ConsoleSettings
    public var theme: Theme
    /// Colour off (`NO_COLOR` set, or asked for).
    public var noColor: Bool
    /// The console's log (and, while the screen is up, the process's stderr).
    public var logPath: String?
    /// Raised from outside when the desk changed (a server desk's copy caught up): the change
    /// signal is read at the next tick instead of the next poll.
    public var changed: ChangeSignal?
    /// Asked before each pass of the alert rules when several consoles share a desk on a server:
    /// only the console it answers yes for evaluates (nil: this console always does).
    public var alertRulesHere: (@Sendable () -> Bool)?

    /// Creates a launch description.
    public init(data: DeskDataSource, clock: DeskClock, settings: ConsoleSettings, theme: Theme, noColor: Bool, logPath: String?) {
        self.data = data; self.clock = clock; self.settings = settings; self.theme = theme
        self.noColor = noColor; self.logPath = logPath
    }
}

/// The console as a terminal program: keys, the one-second tick, the store's change signal and
/// the background alert evaluation become events for `ConsoleProgram`; a backend's run loop
/// (`TerminalLoop` in TerminalCurses) reads the keys and draws the frames.
public final class ConsoleSession: TerminalApplication {
    /// How often the store's change signal is polled (another console's write shows within this
    /// plus one read).
    public static let pollInterval: TimeInterval = 0.25

    let launch: ConsoleLaunch
    private(set) var program: ConsoleProgram?
    private var token: Int64 = 0
    private var lastPoll = Date()
    private let alertsChanged = AlertFlag()
    /// When the long effect under way started (the status line counts the seconds).
    private var activityStarted: Date?
    /// Since when effects have been under way without a pause.
    private var busySince: Date?
    /// How long a frame waits for quick effects to finish, so a key shows its finished screen
    /// rather than a half-loaded one; anything slower draws meanwhile (with its progress).
    static let settleTime: TimeInterval = 0.05

    /// Prepares a session; opens the log so everything from here on is recorded.
    public init(_ launch: ConsoleLaunch) {
        self.launch = launch
        if let path = launch.logPath { ConsoleLog.shared.open(path) }
    }

    public func start(width: Int, height: Int) {
        // Effects run on a worker thread: the screen keeps drawing while the desk works.
        var state = ConsoleState(settings: launch.settings, now: launch.clock.now(), width: width, height: height)
        // Read-only is said from the first frame, whole, before anything is typed (the header keeps it short).
        if launch.settings.readOnly { ConsoleUpdate.say(&state, launch.settings.readOnlyText, error: true) }
        let program = ConsoleProgram(state: state, data: launch.data, background: true)
        program.onEffect = { effect, seconds in
            if seconds > 0.05 { ConsoleLog.shared.write(String(format: "slow effect %@: %.1f ms", "\(effect)", seconds * 1000)) }
        }
        self.program = program
        token = (try? launch.data.changeToken()) ?? 0
        if !launch.settings.readOnly { startAlertEvaluation() }
        program.start()
    }

    /// The alert rules run beside the screen: the first evaluation of a big desk reads every
    /// open case (seconds on a million-case history) and must not hold the first frame back.
    private func startAlertEvaluation() {
        let alertsChanged = self.alertsChanged
        let source = SendableBox(launch.data), clock = launch.clock, settings = launch.settings, here = launch.alertRulesHere
        let evaluator = Thread {
            var lastProblem: String?
            while !alertsChanged.stopped {
                if let here, !here() {
                    Thread.sleep(forTimeInterval: 1)
                    continue
                }
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
                        alertsChanged.report(RefusalMessage.text(error, settings))
                    }
                }
                Thread.sleep(forTimeInterval: 1)
            }
        }
        evaluator.stackSize = 4 << 20
        evaluator.start()
    }

    /// Keys typed while quick effects are still under way, in order. A key acts on the screen the
    /// keys before it produced (type `/`, a number, Enter, Enter: the case opens), as when every
    /// effect was immediate; while a long effect runs, keys act at once on the screen as it is.
    private var typeahead: [SessionInput] = []

    /// What waits in the typeahead: input, or the end of a burst (kept in order with the keys).
    private enum SessionInput {
        case input(TerminalInput)
        case settled
    }
    static let typeaheadLimit = 1024

    /// Whether the terminal had nothing more waiting after the last key (`inputSettled`).
    private var inputDrained = true

    public func handle(_ input: TerminalInput) {
        guard let program else { return }
        inputDrained = false
        if (program.isBusy && program.state.activity == nil) || !typeahead.isEmpty {
            if typeahead.count < Self.typeaheadLimit { typeahead.append(.input(input)) }
            return
        }
        apply(.input(input), program)
    }

    public func inputSettled() {
        guard let program else { return }
        inputDrained = true
        if !typeahead.isEmpty { typeahead.append(.settled); return }
        program.send(.inputSettled)
    }

    private func apply(_ input: SessionInput, _ program: ConsoleProgram) {
        switch input {
        case .input(.key(let key)): program.send(.key(key))
        case .input(.resize(let w, let h)): program.send(.resize(width: w, height: h))
        case .input(.paste(let text)): program.send(.paste(text))
        case .settled: program.send(.inputSettled)
        }
    }

    public func poll() {
        guard let program else { return }
        var collected = program.collect()
        while !typeahead.isEmpty && (!program.isBusy || program.state.activity != nil) {
            apply(typeahead.removeFirst(), program)
            collected = program.collect() || collected
        }
        // An outcome arrived (perhaps a question: the move-all plan) with no key waiting: whatever
        // is read next was typed after it, so it is a new burst (docs/console-input.md).
        // (Only once the terminal had nothing more waiting: the rest of a long burst still counts.)
        if collected && typeahead.isEmpty && inputDrained { program.send(.inputSettled) }
        busySince = program.isBusy ? (busySince ?? Date()) : nil
        if program.state.activity != nil {
            let started = activityStarted ?? Date()
            activityStarted = started
            let twentieths = Int(Date().timeIntervalSince(started) * 20)
            if twentieths != program.state.activity?.elapsedTwentieths { program.send(.working(elapsedTwentieths: twentieths)) }
        } else {
            activityStarted = nil
        }
        let now = launch.clock.now()
        if now.seconds != program.state.now.seconds { program.send(.tick(now)) }
        // A server desk's copy that caught up may have changed without a new event (an alert
        // raised by the console that runs the rules): redraw whatever the token says.
        let caughtUp = launch.changed?.take() == true
        if caughtUp { lastPoll = .distantPast }
        if Date().timeIntervalSince(lastPoll) >= Self.pollInterval {
            lastPoll = Date()
            if let t = try? launch.data.changeToken(), t != token || caughtUp {
                token = t
                program.send(.databaseChanged)
            } else if alertsChanged.take() {
                program.send(.databaseChanged)
            }
            if let problem = alertsChanged.takeReport() { program.send(.alertEvaluation(problem)) }
        }
    }

    /// Short while effects are under way, so their outcomes (and a long one's progress) show at once.
    public var waitMilliseconds: Int { program?.isBusy == true ? 10 : 100 }

    public var needsFrame: Bool {
        guard let program, program.dirty else { return false }
        if let since = busySince, Date().timeIntervalSince(since) < Self.settleTime { return false }
        return true
    }

    public func frame() -> CellBuffer { program?.render() ?? CellBuffer(width: 0, height: 0) }

    public var exitStatus: Int32? {
        guard let state = program?.state else { return nil }
        return state.quitRequested ? 0 : nil
    }

    public func finish() { alertsChanged.stop() }

    /// Bells rung so far; one more rings for each bell the state asked for since (`HeaderFlash`).
    private var bellsRung = 0

    public func takeBell() -> Bool {
        guard let asked = program?.state.bells, asked > bellsRung else { return false }
        bellsRung = asked
        return true
    }
}

/// A flag another thread raises when the desk changed, and the run loop takes.
public final class ChangeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    /// A signal, lowered.
    public init() {}

    /// Says the desk changed.
    public func raise() { lock.withLock { raised = true } }

    /// Whether it was raised since the last take; lowers it.
    public func take() -> Bool { lock.withLock { defer { raised = false }; return raised } }
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
