import CaseModel
import TerminalKit

/// The queue's filter editor: one row per axis, Left/Right cycles the axis's value, Enter applies.
public struct FilterEditor: Sendable, Equatable {
    /// The axes a queue can be filtered on.
    public enum Axis: Int, CaseIterable, Sendable {
        case openness, status, category, severity, kind, channel, line, branch, handler

        /// The axis name on screen.
        public func label(_ s: ConsoleSettings) -> String {
            switch self {
            case .openness: return s.t("范围", "scope")
            case .status: return s.t("状态", "status")
            case .category: return s.t("类别", "category")
            case .severity: return s.t("严重度", "severity")
            case .kind: return s.t("件类", "kind")
            case .channel: return s.t("渠道", "channel")
            case .line: return s.t("险种", "line")
            case .branch: return s.t("机构", "branch")
            case .handler: return s.t("处理人", "handler")
            }
        }
    }

    /// The filter being edited (applied on Enter).
    public var draft: CaseFilter
    public var selected = 0

    /// Starts editing a filter.
    public init(draft: CaseFilter) { self.draft = draft }

    /// The values an axis cycles through, as (code, label); code nil means "all".
    public static func choices(_ axis: Axis, settings s: ConsoleSettings, branches: [String], handlers: [String]) -> [(String?, String)] {
        func labeled<T: Labeled>(_ t: T.Type) -> [(String?, String)] { T.allCases.map { ($0.rawValue, $0.label(s.language)) } }
        let all: (String?, String) = (nil, s.t("全部", "all"))
        switch axis {
        case .openness: return [("open", s.t("未结", "open")), ("any", s.t("全部", "all")), ("closed", s.t("已结", "closed"))]
        case .status: return [all] + labeled(CaseStatus.self)
        case .category: return [all] + labeled(Category.self)
        case .severity: return [all] + Severity.ordered.map { ($0.rawValue, $0.label(s.language)) }
        case .kind: return [all] + labeled(CaseKind.self)
        case .channel: return [all] + labeled(Channel.self)
        case .line: return [all] + labeled(InsuranceLine.self)
        case .branch: return [all] + branches.map { ($0, $0) }
        case .handler: return [all, ("", s.t("未分派", "unassigned"))] + handlers.map { ($0, $0) }
        }
    }

    /// The code an axis currently has in a filter (nil: all; several values show as the first).
    public static func current(_ axis: Axis, in f: CaseFilter) -> String? {
        switch axis {
        case .openness: return f.openness.rawValue
        case .status: return f.statuses.first?.rawValue
        case .category: return f.categories.first?.rawValue
        case .severity: return f.severities.first?.rawValue
        case .kind: return f.kinds.first?.rawValue
        case .channel: return f.channels.first?.rawValue
        case .line: return f.lines.first?.rawValue
        case .branch: return f.branches.first
        case .handler: return f.handlers.first
        }
    }

    /// Sets an axis to one value (nil clears it).
    public static func set(_ axis: Axis, to code: String?, in f: inout CaseFilter) {
        switch axis {
        case .openness: f.openness = code.flatMap(CaseFilter.Openness.init(rawValue:)) ?? .any
        case .status: f.statuses = code.flatMap(CaseStatus.init(rawValue:)).map { [$0] } ?? []
        case .category: f.categories = code.flatMap(Category.init(rawValue:)).map { [$0] } ?? []
        case .severity: f.severities = code.flatMap(Severity.init(rawValue:)).map { [$0] } ?? []
        case .kind: f.kinds = code.flatMap(CaseKind.init(rawValue:)).map { [$0] } ?? []
        case .channel: f.channels = code.flatMap(Channel.init(rawValue:)).map { [$0] } ?? []
        case .line: f.lines = code.flatMap(InsuranceLine.init(rawValue:)).map { [$0] } ?? []
        case .branch: f.branches = code.map { [$0] } ?? []
        case .handler: f.handlers = code.map { [$0] } ?? []
        }
    }

    /// A one-line description of a filter's non-default axes, for the queue's status line.
    public static func describe(_ f: CaseFilter, settings s: ConsoleSettings) -> String {
        var parts: [String] = []
        for axis in Axis.allCases {
            guard let code = current(axis, in: f) else { continue }
            if axis == .openness && code == "open" { continue }
            let label = choices(axis, settings: s, branches: [code], handlers: [code]).first { $0.0 == code }?.1 ?? code
            parts.append("\(axis.label(s))=\(label)")
        }
        if !f.search.isEmpty { parts.append("/\(SafeText.sanitize(f.search))") }
        return parts.joined(separator: " ")
    }
}
