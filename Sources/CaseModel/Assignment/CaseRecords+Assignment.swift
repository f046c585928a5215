import GRDB

extension CaseRecords {
    /// Writes a new handler and team (with version, updated time and user) and nothing else.
    ///
    /// `update` rewrites every column, so SQLite rewrites every index entry of the row: on a
    /// 1M-case file that is ~2 ms of random page reads per case, and moving an absent handler's
    /// cases pays it thousands of times. Only these columns change on an assignment, and none of
    /// them is in an index but the open-handler one. A stale version is a conflict, as in `update`.
    static func updateAssignment(_ c: inout ComplaintCase, expectedVersion: Int, _ db: Database) throws {
        guard let id = c.id else { throw DomainError.caseNotFound(c.number) }
        c.version = expectedVersion.addingClamped(1)
        try db.cachedStatement(sql: """
            UPDATE cases SET handler = ?, team = ?, updated_at = ?, updated_by = ?, version = ? WHERE id = ? AND version = ?
            """).execute(arguments: [c.handler, c.team, c.updatedAt.seconds, c.updatedBy, c.version, id, expectedVersion])
        if db.changesCount == 0 { throw try conflict(c.number, id: id, expectedVersion: expectedVersion, db) }
    }
}
