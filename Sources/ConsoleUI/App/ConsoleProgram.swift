import CaseModel
import Foundation
import TerminalKit

/// Runs the console: holds the state, feeds events to `update`, performs the effects against the
/// desk and feeds their outcomes back. The terminal session and the tests both drive this, so the
/// tests exercise the real path from key to store and back.
///
/// Effects run inline by default (a test sends a key and looks at the screen the outcome made).
/// With `background`, they run in order on a worker thread (`EffectWorker`): `send` returns at
/// once, the screen keeps drawing, a long effect shows its progress, and `collect` applies the
/// outcomes, in the order the effects were asked for.
public final class ConsoleProgram {
    public private(set) var state: ConsoleState
    public let data: any DeskDataSource
    /// Set whenever the state changed since the last `render` (a tick only when it changed what
    /// the screen shows: `ConsoleView.clockFace`).
    public private(set) var dirty = true
    /// The clock face of the last frame rendered.
    private var renderedFace: ConsoleView.ClockFace?
    /// Called with each effect's duration in seconds (the benchmark and the log read it); on the
    /// worker's thread when effects run in the background.
    public var onEffect: (@Sendable (Effect, Double) -> Void)?
    private let worker: EffectWorker?

    /// Creates a program; call `start()` to load the first screen.
    public init(state: ConsoleState, data: any DeskDataSource, background: Bool = false) {
        self.state = state
        self.data = data
        worker = background ? EffectWorker() : nil
    }

    deinit { worker?.stop() }

    /// Loads what the first screen needs.
    public func start() {
        perform([.loadDashboard])
    }

    /// Applies an event and everything it leads to (inline; or, in the background, the effects
    /// are handed to the worker).
    public func send(_ event: Event) {
        var pending = [event]
        while !pending.isEmpty {
            let e = pending.removeFirst()
            let effects = ConsoleUpdate.update(&state, e)
            // A console at rest gets a tick a second and an announcement check every other one;
            // most change nothing on screen, and then no frame is drawn.
            let unchanged: Bool
            switch e {
            case .tick: unchanged = renderedFace != nil && ConsoleView.clockFace(state) == renderedFace
            case .completed(let c): unchanged = c.changesNothing
            default: unchanged = false
            }
            if !unchanged { dirty = true }
            for effect in effects {
                if let worker { dispatch(effect, to: worker) } else { pending.append(run(effect)) }
            }
        }
    }

    /// Runs effects and applies their outcomes.
    public func perform(_ effects: [Effect]) {
        for e in effects {
            if let worker { dispatch(e, to: worker) } else { send(run(e)) }
        }
    }

    /// Applies the outcomes (and progress) the worker has finished since the last call, in order.
    /// Returns whether there were any.
    @discardableResult
    public func collect() -> Bool {
        guard let worker else { return false }
        let events = worker.take()
        for e in events { send(e) }
        return !events.isEmpty
    }

    /// Whether effects are waiting or running in the background.
    public var isBusy: Bool { worker?.isBusy ?? false }

    /// The current screen; clears `dirty`.
    public func render() -> CellBuffer {
        dirty = false
        renderedFace = ConsoleView.clockFace(state)
        return ConsoleView.render(state)
    }

    /// What an effect asked now runs against.
    private func context(progress: @escaping @Sendable (Int) -> Void = { _ in }) -> DeskContext {
        DeskContext(desk: data, now: state.now, settings: state.settings, progress: progress)
    }

    /// Runs one effect here; its outcome as an event.
    func run(_ effect: Effect) -> Event {
        let started = Date()
        defer { onEffect?(effect, Date().timeIntervalSince(started)) }
        return effect.run(context())
    }

    /// Hands an effect to the worker; a long one shows as an activity until its outcome arrives.
    private func dispatch(_ effect: Effect, to worker: EffectWorker) {
        if let activity = effect.activity(state.settings) {
            _ = ConsoleUpdate.update(&state, .started(activity))
            dirty = true
        }
        let ctx = context(progress: { [weak worker] done in worker?.post(.progress(done: done)) })
        let onEffect = self.onEffect
        worker.enqueue {
            let started = Date()
            defer { onEffect?(effect, Date().timeIntervalSince(started)) }
            return effect.run(ctx)
        }
    }
}
