/// Something a person may do at the desk (docs/access-control.md, docs/workflow.md "Who may do what"). Every
/// CaseDesk write checks one.
public enum Permission: String, Sendable, CaseIterable {
    case intake, contact, note, startInvestigation = "start-investigation", submit, approve, reject,
         approveExtension = "approve-extension", remind, close, closeInvalid = "close-invalid",
         followUp = "follow-up", withdraw, reopen, assign, linkRepeat = "link-repeat", importCases = "import",
         raiseSeverity = "raise-severity", lowerSeverity = "lower-severity",
         declareCrisis = "declare-crisis", dismissCrisis = "dismiss-crisis", fileCrisisReport = "file-crisis-report",
         markValidity = "mark-validity", recordPenalty = "record-penalty", acknowledgeAlert = "acknowledge-alert",
         reveal, export, exportUnmasked = "export-unmasked", seeReports = "see-reports", readAudit = "read-audit",
         manageUsers = "manage-users", manageShifts = "manage-shifts", changeSettings = "change-settings",
         purge, recompute,
         readCases = "read-cases", readAlerts = "read-alerts", readCrisis = "read-crisis", proposeCrisis = "propose-crisis",
         readPenalties = "read-penalties", readFigures = "read-figures", recordFigures = "record-figures",
         readReports = "read-reports", readRoster = "read-roster", verifyAudit = "verify-audit", backup,
         keepDrafts = "keep-drafts",
         readStaffPhones = "read-staff-phones", acknowledgeHandover = "acknowledge-handover"

    /// The phrase after "only a team lead can …".
    public var phrase: String {
        switch self {
        case .intake: "take a complaint in"
        case .contact: "record contact with the complainant"
        case .note: "record a progress note"
        case .startInvestigation: "start an investigation"
        case .submit: "submit a resolution for approval"
        case .approve: "approve a resolution"
        case .reject: "reject a resolution"
        case .approveExtension: "approve an extension"
        case .remind: "record a reminder"
        case .close: "close a case"
        case .closeInvalid: "close a case as an invalid complaint"
        case .followUp: "record a callback"
        case .withdraw: "record a withdrawal"
        case .reopen: "reopen a case"
        case .assign: "assign or reassign cases"
        case .linkRepeat: "link a repeat complaint"
        case .importCases: "import cases"
        case .raiseSeverity: "raise a case's severity"
        case .lowerSeverity: "lower a case's severity"
        case .declareCrisis: "declare a crisis event"
        case .dismissCrisis: "dismiss or archive a crisis event"
        case .fileCrisisReport: "file a crisis report"
        case .markValidity: "mark a complaint valid or invalid"
        case .recordPenalty: "record a penalty"
        case .acknowledgeAlert: "acknowledge an alert"
        case .reveal: "reveal personal data"
        case .export: "export cases"
        case .exportUnmasked: "export personal data unmasked"
        case .seeReports: "see report cases (举报件)"
        case .readAudit: "read the audit trail"
        case .manageUsers: "manage users"
        case .manageShifts: "record duty shifts"
        case .changeSettings: "change the desk's security settings"
        case .purge: "purge cases past retention"
        case .recompute: "recompute deadlines"
        case .readCases: "read cases"
        case .readAlerts: "read alerts"
        case .readCrisis: "read crisis events"
        case .proposeCrisis: "propose a crisis event"
        case .readPenalties: "read the penalty ledger"
        case .readFigures: "read branch figures"
        case .recordFigures: "record branch figures"
        case .readReports: "read reports"
        case .readRoster: "read the roster"
        case .verifyAudit: "verify the audit trail"
        case .backup: "back up the database"
        case .keepDrafts: "keep a draft of a form"
        case .readStaffPhones: "see staff phone numbers"
        case .acknowledgeHandover: "acknowledge a shift handover"
        }
    }

