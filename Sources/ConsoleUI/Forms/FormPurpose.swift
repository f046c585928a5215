import CaseModel
import TerminalKit

/// What a form is for, with what the command needs beyond the fields (the case, the version the
/// person saw, the crisis event).
public enum FormPurpose: Sendable, Equatable {
    case intake
    /// A workflow action of SPEC §4 on a case at the version shown.
    case action(number: String, action: WorkflowAction, version: Int)
    case severity(number: String, version: Int)
    case linkRepeat(number: String)
    case validity(number: String)
    /// Declare a crisis from a case: its proposed event when it has one, else propose and declare.
    case declareFromCase(number: String, eventID: Int64?)
    case reveal(number: String)
    case crisisPropose
    case crisisDeclare(id: Int64)
    case crisisDismiss(id: Int64)
    case crisisReport(id: Int64)
    case crisisClose(id: Int64)
    case crisisArchive(id: Int64)
}

/// Another console saved the case first: who, when; nothing of ours was written.
public struct ConflictInfo: Sendable, Equatable {
    public var number: String
    /// The display name when the roster knows it (王敏), else the login.
    public var changedBy: String
    public var changedAt: Instant
    /// Creates the info.
    public init(number: String, changedBy: String, changedAt: Instant) {
        self.number = number; self.changedBy = changedBy; self.changedAt = changedAt
    }
}

/// What the intake form needs from the desk before it opens.
public struct IntakeDefaults: Sendable, Equatable {
    /// The operator's branch: where their latest intake was, else the desk's busiest open branch.
    public var branch: String
    public var channel: Channel
    /// People at which a group complaint proposes a crisis event (the policy's threshold).
    public var crisisPeople: Int
    /// Handlers offered in the handler choice (on duty now).
    public var handlers: [String]
    /// Creates defaults.
    public init(branch: String, channel: Channel = .phone, crisisPeople: Int = 5, handlers: [String] = []) {
        self.branch = branch; self.channel = channel; self.crisisPeople = crisisPeople; self.handlers = handlers
    }
}

/// The crisis board's rows and the policy that sets their report clocks.
public struct CrisisBoardData: Sendable {
    public var events: [CrisisEvent]
    public var policy: CrisisPolicy
    /// Creates board data.
    public init(events: [CrisisEvent], policy: CrisisPolicy) { self.events = events; self.policy = policy }
}

/// Work in progress on the case, intake and crisis screens (part 2): the open form, a conflict
/// waiting for an answer, revealed personal data, the intake suggestions, the crisis board.
public struct WorkState: Sendable {
    public var form: Form?
    public var conflict: ConflictInfo?
    /// The case whose personal data was revealed (audited); masked again when the case changes.
    public var revealed: String?
    public var intakeDefaults: IntakeDefaults?
    /// Earlier cases the intake may repeat, for the identifiers they were looked up with.
    public var suggestions: [RepeatCandidate] = []
    public var suggestionKey = ""
    public var suggestionCursor = 0
    /// The earlier case the new one will be linked to (chosen with Enter).
    public var linkTo: String?
    /// After "reload?" was answered yes: the open form takes the version of the case read next.
    public var rebaseOnLoad: String?
    public var crisis: CrisisBoardData?
    public var crisisCursor = 0
    public var crisisScroll = 0
    /// Creates an empty work state.
    public init() {}
}

/// Reads and commands of part 2, run by `WorkRunner` against the data source.
public enum WorkEffect: Sendable, Equatable {
    case loadIntakeDefaults
    case suggest(phone: String, idNumber: String, policyNumber: String)
    case intake(CaseDraft, repeatOf: String?, proposeCrisis: Bool)
    case act(String, WorkflowAction, ActionInput, version: Int)
    case severity(String, Severity, reason: String, version: Int)
    case linkRepeat(String, to: String)
    case validity(String, valid: Bool, reason: String, responsible: String, lead: String)
    case declareFromCase(String, eventID: Int64?, title: String)
    case reveal(String, reason: String)
    case loadCrisisBoard
    case crisisPropose(title: String, cases: [String], trigger: CrisisTrigger)
    case crisisDeclare(Int64)
    case crisisDismiss(Int64, reason: String)
    case crisisReport(Int64, kind: CrisisReportKind, to: String, text: String)
    case crisisClose(Int64, cause: String, lessons: String)
    case crisisArchive(Int64)
}

/// Results of `WorkEffect`s.
public enum WorkEvent: Sendable {
    case intakeDefaults(IntakeDefaults)
    case suggestions(key: String, [RepeatCandidate])
    /// A case was saved: its number, and what to say.
    case saved(number: String, message: String)
    case crisisSaved(message: String)
    case revealed(CaseDetail)
    case crisisBoard(CrisisBoardData)
    case conflict(ConflictInfo)
    /// The desk refused: the message goes beside `field` when the form has it.
    case refused(field: String?, message: String)
}
