import GRDB

/// Crisis events: proposal, declaration, dismissal, reports, closing and archiving (docs/crisis.md).
///
/// An event is seen through its cases: a reader sees an event only if at least one of its cases
/// is visible to them, and its people, involvement and case list count only those cases. A report
/// case (举报件) never joins an event (the report track has no crisis permissions), so on a desk
/// made by this version every event is the same for everyone; the rule keeps events made before it
/// (when a report case could be proposed) from telling a handler anything about the report.
/// A hidden event answers exactly like one that does not exist.
extension CaseDesk {
    /// Proposes an event over cases (used by the rules and by hand); returns its id.
    @discardableResult
    public func proposeCrisis(title: String, cases numbers: [String], trigger: CrisisTrigger, actor: Actor) throws -> Int64 {
        guard !numbers.isEmpty else { throw DomainError.missingField("cases") }
        guard !title.trimmed.isEmpty else { throw DomainError.missingField("title") }
        let now = clock.now()
        return try store.write { db in
            let actor = try Permissions.require(.proposeCrisis, actor, db)
            var seen = Set<String>()
            var cases: [ComplaintCase] = []
            for n in numbers where seen.insert(n).inserted {
                let c = try visibleCase(n, actor, db)
                try Permissions.require(.proposeCrisis, actor, track: CaseTrack.of(c.kind))
                cases.append(c)
            }
            return try CrisisRecords.propose(title: title, cases: cases, trigger: trigger, now: now, actor: actor, db)
        }
    }

