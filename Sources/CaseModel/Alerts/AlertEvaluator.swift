import Foundation
import GRDB
import HeapModule

/// Turns the data into alerts and crisis proposals, on every change and on the clock's tick.
///
/// Incremental: the first tick reads the open cases once and schedules, per case, the next instant
/// its alerts could change (a warning point, a due time, the unassigned limit). Later ticks only
/// (a) re-read the cases that new events touched, found from the event log since the last tick, and
/// (b) pop the scheduled instants that have passed. Nothing scans history per tick. Several consoles
/// may evaluate at once: raising is de-duplicated in the database.
public final class AlertEvaluator: @unchecked Sendable {
    public let desk: CaseDesk
    private var lastEventId: Int64 = -1
    private var schedule = Heap<Scheduled>()
    private var onDutyCache: (minute: Int64, value: Bool) = (-1, false)
    private let lock = NSLock()

    struct Scheduled: Comparable {
        var at: Instant
        var caseId: Int64
        static func < (a: Scheduled, b: Scheduled) -> Bool { a.at < b.at || (a.at == b.at && a.caseId < b.caseId) }
    }

    /// What a tick did.
    public struct TickResult: Sendable {
        /// Alerts raised (new, or active again) in this tick.
        public var raised: [DeskAlert] = []
        public var cleared = 0
        /// Cases re-evaluated (touched or crossing a threshold).
        public var casesEvaluated = 0
        /// Crisis events proposed in this tick.
        public var proposedEvents: [Int64] = []
        /// Whether this tick rebuilt everything (the first tick, or after a bulk change).
        public var rebuilt = false
    }

    /// Creates an evaluator for a desk.
    public init(desk: CaseDesk) { self.desk = desk }

    /// More events than this since the last tick (an import) means a rebuild instead of per-case work.
    static let rebuildThreshold = 20_000

    /// Evaluates at `now`: cheap when nothing changed and no threshold passed.
    @discardableResult
    public func tick(at now: Instant) throws -> TickResult {
        lock.lock(); defer { lock.unlock() }
        var result = TickResult()
        let token = try desk.store.changeToken()
        var touched: Set<Int64> = []
        var deskWide = false
        if lastEventId < 0 || token.subtractingClamped(lastEventId) > AlertEvaluator.rebuildThreshold {
            result.rebuilt = true
            try rebuild(now: now, into: &result)
            lastEventId = token
        } else if token > lastEventId {
            let events = try desk.store.read { db in try CaseRecords.events(after: lastEventId, limit: AlertEvaluator.rebuildThreshold + 1, db) }
            for e in events {
                if let id = e.caseId { touched.insert(id) } else { deskWide = true }
            }
            lastEventId = token
        }
        while let top = schedule.min, top.at <= now {
            _ = schedule.popMin()
            touched.insert(top.caseId)
        }
        if !touched.isEmpty {
            try desk.store.write { db in
                var cases: [ComplaintCase] = []
                let ids = touched.sorted()
                // One query per 500 cases rather than one per case: a busy tick re-reads hundreds.
                let found = try CaseRecords.fetch(ids: ids, db)
                for id in ids {
                    if let c = try evaluateCase(id, found[id], now: now, db, &result) { cases.append(c) }
                }
                result.proposedEvents += try proposeCrises(for: cases, now: now, db)
            }
            deskWidePending = true
        }
        // Desk-wide rules (crisis clocks, branch rates, handler load) run when something desk-wide
        // happened or a crisis clock passed, and otherwise at most once a minute after case changes.
        let throttled = lastDeskWide.map { now.seconds.subtractingClamped($0.seconds) < 60 } ?? false
        let crisisDue = try crisisClocksPassed(now: now)
        if result.rebuilt || deskWide || !result.proposedEvents.isEmpty || crisisDue || (deskWidePending && !throttled) {
            try desk.store.write { db in try evaluateDeskWide(now: now, db, &result) }
            lastDeskWide = now
            deskWidePending = false
        }
        return result
    }

    // MARK: cases

