import GRDB

/// One person on the roster with what they hold, as one reader may see it.
public struct RosterRow: Sendable, Equatable {
    public var user: DeskUser
    public var onDuty: Bool
    /// Their open cases that the reader may see.
    public var openCases: Int
}

extension CaseDesk {
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
    public func backup(to destination: String, actor: Actor, progress: ProgressSink? = nil) throws {
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.backup, actor, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "backup",
                                             detail: ["to": destination]), db)
        }
        try store.backup(to: destination, progress: progress)
    }
}
