/// The one order of crisis events by urgency, used by the crisis board, the ticker, the
/// dashboard's crisis line and `console crisis list` (docs/crisis.md, "Urgency order").
///
/// Declared events and mass incidents come before groups of people, and groups before single
/// complaints (a one-person regulator referral must not hide a declared 32-person gathering);
/// within a tier the nearest unfiled report clock (1 hour to the superior, 24 hours to HQ) comes
/// first, an overdue one nearest of all; then more people, then declared before proposed, then
/// the older event.
public enum CrisisUrgency {
    /// How far up the order an event stands.
    public enum Tier: Int, Sendable, Comparable {
        /// Declared, or a mass incident (50+ people).
        case first = 0
        /// A group of people (`crisis.people`+) or a burst of several complaints.
        case group = 1
        /// One complaint (a regulator or media referral of one person).
        case single = 2
        public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
    }

    /// The tier of an event as its reader sees it.
    public static func tier(_ e: CrisisEvent, _ p: CrisisPolicy) -> Tier {
        if e.status == .declared || e.isMassIncident(p) { return .first }
        if e.people >= p.people || e.caseNumbers.count > 1 { return .group }
        return .single
    }

    /// The nearest unfiled report clock of an event (kind and due time), if any runs.
    public static func nearestClock(_ e: CrisisEvent, _ p: CrisisPolicy) -> (report: CrisisReportKind, due: Instant)? {
        [CrisisReportKind.superior, .hq].compactMap { k in e.reportDue(k, p).map { (k, $0) } }.min { $0.1 < $1.1 }
    }

    /// Whether `a` comes before `b`.
    public static func precedes(_ a: CrisisEvent, _ b: CrisisEvent, _ p: CrisisPolicy) -> Bool {
        let ta = tier(a, p), tb = tier(b, p)
        if ta != tb { return ta < tb }
        let da = nearestClock(a, p)?.due, db = nearestClock(b, p)?.due
        switch (da, db) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: break
        }
        if a.people != b.people { return a.people > b.people }
        if (a.status == .declared) != (b.status == .declared) { return a.status == .declared }
        return a.id < b.id
    }

    /// Events in urgency order.
    public static func sorted(_ events: [CrisisEvent], _ p: CrisisPolicy) -> [CrisisEvent] {
        events.sorted { precedes($0, $1, p) }
    }

    /// The summary of an event as the ticker and the crisis line show it.
    public static func summary(_ e: CrisisEvent, _ p: CrisisPolicy) -> CrisisSummary {
        CrisisSummary(id: String(e.id), title: e.title, branch: e.branch, people: e.people, mediaInvolved: e.mediaInvolved,
                      regulatorInvolved: e.regulatorInvolved, isMassIncident: e.isMassIncident(p),
                      superiorReportDue: e.reportDue(.superior, p), hqReportDue: e.reportDue(.hq, p), caseNumbers: e.caseNumbers,
                      status: e.status, tier: tier(e, p))
    }
}

/// The crisis picture in one look, for the dashboard's crisis line: how many events are proposed
/// and declared, and the most urgent one with its nearest report clock ("2 proposed, 1 declared;
/// most urgent: …, 报上级剩 0:23"). Only what the reader may see is counted.
public struct CrisisPicture: Sendable, Equatable {
    public var proposed: Int
    public var declared: Int
    /// Active events in urgency order (`CrisisUrgency`).
    public var events: [CrisisSummary]
    /// The instant the picture was taken.
    public var at: Instant

    /// The most urgent event.
    public var mostUrgent: CrisisSummary? { events.first }

    /// Seconds until the most urgent event's nearest report is due (negative: overdue by).
    public var mostUrgentLeft: Int64? {
        mostUrgent?.nearestDue.map { $0.seconds.subtractingClamped(at.seconds) }
    }

    /// Creates a picture from summaries already in order.
    public init(proposed: Int, declared: Int, events: [CrisisSummary], at: Instant) {
        self.proposed = proposed; self.declared = declared; self.events = events; self.at = at
    }

    /// The picture at `now` as the actor may see it.
    public static func load(_ desk: CaseDesk, at now: Instant, actor: Actor) throws -> CrisisPicture {
        let p = desk.policy.crisis
        let events = CrisisUrgency.sorted(try desk.crisisEvents(activeOnly: true, actor: actor), p)
        return CrisisPicture(proposed: events.filter { $0.status == .proposed }.count, declared: events.filter { $0.status == .declared }.count,
                             events: events.map { CrisisUrgency.summary($0, p) }, at: now)
    }
}