    /// Evaluates every open (and closed, awaiting callback) case from scratch. The reading and
    /// rule work happen in a read transaction and the alert writes in short write transactions
    /// of a few thousand rows: a first pass over 40,000 open cases takes seconds, and holding
    /// the write lock that long made other consoles' writes wait past their busy timeout.
    /// Cases changed meanwhile have events after the token this pass started from, so the next
    /// tick re-evaluates them; raising and clearing are idempotent, so two consoles may overlap.
    private func rebuild(now: Instant, into result: inout TickResult) throws {
        schedule = Heap()
        var wanted: [String: (DeskAlert, CaseKind)] = [:]
        var candidates: [ComplaintCase] = []
        var active: [String] = []
        try desk.store.read { db in
            let onDuty = try deskOnDuty(now, db)
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(CaseColumns.selectList) FROM cases WHERE \(Schema.openCondition) OR status = 'closed'")
            while let row = try cursor.next() {
                let c = try CaseColumns.decode(row)
                let clocks = desk.policy.clocks(of: c)
                for var a in CaseAlertRules.alerts(for: c, clocks: clocks, policy: desk.policy, now: now, deskOnDuty: onDuty) {
                    a.restricted = c.kind == .report
                    wanted[a.id] = (a, c.kind)
                }
                if let next = CaseAlertRules.nextChange(for: c, clocks: clocks, policy: desk.policy, now: now) {
                    schedule.insert(Scheduled(at: next, caseId: c.id!))
                }
                if c.isOpen && (c.peopleInvolved >= desk.policy.crisis.people || c.mediaInvolved || c.regulatorInvolved) { candidates.append(c) }
                result.casesEvaluated += 1
            }
            active = try Row.fetchAll(db, sql: "SELECT rule, subject, level FROM alerts WHERE cleared_at IS NULL AND case_number IS NOT NULL")
                .map(AlertRecords.id)
        }
        // Clear case alerts that no longer hold (the case moved on, or left the open set), then
        // raise the wanted ones, a batch per write transaction.
        let stale = active.filter { wanted[$0] == nil }
        let batch = 2_000
        for start in stride(from: 0, to: stale.count, by: batch) {
            try desk.store.write { db in
                for id in stale[start..<min(stale.count, start + batch)] { try AlertRecords.clear(id: id, now: now, db) }
            }
        }
        result.cleared += stale.count
        let raising = Array(wanted.values)
        for start in stride(from: 0, to: raising.count, by: batch) {
            try desk.store.write { db in
                for (a, kind) in raising[start..<min(raising.count, start + batch)] where try AlertRecords.raise(a, caseKind: kind, db) {
                    result.raised.append(a)
                }
            }
        }
        // Bursts are detected as cases arrive; a rebuild only looks for groups and involvement.
        try desk.store.write { db in
            result.proposedEvents += try proposeCrises(for: candidates, now: now, db, bursts: false)
        }
    }

    @discardableResult
    private func evaluateCase(_ id: Int64, _ c: ComplaintCase?, now: Instant, _ db: Database, _ result: inout TickResult) throws -> ComplaintCase? {
        result.casesEvaluated += 1
        var wanted: [String: DeskAlert] = [:]
        if let c, c.isOpen || c.status == .closed {
            let clocks = desk.policy.clocks(of: c)
            for var a in CaseAlertRules.alerts(for: c, clocks: clocks, policy: desk.policy, now: now, deskOnDuty: try deskOnDuty(now, db)) {
                a.restricted = c.kind == .report
                wanted[a.id] = a
            }
            if let next = CaseAlertRules.nextChange(for: c, clocks: clocks, policy: desk.policy, now: now) {
                schedule.insert(Scheduled(at: next, caseId: id))
            }
        }
        guard let number = c?.number else { return nil }
        for existing in try AlertRecords.active(caseNumber: number, db) where wanted[existing] == nil {
            try AlertRecords.clear(id: existing, now: now, db)
            result.cleared += 1
        }
        for (_, a) in wanted where try AlertRecords.raise(a, caseKind: c?.kind, db) {
            result.raised.append(a)
        }
        return c
    }

    private func deskOnDuty(_ now: Instant, _ db: Database) throws -> Bool {
        let minute = now.seconds / 60
        if onDutyCache.minute == minute { return onDutyCache.value }
        let roster = try Int.fetchOne(db, sql: "SELECT count(*) FROM shifts") ?? 0
        // A desk without any shift recorded is taken as always staffed.
        let value = roster == 0 ? true : (try Int.fetchOne(db, sql: "SELECT count(*) FROM shifts WHERE starts_at <= ? AND ends_at > ?", arguments: [now.seconds, now.seconds]) ?? 0) > 0
        onDutyCache = (minute, value)
        return value
    }

