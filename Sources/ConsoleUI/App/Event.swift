import CaseModel
import TerminalKit

/// Everything that can happen to the console: keys, the clock, the terminal, the store, and the
/// results of effects.
public enum Event: Sendable {
    case key(Key)
    /// The one-second tick with the current instant.
    case tick(Instant)
    case resize(width: Int, height: Int)
    /// Another write happened (this or another process).
    case databaseChanged
    case dashboardLoaded(DashboardData)
    case queueLoaded(QueuePage)
    case rosterLoaded([RosterEntry])
    case branchesLoaded([String])
    case assigned(numbers: [String], handler: String)
    case caseLoaded(CaseDetail)
    case acknowledged(alertID: String)
    case reportLoaded(ReportScreenData)
    /// Results of part 2's effects (WorkUpdate handles them).
    case work(WorkEvent)
    /// An effect failed; the message is shown, nothing else changes.
    case failed(String)
    /// The background alert evaluation failed (the message), or works again (nil): shown in the
    /// status line for as long as it lasts, while everything else keeps running.
    case alertEvaluation(String?)
    // The assign and alerts screens (issue 7, part b).
    case handlerBoardLoaded([RosterEntry])
    case moveAllProposed(MoveAllPlan)
    case movedAll(from: String, count: Int)
    case alertListLoaded(AlertListFilter, [AlertListItem])
    case alertsAcknowledged(count: Int)
}

/// Work `update` asks for: reads and commands against the desk, run by `ConsoleProgram`, whose
/// results come back as events.
public enum Effect: Sendable, Equatable {
    case loadDashboard
    case loadQueue(QueueQuery, offset: Int)
    case loadRoster
    case loadBranches
    case assign([String], to: String)
    case loadCase(String)
    case acknowledge(alertID: String)
    case loadReport(ReportPeriod)
    /// Part 2's reads and commands (WorkRunner runs them).
    case work(WorkEffect)
    // The assign and alerts screens (issue 7, part b).
    case loadHandlerBoard
    case proposeMoveAll(from: String)
    case applyMoveAll(MoveAllPlan)
    case loadAlertList(AlertListFilter)
    case acknowledgeAlerts([String])
}