    /// Declares a proposed event (or proposes and declares one over cases at once): its cases
    /// become crisis severity and the report clocks matter. Team leads and the crisis group only.
    public func declareCrisis(_ id: Int64, actor: Actor) throws {
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.declareCrisis, actor, db)
            var e = try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
            guard e.status == .proposed else {
                throw DomainError.malformedField(field: "event", reason: "event \(id) is \(e.status.rawValue); only a proposed event can be declared")
            }
            try db.execute(sql: "UPDATE crisis_events SET status = 'declared', declared_at = ?, declared_by = ?, updated_at = ? WHERE id = ?",
                           arguments: [now.seconds, actor.name, now.seconds, id])
            e.status = .declared
            for caseId in try CrisisRecords.caseIds(of: id, db) {
                try setCrisis(caseId: caseId, event: id, now: now, actor: actor, db)
            }
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "crisis-declare",
                                             detail: ["event": String(id), "title": e.title]), db)
        }
    }

    /// Dismisses a proposed event with a reason (it was not a crisis).
    public func dismissCrisis(_ id: Int64, reason: String, actor: Actor) throws {
        guard !reason.trimmed.isEmpty else { throw DomainError.missingField("reason") }
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.dismissCrisis, actor, db)
            let e = try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
            guard e.status == .proposed else {
                throw DomainError.malformedField(field: "event", reason: "event \(id) is \(e.status.rawValue); only a proposed event can be dismissed")
            }
            try db.execute(sql: "UPDATE crisis_events SET status = 'dismissed', dismissed_reason = ?, updated_at = ? WHERE id = ?",
                           arguments: [reason, now.seconds, id])
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "crisis-dismiss",
                                             detail: ["event": String(id), "reason": reason]), db)
        }
    }

    /// Records a report (who, to whom, when, text).
    public func fileCrisisReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String, actor: Actor) throws {
        guard !whom.trimmed.isEmpty else { throw DomainError.missingField("to") }
        guard !text.trimmed.isEmpty else { throw DomainError.missingField("text") }
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.fileCrisisReport, actor, db)
            let e = try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
            guard e.status == .declared || e.status == .proposed || (e.status == .closed && kind == .update) else {
                throw DomainError.malformedField(field: "event", reason: "event \(id) is \(e.status.rawValue); reports are filed for proposed or declared events")
            }
            try db.execute(sql: "INSERT INTO crisis_reports (event_id, kind, to_whom, at, by, text) VALUES (?,?,?,?,?,?)",
                           arguments: [id, kind.rawValue, whom, now.seconds, actor.name, text])
            if kind == .final {
                try db.execute(sql: "UPDATE crisis_events SET final_result = ?, updated_at = ? WHERE id = ?", arguments: [text, now.seconds, id])
            }
            try db.execute(sql: "UPDATE crisis_events SET updated_at = ? WHERE id = ?", arguments: [now.seconds, id])
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "crisis-report",
                                             detail: ["event": String(id), "kind": kind.rawValue, "to": whom]), db)
        }
    }

    /// Closes a declared event: needs the final result filed, the cause analysis and the lessons learned.
    public func closeCrisis(_ id: Int64, cause: String, lessons: String, actor: Actor) throws {
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.dismissCrisis, actor, db)
            let e = try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
            guard e.status == .declared else {
                throw DomainError.malformedField(field: "event", reason: "event \(id) is \(e.status.rawValue); only a declared event can be closed")
            }
            guard e.finalResult != nil else {
                throw DomainError.malformedField(field: "event", reason: "file the final result with HQ first (`console crisis report \(id) --kind final`)")
            }
            guard !cause.trimmed.isEmpty else { throw DomainError.missingField("cause") }
            guard !lessons.trimmed.isEmpty else { throw DomainError.missingField("lessons") }
            try db.execute(sql: "UPDATE crisis_events SET status = 'closed', cause_analysis = ?, lessons = ?, closed_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [cause, lessons, now.seconds, now.seconds, id])
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "crisis-close",
                                             detail: ["event": String(id)]), db)
        }
    }

    /// Archives a closed event (the record is complete).
    public func archiveCrisis(_ id: Int64, actor: Actor) throws {
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.dismissCrisis, actor, db)
            let e = try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
            guard e.status == .closed, e.causeAnalysis != nil, e.lessons != nil else {
                throw DomainError.malformedField(field: "event", reason: "event \(id) is \(e.status.rawValue); it can be archived once closed with its cause analysis and lessons")
            }
            try db.execute(sql: "UPDATE crisis_events SET status = 'archived', archived_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [now.seconds, now.seconds, id])
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "crisis-archive",
                                             detail: ["event": String(id)]), db)
        }
    }

    /// One event with its cases and reports, as the actor may see it (a hidden event is "no crisis event").
    public func crisisEvent(_ id: Int64, actor: Actor) throws -> CrisisEvent {
        try store.read { db in
            let actor = try Permissions.require(.readCrisis, actor, db)
            return try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
        }
    }

    /// Events the actor may see, newest first; `activeOnly` for proposed and declared.
    public func crisisEvents(activeOnly: Bool = false, actor: Actor) throws -> [CrisisEvent] {
        try store.read { db in
            let actor = try Permissions.require(.readCrisis, actor, db)
            return try CrisisRecords.events(activeOnly: activeOnly, visibility: CaseVisibility.of(actor.role), db)
        }
    }

    private func setCrisis(caseId: Int64, event: Int64, now: Instant, actor: Actor, _ db: Database) throws {
        // A report case in an event made before report cases were kept out stays as it is.
        guard var c = try CaseRecords.fetch(id: caseId, db), c.crisisEventId != event, c.kind != .report else { return }
        let before = c
        c.crisisEventId = event
        refresh(&c, now: now)
        c.updatedAt = now; c.updatedBy = actor.name
        try CaseRecords.update(&c, expectedVersion: before.version, db)
        try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name, action: "crisis",
                                         fromStatus: c.status, toStatus: c.status,
                                         detail: CaseDiff.changes(before, c).merging(["event": String(event)]) { a, _ in a }), db)
    }

}

