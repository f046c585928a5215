import Foundation

/// A table whose every row the audit trail accounts for: each change to it is recorded in the
/// event that made it, and `audit verify` replays those records against the table
/// (docs/audit-trail.md).
///
/// Alerts, case-number sequences and import keys are derived or bookkeeping and are not replayed.
struct AuditedTable: Sendable {
    /// The SQL table.
    let name: String
    /// Its primary-key columns, in order.
    let key: [String]
    /// Columns recorded as keyed digests, never as values: personal data and the free text a
    /// retention purge removes, so the trail is not a second copy that a purge could not reach.
    let digested: Set<String>

    /// Every audited table, in the order `audit verify` reports them.
    static let all: [AuditedTable] = [
        AuditedTable(name: "users", key: ["name"], digested: []),
        AuditedTable(name: "settings", key: ["key"], digested: []),
        AuditedTable(name: "shifts", key: ["id"], digested: []),
        AuditedTable(name: "cases", key: ["id"], digested: [
            "name", "phone", "id_number", "policy_number", "claim_number", "bank_account",
            "summary", "details", "demand", "resolution", "validity_reason", "improvement_suggestion",
        ]),
        AuditedTable(name: "crisis_events", key: ["id"], digested: []),
        AuditedTable(name: "crisis_cases", key: ["event_id", "case_id"], digested: []),
        AuditedTable(name: "crisis_reports", key: ["id"], digested: []),
        AuditedTable(name: "penalties", key: ["id"], digested: []),
        AuditedTable(name: "branch_figures", key: ["branch", "month"], digested: []),
    ]

    private static let cNames: [[CChar]] = all.map { Array($0.name.utf8CString) }

    /// The place in `all` of the table named by a C string (the pre-update hook's), or nil.
    static func index(of name: UnsafePointer<CChar>) -> Int? {
        for (i, c) in cNames.enumerated() where strcmp(c, name) == 0 { return i }
        return nil
    }

    /// The audited table of this name, or nil.
    static func named(_ name: String) -> AuditedTable? { all.first { $0.name == name } }
}
