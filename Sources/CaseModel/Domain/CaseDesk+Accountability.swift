import GRDB

/// One line of the penalty ledger.
public struct PenaltyEntry: Sendable, Equatable {
    public var caseNumber: String
    public var person: String
    /// `direct` (the employee) or `lead` (their lead).
    public var responsibility: String
    /// Yuan; 0 with `reminder` for a reminder only.
    public var amount: Double
    public var reminder: Bool
    /// Which row of the penalty table applied (docs/penalties.md, "Which row applies").
    public var rule: String
    /// `2026-02`: the month of the determination.
    public var month: String
}

/// A person's penalties in a month.
public struct PenaltySummary: Sendable, Equatable {
    public var person: String
    public var total: Double
    public var reminders: Int
    public var cases: [String]
}

/// Valid/invalid determination 有效投诉认定 and the penalty ledger (docs/penalties.md).
extension CaseDesk {
    /// Marks a complaint valid (naming the direct and indirect responsible staff) or invalid, with a
    /// reason. A valid complaint adds the policy's penalties to the ledger. Team leads only.
    /// `prCost` is the public-relations cost in yuan when online exposure needed PR.
    @discardableResult
    public func determineValidity(_ number: String, valid: Bool, reason: String, responsible: String? = nil,
                                  lead: String? = nil, prCost: Double = 0, actor: Actor) throws -> (ComplaintCase, [PenaltyEntry]) {
        guard !reason.trimmed.isEmpty else { throw DomainError.missingField("reason") }
        if valid {
            guard let r = responsible?.trimmed, !r.isEmpty else { throw DomainError.missingField("responsible") }
            guard let l = lead?.trimmed, !l.isEmpty else { throw DomainError.missingField("lead") }
        }
        try DeskBounds.checkYuan(prCost, field: "pr-cost")
        for (field, text) in [("reason", reason), ("responsible", responsible ?? ""), ("lead", lead ?? "")] { try TextLimits.check(text, field: field) }
        let now = clock.now()
        return try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            var c = try visibleCase(number, actor, db)
            try Permissions.require(.markValidity, actor, track: CaseTrack.of(c.kind))
            guard c.validity == .undetermined else {
                throw DomainError.malformedField(field: "validity", reason: .alreadyDetermined(number: number, validity: c.validity))
            }
            let before = c
            c.validity = valid ? .valid : .invalid
            c.validityReason = reason
            c.responsibleStaff = valid ? responsible : nil
            c.responsibleLead = valid ? lead : nil
            c.updatedAt = now; c.updatedBy = actor.name
            try CaseTable.update(&c, expectedVersion: before.version, db)
            var entries: [PenaltyEntry] = []
            if valid {
                entries = PenaltyRules.entries(for: c, policy: policy.penalties, prCost: prCost, month: DeskTime.standard.civil(now).date)
                for e in entries {
                    try PenaltyTable.insert(e, caseId: c.id!, by: actor.name, at: now, db)
                }
            }
            // After the penalties: the event records every row the determination changed.
            var detail = CaseDiff.changes(before, c)
            detail["reason"] = reason
            try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name,
                                             action: valid ? "mark-valid" : "mark-invalid", fromStatus: c.status,
                                             toStatus: c.status, detail: detail), db)
            return (c, entries)
        }
    }

    /// The ledger of a month (`2026-02`), and its summary per person, as the actor may see it:
    /// penalties from report cases (举报件) name whom a whistle-blower accused, so they count only
    /// for those who may see report cases.
    public func penalties(month: String, actor: Actor) throws -> ([PenaltyEntry], [PenaltySummary]) {
        try store.read { db in
            let actor = try Permissions.require(.readPenalties, actor, db)
            let hidden = CaseVisibility.of(actor.role).sqlCondition(alias: "c").map { " AND " + $0 } ?? ""
            let entries = try Row.fetchAll(db, sql: """
                SELECT c.number, p.person, p.responsibility, p.amount, p.reminder, p.rule, p.month
                FROM penalties p JOIN cases c ON c.id = p.case_id WHERE p.month = ?\(hidden) ORDER BY p.person, p.id
                """, arguments: [month]).map { row in
                let r = StoredRow(row, "penalties") { "penalty on case \(StoredRow.name(row[0] as DatabaseValue))" }
                return PenaltyEntry(caseNumber: try r.text(0, "number"), person: try r.text(1, "person"), responsibility: try r.text(2, "responsibility"),
                                    amount: try r.yuan(3, "amount"), reminder: try r.flag(4, "reminder"), rule: try r.text(5, "rule"),
                                    month: try r.text(6, "month"))
            }
            var byPerson: [String: PenaltySummary] = [:]
            for e in entries {
                var s = byPerson[e.person] ?? PenaltySummary(person: e.person, total: 0, reminders: 0, cases: [])
                s.total += e.amount
                if e.reminder { s.reminders += 1 }
                if !s.cases.contains(e.caseNumber) { s.cases.append(e.caseNumber) }
                byPerson[e.person] = s
            }
            return (entries, byPerson.values.sorted { ($0.total, $0.person) > ($1.total, $1.person) })
        }
    }
}

/// Which penalty row (docs/penalties.md, "Which row applies") applies to a valid complaint.
///
/// The most severe applicable row is used (a regulator-forwarded third complaint is not fined
/// twice); online exposure that needed public relations adds the PR-cost share for each person.
public enum PenaltyRules {
    /// The ledger lines for a valid complaint.
    public static func entries(for c: ComplaintCase, policy p: PenaltyPolicy, prCost: Double, month date: CivilDate) -> [PenaltyEntry] {
        guard c.validity == .valid, let direct = c.responsibleStaff, let lead = c.responsibleLead else { return [] }
        var candidates: [(rule: String, direct: Double, lead: Double?)] = []
        if c.source == .regulatorNational { candidates.append(("regulator-national", p.regulatorNational, p.regulatorNational)) }
        if c.source == .regulatorLocal { candidates.append(("regulator-local", p.regulatorLocal, p.regulatorLocal)) }
        if c.mediaInvolved { candidates.append(("media", p.media, p.media)) }
        if c.onlineExposure { candidates.append(("online", p.online, p.online)) }
        if c.repeatCount >= 3 { candidates.append(("third-complaint", p.thirdDirect, p.thirdLead)) }
        else if c.repeatCount == 2 { candidates.append(("second-complaint", p.secondDirect, p.secondLead)) }
        else { candidates.append(("first-complaint", p.firstDirect, nil)) }
        let worst = candidates.max { ($0.direct + ($0.lead ?? 0)) < ($1.direct + ($1.lead ?? 0)) }!
        let month = "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
        var out = [PenaltyEntry(caseNumber: c.number, person: direct, responsibility: "direct", amount: worst.direct,
                                reminder: worst.direct == 0, rule: worst.rule, month: month)]
        if let l = worst.lead {
            out.append(PenaltyEntry(caseNumber: c.number, person: lead, responsibility: "lead", amount: l, reminder: l == 0,
                                    rule: worst.rule, month: month))
        }
        if c.onlineExposure && prCost > 0 {
            let share = (prCost * p.prCostShare * 100).rounded() / 100
            out.append(PenaltyEntry(caseNumber: c.number, person: direct, responsibility: "direct", amount: share, reminder: false, rule: "pr-cost", month: month))
            out.append(PenaltyEntry(caseNumber: c.number, person: lead, responsibility: "lead", amount: share, reminder: false, rule: "pr-cost", month: month))
        }
        return out
    }
}
