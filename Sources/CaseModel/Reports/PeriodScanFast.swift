import Foundation
import GRDB

/// What a report needs to know of one text value, worked out once per distinct value of a column
/// (`TextSlots`) with the same `String` comparisons and parsing as the checked read.
struct TextFacts {
    let kind: CaseKind?
    let severity: Severity?
    let status: CaseStatus?
    /// `text != "venting"` (the kind test of the checked read, on the raw text).
    let notVenting: Bool
    /// The status text is `closed` or `followed-up`.
    let closed: Bool
    let withdrawn: Bool
    /// A source that is not a regulator's transfer.
    let notRegulator: Bool
    /// Closing basis: 1 accepted, 2 supported by law, 0 anything else.
    let basis: UInt8
    let valid: Bool

    init(_ s: String) {
        kind = CaseKind.parse(s)
        severity = Severity.parse(s)
        status = CaseStatus.parse(s)
        notVenting = s != CaseKind.venting.rawValue
        closed = s == CaseStatus.closed.rawValue || s == CaseStatus.followedUp.rawValue
        withdrawn = s == CaseStatus.withdrawn.rawValue
        notRegulator = s != "regulator-local" && s != "regulator-national"
        basis = s == "accepted" ? 1 : s == "supported-by-law" ? 2 : 0
        valid = s == "valid"
    }
}

extension PeriodScan {
    /// The scan read with SQLite's column calls (`RawScan`), counting text values by slot
    /// (`TextSlots`); nil when a row is not of the ordinary shape, for the checked read to decide
    /// (docs/bulk-data.md, "Reports: the fast read"). Same figures as `checked`, by construction:
    /// every test in `FastPeriodScan.add` is the checked read's, on values that read the same.
    static func fast(_ dimensions: [Breakdown.Dimension], from: Instant, to: Instant, visibility: CaseVisibility,
                     policy: DeskPolicy, _ db: Database) throws -> PeriodScan? {
        var state = FastPeriodScan(dimensions, policy: policy)
        let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
        do {
            try RawScan.each(db, sql: """
                SELECT \(fastColumns)
                FROM cases WHERE received_at >= ? AND received_at < ?\(hidden)
                """, arguments: [from.seconds, to.seconds]) { r in try state.add(r) }
        } catch is RawScan.Irregular {
            return nil
        }
        return state.result()
    }
}

/// The running counts of `PeriodScan.fast`, by slot. Kept in one value whose methods do the
/// counting, so the loop's state is a plain stored value (no captured variables to check at
/// every access).
private struct FastPeriodScan {
    typealias P = PeriodScan
    let dimensions: [Breakdown.Dimension]
    let dimensionColumns: [Int32]
    let rules: DueRules
    let calendar: WorkCalendar?
    let table: DayTable?
    var scan: PeriodScan
    /// One slot table per column read as text, indexed by the column's position.
    var slots = [TextSlots<TextFacts>](repeating: TextSlots(TextFacts.init), count: 24)
    var counts: [[Int]]
    var unassigned: [Int]
    /// [branch slot][month index]
    var validByBranch: [[Int]] = []
    var months: [String] = []
    var monthOfDay: (day: Int64, month: Int) = (Int64.min, 0)
    var handlerTally: [CaseTimingPass.Tally] = [], unassignedTally = CaseTimingPass.Tally()
    var branchTally: [CaseTimingPass.Tally] = []

    init(_ dimensions: [Breakdown.Dimension], policy: DeskPolicy) {
        self.dimensions = dimensions
        dimensionColumns = dimensions.map { Int32(P.column($0)) }
        rules = DueRules(policy)
        calendar = policy.calendars[CaseTimingPass.calendarName]
        table = calendar?.table
        scan = PeriodScan(dimensions: dimensions.count)
        counts = [[Int]](repeating: [], count: dimensions.count)
        unassigned = [Int](repeating: 0, count: dimensions.count)
    }

    private static func bump(_ a: inout [Int], _ k: Int) {
        if k >= a.count { a += [Int](repeating: 0, count: k + 1 - a.count) }
        a[k] += 1
    }

    private mutating func slot(_ r: RawScan, _ c: Int) throws -> Int { slots[c].slot(try r.text(Int32(c))) }

    /// The slot first, then its facts: the slot may be new.
    private mutating func facts(_ r: RawScan, _ c: Int) throws -> TextFacts {
        let k = try slot(r, c)
        return slots[c].infos[k]
    }