    /// The permission a workflow action needs (closing as invalid needs more than closing).
    public static func of(_ action: WorkflowAction, basis: ClosingBasis? = nil) -> Permission {
        switch action {
        case .contact: .contact
        case .note: .note
        case .startInvestigation: .startInvestigation
        case .submit: .submit
        case .approve: .approve
        case .reject: .reject
        case .extend: .approveExtension
        case .remind: .remind
        case .close: basis == .invalid ? .closeInvalid : .close
        case .followUp: .followUp
        case .withdraw: .withdraw
        case .reopen: .reopen
        }
    }
}

/// Which track a case is on: report cases (举报件) go to the president's office
/// (docs/case-model.md, "Report cases").
public enum CaseTrack: String, Sendable {
    case general, report

    /// The track of a case kind.
    public static func of(_ kind: CaseKind) -> CaseTrack { kind == .report ? .report : .general }
}

/// Who may do what, as data (docs/workflow.md, "Who may do what"), and the one check every write calls.
///
/// `general` is the desk's table. On the report track (举报件) the president's office takes the
/// place of the desk for everything done to the case; anyone who takes calls may still record one.
/// An actor without a role (not on the roster, or disabled) may do nothing but the open operations
/// (`DeskOperation.Access.open`): reading a desk's cases needs a role too.
public enum Permissions {
    private static let desk: Set<Role> = [.operator_, .handler, .teamLead]
    /// Everyone with a role: reading what the desk shows needs only to be an active user.
    private static let everyone = Set(Role.allCases)

    /// The general table: permission → roles.
    public static let general: [Permission: Set<Role>] = [
        .intake: desk,
        .contact: desk,
        .note: desk.union([.crisisGroup]),
        .startInvestigation: [.handler, .teamLead],
        .submit: [.handler, .teamLead],
        .approve: [.teamLead],
        .reject: [.teamLead],
        .approveExtension: [.teamLead],
        .remind: desk.union([.crisisGroup]),
        .close: desk,
        .closeInvalid: [.teamLead],
        .followUp: desk,
        .withdraw: desk,
        .reopen: desk,
        .assign: [.teamLead],
        .linkRepeat: desk,
        .importCases: [.operator_, .teamLead, .administrator],
        .raiseSeverity: desk.union([.crisisGroup]),
        .lowerSeverity: [.teamLead],
        .declareCrisis: [.teamLead, .crisisGroup],
        .dismissCrisis: [.teamLead, .crisisGroup],
        .fileCrisisReport: [.teamLead, .crisisGroup],
        .markValidity: [.teamLead],
        .recordPenalty: [.teamLead],
        .acknowledgeAlert: desk.union([.crisisGroup]),
        .reveal: desk,
        .export: [.teamLead, .presidentsOffice, .auditor, .administrator],
        .exportUnmasked: [.teamLead, .presidentsOffice],
        .seeReports: [.presidentsOffice, .auditor],
        .readAudit: [.teamLead, .presidentsOffice, .auditor, .administrator],
        .manageUsers: [.administrator],
        .manageShifts: [.teamLead, .administrator],
        .changeSettings: [.administrator],
        .purge: [.administrator],
        .recompute: [.teamLead, .administrator],
        .readCases: everyone,
        .readAlerts: everyone,
        .readCrisis: everyone,
        .proposeCrisis: desk.union([.crisisGroup]),
        .readPenalties: [.teamLead, .presidentsOffice, .auditor],
        .readFigures: everyone,
        .recordFigures: [.teamLead, .administrator],
        .readReports: everyone,
        .readRoster: everyone,
        .verifyAudit: everyone,   // a health check: readers who may not see every event get no positions
        .backup: [.administrator],
        // A form in progress, kept for its author only (docs/drafts.md).
        .keepDrafts: desk.union([.crisisGroup, .presidentsOffice]),
        // Those who may have to call a colleague on duty, and the administrator who records the
        // numbers; the president's office and the auditor oversee rather than dispatch (docs/roster.md).
        .readStaffPhones: desk.union([.crisisGroup, .administrator]),
        // The incoming team lead takes the shift over (docs/handover.md).
        .acknowledgeHandover: [.teamLead],
    ]

