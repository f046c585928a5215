import Foundation
import GRDB

/// One streamed read of the cases received in a period, counting everything a metrics report
/// needs from them: the headline sums, a breakdown per dimension, the valid complaints per
/// branch and month, and the on-time tallies and working times of the handled cases
/// (docs/bulk-data.md, "Reports").
///
/// Each dimension is counted apart in its own small dictionary. The report shows every
/// dimension's breakdown separately, so the cross product of all of them (tens of thousands of
/// groups a `GROUP BY` over seven columns would sort) is never needed; and the period's rows
/// are read once instead of once per figure.
struct PeriodScan {
    /// Cases received (that the reader may see).
    var total = 0
    /// Withdrawn cases whose source is not a regulator's transfer.
    var withdrawnBeforeTransfer = 0
    /// Closed (or followed up) with basis "customer accepts".
    var closedAccepted = 0
    /// Closed (or followed up) with basis accepted or supported by law.
    var closedSettled = 0
    var repeatSecond = 0
    var repeatThirdPlus = 0
    var valid = 0
    /// Per dimension asked for (same order): count per shown key.
    var counts: [[String: Int]]
    /// Valid complaints per branch (as stored) and month (`YYYY-MM`, desk time).
    var validByBranchMonth: [String: [String: Int]] = [:]
    /// The on-time tallies and working times of the cases the timing pass evaluates
    /// (`CaseTimingPass.condition`), added as they are read rather than kept.
    var timing = CaseTimingPass()

    /// Column indexes after `CaseTimingPass.columns` (0…16), in the order of `extraColumns`.
    static let extraColumns = "channel, line, product, category, source, closing_basis, validity"
    static let kindIndex = 0, severityIndex = 1, statusIndex = 2, receivedIndex = 3, repeatIndex = 12
    static let handlerIndex = 14, branchIndex = 15
    static let channelIndex = 17, lineIndex = 18, productIndex = 19, categoryIndex = 20
    static let sourceIndex = 21, closingBasisIndex = 22, validityIndex = 23
    /// Index of `number` in `CaseTimingPass.columns`: only the checked read's error messages use it.
    static let numberIndex = 16

    /// The columns of the checked read at the same positions, with NULL for `number`, which the
    /// fast read never reads (one text value less per row for SQLite to copy).
    static let fastColumns: String = {
        var names = (CaseTimingPass.columns + ", " + extraColumns).split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        precondition(names[numberIndex] == "number" && names.count == validityIndex + 1)
        names[numberIndex] = "NULL"
        return names.joined(separator: ", ")
    }()

    /// The column a dimension's key is read from.
    static func column(_ d: Breakdown.Dimension) -> Int {
        switch d {
        case .channel: return channelIndex
        case .line: return lineIndex
        case .product: return productIndex
        case .category: return categoryIndex
        case .kind: return kindIndex
        case .branch: return branchIndex
        case .handler: return handlerIndex
        case .severity: return severityIndex
        }
    }

    init(dimensions: Int) { counts = Array(repeating: [:], count: dimensions) }

    /// Reads the cases received in `[from, to)` that `visibility` shows, once: by the fast read
    /// (`fast`), or by the checked read when a row is not of the ordinary shape.
    static func run(_ dimensions: [Breakdown.Dimension], from: Instant, to: Instant, visibility: CaseVisibility,
                    policy: DeskPolicy, _ db: Database) throws -> PeriodScan {
        // The scan reads each page once, and a quarter's pages are more than the connection's
        // 64 MB cache holds, so a large cache never has them again: it only costs a process the
        // allocation (and the kernel the zeroing) of 64 MB on its first report. A small one
        // reads the same pages as often (docs/bulk-data.md, "Reports: the fast read"); the
        // connection's own size comes back after.
        return try PageCache.with(kibibytes: CaseStore.smallCacheKiB, db) {
            if let scan = try fast(dimensions, from: from, to: to, visibility: visibility, policy: policy, db) { return scan }
            return try checked(dimensions, from: from, to: to, visibility: visibility, policy: policy, db)
        }
    }