    /// Counts one row: the checked read's tests, in its order, on the same values.
    mutating func add(_ r: RawScan) throws {
        scan.total += 1
        // Each text column is looked up once a row: what a dimension read is kept.
        var kindSlot = -1, branchSlot = -1, handlerSlot: Int?? = .none
        for i in dimensionColumns.indices {
            let c = Int(dimensionColumns[i])
            if c == P.handlerIndex {
                guard let h = try r.optText(Int32(c)) else { unassigned[i] += 1; handlerSlot = .some(nil); continue }
                let k = slots[c].slot(h)
                handlerSlot = .some(k)
                Self.bump(&counts[i], k)
            } else {
                let k = try slot(r, c)
                if c == P.kindIndex { kindSlot = k } else if c == P.branchIndex { branchSlot = k }
                Self.bump(&counts[i], k)
            }
        }
        let status = try facts(r, P.statusIndex)
        if status.withdrawn, try facts(r, P.sourceIndex).notRegulator {
            scan.withdrawnBeforeTransfer += 1
        }
        if status.closed, let b = try r.optText(Int32(P.closingBasisIndex)) {
            let k = slots[P.closingBasisIndex].slot(b)
            let basis = slots[P.closingBasisIndex].infos[k].basis
            if basis == 1 { scan.closedAccepted += 1; scan.closedSettled += 1 } else if basis == 2 { scan.closedSettled += 1 }
        }
        let repeats = try r.int(Int32(P.repeatIndex), in: 1...DeskBounds.count.upperBound)
        if repeats == 2 { scan.repeatSecond += 1 } else if repeats >= 3 { scan.repeatThirdPlus += 1 }
        if try facts(r, P.validityIndex).valid {
            scan.valid += 1
            let day = floorDiv(try r.instant(Int32(P.receivedIndex)).addingClamped(Int64(DeskTime.standard.offsetSeconds)), 86_400)
            if day != monthOfDay.day {
                let name = P.month(ofDay: day)
                if let m = months.firstIndex(of: name) { monthOfDay = (day, m) } else { months.append(name); monthOfDay = (day, months.count - 1) }
            }
            if branchSlot < 0 { branchSlot = try slot(r, P.branchIndex) }
            if branchSlot >= validByBranch.count { validByBranch += [[Int]](repeating: [], count: branchSlot + 1 - validByBranch.count) }
            Self.bump(&validByBranch[branchSlot], monthOfDay.month)
        }
        if kindSlot < 0 { kindSlot = try slot(r, P.kindIndex) }
        let kind = slots[P.kindIndex].infos[kindSlot]
        guard kind.notVenting, !r.isNull(5) || !r.isNull(8) else { return }
        // The checked read's `timingCase`: every column it decodes, with its checks.
        guard let k = kind.kind, let sev = try facts(r, P.severityIndex).severity, let st = status.status else { throw RawScan.Irregular() }
        let received = Instant(seconds: try r.instant(Int32(P.receivedIndex)))
        func at(_ i: Int32) throws -> Instant? { try r.optInstant(i).map(Instant.init(seconds:)) }
        let facts = StageFacts(kind: k, severity: sev, status: st, stagesStartedAt: Instant(seconds: try r.instant(4)),
                               contactedAt: try at(5), submittedAt: try at(6), approvedAt: try at(7), closedAt: try at(8),
                               followedUpAt: try at(9), promisedAt: try at(10), columnChangedAt: try at(11))
        _ = try at(13)
        let handler: Int?
        if let known = handlerSlot {
            handler = known
        } else if let h = try r.optText(Int32(P.handlerIndex)) {
            handler = slots[P.handlerIndex].slot(h)
        } else {
            handler = nil
        }
        if branchSlot < 0 { branchSlot = try slot(r, P.branchIndex) }
        let o = StageTimeliness.Outcome(facts, rules: rules)
        scan.timing.addStages(o)
        if o.handled {
            if let handler {
                if handler >= handlerTally.count { handlerTally += [CaseTimingPass.Tally](repeating: .init(), count: handler + 1 - handlerTally.count) }
                handlerTally[handler].add(onTime: o.onTime)
            } else {
                unassignedTally.add(onTime: o.onTime)
            }
            if branchSlot >= branchTally.count { branchTally += [CaseTimingPass.Tally](repeating: .init(), count: branchSlot + 1 - branchTally.count) }
            branchTally[branchSlot].add(onTime: o.onTime)
        }
        if let calendar, let table {
            scan.timing.addDurations(received: received, contacted: facts.contactedAt, closed: facts.closedAt, handled: o.handled, calendar, table)
        }
    }

    /// Slots become the texts the checked read would have counted by, merged by `String`.
    func result() -> PeriodScan {
        var scan = scan
        for (i, d) in dimensions.enumerated() {
            let column = slots[Int(dimensionColumns[i])]
            for (k, n) in counts[i].enumerated() where n > 0 {
                let s = column.strings[k]
                let key = (d == .product || d == .branch) && s.isEmpty ? "(none)" : s
                scan.counts[i][key, default: 0] += n
            }
            if unassigned[i] > 0 { scan.counts[i]["(unassigned)", default: 0] += unassigned[i] }
        }
        for (b, perMonth) in validByBranch.enumerated() {
            for (m, n) in perMonth.enumerated() where n > 0 {
                scan.validByBranchMonth[slots[P.branchIndex].strings[b], default: [:]][months[m], default: 0] += n
            }
        }
        for (h, t) in handlerTally.enumerated() where t.handled > 0 { scan.timing.byHandler[slots[P.handlerIndex].strings[h], default: .init()].add(t) }
        if unassignedTally.handled > 0 { scan.timing.byHandler["(unassigned)", default: .init()].add(unassignedTally) }
        for (b, t) in branchTally.enumerated() where t.handled > 0 { scan.timing.byBranch[slots[P.branchIndex].strings[b], default: .init()].add(t) }
        return scan
    }
}
