import CaseModel
import TerminalKit

/// Everything the console reads from and asks of the desk, as a protocol so `update` and `view`
/// stay pure and tests can drive the screens over a real demo store or a stand-in.
///
/// Implemented over CaseModel by `CaseModelDataSource`; the console never writes SQL itself.
public protocol DeskDataSource: AnyObject {
    /// The store's change signal; a different value means another write happened.
    func changeToken() throws -> Int64
    /// What the dashboard shows at `now`.
    func dashboard(at now: Instant, countdownLimit: Int) throws -> DashboardData
    /// One page of the queue and the number of matching cases.
    func queuePage(_ query: QueueQuery, offset: Int, limit: Int) throws -> QueuePage
    /// The on-duty roster with each handler's open load, for the reassign picker.
    func roster(at now: Instant) throws -> [RosterEntry]
    /// Values for the branch filter.
    func branches() throws -> [String]
    /// Reassigns cases (all or nothing, audited by the desk).
    func assign(_ numbers: [String], to handler: String) throws
    /// A case and its timeline for the read-only case view.
    func caseDetail(_ number: String) throws -> CaseDetail
    /// Acknowledges an alert in the name of the console's user.
    func acknowledge(alertID: String) throws
    /// Runs the alert rules at `now` (called from a background thread once a second); true when
    /// alerts or crisis events changed, so the screen reloads.
    func evaluateAlerts(at now: Instant) throws -> Bool
    /// The figures of the Reports screen for a period (the same computations as `console report`).
    func report(_ period: ReportPeriod) throws -> ReportScreenData

    // MARK: part 2 — working a case, intake, crisis board (defaults in DeskDataSource+Work.swift)

    /// The intake form's defaults for this operator at `now`.
    func intakeDefaults(at now: Instant) throws -> IntakeDefaults
    /// Earlier cases a new complaint with these identifiers may repeat (CaseDesk.repeatCandidates).
    func repeatSuggestions(phone: String, idNumber: String, policyNumber: String) throws -> [RepeatCandidate]
    /// Takes a complaint in (CaseDesk.intake), linked as a repeat when asked; proposes a crisis
    /// event over it when asked. Returns the case and the proposed event's id.
    func intake(_ draft: CaseDraft, repeatOf: String?, proposeCrisis: Bool) throws -> (ComplaintCase, Int64?)
    /// A workflow action at the version the person saw (CaseDesk.act); a newer version is a `CaseConflict`.
    func act(_ number: String, _ action: WorkflowAction, _ input: ActionInput, expectedVersion: Int) throws -> ComplaintCase
    /// Raises or lowers severity (CaseDesk.setSeverity).
    func setSeverity(_ number: String, to severity: Severity, reason: String, expectedVersion: Int) throws -> ComplaintCase
    /// Links a case as a repeat of an earlier one (CaseDesk.linkRepeat).
    func linkRepeat(_ number: String, to earlier: String) throws -> ComplaintCase
    /// Marks a complaint valid (with the responsible staff) or invalid (CaseDesk.determineValidity).
    func determineValidity(_ number: String, valid: Bool, reason: String, responsible: String, lead: String) throws
    /// Declares a crisis over a case: its proposed event, or a new one proposed and declared. Returns the event id.
    func declareCrisis(fromCase number: String, eventID: Int64?, title: String) throws -> Int64
    /// Reveals a case's personal data for a reason (audited first, CaseDesk.reveal).
    func reveal(_ number: String, reason: String) throws -> CaseDetail
    /// Every crisis event with its cases and reports, and the report policy.
    func crisisBoard() throws -> CrisisBoardData
    /// The crisis desk's commands (CaseDesk+Crisis).
    func proposeCrisis(title: String, cases: [String], trigger: CrisisTrigger) throws -> Int64
    func declareCrisis(_ id: Int64) throws
    func dismissCrisis(_ id: Int64, reason: String) throws
    func fileCrisisReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String) throws
    func closeCrisis(_ id: Int64, cause: String, lessons: String) throws
    func archiveCrisis(_ id: Int64) throws
    // The assign and alerts screens (issue 7, part b); stand-ins get `NotAvailable` (DeskDataSource+Assign.swift).
    /// Every case-taking user on duty or still holding open cases, with load and worst clock.
    func handlerBoard(at now: Instant) throws -> [RosterEntry]
    /// The balanced move of a handler's open cases to those on duty (nothing written).
    func proposeMoveAll(from handler: String) throws -> MoveAllPlan
    /// Writes a proposed move in one transaction; returns how many cases moved.
    func applyMoveAll(_ plan: MoveAllPlan) throws -> Int
    /// The Alerts screen's list.
    func alertList(_ filter: AlertListFilter) throws -> [AlertListItem]
    /// Acknowledges several alerts at once (all or none); returns how many changed.
    func acknowledge(alertIDs: [String]) throws -> Int
}

