import GRDB

/// The rules that propose crisis events from cases (docs/crisis.md, docs/alerts.md "Bursts").
///
/// One rule set for every path: the evaluator's tick runs it on the cases that just arrived or
/// changed, and its first evaluation (a console starting, `console alerts`, `console crisis list`)
/// runs it on the open cases with a trigger and, for bursts, on the cases received inside the
/// burst window before now, so a burst that arrived while no console ran is still proposed,
/// while history never floods the desk with old bursts.
enum CrisisProposalRules {
    /// Whether a case could trigger a proposal at `now` (cheap, no database): a group, an
    /// involvement, or (with `bursts`) a recent arrival that could complete a burst.
    static func mayTrigger(_ c: ComplaintCase, policy p: CrisisPolicy, now: Instant, bursts: Bool) -> Bool {
        guard c.isOpen, c.kind != .venting, c.kind != .report else { return false }
        if c.peopleInvolved >= p.people || c.mediaInvolved || c.regulatorInvolved { return true }
        return bursts && inBurstWindow(c, policy: p, now: now)
    }

    /// Received within the burst window before `now` (and not in the future).
    static func inBurstWindow(_ c: ComplaintCase, policy p: CrisisPolicy, now: Instant) -> Bool {
        let age = now.seconds.subtractingClamped(c.receivedAt.seconds)
        return age >= 0 && age <= p.burstWindowSeconds
    }

    /// Proposes events for `cases`: a group of `people`+, a regulator or the media involved, or
    /// (with `bursts`) the last of a burst of similar complaints (same branch, line, product and
    /// category) within the window. Report cases (举报件) are never pulled in; a case already in
    /// an event (a dismissed one included: that was the crisis group's decision) is skipped.
    static func propose(for cases: [ComplaintCase], policy p: CrisisPolicy, now: Instant, bursts: Bool, _ db: Database) throws -> [Int64] {
        var proposed: [Int64] = []
        let actor = Actor(name: "rules")
        // Oldest first, so a burst is proposed once, by the case that completes it.
        for c in cases.sorted(by: { ($0.receivedAt, $0.id ?? 0) < ($1.receivedAt, $1.id ?? 0) }) {
            guard let id = c.id, mayTrigger(c, policy: p, now: now, bursts: bursts),
                  try CrisisRecords.eventOf(caseId: id, db) == nil else { continue }
            if c.peopleInvolved >= p.people {
                proposed.append(try CrisisRecords.propose(title: c.summary, numbers: [c.number], trigger: .group, now: now, actor: actor, db))
                continue
            }
            if c.mediaInvolved || c.regulatorInvolved {
                proposed.append(try CrisisRecords.propose(title: c.summary, numbers: [c.number], trigger: .involvement, now: now, actor: actor, db))
                continue
            }
            let similar = try burst(completedBy: c, policy: p, db)
            if similar.count >= p.burstCount {
                let title = "\(c.product.isEmpty ? c.line.zh : c.product) \(c.category.zh) \(p.burstWindowSeconds / 60)分钟内\(similar.count)件同类投诉"
                proposed.append(try CrisisRecords.propose(title: title, numbers: similar, trigger: .burst, now: now, actor: actor, db))
            }
        }
        return proposed
    }

    /// The similar complaints received in the window ending at `c`'s receipt that are in no
    /// event yet, oldest first (`c` included).
    static func burst(completedBy c: ComplaintCase, policy p: CrisisPolicy, _ db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            SELECT c.number FROM cases c
            WHERE c.branch = ? AND c.line = ? AND c.received_at > ? AND c.received_at <= ? AND c.kind NOT IN ('venting', 'report')
              AND c.product = ? AND c.category = ?
              AND NOT EXISTS (SELECT 1 FROM crisis_cases x JOIN crisis_events e ON e.id = x.event_id WHERE x.case_id = c.id AND e.status <> 'dismissed')
            ORDER BY c.received_at
            """), arguments: [c.branch, c.line.rawValue, c.receivedAt.seconds.subtractingClamped(p.burstWindowSeconds), c.receivedAt.seconds,
                             c.product, c.category.rawValue])
    }
}
