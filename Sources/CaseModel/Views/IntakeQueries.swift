import GRDB

/// Reads behind `IntakeDefaults`: the operator's usual branch.
enum IntakeQueries {
    /// How many of the newest cases the default branch is read from (bounded, so a desk with a
    /// million cases opens the form as fast as a new one).
    static let recentWindow = 2000

    /// The branch of the operator's newest intake among the recent cases `visibility` shows, else
    /// the branch most of them came from; "" on an empty desk.
    static func defaultBranch(operator name: String, visibility: CaseVisibility, _ db: Database) throws -> String {
        let shown = visibility.sqlCondition.map { " WHERE \($0)" } ?? ""
        if let b = try String.fetchOne(db, sql: """
            SELECT branch FROM (SELECT branch, receiving_operator FROM cases\(shown) ORDER BY received_at DESC LIMIT \(recentWindow))
            WHERE receiving_operator = ? AND branch <> '' LIMIT 1
            """, arguments: [name]) {
            return b
        }
        return try String.fetchOne(db, sql: """
            SELECT branch FROM (SELECT branch FROM cases\(shown) ORDER BY received_at DESC LIMIT \(recentWindow))
            WHERE branch <> '' GROUP BY branch ORDER BY count(*) DESC, branch LIMIT 1
            """) ?? ""
    }
}
