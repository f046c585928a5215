import Foundation
import GRDB

/// The metrics of docs/metrics.md for one period, each with its definition (`console report metrics`).
///
/// The period's cases are read once (`PeriodScan`): counts, breakdowns and valid rates are tallied
/// from that read, and the on-time rates and working times are worked out from the handled
/// cases' timestamps it collects (`CaseTimingPass`).
/// Report cases 举报件 count only for a reader whose visibility shows them.
public struct MetricsReport: Sendable {
    public var period: ReportPeriod
    public var previous: ReportPeriod
    public var basis: DensityBasis
    /// Every figure, in print order.
    public var figures: [MetricFigure]
    /// Breakdowns by channel, line, product, category, kind, branch and handler.
    public var breakdowns: [Breakdown]
    /// Valid complaints / claim reports per branch and month.
    public var validRates: [BranchValidRate]
    /// The denominators used.
    public var denominators: PeriodFigures

    /// The figure with this key.
    public func figure(_ key: String) -> MetricFigure? { figures.first { $0.key == key } }

    /// The breakdown by a dimension.
    public func breakdown(_ d: Breakdown.Dimension) -> Breakdown? { breakdowns.first { $0.dimension == d } }

    /// The dimensions a metrics report breaks down by.
    public static let dimensions: [Breakdown.Dimension] = [.channel, .line, .product, .category, .kind, .branch, .handler]

