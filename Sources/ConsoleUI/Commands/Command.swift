import TerminalKit

/// Every action the console can take, by name: key maps bind keys to these, help lists them and
/// the `:` command line runs them by name.
public enum Command: String, CaseIterable, Sendable, BindableCommand {
    case help, quit, back, commandLine = "command-line", dashboard, queue, refresh
    case nextPane = "next-pane", prevPane = "prev-pane"
    case up, down, left, right, pageUp = "page-up", pageDown = "page-down", top, bottom, open
    case mark, unmarkAll = "unmark-all", reassign, search, filter, clearFilter = "clear-filter"
    case sortNext = "sort-next", sortReverse = "sort-reverse", toggleClosed = "toggle-closed"
    case acknowledge
    case reports
    // Part 2: working a case, intake, crisis board (summaries in WorkCommands.swift).
    case newCase = "new", crisisBoard = "crisis", contact, note, investigate, submit, approve, reject, extend, remind
    case close, callback, withdraw, reopen, link, severity, validity, declare, reveal
    case propose, dismiss, report, final, cause, archive
    // Assigning, the alerts screen and the command line (issue 7, part b): see CommandArgument.swift.
    case assignScreen = "handlers", moveAll = "move-all", go, alerts
    case alertLevel = "alert-level", alertRule = "alert-rule", alertState = "alert-state", alertBranch = "alert-branch"

    /// What the command does, for the help screen.
    public func summary(_ zh: Bool) -> String {
        switch self {
        case .help: return zh ? "帮助" : "help"
        case .quit: return zh ? "退出" : "quit"
        case .back: return zh ? "返回" : "back"
        case .commandLine: return zh ? "命令行" : "command line"
        case .dashboard: return zh ? "值班总览" : "dashboard"
        case .queue: return zh ? "案件队列" : "case queue"
        case .refresh: return zh ? "刷新" : "refresh"
        case .nextPane: return zh ? "下一窗格" : "next pane"
        case .prevPane: return zh ? "上一窗格" : "previous pane"
        case .up: return zh ? "上移" : "up"
        case .down: return zh ? "下移" : "down"
        case .left: return zh ? "左移" : "left"
        case .right: return zh ? "右移" : "right"
        case .pageUp: return zh ? "上一页" : "page up"
        case .pageDown: return zh ? "下一页" : "page down"
        case .top: return zh ? "到顶" : "top"
        case .bottom: return zh ? "到底" : "bottom"
        case .open: return zh ? "打开" : "open"
        case .mark: return zh ? "标记/取消标记" : "mark / unmark"
        case .unmarkAll: return zh ? "清除全部标记" : "clear all marks"
        case .reassign: return zh ? "改派标记的案件(先确认)" : "reassign marked cases (asks first)"
        case .search: return zh ? "搜索 编号/姓名/电话/保单/内容" : "search number/name/phone/policy/text"
        case .filter: return zh ? "筛选" : "filter"
        case .clearFilter: return zh ? "清除筛选" : "clear filters"
        case .sortNext: return zh ? "换排序列" : "sort by next column"
        case .sortReverse: return zh ? "反向排序" : "reverse sort"
        case .toggleClosed: return zh ? "切换 未结/全部/已结" : "open / all / closed"
        case .acknowledge: return zh ? "确认告警" : "acknowledge alert"
        case .reports: return zh ? "报表 (←/→ 换统计期)" : "reports (←/→ period)"
        case .newCase, .crisisBoard, .contact, .note, .investigate, .submit, .approve, .reject, .extend, .remind,
             .close, .callback, .withdraw, .reopen, .link, .severity, .validity, .declare, .reveal,
             .propose, .dismiss, .report, .final, .cause, .archive:
            return workSummary(zh)
        case .assignScreen, .moveAll, .go, .alerts, .alertLevel, .alertRule, .alertState, .alertBranch: return assignAlertsSummary(zh)
        }
    }
}

/// Where a key is looked up: the current screen's context first, then `global`.
public enum KeyContext: String, CaseIterable, Sendable, BindingContext {
    case global, dashboard, queue, caseView = "case", help, reports
    case crisis, intake
    case assign, alerts
}

extension Command {
    /// Whether the command takes an argument on the `:` line (an alias may then carry one).
    public var takesArgument: Bool { argument != nil }
}