    // MARK: crisis proposals

    /// Proposes crisis events for touched cases: a group of `people`+, a regulator or the media
    /// involved, or the last of a burst of similar complaints (same branch, product and category)
    /// within the window.
    private func proposeCrises(for cases: [ComplaintCase], now: Instant, _ db: Database, bursts: Bool = true) throws -> [Int64] {
        let p = desk.policy.crisis
        var proposed: [Int64] = []
        let actor = Actor(name: "rules")
        for c in cases {
            // Report cases (举报件) stay on their restricted track: never pulled into a crisis event.
            guard let id = c.id, c.isOpen, c.kind != .venting, c.kind != .report,
                  try CrisisRecords.eventOf(caseId: id, db) == nil else { continue }
            if c.peopleInvolved >= p.people {
                let title = c.summary   // the ticker and the lists show people and involvement beside it
                proposed.append(try CrisisRecords.propose(title: title, numbers: [c.number], trigger: .group, now: now, actor: actor, db))
                continue
            }
            if c.mediaInvolved || c.regulatorInvolved {
                proposed.append(try CrisisRecords.propose(title: c.summary, numbers: [c.number], trigger: .involvement, now: now, actor: actor, db))
                continue
            }
            guard bursts, now.seconds.subtractingClamped(c.receivedAt.seconds) <= p.burstWindowSeconds else { continue }
            let similar = try String.fetchAll(db, sql: """
                SELECT c.number FROM cases c
                WHERE c.branch = ? AND c.line = ? AND c.received_at > ? AND c.received_at <= ? AND c.kind NOT IN ('venting', 'report')
                  AND c.product = ? AND c.category = ?
                  AND NOT EXISTS (SELECT 1 FROM crisis_cases x JOIN crisis_events e ON e.id = x.event_id WHERE x.case_id = c.id AND e.status <> 'dismissed')
                ORDER BY c.received_at
                """, arguments: [c.branch, c.line.rawValue, c.receivedAt.seconds.subtractingClamped(p.burstWindowSeconds), c.receivedAt.seconds, c.product, c.category.rawValue])
            if similar.count >= p.burstCount {
                let title = "\(c.product.isEmpty ? c.line.zh : c.product) \(c.category.zh) \(p.burstWindowSeconds / 60)分钟内\(similar.count)件同类投诉"
                proposed.append(try CrisisRecords.propose(title: title, numbers: similar, trigger: .burst, now: now, actor: actor, db))
            }
        }
        return proposed
    }

    // MARK: desk-wide rules

    private var nextCrisisCheck: Instant?
    private var lastDeskWide: Instant?
    private var deskWidePending = false

    private func crisisClocksPassed(now: Instant) throws -> Bool {
        guard let next = nextCrisisCheck else { return false }
        return now >= next
    }

