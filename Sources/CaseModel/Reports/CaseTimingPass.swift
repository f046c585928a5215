import Foundation
import GRDB

/// One pass over the handled cases of a period, reading only the columns the clocks need:
/// on-time counts per stage, overall, per handler and per branch, and the working time to first
/// contact and to close on the business calendar.
public struct CaseTimingPass: Sendable {
    /// Handled and on-time counts.
    public struct Tally: Sendable, Equatable {
        public var handled = 0
        public var onTime = 0
        /// on time / handled as a figure.
        public func figure(key: String, label: String) -> MetricFigure {
            MetricFigure(key: key, label: label, numerator: Double(onTime), denominator: Double(handled), formula: "handled within deadline / handled")
        }
        /// Counts one handled case.
        mutating func add(onTime: Bool) {
            handled += 1
            if onTime { self.onTime += 1 }
        }
        /// Adds another tally.
        mutating func add(_ o: Tally) {
            handled += o.handled
            onTime += o.onTime
        }
    }

    /// Per stage of `StageTimeliness.stages`, same order.
    public var stageTallies = [Tally](repeating: Tally(), count: StageTimeliness.stages.count)
    /// Per stage tallies by stage.
    public var stages: [Stage: Tally] {
        var out: [Stage: Tally] = [:]
        for (i, t) in stageTallies.enumerated() where t.handled > 0 { out[StageTimeliness.stages[i]] = t }
        return out
    }
    public var overall = Tally()
    public var byHandler: [String: Tally] = [:]
    public var byBranch: [String: Tally] = [:]
    /// Working seconds (business calendar) from receipt to first contact, per contacted case.
    public var toFirstContact: [Int64] = []
    /// Working seconds (business calendar) from receipt to closing, per closed case.
    public var toClose: [Int64] = []

    /// The calendar working times are counted on.
    public static let calendarName = "business"

    /// The columns a timing case is decoded from, in the order `timingCase` reads them (a wider
    /// scan may append its own columns after these).
    static let columns = """
        kind, severity, status, received_at, stages_started_at, contacted_at, submitted_at, approved_at, closed_at,
        followed_up_at, promised_at, column_changed_at, repeat_count, last_note_at, handler, branch, number
        """

    /// Whether a case's timestamps count in the pass: not venting, and contacted or closed
    /// (the same condition as the pass's own query).
    static let condition = "kind <> 'venting' AND (contacted_at IS NOT NULL OR closed_at IS NOT NULL)"

