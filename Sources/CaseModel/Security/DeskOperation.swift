/// Everything a person can ask of the desk, from the command line or the full-screen console.
///
/// Each operation has exactly one entry in the access table (`access`, an exhaustive switch, so a
/// new operation cannot be added without deciding who may run it), and every request is checked
/// against it before anything is read: the command line refuses a subcommand that declares no
/// operation, and the console maps each of its commands onto one. The entry is the gate; the
/// desk's own commands check again inside their transaction, with the case's track (a report case
/// 举报件 goes to the president's office), so the gate can never be the only check.
/// See docs/access-control.md.
public enum DeskOperation: String, CaseIterable, Sendable {
    // Setting up: files and a new desk.
    case initDesk = "init", demo, configWriteDefaults = "config-write-defaults", configPath = "config-path"
    // Arithmetic over the calendars: no desk data.
    case calendarShow = "calendar-show", calendarCheck = "calendar-check", calendarCoverage = "calendar-coverage", deadline
    // Reading cases.
    case dashboard, console, listCases = "list", showCase = "show", revealCase = "reveal", clocks, suggestRepeats = "suggest-repeats"
    // Taking complaints in and working them.
    case intake, importCases = "import", importInfer = "import-infer", linkRepeat = "link", act, assign, unassign, moveAll = "move-all",
         severity, validity
    // Export, backup, and moving the desk to a server (docs/server-desk.md).
    case export, backup, migrate
    // Alerts.
    case alerts, acknowledgeAlert = "ack"
    // Crisis events.
    case crisisList = "crisis-list", crisisShow = "crisis-show", crisisPropose = "crisis-propose", crisisDeclare = "crisis-declare",
         crisisDismiss = "crisis-dismiss", crisisReport = "crisis-report", crisisClose = "crisis-close", crisisArchive = "crisis-archive"
    // Accountability and business figures.
    case penalties, figuresSet = "figures-set", figuresList = "figures-list", figuresImport = "figures-import"
    // Reports.
    case reportSummary = "report-summary", reportMetrics = "report-metrics", reportHandler = "report-handler", reportBranch = "report-branch"
    // The roster.
    case usersList = "users-list", usersAdd = "users-add", usersSetRole = "users-set-role", usersDisable = "users-disable",
         usersEnable = "users-enable", usersShift = "users-shift", usersAllowSwitch = "users-allow-switch",
         usersNotify = "users-notify",
         usersSetPhone = "users-set-phone", shiftList = "shift-list", shiftRemove = "shift-remove", shiftMove = "shift-move",
         shiftImport = "shift-import", shiftWindow = "shift-window"
    // Standard reply scripts (docs/scripts.md) and the shift handover (docs/handover.md).
    case scriptsList = "scripts-list", scriptsShow = "scripts-show", scriptsCheck = "scripts-check",
         handover, handoverAck = "handover-ack"
    // The audit trail and retention.
    case auditVerify = "audit-verify", auditLog = "audit-log", purge, recompute

    /// Who may run it.
    public enum Access: Sendable, Equatable {
        /// Touches no desk data (calendar arithmetic, file locations): anyone.
        case open
        /// Creates or fills a new desk; its own bootstrap rules apply (the first user must be an
        /// administrator; demo data only into an empty desk).
        case setup
        /// An active user on the roster whose role has this permission.
        case requires(Permission)
    }

    /// The access entry: the one table every path asks.
    public var access: Access {
        switch self {
        case .initDesk, .demo: .setup
        case .configWriteDefaults, .configPath, .calendarShow, .calendarCheck, .calendarCoverage, .deadline: .open
        case .dashboard, .console, .listCases, .showCase, .clocks, .suggestRepeats: .requires(.readCases)
        case .revealCase: .requires(.reveal)
        case .intake: .requires(.intake)
        case .importCases, .importInfer: .requires(.importCases)
        case .linkRepeat: .requires(.linkRepeat)
        case .act: .requires(.readCases)
        case .assign, .unassign, .moveAll: .requires(.assign)
        case .severity: .requires(.raiseSeverity)
        case .validity: .requires(.markValidity)
        case .export: .requires(.export)
        // A copy of the whole desk, report cases included, like a backup.
        case .backup, .migrate: .requires(.backup)
        case .alerts: .requires(.readAlerts)
        // One's own announcement setting: anyone who reads alerts decides how they are told.
        case .usersNotify: .requires(.readAlerts)
        case .acknowledgeAlert: .requires(.acknowledgeAlert)
        case .crisisList, .crisisShow: .requires(.readCrisis)
        case .crisisPropose: .requires(.proposeCrisis)
        case .crisisDeclare: .requires(.declareCrisis)
        case .crisisDismiss, .crisisClose, .crisisArchive: .requires(.dismissCrisis)
        case .crisisReport: .requires(.fileCrisisReport)
        case .penalties: .requires(.readPenalties)
        case .figuresSet, .figuresImport: .requires(.recordFigures)
        case .figuresList: .requires(.readFigures)
        case .reportSummary, .reportMetrics, .reportHandler, .reportBranch: .requires(.readReports)
        case .usersList: .requires(.readRoster)
        case .usersAdd, .usersSetRole, .usersDisable, .usersEnable: .requires(.manageUsers)
        case .usersShift, .usersSetPhone, .shiftRemove, .shiftMove, .shiftImport, .shiftWindow: .requires(.manageShifts)
        case .shiftList: .requires(.readRoster)
        case .scriptsList, .scriptsShow, .handover: .requires(.readCases)
        // Checks files given on the command line against the script format: no desk data.
        case .scriptsCheck: .open
        case .handoverAck: .requires(.acknowledgeHandover)
        case .usersAllowSwitch: .requires(.changeSettings)
        case .auditVerify: .requires(.verifyAudit)
        case .auditLog: .requires(.readAudit)
        case .purge: .requires(.purge)
        case .recompute: .requires(.recompute)
        }
    }

    /// The permission the entry asks for, if any.
    public var permission: Permission? {
        if case let .requires(p) = access { return p }
        return nil
    }

    /// Whether the operation may run for a role (nil: not an active user on the roster). Open and
    /// setup operations are not decided by a role.
    public func allows(_ role: Role?) -> Bool {
        switch access {
        case .open, .setup: true
        case let .requires(p): Permissions.allows(role, p) || Permissions.allows(role, p, track: .report)
        }
    }
}

extension CaseDesk {
    /// The gate: refuses unless the actor, as the roster says right now, may run `operation`.
    /// Returns the actor with their role. A login that is not an active user on the roster may
    /// run only open operations.
    @discardableResult
    public func authorize(_ operation: DeskOperation, actor: Actor) throws -> Actor {
        let (resolved, standing) = try store.read { db in
            (try AccessControl.resolve(actor, db), try AccessControl.standing(of: actor.name, db))
        }
        if case let .requires(p) = operation.access, resolved.role == nil, let notice = AccessControl.notice(for: actor.name, standing) {
            throw DomainError.notPermitted(.cannot(p, because: notice))
        }
        try Self.authorize(operation, resolved)
        return resolved
    }

    /// The same check on an actor already resolved inside a transaction.
    static func authorize(_ operation: DeskOperation, _ actor: Actor) throws {
        guard case let .requires(p) = operation.access else { return }
        if operation.allows(actor.role) { return }
        throw DomainError.notPermitted(Permissions.refusal(p, actor))
    }
}
