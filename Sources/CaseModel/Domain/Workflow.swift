/// A workflow action a person takes on a case (docs/workflow.md, "Actions").
public enum WorkflowAction: String, Labeled {
    case contact, note, startInvestigation = "start-investigation", submit, approve, reject, extend, remind,
         close, followUp = "follow-up", withdraw, reopen
    public var zh: String {
        switch self {
        case .contact: "联系客户"
        case .note: "进展记录"
        case .startInvestigation: "开始调查"
        case .submit: "提交审批"
        case .approve: "审批通过"
        case .reject: "退回"
        case .extend: "延期"
        case .remind: "催办"
        case .close: "结案"
        case .followUp: "回访"
        case .withdraw: "撤诉"
        case .reopen: "重新打开"
        }
    }
    public var en: String {
        switch self {
        case .contact: "contact made"
        case .note: "progress note"
        case .startInvestigation: "start investigation"
        case .submit: "submit for approval"
        case .approve: "approve"
        case .reject: "reject"
        case .extend: "extend"
        case .remind: "remind"
        case .close: "close"
        case .followUp: "record callback"
        case .withdraw: "withdraw"
        case .reopen: "reopen"
        }
    }
}

/// A field an action must record.
public enum ActionField: String, Sendable, CaseIterable {
    case note, closingBasis = "basis", callbackResult = "result", reason, promisedAt = "promised",
         reminderChannel = "channel", reminderTo = "to"
}

/// One row of the workflow table: an action, the statuses it may be taken from, where it leads,
/// and what it must record.
public struct Transition: Sendable {
    public let action: WorkflowAction
    /// Statuses the action may start from.
    public let from: Set<CaseStatus>
    /// The status afterwards; nil when the action leaves the status as it is.
    public let to: CaseStatus?
    /// Fields that must be given.
    public let requires: [ActionField]
}

/// The workflow of docs/workflow.md as data.
///
/// Kind-specific rows (a venting case closes straight from received; an invalid complaint may be
/// closed at any open stage) are expressed as extra `from` statuses checked in `transition(for:kind:basis:)`.
public enum Workflow {
    private static let open = Set(CaseStatus.openStatuses)

    /// Every transition, in the order the workflow runs.
    public static let table: [Transition] = [
        Transition(action: .contact, from: [.received], to: .contacted, requires: []),
        Transition(action: .note, from: open.union([.closed]), to: nil, requires: [.note]),
        Transition(action: .startInvestigation, from: [.contacted], to: .investigating, requires: []),
        Transition(action: .submit, from: [.investigating], to: .pendingApproval, requires: []),
        Transition(action: .approve, from: [.pendingApproval], to: .approved, requires: []),
        Transition(action: .reject, from: [.pendingApproval], to: .investigating, requires: [.reason]),
        Transition(action: .extend, from: open, to: nil, requires: [.reason, .promisedAt]),
        Transition(action: .remind, from: open.union([.closed]), to: nil, requires: [.reminderChannel, .reminderTo]),
        Transition(action: .close, from: [.approved], to: .closed, requires: [.closingBasis]),
        Transition(action: .followUp, from: [.closed], to: .followedUp, requires: [.callbackResult]),
        Transition(action: .withdraw, from: open, to: .withdrawn, requires: [.reason]),
        Transition(action: .reopen, from: [.closed, .followedUp], to: .received, requires: [.reason]),
    ]

    /// The table row of an action.
    public static func row(_ action: WorkflowAction) -> Transition {
        table.first { $0.action == action }!
    }

    /// Statuses an action may start from for a case of this kind and closing basis.
    public static func allowedFrom(_ action: WorkflowAction, kind: CaseKind, basis: ClosingBasis? = nil) -> Set<CaseStatus> {
        var from = row(action).from
        if action == .close {
            if kind == .venting { from.formUnion(open) }       // venting closes on record
            if basis == .invalid { from.formUnion(open) }      // the complaint manager may rule it invalid at any stage
        }
        if kind == .venting && action == .followUp { return [] } // no callback for venting
        return from
    }

    /// The status an action leads to from `status`, or an illegal-transition error.
    public static func apply(_ action: WorkflowAction, to status: CaseStatus, kind: CaseKind,
                             basis: ClosingBasis? = nil, caseNumber: String) throws -> CaseStatus {
        let allowed = allowedFrom(action, kind: kind, basis: basis)
        guard allowed.contains(status) else {
            throw DomainError.illegalTransition(
                caseNumber: caseNumber, action: action.rawValue, status: status.rawValue,
                allowedFrom: CaseStatus.allCases.filter { allowed.contains($0) }.map(\.rawValue))
        }
        return row(action).to ?? status
    }
}
