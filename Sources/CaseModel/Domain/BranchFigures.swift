import GRDB

/// Business figures of a branch for a month: the denominators of the metrics (SPEC §9) and of
/// the 5% valid-complaint rule.
public struct BranchFigures: Sendable, Equatable {
    public var branch: String
    public var month: String
    public var claimReports: Int?
    public var premium: Double?
    public var policiesNew: Int?
    public var policiesInForce: Int?
    public var insuredPersons: Int?

    /// JSON-ready form.
    public var object: [String: Any] {
        ["branch": branch, "month": month, "claim_reports": claimReports as Any? ?? NSNull(), "premium": premium as Any? ?? NSNull(),
         "policies_new": policiesNew as Any? ?? NSNull(), "policies_in_force": policiesInForce as Any? ?? NSNull(),
         "insured_persons": insuredPersons as Any? ?? NSNull()]
    }

    /// Sets the given figures (others keep their value); an audited change.
    public static func set(_ desk: CaseDesk, branch: String, month: String, claimReports: Int?, premium: Double?,
                           policiesNew: Int?, policiesInForce: Int?, insuredPersons: Int?, actor: Actor) throws {
        let now = desk.clock.now()
        try desk.store.write { db in
            let actor = try Permissions.require(.recordFigures, actor, db)
            try db.execute(sql: "INSERT OR IGNORE INTO branch_figures (branch, month) VALUES (?, ?)", arguments: [branch, month])
            try db.execute(sql: """
                UPDATE branch_figures SET claim_reports = coalesce(?, claim_reports), premium = coalesce(?, premium),
                  policies_new = coalesce(?, policies_new), policies_in_force = coalesce(?, policies_in_force),
                  insured_persons = coalesce(?, insured_persons) WHERE branch = ? AND month = ?
                """, arguments: [claimReports, premium, policiesNew, policiesInForce, insuredPersons, branch, month])
            var detail = ["branch": branch, "month": month]
            if let claimReports { detail["claim_reports"] = String(claimReports) }
            if let premium { detail["premium"] = String(premium) }
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "figures", detail: detail), db)
        }
    }

    /// Figures, by month then branch.
    public static func list(_ desk: CaseDesk, month: String? = nil, actor: Actor) throws -> [BranchFigures] {
        try desk.store.read { db in
            try Permissions.require(.readFigures, actor, db)
            return try fetch(month: month, db)
        }
    }

    /// The figures, read inside the caller's transaction (reports read them beside the cases).
    static func fetch(month: String? = nil, _ db: Database) throws -> [BranchFigures] {
        let filter = month == nil ? "" : " WHERE month = ?"
        return try Row.fetchAll(db, sql: "SELECT branch, month, claim_reports, premium, policies_new, policies_in_force, insured_persons FROM branch_figures\(filter) ORDER BY month, branch",
                                arguments: month.map { [$0] } ?? []).map {
            BranchFigures(branch: $0[0], month: $0[1], claimReports: $0[2], premium: $0[3], policiesNew: $0[4], policiesInForce: $0[5], insuredPersons: $0[6])
        }
    }
}

import Foundation
