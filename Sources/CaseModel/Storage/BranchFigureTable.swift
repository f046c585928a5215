import GRDB

/// The SQLite gateway for the branches' monthly business figures (`branch_figures`): the only SQL
/// that writes them (docs/storage-boundary.md). Set by hand (`BranchFigures.set`) or from a file
/// (`console figures import`), each with its audited event.
enum BranchFigureTable: BranchFigureStore {
    static func merge(_ r: BranchFigures, _ db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO branch_figures (branch, month) VALUES (?, ?)", arguments: [r.branch, r.month])
        try db.execute(sql: """
            UPDATE branch_figures SET claim_reports = coalesce(?, claim_reports), premium = coalesce(?, premium),
              policies_new = coalesce(?, policies_new), policies_in_force = coalesce(?, policies_in_force),
              insured_persons = coalesce(?, insured_persons) WHERE branch = ? AND month = ?
            """, arguments: [r.claimReports, r.premium, r.policiesNew, r.policiesInForce, r.insuredPersons, r.branch, r.month])
    }
}
