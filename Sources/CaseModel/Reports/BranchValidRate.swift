import GRDB

/// Valid complaints against claim reports for one branch and month (docs/metrics.md, "Valid complaints per branch").
///
/// Definition: valid = cases of the branch received in the month (desk time, +08:00) whose
/// determination is valid; rate = valid / the month's claim reports from the branch figures;
/// over the limit when the rate exceeds the policy's `branch-valid-rate` (default 5%).
public struct BranchValidRate: Sendable, Equatable {
    public var branch: String
    public var month: String
    public var valid: Int
    /// Claim reports entered for the branch and month (nil when none were entered).
    public var claimReports: Int?
    public var limit: Double

    /// valid / claim reports × 100, nil without claim reports.
    public var ratePercent: Double? { claimReports.flatMap { $0 > 0 ? Double(valid) / Double($0) * 100 : nil } }
    /// Whether the rate exceeds the limit.
    public var overLimit: Bool { ratePercent.map { $0 > limit * 100 } ?? false }

    /// The definition, printed beside the table.
    public static let definition = "valid rate = valid complaints received in the month / the month's claim reports (branch figures); over the limit when > policy branch-valid-rate"

    /// Every branch × month of a period with valid complaints (counted already, per branch and
    /// month) or claim reports entered in the branch figures.
    static func merge(valid: [String: [String: Int]], period: ReportPeriod, limit: Double, _ db: Database) throws -> [BranchValidRate] {
        let months = Set(period.months)
        var claims: [String: [String: Int]] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT branch, month, claim_reports FROM branch_figures WHERE claim_reports IS NOT NULL") {
            let s = StoredRow(r, "branch_figures") { "figures of \(StoredRow.name(r[0] as DatabaseValue)) \(StoredRow.name(r[1] as DatabaseValue))" }
            let month = try s.text(1, "month")
            guard months.contains(month) else { continue }
            claims[try s.text(0, "branch"), default: [:]][month] = try s.count(2, "claim_reports")
        }
        var keys = Set<[String]>()
        for (b, ms) in valid { for m in ms.keys { keys.insert([b, m]) } }
        for (b, ms) in claims { for m in ms.keys { keys.insert([b, m]) } }
        return keys.sorted { $0[1] != $1[1] ? $0[1] < $1[1] : $0[0] < $1[0] }.map {
            BranchValidRate(branch: $0[0], month: $0[1], valid: valid[$0[0]]?[$0[1]] ?? 0, claimReports: claims[$0[0]]?[$0[1]], limit: limit)
        }
    }

    /// JSON-ready form.
    public var object: [String: Any] {
        ["branch": branch, "month": month, "valid": valid, "claim_reports": claimReports as Any? ?? NSNull(),
         "rate_percent": ratePercent.map { ReportFormat.round2($0) as Any } ?? NSNull(), "limit_percent": limit * 100, "over_limit": overLimit]
    }
}

import Foundation
