/// Which policy count the "complaints per 10,000 policies" metric divides by (regulators'
/// definitions differ).
public enum DensityBasis: String, Sendable, CaseIterable {
    /// Policies in force: per branch, the figure of the latest month of the period that has one, summed over branches.
    case inForce = "in-force"
    /// New policies: summed over the months of the period and the branches.
    case new

    /// The definition, printed beside the figure.
    public var definition: String {
        switch self {
        case .inForce: return "policies in force = per branch the latest month's figure in the period, summed over branches"
        case .new: return "new policies = sum over the period's months and branches"
        }
    }
}

/// The denominators of the density metrics, summed from the branch figures of a period.
public struct PeriodFigures: Sendable, Equatable {
    /// Premium income in yuan: sum over months and branches.
    public var premium: Double = 0
    public var policiesNew = 0
    /// Per branch the latest month's figure, summed.
    public var policiesInForce = 0
    /// Per branch the latest month's figure, summed.
    public var insuredPersons = 0
    /// Claim reports: sum over months and branches.
    public var claimReports = 0

    /// Sums the figures of the given months.
    public init(_ rows: [BranchFigures], months: [String]) {
        let inPeriod = Set(months)
        var latestInForce: [String: (String, Int)] = [:]
        var latestInsured: [String: (String, Int)] = [:]
        for r in rows where inPeriod.contains(r.month) {
            premium += r.premium ?? 0
            policiesNew = policiesNew.addingClamped(r.policiesNew ?? 0)
            claimReports = claimReports.addingClamped(r.claimReports ?? 0)
            if let v = r.policiesInForce, latestInForce[r.branch].map({ $0.0 < r.month }) ?? true { latestInForce[r.branch] = (r.month, v) }
            if let v = r.insuredPersons, latestInsured[r.branch].map({ $0.0 < r.month }) ?? true { latestInsured[r.branch] = (r.month, v) }
        }
        policiesInForce = latestInForce.values.map(\.1).clampedSum()
        insuredPersons = latestInsured.values.map(\.1).clampedSum()
    }

    /// The policy count for a basis.
    public func policies(_ basis: DensityBasis) -> Int { basis == .inForce ? policiesInForce : policiesNew }
}
