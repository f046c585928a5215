import TerminalKit

/// Every action the console can take, by name: key maps bind keys to these, help lists them, the
/// footer labels them and the `:` command line runs them by name. What each one is called, takes
/// and is bound to is in one table (`Command.info`, CommandTable.swift); what it may do to the
/// desk is in `Command.operation` (CommandAccess.swift).
///
/// The order of the cases is the order help lists a screen's keys in.
public enum Command: String, CaseIterable, Sendable, BindableCommand {
    case help, back, quit, commandLine = "command-line"
    case nextPane = "next-pane", prevPane = "prev-pane"
    case up, down, left, right, pageUp = "page-up", pageDown = "page-down", top, bottom, open, refresh
    case dashboard, mark, unmarkAll = "unmark-all", acknowledge, queue, reports
    case reassign, search, filter, clearFilter = "clear-filter"
    case sortNext = "sort-next", sortReverse = "sort-reverse", toggleClosed = "toggle-closed"
    case contact, note, investigate, submit, approve, reject, extend, remind
    case close, callback, withdraw, reopen, link, severity, validity, propose, declare, reveal
    case dismiss, report, final, cause, archive
    case newCase = "new", crisisBoard = "crisis", assignScreen = "handlers", moveAll = "move-all", go, alerts
    case alertLevel = "alert-level", alertRule = "alert-rule", alertState = "alert-state", alertBranch = "alert-branch"
    case alertGroup = "alert-group", ack
    case read, explain, calendar
    case scripts, handover, handoverAck = "handover-ack", roster, shiftAdd = "shift-add", shiftMove = "shift-move", shiftRemove = "shift-remove"

    /// What the command does, for the help screen.
    public func summary(_ zh: Bool) -> String { zh ? info.summary.zh : info.summary.en }

    /// The short label of the footer's key hints and the case screen's action bar.
    func label(_ st: ConsoleSettings) -> String {
        guard let l = info.label else { return summary(st.language == .zh) }
        return st.t(l.zh, l.en)
    }

    /// The argument the command takes on the `:` line, nil when it takes none.
    public var argument: CommandArgument? { info.argument }

    /// The form field a case action's `:` argument fills (`:close accepted` → basis).
    var prefilledField: String? { info.prefills }

    /// Whether the command takes an argument on the `:` line (an alias may then carry one).
    public var takesArgument: Bool { argument != nil }
}