    /// Desk-wide alerts are one row seen by everyone, so they count general cases only: a report
    /// case (举报件) must not move a figure a handler can read (docs/access-control.md).
    private func evaluateDeskWide(now: Instant, _ db: Database, _ result: inout TickResult) throws {
        var wanted: [String: DeskAlert] = [:]
        func add(_ a: DeskAlert) { wanted[a.id] = a }
        let cp = desk.policy.crisis
        var upcoming: [Instant] = []
        for e in try CrisisRecords.events(activeOnly: true, visibility: .standard, db) {
            let subject = "event-\(e.id)"
            let involvement = [e.mediaInvolved ? "媒体介入" : nil, e.regulatorInvolved ? "监管介入" : nil].compactMap { $0 }.joined(separator: " ")
            add(DeskAlert(rule: .crisis, level: e.status == .declared ? .critical : .warning, subject: subject, caseNumber: nil,
                          messageZh: "【危机\(e.status == .declared ? "" : "·待确认")】\(e.branch) \(e.title) \(e.people)人 \(involvement)",
                          messageEn: "crisis \(e.status.rawValue): \(e.title), \(e.people) people", raisedAt: e.proposedAt))
            if e.isMassIncident(cp) {
                add(DeskAlert(rule: .massIncident, level: .critical, subject: subject, caseNumber: nil,
                              messageZh: "【重大群体性事件】\(e.branch) \(e.title) \(e.people)人", messageEn: "mass incident: \(e.title), \(e.people) people", raisedAt: e.proposedAt))
            }
            for kind in [CrisisReportKind.superior, .hq] {
                guard let due = e.reportDue(kind, cp) else { continue }
                let warnAt = due.adding(seconds: -cp.reportWarningSeconds)
                if now >= due {
                    add(DeskAlert(rule: .crisisReportOverdue, level: e.status == .declared ? .critical : .warning, subject: "\(subject):\(kind.rawValue)", caseNumber: nil,
                                  messageZh: "\(e.branch) \(e.title) \(kind.zh)已超时", messageEn: "\(e.title): report \(kind.en) overdue", raisedAt: due))
                } else {
                    upcoming.append(due)
                    if now >= warnAt {
                        add(DeskAlert(rule: .crisisReportDue, level: .warning, subject: "\(subject):\(kind.rawValue)", caseNumber: nil,
                                      messageZh: "\(e.branch) \(e.title) \(kind.zh)即将到期", messageEn: "\(e.title): report \(kind.en) due soon", raisedAt: warnAt))
                    } else { upcoming.append(warnAt) }
                }
            }
        }
        nextCrisisCheck = upcoming.min()
        // Branches whose valid complaints this month exceed the share of their claim reports.
        let date = DeskTime.standard.civil(now).date
        let month = "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
        let monthStart = DeskTime.standard.instant(CivilDateTime(date: CivilDate(year: date.year, month: date.month, day: 1)!, hour: 0, minute: 0))
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.branch, f.claim_reports, (SELECT count(*) FROM cases c WHERE c.branch = f.branch AND c.validity = 'valid'
                AND c.received_at >= ? AND c.received_at < ? AND c.kind <> 'report') FROM branch_figures f WHERE f.month = ? AND f.claim_reports > 0
            """, arguments: [monthStart.seconds, monthStart.adding(seconds: 31 * 86_400).seconds, month])
        for row in rows {
            let r = StoredRow(row, "branch_figures") { "figures of \(StoredRow.name(row[0] as DatabaseValue)) \(month)" }
            let branch = try r.text(0, "branch"), claims = try r.count(1, "claim_reports"), valid = try r.count(2, "valid")
            let rate = Double(valid) / Double(claims)
            if rate > desk.policy.alerts.branchValidRate {
                add(DeskAlert(rule: .branchValidRate, level: .warning, subject: "\(branch):\(month)", caseNumber: nil,
                              messageZh: "\(branch) \(month) 有效投诉占报案 \(String(format: "%.1f", rate * 100))%",
                              messageEn: "\(branch) \(month): valid complaints \(String(format: "%.1f", rate * 100))% of claim reports", raisedAt: now))
            }
        }
        // A handler far above the average load of the other handlers on duty.
        let onDuty = try Roster.onDuty(at: now, db).filter { $0.role == .handler }
        if onDuty.count >= 2 {
            let load = try AccessControl.openLoad(.standard, db)
            let total = onDuty.map { load[$0.name] ?? 0 }.clampedSum()
            for u in onDuty {
                let n = load[u.name] ?? 0
                let others = Double(total.subtractingClamped(n)) / Double(onDuty.count - 1)
                if n >= desk.policy.alerts.minLoad && Double(n) > desk.policy.alerts.loadFactor * others {
                    add(DeskAlert(rule: .handlerLoad, level: .info, subject: u.name, caseNumber: nil,
                                  messageZh: "\(u.displayName) 在办 \(n) 件，其他在岗平均 \(Int(clamping: others.rounded()))", messageEn: "\(u.name) has \(n) open cases; other handlers on duty average \(Int(clamping: others.rounded()))", raisedAt: now))
                }
            }
        }
        for existing in try AlertRecords.active(caseNumber: nil, db) where wanted[existing] == nil {
            try AlertRecords.clear(id: existing, now: now, db)
            result.cleared += 1
        }
        for (_, a) in wanted where try AlertRecords.raise(a, caseKind: nil, db) { result.raised.append(a) }
    }
}
