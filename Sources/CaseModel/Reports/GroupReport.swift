import Foundation
import GRDB

/// Per-handler or per-branch figures for a period (`console report handler|branch`).
///
/// Each row: cases received in the period (and share, largest-remainder), open now, closed,
/// withdrawn, valid, repeats (2nd+), and the overall on-time rate (`StageTimeliness`). A branch
/// row adds its claim reports, premium and the valid rate and complaints per 100M yuan premium
/// over the period. The rows add up to the totals row.
public struct GroupReport: Sendable {
    /// One handler's or branch's figures.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var cases = 0
        public var shareHundredths = 0
        public var open = 0
        public var closed = 0
        public var withdrawn = 0
        public var valid = 0
        public var repeats = 0
        public var handled = 0
        public var onTime = 0
        /// Branch rows only: claim reports and premium summed over the period's months.
        public var claimReports: Int?
        public var premium: Double?

        /// On-time rate in percent.
        public var onTimeRate: MetricFigure {
            MetricFigure(key: "on_time_rate", label: "on time", numerator: Double(onTime), denominator: Double(handled), formula: "handled within deadline / handled")
        }
        /// Valid rate against claim reports, percent.
        public var validRate: MetricFigure {
            MetricFigure(key: "valid_rate", label: "valid / claim reports", numerator: Double(valid), denominator: Double(claimReports ?? 0), formula: BranchValidRate.definition)
        }
        /// Complaints per 100 million yuan of premium.
        public var per100M: MetricFigure {
            MetricFigure(key: "per_100m_premium", label: "per 100M yuan", numerator: Double(cases), denominator: premium ?? 0, scale: 1e8, unit: "per 100M yuan", formula: "complaints / (premium / 1e8)")
        }

        /// JSON-ready form.
        public var object: [String: Any] {
            var o: [String: Any] = ["key": key, "cases": cases, "share_percent": Double(shareHundredths) / 100, "open": open, "closed": closed,
                                    "withdrawn": withdrawn, "valid": valid, "repeats": repeats, "handled": handled, "on_time": onTime,
                                    "on_time_rate": onTimeRate.value.map { ReportFormat.round2($0) as Any } ?? NSNull()]
            if claimReports != nil || premium != nil {
                o["claim_reports"] = claimReports as Any? ?? NSNull()
                o["premium"] = premium as Any? ?? NSNull()
                o["valid_rate_percent"] = validRate.value.map { ReportFormat.round2($0) as Any } ?? NSNull()
                o["per_100m_premium"] = per100M.value.map { ReportFormat.round2($0) as Any } ?? NSNull()
            }
            return o
        }
    }

    /// Handler or branch.
    public enum Dimension: String, Sendable { case handler, branch }

    public var dimension: Dimension
    public var period: ReportPeriod
    /// Largest count first.
    public var rows: [Row]
    /// The sums of the rows.
    public var totals: Row

    /// Computes the report.
    /// Computes the report as `actor` may see it: report cases (举报件) count only for those who may see them.
    public static func compute(_ desk: CaseDesk, _ dimension: Dimension, period: ReportPeriod, actor: Actor) throws -> GroupReport {
        return try desk.store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readReports, actor, db).role)
            let figures = dimension == .branch ? try BranchFigures.fetch(db) : []
            let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
            let key = dimension == .handler ? Breakdown.Dimension.handler.sqlExpression : Breakdown.Dimension.branch.sqlExpression
            var rows: [String: Row] = [:]
            for r in try GRDB.Row.fetchAll(db, sql: """
                SELECT \(key) AS k, count(*), sum(\(Schema.openCondition)), sum(status IN ('closed','followed-up')), sum(status = 'withdrawn'),
                       sum(validity = 'valid'), sum(repeat_count >= 2)
                FROM cases WHERE received_at >= ? AND received_at < ?\(hidden) GROUP BY k
                """, arguments: [period.start.seconds, period.end.seconds]) {
                let s = StoredRow(r, "cases") { StoredRow.caseWhere("(\(key)) IS ?", [r[0]], db) }
                let k = try s.text(0, dimension.rawValue)
                rows[k] = Row(key: k, cases: try s.count(1, "count"), open: try s.count(2, "open"), closed: try s.count(3, "closed"),
                              withdrawn: try s.count(4, "withdrawn"), valid: try s.count(5, "valid"), repeats: try s.count(6, "repeats"))
            }
            // The on-time tallies from the period's one read (`PeriodScan`, its fast read when the
            // rows are of the ordinary shape) rather than a `ComplaintCase` decoded per handled case.
            let pass = try PeriodScan.run([], from: period.start, to: period.end, visibility: visibility, policy: desk.policy, db).timing
            let tallies = dimension == .handler ? pass.byHandler : pass.byBranch
            for (k0, t) in tallies {
                let k = dimension == .branch && k0.isEmpty ? "(none)" : k0
                rows[k, default: Row(key: k)].handled += t.handled
                rows[k, default: Row(key: k)].onTime += t.onTime
            }
            if dimension == .branch {
                let months = Set(period.months)
                for f in figures where months.contains(f.month) {
                    if let c = f.claimReports { rows[f.branch, default: Row(key: f.branch)].claimReports = (rows[f.branch]?.claimReports ?? 0).addingClamped(c) }
                    if let p = f.premium { rows[f.branch, default: Row(key: f.branch)].premium = (rows[f.branch]?.premium ?? 0) + p }
                }
            }
            var list = rows.values.sorted { $0.cases != $1.cases ? $0.cases > $1.cases : $0.key < $1.key }
            let units = Shares.units(list.map(\.cases))
            for i in list.indices { list[i].shareHundredths = units[i] }
            var totals = Row(key: "total")
            for r in list {
                totals.cases += r.cases; totals.shareHundredths += r.shareHundredths; totals.open += r.open; totals.closed += r.closed
                totals.withdrawn += r.withdrawn; totals.valid += r.valid; totals.repeats += r.repeats
                totals.handled += r.handled; totals.onTime += r.onTime
                if let c = r.claimReports { totals.claimReports = (totals.claimReports ?? 0).addingClamped(c) }
                if let p = r.premium { totals.premium = (totals.premium ?? 0) + p }
            }
            return GroupReport(dimension: dimension, period: period, rows: list, totals: totals)
        }
    }

    /// JSON-ready form.
    public var object: [String: Any] {
        ["dimension": dimension.rawValue, "period": period.description, "from": period.first.iso, "to": period.last.iso,
         "rows": rows.map(\.object), "totals": totals.object, "share_rule": Shares.rule, "on_time_definition": StageTimeliness.definition]
    }
}
