import GRDB

/// Reads the console's intake form needs: the operator's usual branch.
public enum IntakeQueries {
    /// How many of the newest cases the default branch is read from (bounded, so a desk with a
    /// million cases opens the form as fast as a new one).
    static let recentWindow = 2000

    /// The branch of the operator's newest intake among recent cases, else the branch most of the
    /// recent cases came from; "" on an empty desk.
    public static func defaultBranch(operator name: String, _ db: Database) throws -> String {
        if let b = try String.fetchOne(db, sql: """
            SELECT branch FROM (SELECT branch, receiving_operator FROM cases ORDER BY received_at DESC LIMIT \(recentWindow))
            WHERE receiving_operator = ? AND branch <> '' LIMIT 1
            """, arguments: [name]) {
            return b
        }
        return try String.fetchOne(db, sql: """
            SELECT branch FROM (SELECT branch FROM cases ORDER BY received_at DESC LIMIT \(recentWindow))
            WHERE branch <> '' GROUP BY branch ORDER BY count(*) DESC, branch LIMIT 1
            """) ?? ""
    }
}