    /// Overrides for a report case: the president's office handles it end to end.
    public static let reportTrack: [Permission: Set<Role>] = {
        var t: [Permission: Set<Role>] = [:]
        let office: Set<Role> = [.presidentsOffice]
        for p: Permission in [.contact, .note, .startInvestigation, .submit, .approve, .reject, .approveExtension, .remind,
                              .close, .closeInvalid, .followUp, .withdraw, .reopen, .assign, .linkRepeat,
                              .raiseSeverity, .lowerSeverity, .markValidity, .recordPenalty, .reveal, .keepDrafts] {
            t[p] = office
        }
        t[.intake] = desk.union(office)
        // Bulk import: each row on its own track, report rows by the office alone.
        t[.importCases] = office
        // A report case never joins a crisis event: it stays on the president's office's track,
        // and an event's people, branch and clocks are seen by the whole desk.
        t[.proposeCrisis] = []
        t[.declareCrisis] = []
        t[.dismissCrisis] = []
        // Retention and deadline refreshes of report cases are the office's own.
        t[.purge] = office
        t[.recompute] = office
        return t
    }()

    /// Approvals a person may not give on a case assigned to themselves (four eyes).
    public static let notOnOwnCase: Set<Permission> = [.approve, .reject, .approveExtension, .markValidity, .lowerSeverity]

    /// The roles that may do `p` on a case of this track.
    public static func roles(_ p: Permission, track: CaseTrack = .general) -> Set<Role> {
        if track == .report, let r = reportTrack[p] { return r }
        return general[p] ?? []
    }

    /// Whether `role` may do `p`.
    public static func allows(_ role: Role?, _ p: Permission, track: CaseTrack = .general) -> Bool {
        guard let role else { return false }
        return roles(p, track: track).contains(role)
    }

    /// Refuses unless the actor's role may do `p`: `DomainError.notPermitted("only a team lead can approve an extension")`.
    ///
    /// The actor's role must come from the roster (`AccessControl.resolve`); CaseDesk resolves it
    /// inside its transaction, so a role changed or a user disabled since login counts at once.
    public static func require(_ p: Permission, _ actor: Actor, track: CaseTrack = .general) throws {
        if allows(actor.role, p, track: track) { return }
        throw DomainError.notPermitted(refusal(p, actor, track: track))
    }

    /// Inside a write: resolves the actor's role from the roster, then checks. Returns the resolved actor.
    @discardableResult
    public static func require(_ p: Permission, _ actor: Actor, track: CaseTrack = .general, _ db: GRDB.Database) throws -> Actor {
        let resolved = try AccessControl.resolve(actor, db)
        try require(p, resolved, track: track)
        return resolved
    }

    /// Refuses an approval on the approver's own case.
    public static func requireNotOwn(_ p: Permission, _ actor: Actor, handler: String?, caseNumber: String) throws {
        guard notOnOwnCase.contains(p), let handler, handler == actor.name else { return }
        throw DomainError.notPermitted(.ownCase(number: caseNumber, p))
    }

    /// The refusal for one rule: who may do it instead (`only a team lead can approve an extension`).
    public static func refusal(_ p: Permission, _ actor: Actor, track: CaseTrack = .general) -> RefusalReason {
        guard actor.role != nil else { return .notActiveUser(name: actor.name, p) }
        let allowed = Role.allCases.filter { roles(p, track: track).contains($0) }
        if allowed.isEmpty { return .nobodyMay(p) }
        return .onlyRoles(p, roles: allowed, reportTrack: track == .report && reportTrack[p] != nil)
    }
}

extension Role {
    /// "a team lead", "the crisis group", for refusal messages.
    public var withArticle: String {
        switch self {
        case .operator_: "a duty operator"
        case .handler: "a handler"
        case .teamLead: "a team lead"
        case .crisisGroup: "the crisis group"
        case .presidentsOffice: "the president's office"
        case .auditor: "an auditor"
        case .administrator: "an administrator"
        }
    }
}

import GRDB
