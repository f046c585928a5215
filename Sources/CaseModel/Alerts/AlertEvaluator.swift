import Foundation
import GRDB
import HeapModule

/// Turns the data into alerts and crisis proposals, on every change and on the clock's tick.
///
/// Incremental: the first tick reads the open cases once and schedules, per case, the next instant
/// its alerts could change (a warning point, a due time, the unassigned limit). Later ticks only
/// (a) re-read the cases that new events touched, found from the event log since the last tick, and
/// (b) pop the scheduled instants that have passed. Nothing scans history per tick. Several consoles
/// may evaluate at once: raising is de-duplicated in the database. The crisis proposal rules
/// (groups, involvement, bursts) run on the same paths (`CrisisProposalRules`).
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
        var changed = false
        if lastEventId < 0 || token.subtractingClamped(lastEventId) > AlertEvaluator.rebuildThreshold {
            result.rebuilt = true
            try rebuild(now: now, into: &result)
            lastEventId = token
        } else if token > lastEventId {
            // Only which cases the events touched: every case, report cases (举报件) included, since
            // the evaluator raises their alerts too (readers see them through their visibility).
            let ids = try desk.store.read { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT case_id FROM events WHERE id > ? AND id <= ? ORDER BY id"),
                                 arguments: [lastEventId, token])
                    .map { try StoredRow($0, "events") { "an event" }.optInt(0, "case_id", in: 1...Int64.max) }
            }
            for id in ids {
                if let id { touched.insert(id) } else { deskWide = true }
            }
            changed = !ids.isEmpty
            lastEventId = token
        }
        while let top = schedule.min, top.at <= now {
            _ = schedule.popMin()
            touched.insert(top.caseId)
        }
        if !touched.isEmpty {
            try desk.store.write { db in
                try evaluateCases(touched.sorted(), now: now, db, &result)
            }
        }
        // Desk-wide rules: the crisis part when something desk-wide happened or a crisis clock
        // passed; the figures (branch rates, handler loads) when something desk-wide happened, and
        // otherwise at most once a minute after case changes. A clock passing a case's threshold
        // moves no desk-wide figure, so it does not wake them.
        if changed { deskWidePending = true }
        let throttled = lastDeskWide.map { now.seconds.subtractingClamped($0.seconds) < 60 } ?? false
        let crisisDue = try crisisClocksPassed(now: now)
        var parts: Set<DeskWideRules.Part> = []
        if result.rebuilt || deskWide || (deskWidePending && !throttled) { parts = Set(DeskWideRules.Part.allCases) }
        if crisisDue || !result.proposedEvents.isEmpty { parts.insert(.crisis) }
        if !parts.isEmpty {
            try desk.store.write { db in try evaluateDeskWide(now: now, parts: parts, db, &result) }
            if parts.contains(.figures) {
                lastDeskWide = now
                deskWidePending = false
            }
        }
        return result
    }

    /// How many cases a tick at `instant` would re-evaluate because one of their thresholds has
    /// passed by then (changes aside): what a benchmark steps the clock by.
    public func crossings(through instant: Instant) -> Int {
        lock.lock(); defer { lock.unlock() }
        return schedule.unordered.reduce(into: Set<Int64>()) { if $1.at <= instant { $0.insert($1.caseId) } }.count
    }

    // MARK: cases

    /// Display names by login, for alert texts (the roster is a few dozen rows).
    private func names(_ db: Database) throws -> [String: String] {
        try AlertRecords.displayNames(db)
    }

    /// Evaluates every open (and closed, awaiting callback) case from scratch. The reading and
    /// rule work happen in read transactions — two at once, one per core, over halves of the cases
    /// (reading and decoding 50,000 case rows is most of the time) — and the alert writes in
    /// short write transactions of a few thousand rows, so other consoles' writes never wait long
    /// behind a first pass. Only differences are written: an alert already active stays as it is.
    /// Cases changed meanwhile have events after the token this pass started from, so the next
    /// tick re-evaluates them; raising and clearing are idempotent, so two consoles may overlap.
    /// Bursts are looked for among the cases received inside the burst window before `now`.
    private func rebuild(now: Instant, into result: inout TickResult) throws {
        schedule = Heap()
        let policy = desk.policy
        let store = desk.store
        // Two index-only reads of the ids (open cases; closed ones awaiting a callback, venting
        // cases having none) rather than one `open OR closed` condition, which scanned the file.
        var ids: [Int64] = []
        var onDuty = false
        var names: [String: String] = [:]
        var active: Set<String> = []
        try store.read { db in
            ids = try Int64.fetchAll(db, sql: "SELECT id FROM cases WHERE \(Schema.openCondition)")
            ids += try Int64.fetchAll(db, sql: "SELECT id FROM cases WHERE status = 'closed' AND kind <> 'venting'")
            onDuty = try deskOnDuty(now, db)
            names = try self.names(db)
            let rows = try Row.fetchAll(db, sql: "SELECT rule, subject, level FROM alerts WHERE cleared_at IS NULL AND case_number IS NOT NULL")
            active = Set(try rows.map(AlertRecords.id))
        }
        struct Pass {
            var wanted: [String: (DeskAlert, CaseKind)] = [:]
            var scheduled: [Scheduled] = []
            var candidates: [ComplaintCase] = []
            var evaluated = 0
        }
        let sorted = ids.sorted()
        let workers = sorted.count >= 4_000 ? 2 : 1
        let size = (sorted.count + workers - 1) / max(1, workers)
        /// The workers' results, each written once under the lock.
        final class Passes: @unchecked Sendable {
            var results: [Result<Pass, Error>]
            let lock = NSLock()
            init(_ n: Int) { results = Array(repeating: .success(Pass()), count: n) }
        }
        let passes = Passes(workers)
        let dutyNow = onDuty, nameMap = names, activeNow = active
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let part = Array(sorted[min(sorted.count, w * size)..<min(sorted.count, (w + 1) * size)])
            let outcome = Result<Pass, Error> {
                var pass = Pass()
                try store.read { db in
                    var start = 0
                    while start < part.count {
                        let chunk = Array(part[start..<min(part.count, start + 500)])
                        start += chunk.count
                        let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                        let cursor = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(AlertCaseColumns.selectList) FROM cases WHERE id IN (\(marks))"),
                                                         arguments: StatementArguments(chunk))
                        while let row = try cursor.next() {
                            let c = try AlertCaseColumns.decode(row)
                            guard c.isOpen || (c.status == .closed && c.kind != .venting) else { continue }   // changed since the ids were read
                            let clocks = policy.clocks(of: c)
                            // Only alerts not already active are written, so only they are worded.
                            for var a in CaseAlertRules.alerts(for: c, clocks: clocks, policy: policy, now: now, deskOnDuty: dutyNow,
                                                               names: nameMap, texting: { !activeNow.contains($0) }) {
                                a.restricted = c.kind == .report
                                pass.wanted[a.id] = (a, c.kind)
                            }
                            if let next = CaseAlertRules.nextChange(for: c, clocks: clocks, policy: policy, now: now) {
                                pass.scheduled.append(Scheduled(at: next, caseId: c.id!))
                            }
                            if CrisisProposalRules.mayTrigger(c, policy: policy.crisis, now: now, bursts: true) { pass.candidates.append(c) }
                            pass.evaluated += 1
                        }
                    }
                }
                return pass
            }
            passes.lock.withLock { passes.results[w] = outcome }
        }
        var wanted: [String: (DeskAlert, CaseKind)] = [:]
        var scheduled: [Scheduled] = []
        var candidates: [ComplaintCase] = []
        for outcome in passes.results {
            let pass = try outcome.get()
            wanted.merge(pass.wanted) { a, _ in a }
            scheduled += pass.scheduled
            candidates += pass.candidates
            result.casesEvaluated += pass.evaluated
        }
        schedule = Heap(scheduled)
        // Clear case alerts that no longer hold (the case moved on, or left the open set), then
        // raise the wanted ones not already active, a batch per write transaction.
        let stale = active.filter { wanted[$0] == nil }
        let batch = 2_000
        let staleList = Array(stale)
        for start in stride(from: 0, to: staleList.count, by: batch) {
            try desk.store.write { db in
                for id in staleList[start..<min(staleList.count, start + batch)] { try AlertRecords.clear(id: id, now: now, db) }
            }
        }
        result.cleared += stale.count
        let raising = wanted.filter { !active.contains($0.key) }.map(\.value)
        for start in stride(from: 0, to: raising.count, by: batch) {
            try desk.store.write { db in
                for (a, kind) in raising[start..<min(raising.count, start + batch)] where try AlertTable.raise(a, caseKind: kind, db) {
                    result.raised.append(a)
                }
            }
        }
        if !candidates.isEmpty {
            try desk.store.write { db in
                result.proposedEvents += try CrisisProposalRules.propose(for: candidates, policy: policy.crisis, now: now, bursts: true, db)
            }
        }
    }

    /// Re-evaluates the cases with these ids: one read of the cases and one of their active
    /// alerts, then only the differences written.
    private func evaluateCases(_ ids: [Int64], now: Instant, _ db: Database, _ result: inout TickResult) throws {
        let policy = desk.policy
        // One query per 500 cases rather than one per case: a busy tick re-reads hundreds.
        let found = try AlertCaseColumns.fetch(ids: ids, db)
        let active = try AlertRecords.active(caseNumbers: found.values.map(\.number), db)
        let onDuty = try deskOnDuty(now, db)
        let names = try names(db)
        var candidates: [ComplaintCase] = []
        for id in ids {
            result.casesEvaluated += 1
            guard let c = found[id] else { continue }
            var wanted: [String: DeskAlert] = [:]
            let current = active[c.number] ?? []
            if c.isOpen || c.status == .closed {
                let clocks = policy.clocks(of: c)
                // Only alerts not already active are written, so only they are worded.
                for var a in CaseAlertRules.alerts(for: c, clocks: clocks, policy: policy, now: now, deskOnDuty: onDuty, names: names,
                                                   texting: { !current.contains($0) }) {
                    a.restricted = c.kind == .report
                    wanted[a.id] = a
                }
                if let next = CaseAlertRules.nextChange(for: c, clocks: clocks, policy: policy, now: now) {
                    schedule.insert(Scheduled(at: next, caseId: id))
                }
            }
            for existing in current where wanted[existing] == nil {
                try AlertRecords.clear(id: existing, now: now, db)
                result.cleared += 1
            }
            for (key, a) in wanted where !current.contains(key) {
                if try AlertTable.raise(a, caseKind: c.kind, db) { result.raised.append(a) }
            }
            if CrisisProposalRules.mayTrigger(c, policy: policy.crisis, now: now, bursts: true) { candidates.append(c) }
        }
        if !candidates.isEmpty {
            result.proposedEvents += try CrisisProposalRules.propose(for: candidates, policy: policy.crisis, now: now, bursts: true, db)
        }
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

    // MARK: desk-wide rules

    private var nextCrisisCheck: Instant?
    private var lastDeskWide: Instant?
    private var deskWidePending = false

    private func crisisClocksPassed(now: Instant) throws -> Bool {
        guard let next = nextCrisisCheck else { return false }
        return now >= next
    }

    /// Raises the desk-wide alerts that hold and clears those that no longer do; an active
    /// alert whose facts moved (an event's people) gets its text refreshed, staying acknowledged.
    private func evaluateDeskWide(now: Instant, parts: Set<DeskWideRules.Part>, _ db: Database, _ result: inout TickResult) throws {
        let (wanted, next) = try DeskWideRules.wanted(policy: desk.policy, now: now, parts: parts, db)
        if parts.contains(.crisis) { nextCrisisCheck = next }
        let active = try AlertRecords.active(caseNumber: nil, rules: parts.flatMap(\.rules), db)
        for existing in active where wanted[existing] == nil {
            try AlertRecords.clear(id: existing, now: now, db)
            result.cleared += 1
        }
        for (id, a) in wanted {
            if active.contains(id) { try AlertTable.refreshText(a, db) } else if try AlertTable.raise(a, caseKind: nil, db) { result.raised.append(a) }
        }
    }
}
