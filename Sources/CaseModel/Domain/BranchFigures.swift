import GRDB

/// Business figures of a branch for a month: the denominators of the metrics (docs/metrics.md) and of
/// the 5% valid-complaint rule.
public struct BranchFigures: Sendable, Equatable {
    public var branch: String
    public var month: String
    public var claimReports: Int?
    public var premium: Double?
    public var policiesNew: Int?
    public var policiesInForce: Int?
    public var insuredPersons: Int?

    /// Creates a row; nil figures are "not given" (an update leaves them as they are).
    public init(branch: String, month: String, claimReports: Int? = nil, premium: Double? = nil, policiesNew: Int? = nil,
                policiesInForce: Int? = nil, insuredPersons: Int? = nil) {
        self.branch = branch; self.month = month; self.claimReports = claimReports; self.premium = premium
        self.policiesNew = policiesNew; self.policiesInForce = policiesInForce; self.insuredPersons = insuredPersons
    }

    /// JSON-ready form.
    public var object: [String: Any] {
        ["branch": branch, "month": month, "claim_reports": claimReports as Any? ?? NSNull(), "premium": premium as Any? ?? NSNull(),
         "policies_new": policiesNew as Any? ?? NSNull(), "policies_in_force": policiesInForce as Any? ?? NSNull(),
         "insured_persons": insuredPersons as Any? ?? NSNull()]
    }

    /// Checks a row against `DeskBounds`: a branch, a month in 2000–2100, counts 0–10¹², a premium
    /// 0–10¹² yuan. Throws naming the first bad field (the CLI's flags and the import's columns).
    public func check() throws {
        guard !branch.trimmed.isEmpty else { throw DomainError.missingField("branch") }
        try FieldText.check(branch, field: "branch")
        _ = try CivilDate.readMonth(month, field: "month")
        for (field, v) in [("claim_reports", claimReports), ("policies_new", policiesNew), ("policies_in_force", policiesInForce),
                           ("insured_persons", insuredPersons)] {
            if let v { try DeskBounds.checkCount(v, field: field) }
        }
        if let premium { try DeskBounds.checkYuan(premium, field: "premium") }
    }

    /// A `branch, month, claim_reports, premium, policies_new, policies_in_force, insured_persons`
    /// row, checked (`StoredRow`).
    static func decode(_ row: Row) throws -> BranchFigures {
        let r = StoredRow(row, "branch_figures") { "figures of \(StoredRow.name(row[0] as DatabaseValue)) \(StoredRow.name(row[1] as DatabaseValue))" }
        func count(_ i: Int, _ c: String) throws -> Int? { try r.optInt(i, c, in: DeskBounds.count).map { Int($0) } }
        return BranchFigures(branch: try r.text(0, "branch"), month: try r.text(1, "month"), claimReports: try count(2, "claim_reports"),
                             premium: try r.optYuan(3, "premium"), policiesNew: try count(4, "policies_new"),
                             policiesInForce: try count(5, "policies_in_force"), insuredPersons: try count(6, "insured_persons"))
    }

    /// Sets the given figures (others keep their value); an audited change.
    public static func set(_ desk: CaseDesk, branch: String, month: String, claimReports: Int?, premium: Double?,
                           policiesNew: Int?, policiesInForce: Int?, insuredPersons: Int?, actor: Actor) throws {
        try BranchFigures(branch: branch, month: month, claimReports: claimReports, premium: premium, policiesNew: policiesNew,
                          policiesInForce: policiesInForce, insuredPersons: insuredPersons).check()
        let now = desk.clock.now()
        try desk.store.write { db in
            let actor = try Permissions.require(.recordFigures, actor, db)
            try BranchFigureTable.merge(BranchFigures(branch: branch, month: month, claimReports: claimReports, premium: premium, policiesNew: policiesNew,
                                                      policiesInForce: policiesInForce, insuredPersons: insuredPersons), db)
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
        do {
            let filter = month == nil ? "" : " WHERE month = ?"
            return try Row.fetchAll(db, sql: "SELECT branch, month, claim_reports, premium, policies_new, policies_in_force, insured_persons FROM branch_figures\(filter) ORDER BY month, branch",
                                    arguments: month.map { [$0] } ?? []).map(decode)
        }
    }
}

import Foundation
