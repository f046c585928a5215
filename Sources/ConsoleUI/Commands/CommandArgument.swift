import CaseModel
import TerminalKit

/// What a command takes after its name on the `:` line; completion offers values of this kind.
/// A command whose argument is left out opens its screen or form instead.
public enum CommandArgument: Sendable, Equatable {
    /// A handler by login or display name (`李强`, `liqiang`), from the roster.
    case handler
    /// A case number (`TS-20260216-0042`); known numbers are offered, any may be typed.
    case caseNumber
    /// A branch, from the open cases' branches.
    case branch
    /// One of fixed values (enum raw values).
    case choice([String])
    /// Free text (no completion).
    case text

    /// The placeholder help and the prompt show for it.
    public func placeholder(_ zh: Bool) -> String {
        switch self {
        case .handler: return zh ? "处理人" : "HANDLER"
        case .caseNumber: return zh ? "案件编号" : "NUMBER"
        case .branch: return zh ? "分公司" : "BRANCH"
        case .choice(let values): return values.count <= 4 ? values.joined(separator: "|") : (zh ? "值" : "VALUE")
        case .text: return zh ? "文字" : "TEXT"
        }
    }
}

extension Command {
    /// The argument the command takes on the `:` line, nil when it takes none.
    public var argument: CommandArgument? {
        switch self {
        case .reassign, .moveAll: return .handler
        case .go: return .caseNumber
        case .search: return .text
        case .alerts, .alertLevel: return .choice(AlertLevel.allCases.map(\.rawValue) + ["all"])
        case .alertRule: return .choice(AlertRule.allCases.map(\.rawValue) + ["all"])
        case .alertState: return .choice(["unacknowledged", "acknowledged", "all"])
        case .alertBranch: return .branch
        case .sortNext: return .choice(ConsoleQueries.SortColumn.allCases.map(\.rawValue))
        // A case action's argument fills its form's first field; the form still opens to be checked and saved.
        case .close: return .choice(ClosingBasis.allCases.map(\.rawValue))
        case .severity: return .choice([Severity.major, .urgent, .general, .venting].map(\.rawValue))
        case .remind: return .choice(ReminderChannel.allCases.map(\.rawValue))
        case .callback: return .choice(CallbackResult.allCases.map(\.rawValue))
        case .validity: return .choice([Validity.valid, .invalid].map(\.rawValue))
        case .link: return .caseNumber
        case .contact, .note, .investigate, .submit, .approve, .reject, .extend, .withdraw, .reopen, .reveal: return .text
        default: return nil
        }
    }

    /// The form field a case action's `:` argument fills (`:close accepted` → basis).
    var prefilledField: String? {
        switch self {
        case .close: return "basis"
        case .severity: return "severity"
        case .remind: return "channel"
        case .callback: return "result"
        case .validity: return "validity"
        case .link: return "repeat_of"
        case .contact, .note, .investigate, .approve: return "note"
        case .submit: return "resolution"
        case .reject, .extend, .withdraw, .reopen, .reveal: return "reason"
        default: return nil
        }
    }

    /// Help texts of the commands added with the assign and alerts screens.
    func assignAlertsSummary(_ zh: Bool) -> String {
        switch self {
        case .assignScreen: return zh ? "处理人负荷(改派、全部移交)" : "handlers' load (reassign, move all)"
        case .moveAll: return zh ? "按负荷移交某人全部未结案件(先确认)" : "move all of a handler's open cases, by load (asks first)"
        case .go: return zh ? "按编号打开案件" : "open a case by number"
        case .alerts: return zh ? "告警列表" : "alerts list"
        case .alertLevel: return zh ? "按级别筛选告警" : "filter alerts by level"
        case .alertRule: return zh ? "按规则筛选告警" : "filter alerts by rule"
        case .alertState: return zh ? "未确认/已确认/全部" : "unacknowledged / acknowledged / all"
        case .alertBranch: return zh ? "按分公司筛选告警" : "filter alerts by branch"
        default: return summary(zh)
        }
    }
}
