import GRDB

extension CaseDesk {
    /// The audit trail as its reader is shown it (`console audit log`): personal data in the
    /// details (old → new values, identifiers typed into notes and reasons) masked unless the
    /// reader's role may reveal personal data on the event's case — for a report case, by the
    /// report track's table (docs/personal-data.md). A stored digest is never shown.
    public func auditTrail(_ q: AuditQuery, actor: Actor) throws -> [AuditEntry] {
        let entries = try auditLog(q, actor: actor)
        let (role, kinds) = try store.read { db -> (Role?, [Int64: CaseKind]) in
            let role = try AccessControl.resolve(actor, db).role
            let ids = Array(Set(entries.compactMap(\.event.caseId)))
            var kinds: [Int64: CaseKind] = [:]
            var start = 0
            while start < ids.count {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, kind FROM cases WHERE id IN (\(marks))", arguments: StatementArguments(chunk)) {
                    // An unreadable kind counts as a report case: the stricter table.
                    kinds[row[0]] = CaseKind(rawValue: row[1]) ?? .report
                }
            }
            return (role, kinds)
        }
        return entries.map { entry in
            let track = entry.event.caseId.map { CaseTrack.of(kinds[$0] ?? .report) } ?? .general
            var shown = entry
            shown.event = Disclosure.auditReader(role, track: track).event(entry.event)
            return shown
        }
    }
}
