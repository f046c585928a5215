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
    /// Only what moves with the clock alone: the case figures with the countdown, and the crisis
    /// line's order (the half-minute refresh; the alerts move only when the desk does).
    func dashboardFigures(at now: Instant, countdownLimit: Int) throws -> DashboardFigures
}

/// The part of the dashboard that moves with the clock alone.
public struct DashboardFigures: Sendable {
    public var cases: DeskDashboard
    /// Nil when it could not be read (the full reload names the problem).
    public var crisis: CrisisPicture?
    /// Creates figures.
    public init(cases: DeskDashboard, crisis: CrisisPicture?) { self.cases = cases; self.crisis = crisis }
}

extension DashboardSource {
    public func dashboardFigures(at now: Instant, countdownLimit: Int) throws -> DashboardFigures {
        let d = try dashboard(at: now, countdownLimit: countdownLimit)
        return DashboardFigures(cases: d.cases, crisis: d.crisis)
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

    public func dashboardFigures(at now: Instant, countdownLimit: Int) throws -> DashboardFigures {
        let cases = try desk.dashboard(at: now, nearest: countdownLimit, actor: actor)
        return DashboardFigures(cases: cases, crisis: try? CrisisPicture.load(desk, at: now, actor: actor))
    }
}

/// Reads the dashboard (on start, on a change, every half minute).
public struct LoadDashboard: DeskRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> DashboardData {
        try desk.source(DashboardSource.self).dashboard(at: desk.now, countdownLimit: desk.settings.countdownLimit)
    }
    public func apply(_ d: DashboardData, to s: inout ConsoleState) -> [Effect] {
        s.dashboard.data = d
        s.dashboard.stale = false
        s.dashboard.countdown.clamp(count: d.countdown.count, visible: DashboardLayout(width: s.width, height: s.height).countdownRows)
        s.dashboard.alerts.clamp(count: d.board?.groups.count ?? 0, visible: DashboardLayout(width: s.width, height: s.height).alertRows)
        return []
    }
}

/// Every half minute at rest: the figures that move with the clock, without the alert board and
/// overview, which on a big desk are most of a full read and change only when the desk does
/// (then `databaseChanged` reads everything).
public struct RefreshDashboardFigures: DeskRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> DashboardFigures {
        try desk.source(DashboardSource.self).dashboardFigures(at: desk.now, countdownLimit: desk.settings.countdownLimit)
    }
    public func apply(_ f: DashboardFigures, to s: inout ConsoleState) -> [Effect] {
        guard var d = s.dashboard.data else { return [.loadDashboard] }
        d.cases = f.cases
        if let crisis = f.crisis, d.problem == nil { d.crisis = crisis }
        s.dashboard.data = d
        s.dashboard.countdown.clamp(count: d.countdown.count, visible: DashboardLayout(width: s.width, height: s.height).countdownRows)
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