/// SQL for crisis events.
enum CrisisRecords {
    /// Proposes an event over cases already checked by the caller (visible, not report cases).
    static func propose(title: String, cases: [ComplaintCase], trigger: CrisisTrigger, now: Instant, actor: Actor, _ db: Database) throws -> Int64 {
        guard let first = cases.first else { throw DomainError.missingField("cases") }
        if let report = cases.first(where: { $0.kind == .report }) {
            throw DomainError.notPermitted("\(report.number) is a report case (举报件): it stays on the president's office's track and never joins a crisis event")
        }
        let occurred = cases.map(\.receivedAt).min()!
        try db.execute(sql: "INSERT INTO crisis_events (title, status, trigger, branch, occurred_at, proposed_at, updated_at) VALUES (?, 'proposed', ?, ?, ?, ?, ?)",
                       arguments: [title, trigger.rawValue, first.branch, occurred.seconds, now.seconds, now.seconds])
        let id = db.lastInsertedRowID
        for c in cases {
            try db.execute(sql: "INSERT OR IGNORE INTO crisis_cases (event_id, case_id) VALUES (?, ?)", arguments: [id, c.id!])
        }
        try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "crisis-propose",
                                         detail: ["event": String(id), "title": title, "trigger": trigger.rawValue,
                                                  "cases": cases.map(\.number).joined(separator: ",")]), db)
        return id
    }

    /// Proposes an event over cases named by number, as the rules do (they see every general case).
    static func propose(title: String, numbers: [String], trigger: CrisisTrigger, now: Instant, actor: Actor, _ db: Database) throws -> Int64 {
        var cases: [ComplaintCase] = []
        for n in numbers {
            guard let c = try CaseRecords.fetch(number: n, visibility: .standard, db) else { throw DomainError.caseNotFound(n) }
            cases.append(c)
        }
        return try propose(title: title, cases: cases, trigger: trigger, now: now, actor: actor, db)
    }

    static let columns = "id, title, status, trigger, branch, occurred_at, proposed_at, declared_at, declared_by, dismissed_reason, final_result, cause_analysis, lessons, closed_at, archived_at"

    static func decode(_ r: Row) -> CrisisEvent {
        CrisisEvent(id: r[0], title: r[1], status: CrisisStatus(rawValue: r[2]) ?? .proposed,
                    trigger: CrisisTrigger(rawValue: r[3]) ?? .manual, branch: r[4], occurredAt: Instant(seconds: r[5]),
                    proposedAt: Instant(seconds: r[6]), declaredAt: (r[7] as Int64?).map(Instant.init(seconds:)),
                    declaredBy: r[8], dismissedReason: r[9], finalResult: r[10], causeAnalysis: r[11], lessons: r[12],
                    closedAt: (r[13] as Int64?).map(Instant.init(seconds:)), archivedAt: (r[14] as Int64?).map(Instant.init(seconds:)))
    }

    /// Fills in the cases `visibility` shows and what they add up to; false when it shows none
    /// (the event is then hidden from this reader).
    static func fill(_ e: inout CrisisEvent, visibility: CaseVisibility, _ db: Database) throws -> Bool {
        let hidden = visibility.sqlCondition(alias: "c").map { " AND " + $0 } ?? ""
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.number, c.people, c.media_involved, c.regulator_involved OR c.source IN ('regulator-local','regulator-national')
            FROM crisis_cases x JOIN cases c ON c.id = x.case_id WHERE x.event_id = ?\(hidden) ORDER BY c.received_at
            """, arguments: [e.id])
        guard !rows.isEmpty else { return false }
        e.caseNumbers = rows.map { $0[0] }
        e.people = rows.reduce(0) { $0 + ($1[1] as Int) }
        e.mediaInvolved = rows.contains { ($0[2] as Int) != 0 }
        e.regulatorInvolved = rows.contains { ($0[3] as Int) != 0 }
        e.reports = try Row.fetchAll(db, sql: "SELECT kind, to_whom, at, by, text FROM crisis_reports WHERE event_id = ? ORDER BY id", arguments: [e.id]).map {
            CrisisReport(kind: CrisisReportKind(rawValue: $0[0]) ?? .update, toWhom: $0[1], at: Instant(seconds: $0[2]), by: $0[3], text: $0[4])
        }
        return true
    }

    /// The refusal for an event the reader cannot see or that does not exist: one wording for both.
    static func notFound(_ id: Int64) -> DomainError {
        .malformedField(field: "event", reason: "no crisis event \(id)")
    }

    static func event(_ id: Int64, visibility: CaseVisibility, _ db: Database) throws -> CrisisEvent {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM crisis_events WHERE id = ?", arguments: [id]) else {
            throw notFound(id)
        }
        var e = decode(row)
        guard try fill(&e, visibility: visibility, db) else { throw notFound(id) }
        return e
    }

    static func events(activeOnly: Bool, visibility: CaseVisibility, _ db: Database) throws -> [CrisisEvent] {
        let filter = activeOnly ? " WHERE status IN ('proposed','declared')" : ""
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM crisis_events\(filter) ORDER BY occurred_at DESC").compactMap { row in
            var e = decode(row)
            return try fill(&e, visibility: visibility, db) ? e : nil
        }
    }

    /// The ids of an event's cases.
    static func caseIds(of event: Int64, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT case_id FROM crisis_cases WHERE event_id = ?", arguments: [event])
    }

    /// The event a case was already proposed for, if any — a dismissed one included: a
    /// dismissal is the crisis group's decision, and the rules must not propose the case again.
    static func eventOf(caseId: Int64, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT event_id FROM crisis_cases WHERE case_id = ? LIMIT 1"), arguments: [caseId])
    }
}
