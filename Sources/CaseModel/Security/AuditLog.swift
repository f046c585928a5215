import Foundation
import GRDB

/// One event of the audit trail with its chain link.
public struct AuditEntry: Sendable, Equatable {
    public var event: CaseEvent
    /// Hex of the previous event's hash and of this one's.
    public var prevHash: String
    public var hash: String
}

/// Which events `auditLog` returns.
public struct AuditQuery: Sendable, Equatable {
    public var caseNumber: String?
    public var user: String?
    public var since: Instant?
    public var limit: Int?
    /// Creates a query for every event.
    public init(caseNumber: String? = nil, user: String? = nil, since: Instant? = nil, limit: Int? = nil) {
        self.caseNumber = caseNumber; self.user = user; self.since = since; self.limit = limit
    }
}

extension CaseDesk {
    /// Reads the audit trail (team leads, the president's office, auditors, administrators),
    /// oldest first. Events of report cases (举报件) appear only for those who may see them.
    public func auditLog(_ q: AuditQuery, actor: Actor) throws -> [AuditEntry] {
        try store.read { db in
            let actor = try Permissions.require(.readAudit, actor, db)
            let visibility = CaseVisibility.of(actor.role)
            var clauses: [String] = []
            var args: [DatabaseValueConvertible?] = []
            if let hidden = visibility.sqlCondition(alias: "c") { clauses.append("(c.id IS NULL OR \(hidden))") }
            if let n = q.caseNumber {
                guard let c = try CaseRecords.fetch(number: n, visibility: visibility, db) else { throw DomainError.caseNotFound(n) }
                clauses.append("e.case_id = ?"); args.append(c.id)
            }
            if let u = q.user { clauses.append("e.actor = ?"); args.append(u) }
            if let t = q.since { clauses.append("e.at >= ?"); args.append(t.seconds) }
            var sql = "SELECT e.id, e.case_id, c.number, e.at, e.actor, e.action, e.from_status, e.to_status, e.detail, hex(e.prev_hash), hex(e.hash) FROM events e LEFT JOIN cases c ON c.id = e.case_id"
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            if let limit = q.limit {
                // The newest `limit`, still printed oldest first.
                sql = "SELECT * FROM (\(sql) ORDER BY e.id DESC LIMIT \(max(0, limit))) ORDER BY 1"
            } else {
                sql += " ORDER BY e.id"
            }
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row in
                AuditEntry(event: try CaseRecords.decodeEvent(row), prevHash: (row[9] as String? ?? "").lowercased(),
                           hash: (row[10] as String? ?? "").lowercased())
            }
        }
    }

    /// Walks the whole hash chain and checks the append-only triggers. Anyone may verify: the
    /// result holds no case data.
    public func verifyAudit() throws -> AuditChain.Verification {
        try store.read { db in try AuditChain.verify(db) }
    }
}

extension CaseDesk {
    /// Whether an event with this hash (hex) is in the trail: a head noted earlier must stay.
    public func auditContains(hash hex: String) throws -> Bool {
        try store.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE lower(hex(hash)) = ?)", arguments: [hex.lowercased()]) ?? false
        }
    }
}
