import Foundation
import CaseModel
import TerminalKit

/// The timeline in words people read: action names and field names as labels, enum codes as
/// their labels, times in the desk's short form ("02-17 21:30"), never raw field codes.
enum TimelineText {
    static let actions: [String: (String, String)] = [
        "intake": ("受理登记", "taken in"), "assign": ("分派", "assigned"), "unassign": ("取消分派", "unassigned"),
        "link-repeat": ("关联重复投诉", "linked as a repeat"), "repeat-complaint": ("收到重复投诉", "repeat complaint received"),
        "raise-severity": ("提高严重度", "severity raised"), "lower-severity": ("降低严重度", "severity lowered"),
        "mark-valid": ("认定有效投诉", "marked valid"), "mark-invalid": ("认定无效投诉", "marked invalid"),
        "reveal": ("查看个人信息", "personal data revealed"), "crisis": ("纳入危机事件", "joined a crisis event"),
        "import": ("导入", "imported"), "recompute": ("重算时限", "deadlines recomputed"), "purge": ("清除个人信息", "purged"),
        "severity": ("严重度", "severity"),
    ]

    static let fields: [String: (String, String)] = [
        "note": ("备注", "note"), "reason": ("原因", "reason"), "basis": ("结案标准", "basis"), "result": ("回访结果", "result"),
        "satisfaction": ("满意度", "satisfaction"), "promised": ("承诺完成", "promised"), "channel": ("方式", "channel"),
        "to": ("对象", "to"), "resolution": ("处理方案", "resolution"), "handler": ("处理人", "handler"), "team": ("组", "team"),
        "status": ("状态", "status"), "severity": ("严重度", "severity"), "category": ("类别", "category"), "kind": ("件类", "kind"),
        "line": ("险种", "line"), "event": ("危机事件", "crisis event"), "repeats": ("重复于", "repeats"), "new_case": ("新投诉", "new case"),
        "fields": ("字段", "fields"), "source_ref": ("来源编号", "source ref"), "repeatCount": ("投诉次数", "complaints"),
        "repeatOf": ("原案件", "repeat of"), "contactedAt": ("联系时间", "contacted"), "investigationStartedAt": ("开始调查", "investigation started"),
        "submittedAt": ("提交时间", "submitted"), "approvedAt": ("审批时间", "approved"), "closedAt": ("结案时间", "closed"),
        "followedUpAt": ("回访时间", "followed up"), "withdrawnAt": ("撤诉时间", "withdrawn"), "lastNoteAt": ("最近记录", "last note"),
        "lastReminderAt": ("最近催办", "last reminder"), "promisedAt": ("承诺完成", "promised"), "extensionCount": ("延期次数", "extensions"),
        "closingBasis": ("结案标准", "basis"), "callbackResult": ("回访结果", "callback"), "validity": ("认定", "validity"),
        "validityReason": ("认定理由", "validity reason"), "responsibleStaff": ("直接责任人", "responsible"), "responsibleLead": ("间接责任人", "their lead"),
        "severityOverride": ("人工严重度", "severity set by hand"), "severityCap": ("严重度上限", "severity cap"), "crisisEventId": ("危机事件", "crisis event"),
        "stagesStartedAt": ("时限起算", "clocks restarted"), "columnChangedAt": ("时限栏变更", "deadline column changed"),
        "improvementSuggestion": ("管理改进建议", "improvement suggestion"), "title": ("标题", "title"), "trigger": ("触发", "trigger"),
        "kind_report": ("报告", "report"),
        "script": ("话术", "script"), "script_version": ("话术版本", "script version"), "script_language": ("话术语言", "script language"),
        "script_edited": ("已修改", "edited"),
    ]

    /// Detail fields whose value is a login.
    static let personFields: Set<String> = ["handler", "to", "responsible", "responsibleStaff", "responsibleLead", "from", "by"]

    /// The action's label.
    static func action(_ code: String, _ L: Language) -> String {
        if let a = WorkflowAction(rawValue: code) { return a.label(L) }
        if let (zh, en) = actions[code] { return L == .zh ? zh : en }
        return code
    }

    /// A value in words: enum codes by the field's type, ISO times shortened.
    static func value(_ key: String, _ v: String, action: String, _ L: Language, person: (String) -> String = { $0 }) -> String {
        if v.contains(" → ") {
            return v.components(separatedBy: " → ").map { $0.isEmpty ? "-" : value(key, $0, action: action, L, person: person) }.joined(separator: " → ")
        }
        // People by the roster's names (陈杰), as everywhere on screen (`→ sunli` too).
        if personFields.contains(key) {
            return v.components(separatedBy: "→").map { part in
                let login = part.trimmingCharacters(in: .whitespaces)
                return login.isEmpty ? part : part.replacingOccurrences(of: login, with: person(login))
            }.joined(separator: "→")
        }
        func lab<T: Labeled>(_ t: T.Type) -> String { T.parse(v)?.label(L) ?? v }
        switch key {
        case "basis", "closingBasis": return lab(ClosingBasis.self)
        case "result", "callbackResult": return lab(CallbackResult.self)
        case "status": return lab(CaseStatus.self)
        case "severity", "severityOverride", "severityCap": return lab(Severity.self)
        case "category": return lab(CaseModel.Category.self)
        case "kind": return action == "intake" ? lab(CaseKind.self) : (CrisisReportKind(rawValue: v)?.label(L) ?? lab(CaseKind.self))
        case "line": return lab(InsuranceLine.self)
        case "validity": return lab(Validity.self)
        case "script_edited": return v == "yes" ? (L == .zh ? "是" : "yes") : (L == .zh ? "否" : "no")
        case "channel": return action == "remind" ? lab(ReminderChannel.self) : lab(Channel.self)
        default:
            if v.count >= 16, v.dropFirst(4).first == "-", let t = DeskTime.standard.parse(v) { return DeskTime.standard.short(t) }
            return v
        }
    }

    /// One timeline entry: when, who, what, and the details in words.
    static func line(_ e: CaseEvent, _ st: ConsoleSettings, actor: String? = nil, person: (String) -> String = { $0 }) -> String {
        let L = st.language
        var text = DeskTime.standard.short(e.at) + "  " + DisplayWidth.pad(SafeText.sanitize(actor ?? e.actor), to: 10) + " " + action(e.action, L)
        if let to = e.toStatus, let from = e.fromStatus, from != to { text += " " + from.label(L) + "→" + to.label(L) }
        else if e.fromStatus == nil, let to = e.toStatus, e.action == "intake" { text += " → " + to.label(L) }
        // A note or contact made from a reply script names it first, so the short line shows it.
        if let id = e.detail["script"] {
            text += " [" + (L == .zh ? "话术 " : "script ") + SafeText.sanitize(id) + (e.detail["script_version"].map { " v" + SafeText.sanitize($0) } ?? "")
                + (e.detail["script_edited"] == "yes" ? (L == .zh ? " 已修改" : " edited") : "") + "]"
        }
        // Status is said above; the diff's own status entry would repeat it.
        let parts = e.detail.filter { $0.key != "status" && $0.key != "version" && !$0.key.hasPrefix("script") }.sorted { $0.key < $1.key }.map { k, v -> String in
            let label = fields[k].map { L == .zh ? $0.0 : $0.1 } ?? k
            return label + ": " + value(k, v, action: e.action, L, person: person)
        }
        if !parts.isEmpty { text += "  " + SafeText.sanitize(parts.joined(separator: "; ")) }
        return text
    }
}
