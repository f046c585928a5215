import GRDB

/// The SQLite gateway for penalty entries (`penalties`): the only SQL that writes them
/// (docs/storage-boundary.md). Which entries a determination gives is `PenaltyRules`'; who may
/// determine it is `CaseDesk.determineAccountability`'s.
enum PenaltyTable: PenaltyStore {
    static func insert(_ e: PenaltyEntry, caseId: Int64, by: String, at now: Instant, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO penalties (case_id, person, responsibility, amount, reminder, rule, month, at, by, id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                       arguments: [caseId, e.person, e.responsibility, e.amount, e.reminder, e.rule, e.month, now.seconds, by, try RowIDs.next("penalties", db)])
    }
}
