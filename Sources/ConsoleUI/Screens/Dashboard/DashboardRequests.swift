import CaseModel
import TerminalKit

/// What the dashboard shows: the desk's figures (CaseModel's `DeskDashboard`, the same as
/// `console dashboard`), the alerts and active crises, and the business calendar for the header.
public struct DashboardData: Sendable {
    public var cases: DeskDashboard
    public var alerts: [DeskAlert]
    /// The alert pane: the role's view of the unacknowledged alerts, grouped by rule and level
    /// (`paneFilter`), with the newest alert of each group; nil when unknown.
    public var board: AlertBoard?
    /// The header's and the pane title's counts (needing action, unacknowledged, new).
    public var overview: AlertOverview?
    /// How many active alerts nobody acknowledged (the pane shows only the first ones); nil when unknown.
    public var unacknowledgedAlerts: Int?
    /// The active crisis events in urgency order with their counts (the crisis line); nil when unknown.
    public var crisis: CrisisPicture?
    /// Active crisis events, most urgent first.
    public var crises: [CrisisSummary] { crisis?.events ?? [] }
    /// The business calendar, read (without the database) for the header's holiday state.
    public var businessCalendar: WorkCalendar?
    /// Every calendar of the desk's policy (the calendar page), and whether they cover the next
    /// 90 days (the header's warning when they do not).
    public var calendars: [WorkCalendar] = []
    public var coverage: CalendarCoverage?
    /// The roster's display names (陈杰 for chenjie), for every person a screen shows.
    public var names = PeopleNames()
    /// A part of the dashboard (alerts, crises) that could not be read because of a value in the
    /// file no console writes; the rest is shown, and this takes the ticker's line.
    public var problem: String?
    /// The same problem, typed, so the ticker says it in the console's language.
    public var storedProblem: StoredValueError?

    /// Creates dashboard data.
    public init(cases: DeskDashboard, alerts: [DeskAlert] = [], unacknowledgedAlerts: Int? = nil, crisis: CrisisPicture? = nil,
                businessCalendar: WorkCalendar? = nil, problem: String? = nil) {
        self.cases = cases; self.alerts = alerts; self.unacknowledgedAlerts = unacknowledgedAlerts; self.crisis = crisis
        self.businessCalendar = businessCalendar; self.problem = problem
    }

    /// What the alert pane shows: the unacknowledged alerts of the reader's role's view
    /// (docs/alerts.md, "Views").
    public static let paneFilter = AlertListFilter(acknowledged: false, view: .roleDefault)

    /// When the figures were read.
    public var loadedAt: Instant { cases.at }
    /// Open cases nearest their deadline, overdue first.
    public var countdown: [CaseRow] { cases.nearest }
    public var matrix: [Category: [Severity: DeskDashboard.Cell]] { cases.matrix }
}

/// The slice of the desk the dashboard reads and changes.
public protocol DashboardSource {
    /// What the dashboard shows at `now`.
    func dashboard(at now: Instant, countdownLimit: Int) throws -> DashboardData
    /// Acknowledges an alert in the name of the console's user.
    func acknowledge(alertID: String) throws
    /// Only the figures the clock alone has moved (`DeskDashboard.Part`), with the instants every
    /// figure moves next; the alerts, the crisis line and the rest move only when the desk does.
    func dashboardRefresh(_ parts: Set<DeskDashboard.Part>, at now: Instant, countdownLimit: Int) throws -> DeskDashboard.Refresh
}

extension DashboardSource {
    public func dashboardRefresh(_ parts: Set<DeskDashboard.Part>, at now: Instant, countdownLimit: Int) throws -> DeskDashboard.Refresh {
        let d = try dashboard(at: now, countdownLimit: countdownLimit).cases
        return DeskDashboard.Refresh(at: now, matrix: d.matrix, intakeByHour: d.intakeByHour, onDuty: d.onDuty, moves: d.moves)
    }
}