    /// Runs the pass over cases received in `[from, to)` that the reader may see.
    static func run(policy: DeskPolicy, from: Instant, to: Instant, visibility: CaseVisibility, parallelAbove: Int = 20_000, _ db: Database) throws -> CaseTimingPass {
        let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
        var cases: [ComplaintCase] = []
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT \(columns)
            FROM cases WHERE received_at >= ? AND received_at < ?\(hidden) AND \(condition)
            """, arguments: [from.seconds, to.seconds])
        while let row = try cursor.next() { cases.append(try timingCase(row)) }
        return tally(cases, policy: policy, parallelAbove: parallelAbove)
    }

    /// The case as far as the clocks need it, from a row whose first columns are `columns`.
    /// The same checks as a full case read (`CaseColumns.decode`) on the columns read here.
    static func timingCase(_ row: Row) throws -> ComplaintCase {
        let r = StoredRow(row, "cases") { "case \(StoredRow.name(row[16] as DatabaseValue))" }
        var c = ComplaintCase(number: "", receivedAt: try r.instant(3, "received_at"), receivingOperator: "")
        c.kind = try r.code(0, "kind")
        c.severity = try r.code(1, "severity")
        c.status = try r.code(2, "status")
        c.stagesStartedAt = try r.instant(4, "stages_started_at")
        func at(_ i: Int) throws -> Instant? { try r.optInstant(i, timedColumns[i]) }
        c.contactedAt = try at(5); c.submittedAt = try at(6); c.approvedAt = try at(7); c.closedAt = try at(8)
        c.followedUpAt = try at(9); c.promisedAt = try at(10); c.columnChangedAt = try at(11)
        c.repeatCount = Int(try r.int(12, "repeat_count", in: 1...DeskBounds.count.upperBound))
        c.lastNoteAt = try at(13)
        c.handler = try r.optText(14, "handler")
        c.branch = try r.text(15, "branch")
        return c
    }

    /// Names of the timestamp columns by their index in `columns`, for error messages.
    private static let timedColumns = ["", "", "", "", "", "contacted_at", "submitted_at", "approved_at", "closed_at", "followed_up_at", "promised_at",
                                       "column_changed_at", "", "last_note_at"]

    /// The tallies and durations of decoded cases.
    static func tally(_ cases: [ComplaintCase], policy: DeskPolicy, parallelAbove: Int = 20_000) -> CaseTimingPass {
        var pass = CaseTimingPass()
        let calendar = policy.calendars[CaseTimingPass.calendarName]
        // The clocks are pure functions of the case, so the cases are split among the cores and
        // the tallies merged: the result does not depend on the split.
        let chunks = cases.count < parallelAbove ? 1 : max(2, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let size = (cases.count + chunks - 1) / max(1, chunks)
        let results = ResultSlots(count: chunks)
        let rules = DueRules(policy)
        let all = cases
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            var part = CaseTimingPass()
            for c in all[min(all.count, k * size)..<min(all.count, (k + 1) * size)] { part.add(c, rules: rules, calendar: calendar) }
            results.set(k, part)
        }
        for k in 0..<chunks { pass.merge(results.get(k)) }
        return pass
    }

    /// Adds another pass's tallies and durations.
    mutating func merge(_ o: CaseTimingPass) {
        for i in stageTallies.indices { stageTallies[i].handled += o.stageTallies[i].handled; stageTallies[i].onTime += o.stageTallies[i].onTime }
        overall.handled += o.overall.handled; overall.onTime += o.overall.onTime
        for (k, t) in o.byHandler { byHandler[k, default: Tally()].handled += t.handled; byHandler[k, default: Tally()].onTime += t.onTime }
        for (k, t) in o.byBranch { byBranch[k, default: Tally()].handled += t.handled; byBranch[k, default: Tally()].onTime += t.onTime }
        toFirstContact += o.toFirstContact
        toClose += o.toClose
    }

    /// Adds one case (also used by tests on decoded cases).
    mutating func add(_ c: ComplaintCase, rules: DueRules, calendar: WorkCalendar?) {
        let o = StageTimeliness.Outcome(StageFacts(c), rules: rules)
        addStages(o)
        if o.handled {
            byHandler[c.handler ?? "(unassigned)", default: Tally()].add(onTime: o.onTime)
            byBranch[c.branch, default: Tally()].add(onTime: o.onTime)
        }
        if let calendar {
            addDurations(received: c.receivedAt, contacted: c.contactedAt, closed: c.closedAt, handled: o.handled, calendar, calendar.table)
        }
    }

    /// Adds one evaluated case to the per-stage and overall tallies (the per-handler and
    /// per-branch ones are the caller's: the fast read counts them by slot).
    mutating func addStages(_ o: StageTimeliness.Outcome) {
        if o.handledStages != 0 {
            for i in stageTallies.indices where o.handledStages & (1 << i) != 0 {
                stageTallies[i].add(onTime: o.onTimeStages & (1 << i) != 0)
            }
        }
        if o.handled { overall.add(onTime: o.onTime) }
    }

    /// Adds the working times to first contact and to close of one case on `calendar`.
    mutating func addDurations(received: Instant, contacted: Instant?, closed: Instant?, handled: Bool, _ calendar: WorkCalendar, _ table: DayTable) {
        if let contacted, contacted >= received {
            toFirstContact.append(calendar.workingSeconds(from: received, to: contacted, in: table))
        }
        if handled, let closed, closed >= received {
            toClose.append(calendar.workingSeconds(from: received, to: closed, in: table))
        }
    }
}

/// Per-chunk results written by concurrent workers, each to its own slot, read after they finish.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [CaseTimingPass]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: CaseTimingPass(), count: count) }
    func set(_ i: Int, _ p: CaseTimingPass) { lock.lock(); slots[i] = p; lock.unlock() }
    func get(_ i: Int) -> CaseTimingPass { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