    /// Computes the report.
    /// Computes the report as `actor` may see it: report cases (举报件) count only for those who may see them.
    public static func compute(_ desk: CaseDesk, period: ReportPeriod, actor: Actor,
                               basis: DensityBasis = .inForce) throws -> MetricsReport {
        return try desk.store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readReports, actor, db).role)
            let figureRows = try BranchFigures.fetch(db)
            let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
            // One read of the period's cases gives the sums, the breakdowns, the valid rates and
            // the cases the timing pass evaluates (PeriodScan).
            let scan = try PeriodScan.run(dimensions, from: period.start, to: period.end, visibility: visibility, policy: desk.policy, db)
            let total = scan.total
            let sums = [scan.withdrawnBeforeTransfer, scan.closedAccepted, scan.closedSettled, scan.repeatSecond, scan.repeatThirdPlus, scan.valid]
            func n(_ i: Int) -> Double { Double(sums[i - 1]) }
            let prev = period.previous
            // Two counts over index ranges (the received-time index and the valid cases' one,
            // v14) rather than one read of every case of the previous period for its validity.
            let prevRow = try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM cases WHERE received_at >= ?1 AND received_at < ?2\(hidden)),
                       (SELECT count(*) FROM cases WHERE validity = 'valid' AND received_at >= ?1 AND received_at < ?2\(hidden))
                """, arguments: [prev.start.seconds, prev.end.seconds])!
            let p = StoredRow(prevRow, "cases") { "cases received in the previous period" }
            let prevTotal = try p.count(0, "count"), prevValid = try p.count(1, "valid")
            let pass = scan.timing
            let dens = PeriodFigures(figureRows, months: period.months)
            let all = Double(total)

            var f: [MetricFigure] = []
            f.append(MetricFigure(key: "complaints", label: "投诉量 complaints", numerator: all, denominator: 1, scale: 1, unit: "cases",
                                  formula: "cases received in the period (by received_at, +08:00)"))
            f.append(pass.overall.figure(key: "on_time_rate.overall", label: "处理及时率 on-time rate (overall)"))
            for s in StageTimeliness.stages {
                f.append((pass.stages[s] ?? .init()).figure(key: "on_time_rate.\(s.rawValue)", label: "处理及时率 on-time: \(s.zh) \(s.en)"))
            }
            f.append(MetricFigure(key: "withdrawal_before_transfer_rate", label: "转办前撤诉率 withdrawal before transfer", numerator: n(1), denominator: all,
                                  formula: "withdrawn cases whose source is not regulator-transferred / all cases received"))
            f.append(MetricFigure(key: "mediation_success_rate", label: "调解成功率 mediation success", numerator: n(2), denominator: n(3),
                                  formula: "closed with basis 'customer accepts' / closed with basis accepted or supported-by-law (invalid complaints excluded)"))
            f.append(MetricFigure(key: "per_100m_premium", label: "亿元保费投诉量 per 100M yuan premium", numerator: all, denominator: dens.premium, scale: 1e8, unit: "per 100M yuan",
                                  formula: "complaints / (premium income of the period's months, all branches, yuan / 100,000,000)"))
            f.append(MetricFigure(key: "per_10k_policies", label: "万张保单投诉量 per 10,000 policies", numerator: all, denominator: Double(dens.policies(basis)), scale: 1e4, unit: "per 10k policies",
                                  formula: "complaints / (policies / 10,000); \(basis.definition)"))
            f.append(MetricFigure(key: "per_10k_insured", label: "万人投诉量 per 10,000 insured persons", numerator: all, denominator: Double(dens.insuredPersons), scale: 1e4, unit: "per 10k insured",
                                  formula: "complaints / (insured persons / 10,000); insured persons = per branch the latest month's figure in the period, summed"))
            f.append(MetricFigure(key: "change_rate", label: "环比 change vs previous period (\(prev))", numerator: all - Double(prevTotal), denominator: Double(prevTotal),
                                  formula: "(complaints this period − complaints previous period) / complaints previous period"))
            f.append(MetricFigure(key: "valid_complaints", label: "有效投诉 valid complaints", numerator: n(6), denominator: 1, scale: 1, unit: "cases",
                                  formula: "cases received in the period with validity = valid"))
            f.append(MetricFigure(key: "valid_change_rate", label: "有效投诉环比 valid change vs previous", numerator: n(6) - Double(prevValid), denominator: Double(prevValid),
                                  formula: "(valid this period − valid previous period) / valid previous period"))
            f.append(MetricFigure(key: "repeat_second", label: "重复投诉(第2次) repeat: 2nd", numerator: n(4), denominator: all,
                                  formula: "cases with repeat count = 2 / all cases received"))
            f.append(MetricFigure(key: "repeat_third_plus", label: "重复投诉(3次及以上) repeat: 3rd+", numerator: n(5), denominator: all,
                                  formula: "cases with repeat count ≥ 3 / all cases received"))
            let contact = WorkingTimeStats(pass.toFirstContact), close = WorkingTimeStats(pass.toClose)
            let cal = CaseTimingPass.calendarName
            f.append(MetricFigure(key: "first_contact_avg_hours", label: "首次联系平均用时 to first contact, average", numerator: (contact.averageSeconds ?? 0) * Double(contact.count), denominator: Double(contact.count) * 3600, scale: 1, unit: "working hours",
                                  formula: "mean of \(cal)-calendar working time from receipt to contacted_at, contacted cases (non-venting)"))
            f.append(MetricFigure(key: "first_contact_p90_hours", label: "首次联系用时P90 to first contact, 90th percentile", numerator: Double(contact.p90Seconds ?? 0), denominator: contact.count == 0 ? 0 : 3600, scale: 1, unit: "working hours",
                                  formula: "nearest-rank 90th percentile (value at ⌈0.9·n⌉ of the sorted times) of the same durations"))
            f.append(MetricFigure(key: "close_avg_hours", label: "结案平均用时 to close, average", numerator: (close.averageSeconds ?? 0) * Double(close.count), denominator: Double(close.count) * 3600, scale: 1, unit: "working hours",
                                  formula: "mean of \(cal)-calendar working time from receipt to closed_at, closed cases (non-venting)"))
            f.append(MetricFigure(key: "close_p90_hours", label: "结案用时P90 to close, 90th percentile", numerator: Double(close.p90Seconds ?? 0), denominator: close.count == 0 ? 0 : 3600, scale: 1, unit: "working hours",
                                  formula: "nearest-rank 90th percentile of the same durations"))

            let breakdowns = scan.breakdowns(dimensions)
            let rates = try BranchValidRate.merge(valid: scan.validByBranchMonth, period: period, limit: desk.policy.alerts.branchValidRate, db)
            return MetricsReport(period: period, previous: prev, basis: basis, figures: f, breakdowns: breakdowns, validRates: rates, denominators: dens)
        }
    }

    /// JSON-ready form.
    public var object: [String: Any] {
        ["period": period.description, "from": period.first.iso, "to": period.last.iso, "previous_period": previous.description,
         "policy_basis": basis.rawValue, "share_rule": Shares.rule, "rounding": "values rounded half away from zero to 2 decimals",
         "figures": figures.map(\.object), "breakdowns": breakdowns.map(\.object), "valid_rates": validRates.map(\.object),
         "valid_rate_definition": BranchValidRate.definition, "on_time_definition": StageTimeliness.definition,
         "denominators": ["premium": denominators.premium, "policies_new": denominators.policiesNew, "policies_in_force": denominators.policiesInForce,
                          "insured_persons": denominators.insuredPersons, "claim_reports": denominators.claimReports] as [String: Any]]
    }
}
