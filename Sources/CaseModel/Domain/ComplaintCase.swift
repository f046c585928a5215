/// A complaint case 投诉件: every field of docs/case-model.md, "Fields".
///
/// A value: read from the store, changed only through `CaseDesk` commands, which record each
/// change in the case's timeline. `version` guards against silent overwrites between consoles.
public struct ComplaintCase: Sendable, Equatable, Codable {
    /// Row id in the store (nil before the case is saved).
    public var id: Int64?
    /// Human-readable unique number, `TS-20260216-0042`.
    public var number: String
    /// When the complaint was received.
    public var receivedAt: Instant
    /// The first-responder 首问责任人; stays on record after reassignment.
    public var receivingOperator: String
    public var channel: Channel
    /// Branch or organisation 机构.
    public var branch: String
    public var source: CaseSource
    public var complainant: Complainant
    public var line: InsuranceLine
    public var product: String
    public var category: Category
    public var kind: CaseKind
    public var summary: String
    /// Free text (Chinese and English).
    public var details: String
    /// What the customer asks for.
    public var demand: String
    /// How many people complain together (1 for one person).
    public var peopleInvolved: Int
    /// Potential loss in yuan.
    public var potentialLoss: Double
    public var regulatorInvolved: Bool
    public var mediaInvolved: Bool
    public var onlineExposure: Bool
    /// Assigned handler's user name, nil when unassigned.
    public var handler: String?
    public var team: String?
    public var status: CaseStatus
    /// Effective severity: the derived one, or a manual raise (`severityRaisedTo`) when higher.
    public var severity: Severity
    /// A severity set by hand (raise by an operator, lower by a team lead with a reason).
    public var severityOverride: Severity?
    /// 1 for a first complaint, 2 for the second on the same matter, and so on.
    public var repeatCount: Int
    /// The earlier case this one repeats, when linked.
    public var repeatOf: String?
    public var validity: Validity
    public var validityReason: String
    /// Direct responsible employee of a valid complaint.
    public var responsibleStaff: String?
    /// Their lead (indirect responsibility).
    public var responsibleLead: String?
    public var resolution: String
    public var closingBasis: ClosingBasis?
    public var callbackResult: CallbackResult?
    /// Satisfaction score 1–5 given at callback, when asked.
    public var satisfaction: Int?
    /// Completion time promised to the complainant by the latest approved extension.
    public var promisedAt: Instant?
    public var extensionCount: Int
    /// Stage timestamps (nil until reached); the clocks start from these.
    public var contactedAt: Instant?
    public var investigationStartedAt: Instant?
    public var submittedAt: Instant?
    public var approvedAt: Instant?
    public var closedAt: Instant?
    public var followedUpAt: Instant?
    public var withdrawnAt: Instant?
    /// Latest progress note (docs/workflow.md, "Progress notes": within 12 hours, at most 24).
    public var lastNoteAt: Instant?
    /// When the open stages last (re)started: receipt, or the latest reopen.
    public var stagesStartedAt: Instant
    /// Management improvement suggestions found while handling.
    public var improvementSuggestion: String
    /// Where an imported case came from (`hotline:123456`), for idempotent re-import.
    public var sourceRef: String?
    /// The regulator's transfer number (转办编号), for a case a regulator forwarded: what the
    /// regulator quotes when it asks after the case.
    public var regulatorRef: String?
    /// When severity last rose into the major deadline column (open stages count from then).
    public var columnChangedAt: Instant?
    /// A team lead's lowering: severity stays at most this until someone raises it again.
    public var severityCap: Severity?
    /// The latest reminder 催办 recorded on the case.
    public var lastReminderAt: Instant?
    /// The declared crisis event the case belongs to (its severity is then crisis).
    public var crisisEventId: Int64?
    /// The nearest open deadline, maintained by the clocks (queue order).
    public var nextDueAt: Instant?
    /// Optimistic-concurrency version, +1 on every saved change.
    public var version: Int
    public var updatedAt: Instant
    public var updatedBy: String

    /// Creates a received case with defaults for everything not given.
    public init(number: String, receivedAt: Instant, receivingOperator: String, channel: Channel = .phone,
                branch: String = "", source: CaseSource = .selfReceived, complainant: Complainant = Complainant(),
                line: InsuranceLine = .other, product: String = "", category: Category = .other,
                kind: CaseKind = .general, summary: String = "", details: String = "", demand: String = "",
                peopleInvolved: Int = 1, potentialLoss: Double = 0, regulatorInvolved: Bool = false,
                mediaInvolved: Bool = false, onlineExposure: Bool = false) {
        self.number = number
        self.receivedAt = receivedAt
        self.receivingOperator = receivingOperator
        self.channel = channel
        self.branch = branch
        self.source = source
        self.complainant = complainant
        self.line = line
        self.product = product
        self.category = category
        self.kind = kind
        self.summary = summary
        self.details = details
        self.demand = demand
        self.peopleInvolved = peopleInvolved
        self.potentialLoss = potentialLoss
        self.regulatorInvolved = regulatorInvolved
        self.mediaInvolved = mediaInvolved
        self.onlineExposure = onlineExposure
        self.status = .received
        self.severity = .general
        self.repeatCount = 1
        self.validity = .undetermined
        self.validityReason = ""
        self.resolution = ""
        self.extensionCount = 0
        self.stagesStartedAt = receivedAt
        self.improvementSuggestion = ""
        self.version = 1
        self.updatedAt = receivedAt
        self.updatedBy = receivingOperator
    }

    /// Whether the case is still being handled.
    public var isOpen: Bool { status.isOpen }
}

/// The complainant and their personal data (masked on screen by default).
public struct Complainant: Sendable, Equatable, Codable {
    public var name: String
    public var phone: String
    public var idNumber: String
    public var policyNumber: String
    public var claimNumber: String
    public var bankAccount: String
    /// Preferred language, e.g. `zh`, `en`, `yue`.
    public var language: String

    /// Creates a complainant.
    public init(name: String = "", phone: String = "", idNumber: String = "", policyNumber: String = "",
                claimNumber: String = "", bankAccount: String = "", language: String = "zh") {
        self.name = name
        self.phone = phone
        self.idNumber = idNumber
        self.policyNumber = policyNumber
        self.claimNumber = claimNumber
        self.bankAccount = bankAccount
        self.language = language
    }
}
