/// The desk at a glance, as one reader may see it at an instant: open cases by category and
/// severity with how many are overdue, the open cases nearest their deadline, who is on duty, the
/// last day's intake by hour. What `console dashboard` prints and the full-screen dashboard draws.
///
/// Report cases (举报件) count only for readers who may see them: every figure is read in one
/// transaction that resolves the reader's role first (docs/access-control.md).
public struct DeskDashboard: Sendable {
    /// One cell of the matrix: open cases and how many of them are past their next deadline.
    public struct Cell: Sendable, Equatable {
        public var open: Int
        public var overdue: Int
        /// Creates a cell.
        public init(open: Int, overdue: Int) { self.open = open; self.overdue = overdue }
    }

    /// The instant the figures are for.
    public var at: Instant
    /// The reader as the roster knows them (nil when not on it).
    public var reader: DeskUser?
    /// Who is on a duty shift now.
    public var onDuty: [DeskUser]
    /// Active users on the roster.
    public var activeUsers: Int
    /// Open cases by category × severity.
    public var matrix: [Category: [Severity: Cell]]
    /// Open cases with a deadline, nearest first, with their stage clocks.
    public var nearest: [CaseRow]
    /// Open cases without a handler.
    public var unassigned: Int
    /// Cases received in each of the last 24 hours, oldest first (the last is the current hour).
    public var intakeByHour: [Int]

    /// Open cases past their next deadline.
    public var overdue: Int { matrix.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.overdue } } }

    /// Open cases in one cell (0 when none).
    public func open(_ c: Category, _ s: Severity) -> Int { matrix[c]?[s]?.open ?? 0 }

    /// Creates figures (tests and stand-ins).
    public init(at: Instant, reader: DeskUser?, onDuty: [DeskUser], activeUsers: Int, matrix: [Category: [Severity: Cell]],
                nearest: [CaseRow], unassigned: Int, intakeByHour: [Int]) {
        self.at = at; self.reader = reader; self.onDuty = onDuty; self.activeUsers = activeUsers; self.matrix = matrix
        self.nearest = nearest; self.unassigned = unassigned; self.intakeByHour = intakeByHour
    }
}

extension CaseDesk {
    /// The dashboard at `now` for `actor`, with the `nearest` open cases nearest their deadline.
    public func dashboard(at now: Instant, nearest limit: Int, actor: Actor) throws -> DeskDashboard {
        let d = try store.read { db -> DeskDashboard in
            // The role is read in every snapshot: a change on the roster counts at the next refresh.
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            var nearest = CaseFilter()
            nearest.visibility = visibility
            nearest.openness = .open
            nearest.sort = .due
            nearest.limit = limit
            var unassigned = CaseFilter()
            unassigned.visibility = visibility
            unassigned.openness = .open
            unassigned.handlers = [""]
            let rows = try CaseRecords.list(nearest, db).filter { $0.nextDueAt != nil }
            return DeskDashboard(
                at: now, reader: try Roster.user(actor.name, db), onDuty: try Roster.onDuty(at: now, db),
                activeUsers: try Roster.all(db).filter(\.active).count, matrix: try ConsoleQueries.matrix(at: now, visibility: visibility, db),
                nearest: rows.map { CaseRow($0, clocks: []) }, unassigned: try CaseRecords.count(unassigned, db),
                intakeByHour: try ConsoleQueries.hourlyIntake(endingAt: now, visibility: visibility, db))
        }
        var out = d
        out.nearest = d.nearest.map { CaseRow($0.item, clocks: clocks(of: $0.item)) }
        return out
    }
}
