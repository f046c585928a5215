/// How loud an alert is.
public enum AlertLevel: String, Labeled, Comparable {
    case info, warning, critical
    public var zh: String {
        switch self {
        case .info: "提示"
        case .warning: "预警"
        case .critical: "严重"
        }
    }
    public var en: String { rawValue }
    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: AlertLevel, b: AlertLevel) -> Bool { a.rank < b.rank }
}

/// The rule that raised an alert (docs/alerts.md, "Rules").
public enum AlertRule: String, Labeled {
    case stageWarning = "stage-warning", stageBreach = "stage-breach", unassigned, repeatSecond = "repeat-2",
         repeatThird = "repeat-3", newMajor = "new-major", crisis, massIncident = "mass-incident",
         crisisReportDue = "crisis-report-due", crisisReportOverdue = "crisis-report-overdue",
         branchValidRate = "branch-valid-rate", handlerLoad = "handler-load", noReminder = "no-reminder"
    public var zh: String {
        switch self {
        case .stageWarning: "预警"
        case .stageBreach: "超时"
        case .unassigned: "未分派"
        case .repeatSecond: "二次投诉"
        case .repeatThird: "三次投诉"
        case .newMajor: "重大"
        case .crisis: "危机"
        case .massIncident: "群体"
        case .crisisReportDue: "报告将到期"
        case .crisisReportOverdue: "报告超时"
        case .branchValidRate: "有效投诉率"
        case .handlerLoad: "负荷"
        case .noReminder: "未催办"
        }
    }
    public var en: String {
        switch self {
        case .stageWarning: "warning"
        case .stageBreach: "breach"
        case .unassigned: "unassigned"
        case .repeatSecond: "2nd complaint"
        case .repeatThird: "3rd+ complaint"
        case .newMajor: "major"
        case .crisis: "crisis"
        case .massIncident: "mass incident"
        case .crisisReportDue: "report due"
        case .crisisReportOverdue: "report overdue"
        case .branchValidRate: "valid-complaint rate"
        case .handlerLoad: "handler load"
        case .noReminder: "no reminder"
        }
    }
}

/// An alert: a rule that fired for a subject (a case, a crisis event, a branch, a handler).
public struct DeskAlert: Sendable, Equatable, Identifiable {
    /// Stable identity: rule, subject and level (one alert per triple).
    public var id: String { "\(rule.rawValue):\(subject):\(level.rawValue)" }
    public var rule: AlertRule
    public var level: AlertLevel
    /// The case number, event id, branch or handler the alert is about.
    public var subject: String
    /// The case to jump to, when there is one.
    public var caseNumber: String?
    /// One line for people, in Chinese and English.
    public var messageZh: String
    public var messageEn: String
    public var raisedAt: Instant
    public var acknowledgedBy: String?
    public var acknowledgedAt: Instant?
    /// About a report case (举报件): shown only to those who may see report cases.
    public var restricted: Bool

    /// Creates an alert.
    public init(rule: AlertRule, level: AlertLevel, subject: String, caseNumber: String?, messageZh: String,
                messageEn: String, raisedAt: Instant, acknowledgedBy: String? = nil, acknowledgedAt: Instant? = nil,
                restricted: Bool = false) {
        self.rule = rule
        self.level = level
        self.subject = subject
        self.caseNumber = caseNumber
        self.messageZh = messageZh
        self.messageEn = messageEn
        self.raisedAt = raisedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.restricted = restricted
    }

    /// Whether a reader with this visibility may see the alert.
    public func isVisible(_ visibility: CaseVisibility) -> Bool { !restricted || visibility == .withReports }
}

/// A crisis event as the ticker, the dashboard's crisis line and the crisis board show it.
public struct CrisisSummary: Sendable, Equatable {
    public var id: String
    public var title: String
    public var branch: String
    public var people: Int
    public var mediaInvolved: Bool
    public var regulatorInvolved: Bool
    /// Mass incident (50+ people).
    public var isMassIncident: Bool
    /// Due times of the 1-hour report to the superior and the 24-hour report to HQ (nil once filed).
    public var superiorReportDue: Instant?
    public var hqReportDue: Instant?
    public var caseNumbers: [String]
    public var status: CrisisStatus
    /// Where it stands in the desk's urgency order (`CrisisUrgency.Tier`).
    public var tier: CrisisUrgency.Tier
    /// The nearest unfiled report clock (an overdue one is the nearest), if any runs.
    public var nearestReport: CrisisReportKind?
    public var nearestDue: Instant?

    /// Creates a summary.
    public init(id: String, title: String, branch: String, people: Int, mediaInvolved: Bool, regulatorInvolved: Bool,
                isMassIncident: Bool, superiorReportDue: Instant?, hqReportDue: Instant?, caseNumbers: [String],
                status: CrisisStatus = .proposed, tier: CrisisUrgency.Tier = .single) {
        self.id = id; self.title = title; self.branch = branch; self.people = people; self.mediaInvolved = mediaInvolved
        self.regulatorInvolved = regulatorInvolved; self.isMassIncident = isMassIncident; self.superiorReportDue = superiorReportDue
        self.hqReportDue = hqReportDue; self.caseNumbers = caseNumbers; self.status = status; self.tier = tier
        let clocks = [(CrisisReportKind.superior, superiorReportDue), (.hq, hqReportDue)].compactMap { k, d in d.map { (k, $0) } }
        let nearest = clocks.min { $0.1 < $1.1 }
        self.nearestReport = nearest?.0
        self.nearestDue = nearest?.1
    }
}