extension CaseModelDataSource: DashboardSource {
    public func dashboard(at now: Instant, countdownLimit: Int) throws -> DashboardData {
        var data = DashboardData(cases: try desk.dashboard(at: now, nearest: countdownLimit, actor: actor),
                                 businessCalendar: desk.policy.calendars["business"])
        // The shipped calendars in the order people look them up, then a desk's own.
        let order = ["business", "duty", "24x7"]
        let names = desk.policy.calendars.names.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
        data.calendars = names.compactMap { desk.policy.calendars[$0] }
        data.coverage = desk.policy.calendarCoverage(at: now)
        data.names = try desk.peopleNames(actor: actor)
        // One tampered alert or crisis row must not blank the whole dashboard: that part is left
        // empty and the reason shown instead (StoredValueError names the row and column).
        do {
            let board = try AlertBoard.load(desk, filter: DashboardData.paneFilter, perGroup: 1, actor: actor)
            data.board = board
            data.alerts = board.groups.flatMap { $0.newest.map(\.alert) }
            let overview = try DeskAlerts.overview(desk, actor: actor)
            data.overview = overview
            data.unacknowledgedAlerts = overview.unacknowledged
        } catch let e as StoredValueError { data.problem = e.description; data.storedProblem = e }
        do { data.crisis = try CrisisPicture.load(desk, at: now, actor: actor) } catch let e as StoredValueError {
            if data.problem == nil { data.problem = e.description; data.storedProblem = e }
        }
        return data
    }

    public func acknowledge(alertID: String) throws {
        try DeskAlerts.acknowledge(desk, ids: [alertID], actor: actor)
    }

    public func dashboardRefresh(_ parts: Set<DeskDashboard.Part>, at now: Instant, countdownLimit: Int) throws -> DeskDashboard.Refresh {
        try desk.dashboardRefresh(parts, at: now, actor: actor)
    }
}

/// Reads the dashboard (on start, and when the desk changed).
public struct LoadDashboard: DeskRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> DashboardData {
        try desk.source(DashboardSource.self).dashboard(at: desk.now, countdownLimit: desk.settings.countdownLimit)
    }
    public func apply(_ d: DashboardData, to s: inout ConsoleState) -> [Effect] {
        s.dashboard.data = d
        s.dashboard.stale = false
        s.dashboard.refreshAskedAt = nil
        s.dashboard.countdown.clamp(count: d.countdown.count, visible: DashboardLayout(width: s.width, height: s.height).countdownRows)
        s.dashboard.alerts.clamp(count: d.board?.groups.count ?? 0, visible: DashboardLayout(width: s.width, height: s.height).alertRows)
        return []
    }
}

/// At rest, when the clock alone has moved a figure (a due time passed, the hour turned, a shift
/// began or ended: `DeskDashboard.ClockMoves`): only those figures, read again. The alerts, the
/// crisis line and the countdown's cases move only when the desk does (then `databaseChanged`
/// reads everything); the countdown's clocks are worked out on screen every second.
public struct RefreshDashboardFigures: DeskRequest {
    /// The figures to read again.
    public let parts: Set<DeskDashboard.Part>
    public init(_ parts: Set<DeskDashboard.Part>) { self.parts = parts }
    public func perform(_ desk: DeskContext) throws -> DeskDashboard.Refresh {
        try desk.source(DashboardSource.self).dashboardRefresh(parts, at: desk.now, countdownLimit: desk.settings.countdownLimit)
    }
    public func apply(_ r: DeskDashboard.Refresh, to s: inout ConsoleState) -> [Effect] {
        guard let d = s.dashboard.data else { return [.loadDashboard] }
        s.dashboard.refreshAskedAt = nil
        // A full read that came meanwhile is newer: it stays.
        guard r.at >= d.loadedAt else { return [] }
        s.dashboard.data?.cases = d.cases.updated(with: r)
        return []
    }
}

extension ConsoleState {
    /// The roster's display names (read with the dashboard): `s.names.name("chenjie")` is 陈杰.
    public var names: PeopleNames { dashboard.data?.names ?? PeopleNames() }
}

extension Effect {
    /// Reads the dashboard.
    public static var loadDashboard: Effect { Effect(LoadDashboard()) }
}
