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
    /// When the clock alone next moves each figure (the desk unchanged): a console at rest reads
    /// again only what moved, when it moved (docs/memory.md).
    public var moves: ClockMoves

    /// Open cases past their next deadline.
    public var overdue: Int { matrix.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.overdue } } }

    /// Open cases in one cell (0 when none).
    public func open(_ c: Category, _ s: Severity) -> Int { matrix[c]?[s]?.open ?? 0 }

    /// Creates figures (tests and stand-ins). Without `moves`, only the hour moves the intake.
    public init(at: Instant, reader: DeskUser?, onDuty: [DeskUser], activeUsers: Int, matrix: [Category: [Severity: Cell]],
                nearest: [CaseRow], unassigned: Int, intakeByHour: [Int], moves: ClockMoves? = nil) {
        self.at = at; self.reader = reader; self.onDuty = onDuty; self.activeUsers = activeUsers; self.matrix = matrix
        self.nearest = nearest; self.unassigned = unassigned; self.intakeByHour = intakeByHour
        self.moves = moves ?? ClockMoves(overdue: nil, intake: ClockMoves.nextHour(after: at), onDuty: nil)
    }

    /// The figures the clock alone moves, each read on its own.
    public enum Part: Sendable, Hashable, CaseIterable {
        /// The matrix (its overdue counts move as due times pass).
        case matrix
        /// The intake by hour (the hour turns; a case's receipt time passes).
        case intake
        /// Who is on duty (a shift starts or ends).
        case onDuty
    }

    /// The first instant, after the figures were read, at which the clock alone changes each
    /// figure; nil: never while the desk stays as it is. Every other figure (the nearest cases,
    /// the unassigned count, the roster) moves only with a write, which moves the change token.
    public struct ClockMoves: Sendable, Equatable {
        /// An open case's due time passes: one more overdue (a case is overdue once `now` is past it).
        public var overdue: Instant?
        /// The next hour begins, or a case's receipt time is reached.
        public var intake: Instant
        /// A duty shift starts or ends.
        public var onDuty: Instant?

        /// Creates the instants.
        public init(overdue: Instant?, intake: Instant, onDuty: Instant?) {
            self.overdue = overdue; self.intake = intake; self.onDuty = onDuty
        }

        /// The parts the clock has moved by `now`.
        public func moved(by now: Instant) -> Set<Part> {
            var parts: Set<Part> = []
            if let t = overdue, now >= t { parts.insert(.matrix) }
            if now >= intake { parts.insert(.intake) }
            if let t = onDuty, now >= t { parts.insert(.onDuty) }
            return parts
        }

        /// The first of the instants.
        public var next: Instant { [overdue, onDuty].compactMap { $0 }.reduce(intake) { min($0, $1) } }

        /// The start of the hour after `t`, as the intake's buckets count hours.
        static func nextHour(after t: Instant) -> Instant {
            Instant(seconds: (t.seconds - (t.seconds % 3600)).addingClamped(3600))
        }
    }

    /// The parts of the figures the clock moved, read again at `at`, with the instants they move next.
    public struct Refresh: Sendable {
        public var at: Instant
        public var matrix: [Category: [Severity: Cell]]?
        public var intakeByHour: [Int]?
        public var onDuty: [DeskUser]?
        public var moves: ClockMoves
        /// Creates a refresh (stand-ins).
        public init(at: Instant, matrix: [Category: [Severity: Cell]]? = nil, intakeByHour: [Int]? = nil, onDuty: [DeskUser]? = nil, moves: ClockMoves) {
            self.at = at; self.matrix = matrix; self.intakeByHour = intakeByHour; self.onDuty = onDuty; self.moves = moves
        }
    }

    /// These figures with the parts of `r` replaced: the figures at `r.at` while the desk is unchanged.
    public func updated(with r: Refresh) -> DeskDashboard {
        var d = self
        d.at = r.at
        if let m = r.matrix { d.matrix = m }
        if let i = r.intakeByHour { d.intakeByHour = i }
        if let o = r.onDuty { d.onDuty = o }
        d.moves = r.moves
        return d
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
                intakeByHour: try ConsoleQueries.hourlyIntake(endingAt: now, visibility: visibility, db),
                moves: try ConsoleQueries.clockMoves(after: now, visibility: visibility, db))
        }
        var out = d
        out.nearest = d.nearest.map { CaseRow($0.item, clocks: clocks(of: $0.item)) }
        return out
    }

    /// Only `parts` of the dashboard read again at `now` for `actor`, with the instants every part
    /// moves next (a few index lookups): what a console at rest reads when the clock has moved a
    /// figure and nothing was written (a write reads the whole dashboard again).
    public func dashboardRefresh(_ parts: Set<DeskDashboard.Part>, at now: Instant, actor: Actor) throws -> DeskDashboard.Refresh {
        try store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            return DeskDashboard.Refresh(
                at: now,
                matrix: parts.contains(.matrix) ? try ConsoleQueries.matrix(at: now, visibility: visibility, db) : nil,
                intakeByHour: parts.contains(.intake) ? try ConsoleQueries.hourlyIntake(endingAt: now, visibility: visibility, db) : nil,
                onDuty: parts.contains(.onDuty) ? try Roster.onDuty(at: now, db) : nil,
                moves: try ConsoleQueries.clockMoves(after: now, visibility: visibility, db))
        }
    }
}
