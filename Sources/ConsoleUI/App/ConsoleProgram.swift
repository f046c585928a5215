import CaseModel
import Foundation
import TerminalKit

/// Runs the console: holds the state, feeds events to `update`, performs the effects against the
/// data source and feeds their results back. The terminal loop and the tests both drive this, so
/// the tests exercise the real path from key to store and back.
public final class ConsoleProgram {
    public private(set) var state: ConsoleState
    public let data: DeskDataSource
    /// Set whenever the state changed since the last `render`.
    public private(set) var dirty = true
    /// Called with each effect's duration in seconds (the benchmark and the log read it).
    public var onEffect: ((Effect, Double) -> Void)?

    /// Creates a program; call `start()` to load the first screen.
    public init(state: ConsoleState, data: DeskDataSource) {
        self.state = state
        self.data = data
    }

    /// Loads what the first screen needs.
    public func start() {
        perform([.loadDashboard])
    }

    /// Applies an event and everything it leads to.
    public func send(_ event: Event) {
        var pending = [event]
        while !pending.isEmpty {
            let e = pending.removeFirst()
            let effects = ConsoleUpdate.update(&state, e)
            dirty = true
            for effect in effects { pending.append(run(effect)) }
        }
    }

    /// Runs effects and applies their results.
    func perform(_ effects: [Effect]) {
        for e in effects { send(run(e)) }
    }

    /// The current screen; clears `dirty`.
    public func render() -> CellBuffer {
        dirty = false
        return ConsoleView.render(state)
    }

    /// Runs one effect against the data source; its result (or failure) as an event.
    func run(_ effect: Effect) -> Event {
        let started = Date()
        defer { onEffect?(effect, Date().timeIntervalSince(started)) }
        let st = state.settings
        do {
            switch effect {
            case .loadDashboard:
                return .dashboardLoaded(try data.dashboard(at: state.now, countdownLimit: st.countdownLimit))
            case .loadQueue(let q, let offset):
                return .queueLoaded(try data.queuePage(q, offset: offset, limit: st.queuePageSize))
            case .loadRoster:
                return .rosterLoaded(try data.roster(at: state.now))
            case .loadBranches:
                return .branchesLoaded(try data.branches())
            case .assign(let numbers, let handler):
                try data.assign(numbers, to: handler)
                return .assigned(numbers: numbers, handler: handler)
            case .loadCase(let number):
                return .caseLoaded(try data.caseDetail(number))
            case .acknowledge(let id):
                try data.acknowledge(alertID: id)
                return .acknowledged(alertID: id)
            case .loadReport(let period):
                return .reportLoaded(try data.report(period))
            case .work(let w):
                return WorkRunner.run(w, data, state)
            case .loadHandlerBoard, .proposeMoveAll, .applyMoveAll, .loadAlertList, .acknowledgeAlerts:
                return try runAssignAndAlerts(effect)
            }
        } catch {
            ConsoleLog.shared.write("effect \(effect) failed: \(error)")
            return .failed(SafeText.sanitize(String(describing: error)))
        }
    }
}

extension ConsoleProgram {
    /// The effects of the assign and alerts screens.
    func runAssignAndAlerts(_ effect: Effect) throws -> Event {
        switch effect {
        case .loadHandlerBoard:
            return .handlerBoardLoaded(try data.handlerBoard(at: state.now))
        case .proposeMoveAll(let from):
            return .moveAllProposed(try data.proposeMoveAll(from: from))
        case .applyMoveAll(let plan):
            return .movedAll(from: plan.from.name, count: try data.applyMoveAll(plan))
        case .loadAlertList(let filter):
            return .alertListLoaded(filter, try data.alertList(filter))
        case .acknowledgeAlerts(let ids):
            return .alertsAcknowledged(count: try data.acknowledge(alertIDs: ids))
        default:
            return .failed("unexpected effect \(effect)")
        }
    }
}