extension DeskDataSource {
    /// Stand-ins without alert rules have nothing to evaluate.
    public func evaluateAlerts(at now: Instant) throws -> Bool { false }

    /// Stand-ins without reports say so.
    public func report(_ period: ReportPeriod) throws -> ReportScreenData {
        throw NotAvailable("reports are not available here / 此处无报表")
    }
}

/// The queue's filter and sort, as the console state holds them.
public struct QueueQuery: Equatable, Sendable {
    public var filter: CaseFilter
    public var sort: ConsoleQueries.SortColumn = .due
    public var descending = false

    /// An open-cases queue sorted by due time.
    public init(filter: CaseFilter = QueueQuery.openCases) { self.filter = filter }

    /// The default filter: open cases.
    public static var openCases: CaseFilter { var f = CaseFilter(); f.openness = .open; return f }
}

/// A queue row: the case and its stage clocks (read every tick without the database).
public struct CaseRow: Sendable {
    public var item: ComplaintCase
    public var clocks: [StageClock]

    /// Creates a row.
    public init(_ item: ComplaintCase, clocks: [StageClock]) { self.item = item; self.clocks = clocks }
    /// The case number.
    public var number: String { item.number }
}

/// A page of queue rows.
public struct QueuePage: Sendable {
    public var query: QueueQuery
    public var offset: Int
    public var rows: [CaseRow]
    public var total: Int
    /// Creates a page.
    public init(query: QueueQuery, offset: Int, rows: [CaseRow], total: Int) {
        self.query = query; self.offset = offset; self.rows = rows; self.total = total
    }
}

/// A handler the picker offers.
public struct RosterEntry: Sendable, Equatable {
    public var user: DeskUser
    public var openLoad: Int
    /// The earliest due time among their open cases (the "worst clock"); nil when none runs one.
    public var earliestDue: Instant?
    /// On a duty shift now (the assign screen also lists absent handlers who still hold cases).
    public var onDuty: Bool
    /// Creates an entry.
    public init(user: DeskUser, openLoad: Int, earliestDue: Instant? = nil, onDuty: Bool = true) {
        self.user = user; self.openLoad = openLoad; self.earliestDue = earliestDue; self.onDuty = onDuty
    }
}

/// A case with its timeline.
public struct CaseDetail: Sendable {
    public var item: ComplaintCase
    public var events: [CaseEvent]
    public var clocks: [StageClock]
    /// Display names by login (王敏 for wangmin), so the screen names people as the desk knows them.
    public var names: [String: String]
    /// Creates a detail.
    public init(item: ComplaintCase, events: [CaseEvent], clocks: [StageClock], names: [String: String] = [:]) {
        self.item = item; self.events = events; self.clocks = clocks; self.names = names
    }

    /// A person as the desk knows them: the display name, or the login when there is none.
    public func person(_ login: String) -> String {
        guard let n = names[login], !n.isEmpty else { return login }
        return n
    }
}

/// What the dashboard shows: loaded on start, on a database change, and every half minute.
public struct DashboardData: Sendable {
    public var loadedAt: Instant
    /// The console's user and role (nil when not on the roster).
    public var user: DeskUser?
    public var onDuty: Int
    public var rosterActive: Int
    public var matrix: [Category: [Severity: ConsoleQueries.MatrixCell]]
    /// Open cases nearest their deadline, overdue first.
    public var countdown: [CaseRow]
    public var alerts: [DeskAlert]
    /// How many active alerts nobody acknowledged (the pane shows only the first ones); nil when unknown.
    public var unacknowledgedAlerts: Int?
    public var crises: [CrisisSummary]
    /// Cases received per hour, the last 24 hours, oldest first.
    public var intake: [Int]
    public var unassigned: Int
    /// The business calendar, read (without the database) for the header's holiday state.
    public var businessCalendar: WorkCalendar?
    /// A part of the dashboard (alerts, crises) that could not be read because of a value in the
    /// file no console writes; the rest is shown, and this takes the ticker's line.
    public var problem: String?

    /// Creates dashboard data.
    public init(loadedAt: Instant, user: DeskUser?, onDuty: Int, rosterActive: Int,
                matrix: [Category: [Severity: ConsoleQueries.MatrixCell]], countdown: [CaseRow], alerts: [DeskAlert],
                crises: [CrisisSummary], intake: [Int], unassigned: Int, businessCalendar: WorkCalendar?) {
        self.loadedAt = loadedAt; self.user = user; self.onDuty = onDuty; self.rosterActive = rosterActive
        self.matrix = matrix; self.countdown = countdown; self.alerts = alerts; self.crises = crises
        self.intake = intake; self.unassigned = unassigned; self.businessCalendar = businessCalendar
    }
}

/// Raised by a data source for an action the desk does not offer yet.
public struct NotAvailable: Error, CustomStringConvertible {
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
