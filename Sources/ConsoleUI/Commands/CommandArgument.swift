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
