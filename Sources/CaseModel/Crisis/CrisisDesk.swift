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
        try TextLimits.check(title, field: "title")
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
                throw DomainError.malformedField(field: "event", reason: .crisisWrongStatus(id: id, status: e.status, step: .declare))
            }
            try CrisisEventTable.declare(id, by: actor.name, at: now, db)
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
        try TextLimits.check(reason, field: "reason")
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.dismissCrisis, actor, db)
            let e = try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
            guard e.status == .proposed else {
                throw DomainError.malformedField(field: "event", reason: .crisisWrongStatus(id: id, status: e.status, step: .dismiss))
            }
            try CrisisEventTable.dismiss(id, reason: reason, at: now, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "crisis-dismiss",
                                             detail: ["event": String(id), "reason": reason]), db)
        }
    }

    /// Records a report (who, to whom, when, text).
    public func fileCrisisReport(_ id: Int64, kind: CrisisReportKind, to whom: String, text: String, actor: Actor) throws {
        guard !whom.trimmed.isEmpty else { throw DomainError.missingField("to") }
        guard !text.trimmed.isEmpty else { throw DomainError.missingField("text") }
        try TextLimits.check(whom, field: "to")
        try TextLimits.check(text, field: "text")
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.fileCrisisReport, actor, db)
            let e = try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
            guard e.status == .declared || e.status == .proposed || (e.status == .closed && kind == .update) else {
                throw DomainError.malformedField(field: "event", reason: .crisisWrongStatus(id: id, status: e.status, step: .report))
            }
            try CrisisEventTable.fileReport(id, kind: kind, to: whom, text: text, by: actor.name, at: now, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "crisis-report",
                                             detail: ["event": String(id), "kind": kind.rawValue, "to": whom]), db)
        }
    }

    /// Closes a declared event: needs the final result filed, the cause analysis and the lessons learned.
    public func closeCrisis(_ id: Int64, cause: String, lessons: String, actor: Actor) throws {
        try TextLimits.check(cause, field: "cause")
        try TextLimits.check(lessons, field: "lessons")
        let now = clock.now()
        try store.write { db in
            let actor = try Permissions.require(.dismissCrisis, actor, db)
            let e = try CrisisRecords.event(id, visibility: CaseVisibility.of(actor.role), db)
            guard e.status == .declared else {
                throw DomainError.malformedField(field: "event", reason: .crisisWrongStatus(id: id, status: e.status, step: .close))
            }
            guard e.finalResult != nil else {
                throw DomainError.malformedField(field: "event", reason: .crisisFinalFirst(id: id))
            }
            guard !cause.trimmed.isEmpty else { throw DomainError.missingField("cause") }
            guard !lessons.trimmed.isEmpty else { throw DomainError.missingField("lessons") }
            try CrisisEventTable.close(id, cause: cause, lessons: lessons, at: now, db)
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
                throw DomainError.malformedField(field: "event", reason: .crisisWrongStatus(id: id, status: e.status, step: .archive))
            }
            try CrisisEventTable.archive(id, at: now, db)
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
        try CaseTable.update(&c, expectedVersion: before.version, db)
        try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name, action: "crisis",
                                         fromStatus: c.status, toStatus: c.status,
                                         detail: CaseDiff.changes(before, c).merging(["event": String(event)]) { a, _ in a }), db)
    }

}

/// Reading crisis events, and proposing one (its writes are `CrisisEventTable`'s).
enum CrisisRecords {
    /// Proposes an event over cases already checked by the caller (visible, not report cases).
    static func propose(title: String, cases: [ComplaintCase], trigger: CrisisTrigger, now: Instant, actor: Actor, _ db: Database) throws -> Int64 {
        guard let first = cases.first else { throw DomainError.missingField("cases") }
        if let report = cases.first(where: { $0.kind == .report }) {
            throw DomainError.notPermitted(.reportCaseNoCrisis(number: report.number))
        }
        let occurred = cases.map(\.receivedAt).min()!
        let id = try CrisisEventTable.propose(title: title, trigger: trigger, branch: first.branch, occurredAt: occurred,
                                              caseIds: cases.map { $0.id! }, at: now, db)
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

    /// An event row (`columns`), checked like a case row (`StoredRow`).
    static func decode(_ row: Row) throws -> CrisisEvent {
        let r = StoredRow(row, "crisis_events") { "crisis event \(StoredRow.name(row[0] as DatabaseValue))" }
        return CrisisEvent(id: try r.id(0, "id"), title: try r.text(1, "title"), status: try r.code(2, "status"),
                           trigger: CrisisTrigger(rawValue: try r.text(3, "trigger")) ?? .manual, branch: try r.text(4, "branch"),
                           occurredAt: try r.instant(5, "occurred_at"), proposedAt: try r.instant(6, "proposed_at"),
                           declaredAt: try r.optInstant(7, "declared_at"), declaredBy: try r.optText(8, "declared_by"),
                           dismissedReason: try r.optText(9, "dismissed_reason"), finalResult: try r.optText(10, "final_result"),
                           causeAnalysis: try r.optText(11, "cause_analysis"), lessons: try r.optText(12, "lessons"),
                           closedAt: try r.optInstant(13, "closed_at"), archivedAt: try r.optInstant(14, "archived_at"))
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
        // Each case's people are checked like a case read (1–100,000), and the sum stops at the
        // bound rather than overflowing: a tampered count is named, never added up into a crash.
        var people: [Int] = []
        e.caseNumbers = []
        let id = e.id
        for row in rows {
            let r = StoredRow(row, "cases") { "case \(StoredRow.name(row[0] as DatabaseValue)) (crisis event \(id))" }
            e.caseNumbers.append(try r.text(0, "number"))
            people.append(Int(try r.int(1, "people", in: Int64(DeskBounds.people.lowerBound)...Int64(DeskBounds.people.upperBound))))
            if try r.flag(2, "media_involved") { e.mediaInvolved = true }
            if try r.int(3, "regulator_involved", in: 0...1) != 0 { e.regulatorInvolved = true }
        }
        e.people = people.clampedSum()
        e.reports = try Row.fetchAll(db, sql: "SELECT kind, to_whom, at, by, text, id FROM crisis_reports WHERE event_id = ? ORDER BY id", arguments: [e.id]).map { row in
            let r = StoredRow(row, "crisis_reports") { "crisis report \(StoredRow.name(row[5] as DatabaseValue)) (event \(id))" }
            return CrisisReport(kind: CrisisReportKind(rawValue: try r.text(0, "kind")) ?? .update, toWhom: try r.text(1, "to_whom"),
                                at: try r.instant(2, "at"), by: try r.text(3, "by"), text: try r.text(4, "text"))
        }
        return true
    }

    /// The refusal for an event the reader cannot see or that does not exist: one wording for both.
    static func notFound(_ id: Int64) -> DomainError {
        .malformedField(field: "event", reason: .noCrisisEvent(id: id))
    }

    static func event(_ id: Int64, visibility: CaseVisibility, _ db: Database) throws -> CrisisEvent {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM crisis_events WHERE id = ?", arguments: [id]) else {
            throw notFound(id)
        }
        var e = try decode(row)
        guard try fill(&e, visibility: visibility, db) else { throw notFound(id) }
        return e
    }

    static func events(activeOnly: Bool, visibility: CaseVisibility, _ db: Database) throws -> [CrisisEvent] {
        let filter = activeOnly ? " WHERE status IN ('proposed','declared')" : ""
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM crisis_events\(filter) ORDER BY occurred_at DESC").compactMap { row in
            var e = try decode(row)
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
