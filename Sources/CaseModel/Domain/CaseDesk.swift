import Foundation
import GRDB

/// The desk's commands: intake, workflow actions, assignment, repeat linking.
///
/// Every command reads the case, checks the rules, saves the change with its version check and
/// appends the event, all in one transaction. The console and the command line both call these,
/// so a rule lives in one place.
public final class CaseDesk: @unchecked Sendable {
    public let store: CaseStore
    public let clock: DeskClock
    public var policy: DeskPolicy
    /// Randomness (report case numbers), injected like the clock.
    public let random: DeskRandomness

    /// Creates a desk over a store.
    public init(store: CaseStore, clock: DeskClock, policy: DeskPolicy = PolicyFile.defaults,
                random: DeskRandomness = SystemRandomness()) {
        self.store = store
        self.clock = clock
        self.policy = policy
        self.random = random
    }

    // MARK: intake

    /// Takes a complaint in: validates, numbers it, derives severity, optionally links it as a
    /// repeat of an earlier case, and records the intake event. Returns the saved case.
    @discardableResult
    public func intake(_ draft: CaseDraft, actor: Actor, repeatOf earlier: String? = nil) throws -> ComplaintCase {
        try intake(draft, actor: actor, repeatOf: earlier, proposingCrisis: false).case
    }

