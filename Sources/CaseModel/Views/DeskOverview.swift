import GRDB

/// The desk at a glance, as one reader may see it: what `console dashboard` prints.
public struct DeskOverview: Sendable {
    /// Open cases by category and severity.
    public var matrix: [Category: [Severity: Int]]
    /// The open cases nearest their next deadline, soonest first.
    public var nearest: [ComplaintCase]
    /// Who is on duty now.
    public var onDuty: [DeskUser]
    /// Open cases without a handler.
    public var unassigned: Int
    /// Open cases whose next deadline has passed.
    public var overdue: Int
}

/// One person on the roster with what they hold, as one reader may see it.
public struct RosterRow: Sendable, Equatable {
    public var user: DeskUser
    public var onDuty: Bool
    /// Their open cases that the reader may see.
    public var openCases: Int
}

extension CaseDesk {
    /// The overview at `now` for `actor` (report cases 举报件 count only for those who may see them).
    public func overview(at now: Instant, nearest limit: Int, actor: Actor) throws -> DeskOverview {
        try store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            var open = CaseFilter(); open.openness = .open; open.visibility = visibility
            var nearest = open; nearest.sort = .due; nearest.limit = limit
            var unassigned = open; unassigned.handlers = [""]
            var overdue = open; overdue.dueBefore = now
            return DeskOverview(matrix: try CaseRecords.openMatrix(db, visibility: visibility), nearest: try CaseRecords.list(nearest, db),
                                onDuty: try Roster.onDuty(at: now, db), unassigned: try CaseRecords.count(unassigned, db),
                                overdue: try CaseRecords.count(overdue, db))
        }
    }

    /// The roster with who is on duty at `now` and each person's open cases, as `actor` may see them.
    public func roster(at now: Instant, actor: Actor) throws -> [RosterRow] {
        try store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readRoster, actor, db).role)
            let onDuty = Set(try Roster.onDuty(at: now, db).map(\.name))
            let load = try AccessControl.openLoad(visibility, db)
            return try Roster.all(db).map { RosterRow(user: $0, onDuty: onDuty.contains($0.name), openCases: load[$0.name] ?? 0) }
        }
    }

    /// Copies the whole database (report cases included) to a new file with SQLite's online
    /// backup: administrators only, recorded in the audit trail.
    public func backup(to destination: String, actor: Actor) throws {
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.backup, actor, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "backup",
                                             detail: ["to": destination]), db)
        }
        try store.backup(to: destination)
    }
}
