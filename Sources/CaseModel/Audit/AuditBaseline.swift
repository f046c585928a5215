import GRDB

/// Schema v6: the keyed chain, the stricter insert trigger, and the baseline from which
/// `audit verify` replays the rows (docs/audit-trail.md).
///
/// Events written before v6 say too little to rebuild the rows they changed, so the migration
/// records what every audited row holds at that moment: an `audit-keyed` event (the first keyed
/// link, naming the key's fingerprint) followed by `audit-baseline` events whose row records are
/// each row's keyed digest, with every value for the small tables and a case's number and kind
/// for cases (their personal data and free text only as the digest). A new desk has nothing to
/// baseline: its first event is keyed and records its rows from the start.
enum AuditBaseline {
    /// Rows per baseline event.
    static let rowsPerEvent = 5_000

    /// The actor of the events the migration writes.
    static let actor = "system"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE events ADD COLUMN row_changes TEXT")
        try db.execute(sql: AuditTriggers.nextIdSQL)
        guard let capture = RowChangeCapture.of(db) else {
            throw StoreError.other(path: "events", message: "the audit trail can be keyed only through the desk's store")
        }
        let key = try capture.withDeskRights { try AuditKey.ensure(forDatabase: capture.databasePath) }
        capture.adopt(key)
        let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        var rows = 0
        for t in AuditedTable.all { rows += try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(t.name)\"") ?? 0 }
        if events == 0 && rows == 0 { return }
        try capture.begin(db)
        // No clock reaches a migration: the events are dated with the newest earlier event.
        let at = Instant(seconds: try Int64.fetchOne(db, sql: "SELECT max(at) FROM events") ?? 0)
        try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: at, actor: actor, action: "audit-keyed", detail: [
            "key_id": key.id, "plain_events": String(events), "baseline_rows": String(rows),
            "note": "from this event on the chain is keyed; the rows are replayed from the baseline that follows",
        ]), db)
        for t in AuditedTable.all {
            guard let scan = try AuditTableScan(t, db) else { continue }
            var lines: [UInt8] = []
            var count = 0, first = "", last = ""
            func flush() throws {
                guard count > 0 else { return }
                capture.stage(lines)
                try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: at, actor: actor, action: "audit-baseline",
                                                 detail: ["table": t.name, "rows": String(count), "from": first, "to": last]), db)
                lines.removeAll(keepingCapacity: true)
                count = 0
            }
            try scan.forEach(db, key: key) { rowKey, digest, s in
                let values: [UInt8]
                if t.name == "cases" {
                    var json: [UInt8] = [0x7b]
                    for (i, name) in ["number", "kind"].enumerated() {
                        guard let c = scan.columns.firstIndex(of: name) else { continue }
                        if i > 0 { json.append(0x2c) }
                        AuditValue.jsonString(name.utf8, into: &json)
                        json.append(0x3a)
                        scan.value(s, c).json(into: &json)
                    }
                    json.append(0x7d)
                    values = json
                } else {
                    values = RowChangeCapture.positional(t, scan.columns, scan.values(s), key.mac)
                }
                RowChange.append(.baseline, table: t.name, key: Array(rowKey.utf8), digest: digest, values: values, into: &lines)
                if count == 0 { first = rowKey }
                last = rowKey
                count += 1
                if count == rowsPerEvent { try flush() }
            }
            try flush()
        }
    }
}
