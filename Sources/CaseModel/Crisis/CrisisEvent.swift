/// Where a crisis event stands.
public enum CrisisStatus: String, Labeled {
    case proposed, declared, dismissed, closed, archived
    public var zh: String {
        switch self {
        case .proposed: "待确认"
        case .declared: "已启动"
        case .dismissed: "已排除"
        case .closed: "已结束"
        case .archived: "已归档"
        }
    }
    public var en: String { rawValue }
    /// Proposed or declared: shown on the ticker, its clocks run.
    public var isActive: Bool { self == .proposed || self == .declared }
}

/// What proposed a crisis event.
public enum CrisisTrigger: String, Labeled {
    case group, involvement, burst, manual
    public var zh: String {
        switch self {
        case .group: "群体投诉"
        case .involvement: "政府/监管/媒体介入"
        case .burst: "同类集中投诉"
        case .manual: "人工判断"
        }
    }
    public var en: String {
        switch self {
        case .group: "group complaint"
        case .involvement: "government, regulator or media involved"
        case .burst: "burst of similar complaints"
        case .manual: "operator's judgement"
        }
    }
}

/// A report filed for a crisis event (docs/crisis.md): to the superior within 1 hour, to HQ within 24,
/// the final result filed with HQ, or another update.
public enum CrisisReportKind: String, Labeled {
    case superior, hq, final, update
    public var zh: String {
        switch self {
        case .superior: "报上级(1小时)"
        case .hq: "报总公司(24小时)"
        case .final: "最终结果备案"
        case .update: "续报"
        }
    }
    public var en: String {
        switch self {
        case .superior: "to the superior (1 hour)"
        case .hq: "to HQ (24 hours)"
        case .final: "final result filed with HQ"
        case .update: "update"
        }
    }
}

/// A filed report.
public struct CrisisReport: Sendable, Equatable, Codable {
    public var kind: CrisisReportKind
    public var toWhom: String
    public var at: Instant
    public var by: String
    public var text: String
}

/// A crisis event 危机事件: a group of cases the crisis group runs together.
public struct CrisisEvent: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var status: CrisisStatus
    public var trigger: CrisisTrigger
    public var branch: String
    /// When it happened: the earliest case's receipt. The report clocks count from here.
    public var occurredAt: Instant
    public var proposedAt: Instant
    public var declaredAt: Instant?
    public var declaredBy: String?
    public var dismissedReason: String?
    public var finalResult: String?
    public var causeAnalysis: String?
    public var lessons: String?
    public var closedAt: Instant?
    public var archivedAt: Instant?
    /// Filled by reads.
    public var caseNumbers: [String] = []
    public var people = 0
    public var mediaInvolved = false
    public var regulatorInvolved = false
    public var reports: [CrisisReport] = []

    /// Whether the people involved make it a mass incident.
    public func isMassIncident(_ p: CrisisPolicy) -> Bool { people >= p.massIncident }

    /// The due time of a report kind, nil when filed or not clocked.
    public func reportDue(_ kind: CrisisReportKind, _ p: CrisisPolicy) -> Instant? {
        guard status.isActive, !reports.contains(where: { $0.kind == kind }) else { return nil }
        switch kind {
        case .superior: return occurredAt.adding(seconds: p.superiorReportSeconds)
        case .hq: return occurredAt.adding(seconds: p.hqReportSeconds)
        default: return nil
        }
    }
}
