import CaseModel
import TerminalKit

/// The console's data source over a `CaseDesk`: SQL paging and filtering through CaseModel, never
/// loading all cases.
public final class CaseModelDataSource: DeskDataSource, @unchecked Sendable {
    public let desk: CaseDesk
    public let actor: Actor
    /// Turns data into alerts and crisis proposals; run from the console's background thread.
    private let evaluator: AlertEvaluator

    /// Creates a data source acting as `actor`.
    public init(desk: CaseDesk, actor: Actor) {
        self.desk = desk
        self.actor = actor
        self.evaluator = AlertEvaluator(desk: desk)
    }

    public func evaluateAlerts(at now: Instant) throws -> Bool {
        let r = try evaluator.tick(at: now)
        return r.rebuilt || !r.raised.isEmpty || r.cleared > 0 || !r.proposedEvents.isEmpty
    }

    public func changeToken() throws -> Int64 { try desk.store.changeToken() }

    public func dashboard(at now: Instant, countdownLimit: Int) throws -> DashboardData {
        let name = actor.name
        var data = try desk.store.read { db -> DashboardData in
            // The role is read in every snapshot: a change on the roster counts at the next refresh.
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            var nearest = CaseFilter()
            nearest.visibility = visibility
            nearest.openness = .open
            nearest.sort = .due
            nearest.limit = countdownLimit
            var unassigned = CaseFilter()
            unassigned.visibility = visibility
            unassigned.openness = .open
            unassigned.handlers = [""]
            let rows = try CaseRecords.list(nearest, db).filter { $0.nextDueAt != nil }
            return DashboardData(
                loadedAt: now, user: try Roster.user(name, db), onDuty: try Roster.onDuty(at: now, db).count,
                rosterActive: try Roster.all(db).filter(\.active).count, matrix: try ConsoleQueries.matrix(at: now, visibility: visibility, db),
                countdown: rows.map { CaseRow($0, clocks: []) }, alerts: [], crises: [],
                intake: try ConsoleQueries.hourlyIntake(endingAt: now, visibility: visibility, db), unassigned: try CaseRecords.count(unassigned, db),
                businessCalendar: desk.policy.calendars["business"])
        }
        data.countdown = data.countdown.map { CaseRow($0.item, clocks: desk.clocks(of: $0.item)) }
        // One tampered alert or crisis row must not blank the whole dashboard: that part is left
        // empty and the reason shown instead (StoredValueError names the row and column).
        do {
            data.alerts = try DeskAlerts.current(desk, at: now, limit: 50, actor: actor)
            data.unacknowledgedAlerts = try DeskAlerts.counts(desk, actor: actor).unacknowledged
        } catch let e as StoredValueError { data.problem = e.description }
        do { data.crises = try DeskCrises.active(desk, at: now, actor: actor) } catch let e as StoredValueError { data.problem = data.problem ?? e.description }
        return data
    }

    public func queuePage(_ query: QueueQuery, offset: Int, limit: Int) throws -> QueuePage {
        var filter = query.filter
        let (rows, total) = try desk.store.read { db in
            filter.visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            return (try ConsoleQueries.page(filter, sort: query.sort, descending: query.descending, offset: offset, limit: limit, db),
             try CaseRecords.count(filter, db))
        }
        return QueuePage(query: query, offset: offset, rows: rows.map { CaseRow($0, clocks: desk.clocks(of: $0)) }, total: total)
    }

    public func roster(at now: Instant) throws -> [RosterEntry] {
        try desk.store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            let work = try HandlerWorkload.byHandler(visibility, db)
            return try Roster.onDuty(at: now, db)
                .filter { Self.takesCases($0.role) }
                .map { RosterEntry(user: $0, openLoad: work[$0.name]?.open ?? 0, earliestDue: work[$0.name]?.earliestDue) }
                .sorted { ($0.openLoad, $0.user.name) < ($1.openLoad, $1.user.name) }
        }
    }

    public func branches() throws -> [String] {
        try desk.store.read { db in
            try ConsoleQueries.openBranches(visibility: CaseVisibility.of(try Permissions.require(.readCases, actor, db).role), db)
        }
    }

    public func assign(_ numbers: [String], to handler: String) throws {
        try desk.assign(numbers, to: handler, actor: actor)
    }

    public func caseDetail(_ number: String) throws -> CaseDetail {
        let (c, events) = try desk.detail(number, actor: actor)
        return CaseDetail(item: c, events: events, clocks: desk.clocks(of: c), names: try userNames())
    }

    /// Display names by login, for the case screen (the roster is tens of people: one small read).
    func userNames() throws -> [String: String] {
        try desk.store.read { db in
            Dictionary(try Roster.all(db).map { ($0.name, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public func report(_ period: ReportPeriod) throws -> ReportScreenData {
        let summary = try HolidaySummary.compute(desk, period: period, actor: actor)
        let metrics = try MetricsReport.compute(desk, period: period, actor: actor)
        return ReportScreenData(summary: summary, metrics: metrics)
    }

    public func acknowledge(alertID: String) throws {
        try DeskAlerts.acknowledge(desk, ids: [alertID], actor: actor)
    }
}
