import CaseModel
import ConsoleUI
import Foundation

/// A desk in memory, for fast screen tests: no SQLite, no files, no roster checks. It answers the
/// read slices of the screens (dashboard, queue, case, lookups, assign board, alerts) from plain
/// arrays and records the commands it is asked for, so a test builds exactly the desk it needs
/// and looks at the screen and at what was asked.
///
/// It filters the queue by openness, category, severity, handler and an exact number search, and
/// sorts by due time (enough for screens; the real filtering is CaseModel's, tested there).
public final class FakeDesk: DeskDataSource, DashboardSource, QueueSource, CaseScreenSource, LookupSource, AssignSource,
    @unchecked Sendable {
    public var cases: [ComplaintCase]
    public var users: [DeskUser]
    /// Logins on duty.
    public var onDuty: Set<String>
    public var alerts: [AlertListItem] = []
    /// The desk's tools (FakeDesk+Tools.swift): the scripts offered for any case or event, the
    /// handover and the roster board (taken from a real desk by the test), and what the roster
    /// commands answer.
    public var fittingScripts: [FilledScript] = []
    public var handoverShown: Handover?
    public var rosterShown: RosterBoard?
    /// Commands asked for, in order (`assign TS-… → liqiang`, `acknowledge A1`).
    public private(set) var asked: [String] = []
    /// Reads performed, by slice (`queuePage`, `dashboard`), to check what a screen reloads.
    public private(set) var reads: [String] = []
    private let lock = NSLock()

    /// A desk of these cases and users.
    public init(cases: [ComplaintCase], users: [DeskUser], onDuty: Set<String>? = nil) {
        self.cases = cases
        self.users = users
        self.onDuty = onDuty ?? Set(users.map(\.name))
    }

    /// `count` open cases received an hour apart before `now`, due `step` minutes apart from an
    /// hour ago (so the first are overdue), spread over categories, severities and `handlers`.
    public static func generated(count: Int, now: Instant = Fixture.now, handlers: [String] = ["liqiang", "zhangqiang"],
                                 step: Int64 = 7) -> FakeDesk {
        let categories = Category.allCases, severities = Severity.ordered
        let cases = (0..<count).map { i -> ComplaintCase in
            var c = ComplaintCase(number: String(format: "TS-20260217-%04d", i + 1), receivedAt: now.adding(seconds: -3600 * Int64(i % 48 + 1)),
                                  receivingOperator: "zhoufang", branch: "上海分公司", category: categories[i % categories.count],
                                  summary: "理赔款未到账 \(i + 1)")
            c.id = Int64(i + 1)
            c.severity = severities[i % severities.count]
            c.handler = handlers.isEmpty ? nil : handlers[i % handlers.count]
            c.nextDueAt = now.adding(seconds: -3600 + step * 60 * Int64(i))
            return c
        }
        let users = [DeskUser(name: "wangmin", displayName: "王敏", team: "理赔组", role: .teamLead)]
            + handlers.map { DeskUser(name: $0, displayName: $0, team: "理赔组", role: .handler) }
        return FakeDesk(cases: cases, users: users)
    }

    private func note(read: String) { lock.withLock { reads.append(read) } }
    func note(asked text: String) { lock.withLock { asked.append(text) } }

    // MARK: DeskDataSource

    public func changeToken() throws -> Int64 { Int64(lock.withLock { asked.count }) }
    public func evaluateAlerts(at now: Instant) throws -> Bool { false }

    // MARK: slices

    public func dashboard(at now: Instant, countdownLimit: Int) throws -> DashboardData {
        note(read: "dashboard")
        let open = cases.filter(\.isOpen)
        var matrix: [Category: [Severity: DeskDashboard.Cell]] = [:]
        for c in open {
            var cell = matrix[c.category]?[c.severity] ?? DeskDashboard.Cell(open: 0, overdue: 0)
            cell.open += 1
            if let due = c.nextDueAt, due < now { cell.overdue += 1 }
            matrix[c.category, default: [:]][c.severity] = cell
        }
        let nearest = open.filter { $0.nextDueAt != nil }.sorted { $0.nextDueAt! < $1.nextDueAt! }.prefix(countdownLimit)
        let figures = DeskDashboard(at: now, reader: users.first { $0.name == Fixture.user }, onDuty: users.filter { onDuty.contains($0.name) },
                                    activeUsers: users.filter(\.active).count, matrix: matrix,
                                    nearest: nearest.map { CaseRow($0, clocks: []) }, unassigned: open.filter { $0.handler == nil }.count,
                                    intakeByHour: [Int](repeating: 0, count: 24))
        return DashboardData(cases: figures, alerts: alerts.map(\.alert))
    }

    public func acknowledge(alertID: String) throws { note(asked: "acknowledge \(alertID)") }

    public func queuePage(_ query: QueueQuery, offset: Int, limit: Int) throws -> QueuePage {
        note(read: "queuePage")
        let f = query.filter
        var rows = cases.filter { c in
            (f.openness == .any || (f.openness == .open) == c.isOpen)
                && (f.categories.isEmpty || f.categories.contains(c.category))
                && (f.severities.isEmpty || f.severities.contains(c.severity))
                && (f.handlers.isEmpty || f.handlers.contains(c.handler ?? ""))
                && (f.search.isEmpty || c.number == f.search)
        }
        rows.sort { ($0.nextDueAt?.seconds ?? .max, $0.number) < ($1.nextDueAt?.seconds ?? .max, $1.number) }
        if query.descending { rows.reverse() }
        let page = rows.dropFirst(max(0, offset)).prefix(max(0, limit))
        return QueuePage(query: query, offset: offset, rows: page.map { CaseRow($0, clocks: []) }, total: rows.count)
    }

    public func caseDetail(_ number: String) throws -> CaseDetail {
        note(read: "caseDetail")
        guard let c = cases.first(where: { $0.number == number }) else { throw DomainError.caseNotFound(number) }
        return CaseDetail(item: c, events: [], clocks: [], names: Dictionary(uniqueKeysWithValues: users.map { ($0.name, $0.displayName) }))
    }

    public func act(_ number: String, _ action: WorkflowAction, _ input: ActionInput, expectedVersion: Int) throws -> ComplaintCase {
        note(asked: "act \(number) \(action.rawValue)" + (input.script.map { " script \($0.id) v\($0.version) edited=\($0.edited)" } ?? ""))
        throw NotAvailable("the fake desk does not work cases")
    }
    public func setSeverity(_ number: String, to severity: Severity, reason: String, expectedVersion: Int) throws -> ComplaintCase {
        throw NotAvailable("the fake desk does not work cases")
    }
    public func linkRepeat(_ number: String, to earlier: String) throws -> ComplaintCase { throw NotAvailable("the fake desk does not work cases") }
    public func determineValidity(_ number: String, valid: Bool, reason: String, responsible: String, lead: String) throws {
        throw NotAvailable("the fake desk does not work cases")
    }
    public func declareCrisis(fromCase number: String, eventID: Int64?, title: String) throws -> Int64 {
        throw NotAvailable("the fake desk has no crisis events")
    }
    public func reveal(_ number: String, reason: String) throws -> CaseDetail {
        note(asked: "reveal \(number)")
        return try caseDetail(number)
    }

    public func caseTakers(at now: Instant) throws -> [HandlerLoad] {
        try handlerBoard(at: now).filter(\.onDuty).sorted { ($0.openLoad, $0.user.name) < ($1.openLoad, $1.user.name) }
    }
    public func branches() throws -> [String] { Array(Set(cases.filter(\.isOpen).map(\.branch))).sorted() }

    public func handlerBoard(at now: Instant) throws -> [HandlerLoad] {
        note(read: "handlerBoard")
        // As the desk's board: on duty or holding cases; absent people holding cases first, then by load.
        return users.filter { $0.role == .handler || $0.role == .teamLead }.map { u in
            let mine = cases.filter { $0.isOpen && $0.handler == u.name }
            return HandlerLoad(user: u, openLoad: mine.count, earliestDue: mine.compactMap(\.nextDueAt).min(), onDuty: onDuty.contains(u.name))
        }
        .filter { $0.onDuty || $0.openLoad > 0 }
        .sorted { ($0.onDuty ? 1 : 0, -$0.openLoad, $0.user.name) < ($1.onDuty ? 1 : 0, -$1.openLoad, $1.user.name) }
    }

    public func assign(_ numbers: [String], to handler: String) throws {
        note(asked: "assign \(numbers.joined(separator: ",")) → \(handler)")
        for i in cases.indices where numbers.contains(cases[i].number) { cases[i].handler = handler }
    }

    /// Seconds each case of a move-all takes (to watch a long effect from a test).
    public var secondsPerMove = 0.0

    /// Every open case of `handler` to the others on duty, in turn (no balancing: a stand-in).
    public func proposeMoveAll(from handler: String) throws -> MoveAllPlan {
        guard let from = users.first(where: { $0.name == handler || $0.displayName == handler }) else { throw DomainError.caseNotFound(handler) }
        let others = users.filter { $0.name != from.name && onDuty.contains($0.name) && $0.role == .handler }
        guard !others.isEmpty else { throw NotAvailable("nobody to move the cases to") }
        let mine = cases.filter { $0.isOpen && $0.handler == from.name }
        let moves = mine.enumerated().map { MoveAllPlan.Move(number: $1.number, to: others[$0 % others.count].name, version: $1.version, due: $1.nextDueAt) }
        let shares = others.map { u in MoveAllPlan.Share(user: u, before: cases.filter { $0.isOpen && $0.handler == u.name }.count,
                                                           added: moves.filter { $0.to == u.name }.count) }
        return MoveAllPlan(from: from, moves: moves, shares: shares)
    }

    /// Moves the cases one by one, reporting each.
    public func applyMoveAll(_ plan: MoveAllPlan, progress: @escaping @Sendable (Int) -> Void) throws -> Int {
        note(asked: "move-all \(plan.from.name) \(plan.moves.count)")
        for (i, m) in plan.moves.enumerated() {
            if secondsPerMove > 0 { Thread.sleep(forTimeInterval: secondsPerMove) }
            lock.withLock { if let k = cases.firstIndex(where: { $0.number == m.number }) { cases[k].handler = m.to } }
            progress(i + 1)
        }
        return plan.moves.count
    }
}