    /// The scan with every value read through `StoredRow`: the reference the fast read must
    /// match, and what decides about a row the fast read does not take (a bad value is named).
    static func checked(_ dimensions: [Breakdown.Dimension], from: Instant, to: Instant, visibility: CaseVisibility,
                        policy: DeskPolicy, _ db: Database) throws -> PeriodScan {
        var scan = PeriodScan(dimensions: dimensions.count)
        let rules = DueRules(policy), calendar = policy.calendars[CaseTimingPass.calendarName]
        let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
        let dimensionColumns = dimensions.map(column)
        var monthOfDay: (day: Int64, month: String) = (Int64.min, "")
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT \(CaseTimingPass.columns), \(extraColumns)
            FROM cases WHERE received_at >= ? AND received_at < ?\(hidden)
            """, arguments: [from.seconds, to.seconds])
        while let row = try cursor.next() {
            let r = StoredRow(row, "cases") { "case \(StoredRow.name(row[16] as DatabaseValue))" }
            scan.total += 1
            for (i, c) in dimensionColumns.enumerated() {
                let k = try key(dimensions[i], r, c)
                scan.counts[i][k, default: 0] += 1
            }
            let status = try r.text(statusIndex, "status")
            let closed = status == CaseStatus.closed.rawValue || status == CaseStatus.followedUp.rawValue
            if status == CaseStatus.withdrawn.rawValue {
                let source = try r.text(sourceIndex, "source")
                if source != "regulator-local" && source != "regulator-national" { scan.withdrawnBeforeTransfer += 1 }
            }
            if closed, let basis = try r.optText(closingBasisIndex, "closing_basis") {
                if basis == "accepted" { scan.closedAccepted += 1; scan.closedSettled += 1 } else if basis == "supported-by-law" { scan.closedSettled += 1 }
            }
            let repeats = try r.int(repeatIndex, "repeat_count", in: 1...DeskBounds.count.upperBound)
            if repeats == 2 { scan.repeatSecond += 1 } else if repeats >= 3 { scan.repeatThirdPlus += 1 }
            if try r.text(validityIndex, "validity") == "valid" {
                scan.valid += 1
                // Rows come in received order, so the month is worked out once per day.
                let day = floorDiv(try r.instant(receivedIndex, "received_at").seconds.addingClamped(Int64(DeskTime.standard.offsetSeconds)), 86_400)
                if day != monthOfDay.day { monthOfDay = (day, Self.month(ofDay: day)) }
                let branch = try r.text(branchIndex, "branch")
                scan.validByBranchMonth[branch, default: [:]][monthOfDay.month, default: 0] += 1
            }
            if try r.text(kindIndex, "kind") != CaseKind.venting.rawValue,
               row.hasNull(atIndex: 5) == false || row.hasNull(atIndex: 8) == false {
                let handled = try CaseTimingPass.timingCase(row)
                scan.timing.add(handled, rules: rules, calendar: calendar)
            }
        }
        return scan
    }

    /// The breakdowns of the dimensions the scan was asked for.
    func breakdowns(_ dimensions: [Breakdown.Dimension]) -> [Breakdown] {
        dimensions.indices.map { Breakdown(dimension: dimensions[$0], counts: counts[$0].map { ($0.key, $0.value) }) }
    }

    /// A dimension's key as the breakdown shows it: no handler is `(unassigned)`, an empty
    /// product or branch `(none)`.
    private static func key(_ d: Breakdown.Dimension, _ r: StoredRow, _ i: Int) throws -> String {
        switch d {
        case .handler: return try r.optText(i, "handler") ?? "(unassigned)"
        case .product, .branch:
            let s = try r.text(i, d.rawValue)
            return s.isEmpty ? "(none)" : s
        default: return try r.text(i, d.rawValue)
        }
    }

    /// `YYYY-MM` of a day counted from 1970-01-01.
    static func month(ofDay day: Int64) -> String {
        let d = CivilDate(daysSinceEpoch: day)
        return "\(d.year)-\(d.month < 10 ? "0" : "")\(d.month)"
    }
}
