import Foundation
import GRDB
import GRDBSQLite

/// Which case a source row became (`import_keys`, schema v5): the look-up (the writes are
/// `ImportKeyTable`'s).
enum ImportKeys {
    /// The case and row hash recorded for a source id, if it was imported before.
    static func lookup(_ source: String, _ id: String, _ db: Database) throws -> (caseId: Int64, hash: Int64)? {
        let stmt = try db.cachedStatement(sql: "SELECT case_id, row_hash FROM import_keys WHERE source = ? AND source_id = ?")
        let s = stmt.sqliteStatement
        sqlite3_reset(s)
        CaseRecords.bindText(s, 1, source)
        CaseRecords.bindText(s, 2, id)
        defer { sqlite3_reset(s) }
        switch sqlite3_step(s) {
        case SQLITE_ROW: return (sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1))
        case SQLITE_DONE: return nil
        case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}

/// Writes mapped rows inside one transaction: creates new cases, updates changed ones through
/// the same versioned path and event log as any other change, and leaves unchanged ones alone.
final class RowWriter {
    enum Outcome { case created, updated, unchanged }

    let sink: ImportSink
    let mapping: ImportMapping
    let db: Database
    /// The case fields the mapping sets; a re-import changes only these.
    let mappedFields: Set<String>

    init(desk: CaseDesk, db: Database, now: Instant, actor: Actor, file: String, mapping: ImportMapping) throws {
        let actor = try TrackScope.require(.importCases, actor, db)
        sink = ImportSink(desk: desk, db: db, now: now, actor: actor, file: file)
        try sink.loadRoster()
        self.mapping = mapping
        self.db = db
        mappedFields = Set(mapping.fields.map(\.field))
    }

    /// Writes one row; throws a row error (nothing of the row written) for a bad row.
    func write(_ row: MappedRow, line: Int) throws -> Outcome {
        let prepared = try sink.prepare(row.draft, line: line, receivedAt: row.received)
        guard let id = row.sourceId else {
            _ = try sink.insert(prepared, line: line)
            return .created
        }
        let keySource = ImportIdentity.keySource(mapping.source, kind: prepared.kind)
        guard let known = try ImportKeys.lookup(keySource, id, db) else {
            // The same id remembered on the other track: only someone who sees both tracks can
            // meet it (a report row is refused earlier for everyone else), and a case never
            // moves between the tracks.
            if Permissions.allows(sink.actor.role, .seeReports),
               try ImportKeys.lookup(ImportIdentity.keySource(mapping.source, kind: prepared.kind == .report ? .general : .report), id, db) != nil {
                throw ImportRowError(line: line, field: "kind", message: "\(mapping.source) id \"\(id)\" cannot change between a report case (举报件) and another kind on re-import")
            }
            let caseId = try sink.insert(prepared, line: line)
            try ImportKeyTable.save(source: keySource, id: id, caseId: caseId, hash: row.hash, at: sink.now, db)
            return .created
        }
        if known.hash == row.hash { return .unchanged }
        guard var c = try CaseRecords.fetch(id: known.caseId, db), CaseVisibility.of(sink.actor.role).shows(c.kind) else {
            throw ImportRowError(line: line, field: "row", message: "the case imported for \(mapping.source) id \"\(id)\" no longer exists")
        }
        let before = c
        if (c.kind == .report) != (prepared.kind == .report) {
            throw ImportRowError(line: line, field: "kind", message: "\(c.number) cannot change between a report case (举报件) and another kind on re-import")
        }
        apply(prepared, to: &c)
        let changes = CaseDiff.changes(before, c)
        if changes.isEmpty {
            try ImportKeyTable.save(source: keySource, id: id, caseId: known.caseId, hash: row.hash, at: sink.now, db)
            return .unchanged
        }
        sink.desk.refresh(&c, now: sink.now)
        c.updatedAt = sink.now
        c.updatedBy = sink.actor.name
        try CaseTable.update(&c, expectedVersion: before.version, db)
        var detail = CaseDiff.changes(before, c)
        detail["import"] = sink.file
        detail["line"] = String(line)
        detail["source_ref"] = "\(mapping.source):\(id)"
        try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: sink.now, actor: sink.actor.name,
                                         action: "import-update", fromStatus: c.status, toStatus: c.status, detail: detail), db)
        try ImportKeyTable.save(source: keySource, id: id, caseId: known.caseId, hash: row.hash, at: sink.now, db)
        return .updated
    }

    /// Copies the mapped intake fields of a re-imported row onto the case; workflow state and
    /// fields the mapping does not set (e.g. a handler the desk assigned) stay as the desk left them.
    private func apply(_ n: ComplaintCase, to c: inout ComplaintCase) {
        for field in mappedFields {
            switch field {
            case "received_at":
                // Stages restart from receipt only if they had not been restarted (reopened) since.
                if c.stagesStartedAt == c.receivedAt { c.stagesStartedAt = n.receivedAt }
                c.receivedAt = n.receivedAt
            case "channel": c.channel = n.channel
            case "branch": c.branch = n.branch
            case "source": c.source = n.source
            case "name": c.complainant.name = n.complainant.name
            case "phone": c.complainant.phone = n.complainant.phone
            case "id_number": c.complainant.idNumber = n.complainant.idNumber
            case "policy_number": c.complainant.policyNumber = n.complainant.policyNumber
            case "claim_number": c.complainant.claimNumber = n.complainant.claimNumber
            case "bank_account": c.complainant.bankAccount = n.complainant.bankAccount
            case "language": c.complainant.language = n.complainant.language
            case "line": c.line = n.line
            case "product": c.product = n.product
            case "category": c.category = n.category
            case "kind": c.kind = n.kind
            case "summary": c.summary = n.summary
            case "details": c.details = n.details
            case "demand": c.demand = n.demand
            case "people": c.peopleInvolved = n.peopleInvolved
            case "potential_loss": c.potentialLoss = n.potentialLoss
            case "regulator_involved": c.regulatorInvolved = n.regulatorInvolved
            case "media_involved": c.mediaInvolved = n.mediaInvolved
            case "online_exposure": c.onlineExposure = n.onlineExposure
            case "handler": c.handler = n.handler; if n.team != nil { c.team = n.team }
            case "team": c.team = n.team
            case "regulator_ref": c.regulatorRef = n.regulatorRef
            default: break
            }
        }
    }
}
