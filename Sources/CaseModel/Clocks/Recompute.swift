import GRDB

/// What `recomputeDueTimes` did.
public struct RecomputeResult: Sendable {
    /// An empty result.
    public init() {}
    public var examined = 0
    public var changed = 0
}

extension CaseDesk {
    /// Refreshes the stored next due time of every open or awaiting-callback case from the current
    /// policy and calendars (after a desk edits them). Derived data only: no version bump, one
    /// desk-level event naming the policy version. Each track is refreshed by its own people (team
    /// leads and administrators the general cases, the president's office the report cases), so
    /// the counts printed and recorded never include cases the actor cannot see.
    public func recomputeDueTimes(actor: Actor, progress: ProgressSink? = nil) throws -> RecomputeResult {
        let now = clock.now()
        return try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            let tracks = TrackScope(.recompute, actor)
            try tracks.requireAny(.recompute, actor)
            var result = RecomputeResult()
            var updates: [(Int64, Int64?)] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(CaseColumns.selectList) FROM cases WHERE (\(Schema.openCondition) OR status = 'closed') AND \(tracks.sqlCondition)")
            while let row = try cursor.next() {
                let c = try CaseColumns.decode(row)
                result.examined += 1
                progress?(result.examined, nil)
                let due = policy.nextDue(c)
                if due != c.nextDueAt { updates.append((c.id!, due?.seconds)) }
            }
            try CaseTable.setNextDue(updates, db)
            result.changed = updates.count
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "recompute",
                                             detail: tracks.marking(["policy": policy.version, "examined": String(result.examined),
                                                                     "changed": String(result.changed)])), db)
            return result
        }
    }
}
