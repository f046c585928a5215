import GRDB

/// The shift handover as the reader may see it, and its acknowledgement by the incoming lead.
extension CaseDesk {
    /// The handover of `span` at the desk's now, as `actor` may see it. `hours` sets the
    /// horizon of due clocks (default: the length of the incoming lead's shift, else 8 hours).
    public func handover(_ span: HandoverSpan = .shift, hours: Int? = nil, actor: Actor) throws -> Handover {
        let now = clock.now()
        return try store.read { db in
            let actor = try Permissions.require(.readCases, actor, db)
            return try compose(span, hours: hours, now: now, actor: actor, db)
        }
    }

    /// The incoming lead acknowledges the handover of `span` (audited): the event records the
    /// window, what it held (counts and a digest of the Markdown the lead was shown) and who
    /// handed over; then the chain head is written to the anchor log and the system log (`AuditAnchor`). Refused for
    /// the outgoing lead themself and for a window already acknowledged.
    public func acknowledgeHandover(_ span: HandoverSpan = .shift, hours: Int? = nil, note: String = "",
                                    actor: Actor) throws -> HandoverAcknowledgement {
        try FieldText.check(note, field: "note")
        try requireWritable(.handover)
        let now = clock.now()
        let saved = try store.write { db -> HandoverAcknowledgement in
            let actor = try Permissions.require(.acknowledgeHandover, actor, db)
            let h = try compose(span, hours: hours, now: now, actor: actor, db)
            if h.window.shift?.userName == actor.name {
                throw DomainError.notPermitted(.handingOverOwnShift)
            }
            if let ack = h.acknowledgement {
                throw DomainError.malformedField(field: "handover", reason: .handoverAlreadyAcknowledged(by: ack.by, at: ack.at))
            }
            let t = DeskTime.standard
            var detail: [String: String] = [
                "from": t.format(h.window.from), "to": t.format(h.window.to), "outgoing": h.window.outgoing.joined(separator: ", "),
                "received": String(h.received), "closed": String(h.closed), "promises": String(h.promises.count),
                "due": String(h.dueSoon.count), "overdue": String(h.overdue.count), "unassigned": String(h.unassigned.count),
                "crises": String(h.crises.count), "critical_alerts": String(h.criticalAlerts.count), "notes": String(h.notes.count),
                "digest": AuditChain.hex(SHA256.hash(Array(HandoverDocument(h).markdown.utf8))),
            ]
            if let s = h.window.shift { detail["shift"] = String(s.id); detail["shift_end"] = t.format(s.endsAt) }
            if !note.trimmed.isEmpty { detail["note"] = note }
            if CaseVisibility.of(actor.role) == .withReports { detail = EventTrack.mark(detail) }
            let id = try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "handover-ack",
                                                      detail: detail), db)
            let head = try AuditChain.head(db)
            var acknowledged = h
            acknowledged.acknowledgement = HandoverAck(by: actor.name, at: now, from: h.window.from, to: h.window.to)
            acknowledged.lastShiftChangeAck = acknowledged.lastShiftChangeAck ?? acknowledged.acknowledgement
            return HandoverAcknowledgement(handover: acknowledged, head: AuditHead(id: id, hash: AuditChain.hex(head.lastHash)))
        }
        // Outside the transaction: the head recorded is the acknowledgement itself, so a later
        // rewrite of the database cannot also rewrite what the incoming lead took over.
        AuditAnchor.record(self, reason: "handover acknowledged by \(actor.name)")
        return saved
    }

    /// Builds the handover inside a transaction, for an actor resolved in it.
    func compose(_ span: HandoverSpan, hours: Int?, now: Instant, actor: Actor, _ db: Database) throws -> Handover {
        let visibility = CaseVisibility.of(actor.role)
        let hidden = visibility.sqlCondition(alias: "c").map { " AND " + $0 } ?? ""
        let (window, horizon) = try HandoverRules.window(span, now: now, hours: hours, db)
        let horizonEnd = now.adding(seconds: horizon)
        // A window ending now includes what happened at this very second.
        let end = window.to >= now ? now.adding(seconds: 1) : window.to
        var received = CaseFilter(); received.visibility = visibility
        received.receivedFrom = window.from; received.receivedBefore = end
        let receivedCount = try CaseRecords.count(received, db)

        // The window's events on cases the reader may see: closings, promises, notes.
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.id, e.case_id, c.number, e.at, e.actor, e.action, e.from_status, e.to_status, e.detail
            FROM events e JOIN cases c ON c.id = e.case_id
            WHERE e.at >= ? AND e.at < ?\(hidden)
              AND (e.action IN ('close', 'note', 'contact') OR json_extract(e.detail, '$.promised') IS NOT NULL)
            ORDER BY e.at, e.id
            """, arguments: [window.from.seconds, end.seconds])
        var closed = 0
        var promises: [HandoverPromise] = []
        var notes: [HandoverNote] = []
        for row in rows {
            let e = try CaseRecords.decodeEvent(row)
            let number = e.caseNumber ?? ""
            if e.action == "close" { closed += 1 }
            if let p = e.detail["promised"] {
                promises.append(HandoverPromise(caseNumber: number, promisedAt: DeskTime.standard.parse(p), promisedText: p,
                                                madeAt: e.at, by: e.actor, action: e.action))
            }
            if e.action == "note" || (e.action == "contact" && !(e.detail["note"] ?? "").isEmpty) {
                notes.append(HandoverNote(caseNumber: number, at: e.at, by: e.actor, action: e.action,
                                          text: Masking.maskText(e.detail["note"] ?? ""), script: e.detail["script"]))
            }
        }

        // Clocks due before the horizon: the stored next due time bounds every clock of a case.
        var due: [HandoverClock] = [], overdue: [HandoverClock] = []
        var dueFilter = CaseFilter(); dueFilter.visibility = visibility; dueFilter.dueBefore = horizonEnd.adding(seconds: 1)
        for c in try CaseRecords.list(dueFilter, db) {
            for k in policy.clocks(of: c) where k.due <= horizonEnd {
                let item = HandoverClock(caseNumber: c.number, stage: k.stage, due: k.due, severity: c.severity, category: c.category, handler: c.handler)
                if k.due <= now { overdue.append(item) } else { due.append(item) }
            }
        }
        due.sort { ($0.due, $0.caseNumber, $0.stage.rawValue) < ($1.due, $1.caseNumber, $1.stage.rawValue) }
        overdue.sort { ($0.due, $0.caseNumber, $0.stage.rawValue) < ($1.due, $1.caseNumber, $1.stage.rawValue) }

        var unassignedFilter = CaseFilter(); unassignedFilter.visibility = visibility
        unassignedFilter.openness = .open; unassignedFilter.handlers = [""]
        let unassigned = try CaseRecords.list(unassignedFilter, db).sorted { ($0.receivedAt, $0.number) < ($1.receivedAt, $1.number) }.map {
            HandoverCase(number: $0.number, receivedAt: $0.receivedAt, severity: $0.severity, category: $0.category, summary: Masking.maskText($0.summary))
        }

        let p = policy.crisis
        let crises = try CrisisRecords.events(activeOnly: true, visibility: visibility, db).map { e in
            HandoverCrisis(id: e.id, title: Masking.maskText(e.title), status: e.status, branch: e.branch, people: e.people,
                           massIncident: e.isMassIncident(p), superiorDue: e.occurredAt.adding(seconds: p.superiorReportSeconds),
                           superiorFiled: e.reports.first { $0.kind == .superior }?.at,
                           hqDue: e.occurredAt.adding(seconds: p.hqReportSeconds), hqFiled: e.reports.first { $0.kind == .hq }?.at)
        }.sorted { ($0.superiorDue, $0.id) < ($1.superiorDue, $1.id) }

        let alerts = try Row.fetchAll(db, sql: """
            SELECT \(AlertRecords.columns) FROM alerts WHERE cleared_at IS NULL AND acknowledged_at IS NULL AND level = 'critical'\(AlertRecords.visibleCondition(visibility))
            ORDER BY raised_at, id
            """).compactMap(AlertRecords.decode).map { a -> DeskAlert in
            var m = a
            m.messageZh = Masking.maskText(a.messageZh); m.messageEn = Masking.maskText(a.messageEn)
            return m
        }

        var head: AuditHead?
        if EventVisibility.showsChainPositions(visibility),
           let row = try Row.fetchOne(db, sql: "SELECT id, lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1") {
            // Read directly: the chain's cached head is for writing transactions.
            let r = StoredRow(row, "events") { "the newest event" }
            head = AuditHead(id: try r.id(0, "id"), hash: try r.text(1, "hash"))
        }

        let acks = try acknowledgements(visibility, db)
        let change = try HandoverRules.lastShiftChange(before: now, db)
        let from = DeskTime.standard.format(window.from)
        let thisAck = acks.first { $0.from.map(DeskTime.standard.format) == from }
        let changeAck = change.flatMap { c in acks.first { $0.at.seconds >= c.seconds - HandoverRules.earlyAcknowledgementSeconds } }
        return Handover(window: window, now: now, horizonEnd: horizonEnd, received: receivedCount, closed: closed,
                        promises: promises, dueSoon: due, overdue: overdue, unassigned: unassigned, crises: crises,
                        criticalAlerts: alerts, notes: notes, chainHead: head, acknowledgement: thisAck,
                        lastShiftChange: change, lastShiftChangeAck: changeAck)
    }

    /// Recorded acknowledgements the reader may see, newest first (the latest hundred).
    private func acknowledgements(_ visibility: CaseVisibility, _ db: Database) throws -> [HandoverAck] {
        let marked = visibility == .withReports ? "" : " AND json_extract(detail, '$.\(EventTrack.key)') IS NOT '\(EventTrack.report)'"
        return try Row.fetchAll(db, sql: """
            SELECT actor, at, json_extract(detail, '$.from'), json_extract(detail, '$.to') FROM events
            WHERE case_id IS NULL AND action = 'handover-ack'\(marked) ORDER BY id DESC LIMIT 100
            """).map { row in
            let r = StoredRow(row, "events") { "a handover acknowledgement" }
            return HandoverAck(by: try r.text(0, "actor"), at: try r.instant(1, "at"),
                               from: try r.optText(2, "from").flatMap(DeskTime.standard.parse),
                               to: try r.optText(3, "to").flatMap(DeskTime.standard.parse))
        }
    }
}