    /// Takes a complaint in and, when asked (a group complaint at the crisis threshold), proposes a
    /// crisis event over it in the same transaction, so there is never a group case whose proposal
    /// was lost half-way. The event is titled with the branch and the summary.
    public func intake(_ draft: CaseDraft, actor: Actor, repeatOf earlier: String? = nil,
                       proposingCrisis: Bool) throws -> (case: ComplaintCase, crisisEvent: Int64?) {
        let now = clock.now()
        var c = try draft.validated(now: now, operator: actor.name)
        c.updatedAt = now
        return try store.write { db in
            let actor = try Permissions.require(.intake, actor, track: CaseTrack.of(c.kind), db)
            if let h = c.handler { try requireHandler(h, db, track: CaseTrack.of(c.kind)) }
            c.number = try CaseRecords.nextNumber(for: c.receivedAt, kind: c.kind, random: random, db)
            refresh(&c, now: nil)
            c.id = try CaseTable.insert(c, db)
            try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name, action: "intake",
                                             toStatus: .received, detail: intakeDetail(c)), db)
            if let earlier {
                c = try link(c, to: earlier, actor: actor, now: now, db)
            }
            // A report case (举报件) never becomes a crisis event: it stays on its own track.
            guard proposingCrisis, c.kind != .report else { return (c, nil) }
            let title = String((c.branch.isEmpty ? c.summary : "\(c.branch) \(c.summary)").prefix(60))
            let event = try CrisisRecords.propose(title: title, cases: [c], trigger: .group, now: now, actor: actor, db)
            return (try CaseRecords.fetch(number: c.number, db) ?? c, event)
        }
    }

    func intakeDetail(_ c: ComplaintCase) -> [String: String] {
        var d = ["channel": c.channel.rawValue, "category": c.category.rawValue, "kind": c.kind.rawValue,
                 "severity": c.severity.rawValue, "line": c.line.rawValue]
        if let h = c.handler { d["handler"] = h }
        if let r = c.sourceRef { d["source_ref"] = r }
        return d
    }

    /// Derives severity again and refreshes the stored next deadline. A change into the major
    /// column at `now` is remembered, so open stages count the major allowance from that moment.
    func refresh(_ c: inout ComplaintCase, now: Instant?) {
        let before = DeadlineColumn.of(c)
        c.severity = SeverityRules.effective(c, policy.severity)
        if let now, before != .major, DeadlineColumn.of(c) == .major { c.columnChangedAt = now }
        c.nextDueAt = policy.nextDue(c)
    }

    // MARK: repeats

    /// Earlier cases the draft may repeat (same phone, ID or policy number; open, or closed within
    /// the policy's window), newest first.
    /// Report cases are candidates only for an actor who may see them.
    public func repeatCandidates(phone: String, idNumber: String, policyNumber: String, excluding: String? = nil,
                                 actor: Actor) throws -> [RepeatCandidate] {
        let cutoff = clock.now().adding(seconds: -Int64(policy.repeatWindowDays) * 86_400)
        // Each identifier in the forms it may be stored in (docs/personal-data.md).
        let keys = [("phone", phone.trimmed.isEmpty ? [] : Identifiers.storedForms(phone: Identifiers.phone(phone))),
                    ("id_number", idNumber.trimmed.isEmpty ? [] : Identifiers.storedForms(idNumber: Identifiers.idNumber(idNumber))),
                    ("policy_number", policyNumber.trimmed.isEmpty ? [] : Identifiers.storedForms(reference: Identifiers.reference(policyNumber), typed: policyNumber))]
            .filter { !$0.1.isEmpty }
        if keys.isEmpty { return [] }
        return try store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
            var found: [String: RepeatCandidate] = [:]
            for (column, forms) in keys {
                let rows = try Row.fetchAll(db, sql: Self.repeatLookupSQL(column: column, hidden: hidden, forms: forms.count),
                                            arguments: StatementArguments(forms.map { $0 as DatabaseValueConvertible } + [cutoff.seconds]))
                for row in rows {
                    let r = StoredRow(row, "cases") { "case \(StoredRow.name(row[0] as DatabaseValue))" }
                    let number = try r.text(0, "number")
                    if number == excluding { continue }
                    if found[number] != nil { found[number]!.matchedOn.append(column); continue }
                    found[number] = RepeatCandidate(number: number, receivedAt: try r.instant(1, "received_at"),
                                                    status: try r.code(2, "status"), summary: try r.text(3, "summary"),
                                                    repeatCount: try r.count(4, "repeat_count"), matchedOn: [column])
                }
            }
            return found.values.sorted { $0.receivedAt > $1.receivedAt }
        }
    }

    /// The lookup of earlier cases by one identifier (`phone`, `id_number`, `policy_number`).
    /// `column <> ''` is written literally so the partial index on the identifier applies (a bound
    /// value cannot prove it: docs/architecture.md, "Queries and indexes"): a lookup, not a scan of every case.
    static func repeatLookupSQL(column: String, hidden: String, forms: Int = 1) -> String {
        """
        SELECT number, received_at, status, summary, repeat_count FROM cases
        WHERE \(column) IN (\(Array(repeating: "?", count: max(1, forms)).joined(separator: ","))) AND \(column) <> '' AND (\(Schema.openCondition) OR coalesce(closed_at, withdrawn_at, 0) >= ?)\(hidden)
        ORDER BY received_at DESC LIMIT 20
        """
    }

    /// Links `number` as a repeat of `earlier` (confirmed by the operator): both carry the raised
    /// repeat count, and severity is derived again.
    @discardableResult
    public func linkRepeat(_ number: String, to earlier: String, actor: Actor) throws -> ComplaintCase {
        let now = clock.now()
        return try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            let c = try visibleCase(number, actor, db)
            return try link(c, to: earlier, actor: actor, now: now, db)
        }
    }

    private func link(_ c: ComplaintCase, to earlierNumber: String, actor: Actor, now: Instant, _ db: Database) throws -> ComplaintCase {
        guard earlierNumber != c.number else {
            throw DomainError.malformedField(field: "repeat_of", reason: .repeatOfSelf)
        }
        try Permissions.require(.linkRepeat, actor, track: CaseTrack.of(c.kind))
        let earlier = try visibleCase(earlierNumber, actor, db)
        guard CaseTrack.of(earlier.kind) == CaseTrack.of(c.kind) else {
            throw DomainError.malformedField(field: "repeat_of", reason: .repeatAcrossTracks)
        }
        if c.repeatOf != nil {
            throw DomainError.malformedField(field: "repeat_of", reason: .alreadyLinked(number: c.number, to: c.repeatOf ?? ""))
        }
        var c = c
        let count = max(earlier.repeatCount, c.repeatCount) + 1
        let root = earlier.repeatOf ?? earlier.number
        let beforeNew = c
        c.repeatOf = root
        c.repeatCount = count
        refresh(&c, now: now)
        c.updatedAt = now; c.updatedBy = actor.name
        try CaseTable.update(&c, expectedVersion: beforeNew.version, db)
        try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name, action: "link-repeat",
                                         fromStatus: c.status, toStatus: c.status,
                                         detail: CaseDiff.changes(beforeNew, c).merging(["repeats": earlier.number]) { a, _ in a }), db)
        // Every case on the same matter (the root and its earlier repeats) carries the new count.
        let family = try Row.fetchAll(db, sql: "SELECT id FROM cases WHERE (number = ? OR repeat_of = ?) AND id <> ? AND repeat_count < ?",
                                      arguments: [root, root, c.id!, count]).map { $0[0] as Int64 }
        for id in family {
            guard var other = try CaseRecords.fetch(id: id, db) else { continue }
            let before = other
            other.repeatCount = count
            refresh(&other, now: now)
            other.updatedAt = now; other.updatedBy = actor.name
            try CaseTable.update(&other, expectedVersion: before.version, db)
            try CaseRecords.append(CaseEvent(caseId: other.id, caseNumber: other.number, at: now, actor: actor.name,
                                             action: "repeat-complaint", fromStatus: other.status, toStatus: other.status,
                                             detail: CaseDiff.changes(before, other).merging(["new_case": c.number]) { a, _ in a }), db)
        }
        return c
    }

    // MARK: workflow

    /// Takes a workflow action on a case. `expectedVersion` is the version the person saw; when
    /// another console saved since, the action is refused with a conflict and nothing is written.
    @discardableResult
    public func act(_ number: String, _ action: WorkflowAction, _ input: ActionInput = ActionInput(), actor: Actor,
                    expectedVersion: Int? = nil) throws -> ComplaintCase {
        try input.validate(for: action)
        let now = clock.now()
        return try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            var c = try visibleCase(number, actor, db)
            let permission = Permission.of(action, basis: input.closingBasis)
            try Permissions.require(permission, actor, track: CaseTrack.of(c.kind))
            try Permissions.requireNotOwn(permission, actor, handler: c.handler, caseNumber: c.number)
            let version = expectedVersion ?? c.version
            if version != c.version {
                throw DomainError.conflict(caseNumber: number, expectedVersion: version, actualVersion: c.version,
                                           changedBy: c.updatedBy, changedAt: c.updatedAt)
            }
            let before = c
            let newStatus = try Workflow.apply(action, to: c.status, kind: c.kind, basis: input.closingBasis, caseNumber: number)
            try apply(action, input, to: &c, now: now)
            c.status = newStatus
            refresh(&c, now: now)
            c.updatedAt = now
            c.updatedBy = actor.name
            try CaseTable.update(&c, expectedVersion: version, db)
            var detail = CaseDiff.changes(before, c)
            for (k, v) in input.recorded(for: action) { detail[k] = v }
            try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name,
                                             action: action.rawValue, fromStatus: before.status, toStatus: c.status,
                                             detail: detail), db)
            return c
        }
    }

    private func apply(_ action: WorkflowAction, _ input: ActionInput, to c: inout ComplaintCase, now: Instant) throws {
        // A callback or answer promised with a note or contact is a promise to keep, so it lies ahead
        // (the handover lists it: docs/handover.md).
        if action != .extend, let promised = input.promisedAt, promised <= now {
            throw DomainError.malformedField(field: "promised", reason: .promiseNotInFuture)
        }
        switch action {
        case .contact:
            c.contactedAt = now
            if !input.note.isEmpty { c.lastNoteAt = now }
        case .note:
            c.lastNoteAt = now
        case .startInvestigation:
            c.investigationStartedAt = now
        case .submit:
            c.submittedAt = now
            if !input.resolution.isEmpty { c.resolution = input.resolution }
        case .approve:
            c.approvedAt = now
        case .reject:
            c.submittedAt = nil
        case .extend:
            guard let promised = input.promisedAt, promised > now else {
                throw DomainError.malformedField(field: "promised", reason: .promisedNotInFuture)
            }
            if let rule = policy.stages[.decision], let limit = rule.extensionLimit, let calendar = policy.calendars[rule.calendar] {
                let latest = calendar.deadline(for: limit, from: c.receivedAt).due
                if promised > latest {
                    throw DomainError.malformedField(field: "promised", reason: .promisedBeyondLimit(limit: limit, latest: latest))
                }
            }
            c.promisedAt = promised
            c.extensionCount += 1
        case .remind:
            c.lastReminderAt = now
        case .close:
            c.closingBasis = input.closingBasis
            c.closedAt = now
            if !input.resolution.isEmpty { c.resolution = input.resolution }
            if input.closingBasis == .invalid { c.validity = .invalid; c.validityReason = input.note.isEmpty ? input.reason : input.note }
        case .followUp:
            c.callbackResult = input.callbackResult
            c.satisfaction = input.satisfaction
            c.followedUpAt = now
        case .withdraw:
            c.withdrawnAt = now
        case .reopen:
            // A reopened case starts its stages again (docs/workflow.md, "Reopening"); the earlier history
            // stays in the timeline.
            c.stagesStartedAt = now
            c.contactedAt = nil; c.investigationStartedAt = nil; c.submittedAt = nil; c.approvedAt = nil
            c.closedAt = nil; c.followedUpAt = nil; c.closingBasis = nil; c.callbackResult = nil
            c.satisfaction = nil; c.promisedAt = nil
        }
    }

    // MARK: assignment

    /// Assigns cases to a handler from the roster (nil unassigns). All or nothing: an unknown
    /// number or handler, or a closed case, changes none of them.
    @discardableResult
    public func assign(_ numbers: [String], to handler: String?, actor: Actor) throws -> [ComplaintCase] {
        let now = clock.now()
        return try store.write { db in
            try assign(numbers, to: handler, actor: try AccessControl.resolve(actor, db), at: now, db)
        }
    }

    /// The writes of `assign`, inside the caller's transaction (the balanced move-all shares them).
    func assign(_ numbers: [String], to handler: String?, actor: Actor, at now: Instant, _ db: Database,
                expecting check: ((ComplaintCase) throws -> Void)? = nil) throws -> [ComplaintCase] {
        if numbers.isEmpty { try Permissions.require(.assign, actor) }
        var team: String?
        if let handler {
            team = try requireHandler(handler, db)
        }
        var out: [ComplaintCase] = []
        for number in numbers {
            var c = try visibleCase(number, actor, db)
            try check?(c)
            try Permissions.require(.assign, actor, track: CaseTrack.of(c.kind))
            if c.kind == .report, let handler { try requireHandler(handler, db, track: .report) }
            guard c.isOpen || c.status == .closed else {
                throw DomainError.illegalTransition(caseNumber: number, action: handler == nil ? "unassign" : "assign",
                                                    status: c.status.rawValue, allowedFrom: CaseStatus.openStatuses.map(\.rawValue) + ["closed"])
            }
            if c.handler == handler { out.append(c); continue }
            let before = c
            c.handler = handler
            if let team { c.team = team }
            c.updatedAt = now; c.updatedBy = actor.name
            try CaseTable.updateAssignment(&c, expectedVersion: before.version, db)
            try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name,
                                             action: handler == nil ? "unassign" : "assign", fromStatus: c.status,
                                             toStatus: c.status, detail: CaseDiff.assignmentChanges(before, c)), db)
            out.append(c)
        }
        return out
    }

    /// Checks that a handler is an active roster user; returns their team.
    /// A report case (举报件) goes only to someone who may see report cases.
    @discardableResult
    func requireHandler(_ name: String, _ db: Database, track: CaseTrack = .general) throws -> String {
        guard let row = try Row.fetchOne(db, sql: "SELECT team, active, role FROM users WHERE name = ?", arguments: [name]) else {
            throw DomainError.malformedField(field: "handler", reason: .notOnRoster(name: name, listHint: true))
        }
        let r = StoredRow(row, "users") { "user \(name)" }
        guard try r.flag(1, "active") else {
            throw DomainError.malformedField(field: "handler", reason: .handlerDisabled(name: name))
        }
        if try track == .report && !Permissions.allows(Role(rawValue: r.text(2, "role")), .seeReports) {
            throw DomainError.malformedField(field: "handler", reason: .reportHandlerOnlyOffice)
        }
        return try r.text(0, "team")
    }

    /// The case if the actor may see it; a report case hidden from them does not exist.
    func visibleCase(_ number: String, _ actor: Actor, _ db: Database) throws -> ComplaintCase {
        guard let c = try CaseRecords.fetch(number: number, visibility: CaseVisibility.of(actor.role), db) else {
            throw DomainError.caseNotFound(number)
        }
        return c
    }

    // MARK: reads

    /// A case and its timeline, as the actor may see it (a hidden report case is not found; event
    /// ids only for readers who see every event, `EventVisibility`).
    public func detail(_ number: String, actor: Actor) throws -> (ComplaintCase, [CaseEvent]) {
        try store.read { db in
            let actor = try Permissions.require(.readCases, actor, db)
            let c = try visibleCase(number, actor, db)
            return (c, try timeline(of: c, for: actor, db))
        }
    }

    /// A case's events as `actor` may see them.
    func timeline(of c: ComplaintCase, for actor: Actor, _ db: Database) throws -> [CaseEvent] {
        var events = try CaseRecords.events(caseId: c.id!, db)
        if !EventVisibility.showsChainPositions(CaseVisibility.of(actor.role)) {
            for i in events.indices { events[i].id = 0 }
        }
        return events
    }
}

extension ActionInput {
    /// The inputs an action records, for its event.
    func recorded(for action: WorkflowAction) -> [String: String] {
        var d: [String: String] = [:]
        if !note.isEmpty { d["note"] = note }
        if !reason.isEmpty { d["reason"] = reason }
        if let b = closingBasis { d["basis"] = b.rawValue }
        if let r = callbackResult { d["result"] = r.rawValue }
        if let s = satisfaction { d["satisfaction"] = String(s) }
        if let p = promisedAt { d["promised"] = DeskTime.standard.format(p) }
        if let ch = reminderChannel { d["channel"] = ch.rawValue }
        if !reminderTo.isEmpty { d["to"] = reminderTo }
        if !resolution.isEmpty { d["resolution"] = resolution }
        if let script { for (k, v) in script.recorded { d[k] = v } }
        return d
    }
}
