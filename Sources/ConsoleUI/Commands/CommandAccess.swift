import CaseModel
import TerminalKit

extension Command {
    /// The desk operation a command performs: its key in CaseModel's access table
    /// (`DeskOperation.access`), nil for what only moves around the screen. Every command that
    /// reads or changes the desk reaches it through the data source, whose CaseModel calls check
    /// the actor's role inside their transaction; this table is what the confidentiality matrix
    /// test walks to try every console command as every role (docs/access-control.md).
    public var operation: DeskOperation? {
        switch self {
        case .help, .quit, .back, .commandLine, .nextPane, .prevPane, .up, .down, .left, .right, .pageUp, .pageDown,
             .top, .bottom, .mark, .unmarkAll:
            return nil
        case .dashboard, .refresh: return .console
        case .queue, .search, .filter, .clearFilter, .sortNext, .sortReverse, .toggleClosed: return .listCases
        case .open, .go: return .showCase
        case .reassign: return .assign
        case .acknowledge, .ack: return .acknowledgeAlert
        case .reports: return .reportSummary
        case .newCase: return .intake
        case .crisisBoard: return .crisisList
        case .contact, .note, .investigate, .submit, .approve, .reject, .extend, .remind, .close, .callback, .withdraw, .reopen:
            return .act
        case .link: return .linkRepeat
        case .severity: return .severity
        case .validity: return .validity
        case .declare: return .crisisDeclare
        case .reveal: return .revealCase
        case .propose: return .crisisPropose
        case .dismiss: return .crisisDismiss
        case .report, .final: return .crisisReport
        case .cause: return .crisisClose
        case .archive: return .crisisArchive
        case .assignScreen: return .usersList
        case .moveAll: return .moveAll
        case .alerts, .alertLevel, .alertRule, .alertState, .alertBranch, .alertGroup: return .alerts
        // What the screen already read, shown whole or explained.
        case .read, .explain: return .showCase
        case .calendar: return .calendarShow
        // The desk's own tools (docs/scripts.md, docs/handover.md, docs/roster.md).
        case .scripts: return .scriptsShow
        case .handover: return .handover
        case .handoverAck: return .handoverAck
        case .roster: return .shiftList
        case .shiftAdd: return .usersShift
        case .shiftMove: return .shiftMove
        case .shiftRemove: return .shiftRemove
        }
    }
}
