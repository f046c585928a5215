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
    /// oldest first. Events of report cases (举报件), and desk-level events marked as covering them
    /// (`EventTrack`), appear only for those who may see report cases; for everyone else the
    /// events also come without their chain positions (id and hashes), since the gaps between
    /// the ids they see would count the events they may not (`EventVisibility`).
    public func auditLog(_ q: AuditQuery, actor: Actor) throws -> [AuditEntry] {
        try store.read { db in
            let actor = try Permissions.require(.readAudit, actor, db)
            let visibility = CaseVisibility.of(actor.role)
            var clauses: [String] = []
            var args: [DatabaseValueConvertible?] = []
            if let hidden = visibility.sqlCondition(alias: "c") {
                clauses.append("(c.id IS NULL OR \(hidden))")
                clauses.append("(e.case_id IS NOT NULL OR json_extract(e.detail, '$.\(EventTrack.key)') IS NOT '\(EventTrack.report)')")
            }
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
            let positions = EventVisibility.showsChainPositions(visibility)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row in
                var event = try CaseRecords.decodeEvent(row)
                if !positions { event.id = 0 }
                return AuditEntry(event: event, prevHash: positions ? (row[9] as String? ?? "").lowercased() : "",
                                  hash: positions ? (row[10] as String? ?? "").lowercased() : "")
            }
        }
    }

    /// Walks the whole hash chain and checks the append-only triggers.
    public func verifyAudit(actor: Actor) throws -> AuditChain.Verification {
        try store.read { db in
            try Permissions.require(.verifyAudit, actor, db)
            return try AuditChain.verify(db)
        }
    }
}

extension CaseDesk {
    /// Whether an event with this hash (hex) is in the trail: a head noted earlier must stay.
    public func auditContains(hash hex: String, actor: Actor) throws -> Bool {
        try store.read { db in
            try Permissions.require(.verifyAudit, actor, db)
            return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE lower(hex(hash)) = ?)", arguments: [hex.lowercased()]) ?? false
        }
    }
}

/// What of the event log a reader may see beyond the events themselves.
public enum EventVisibility {
    /// Whether a reader sees events' chain positions (ids and hashes). Only readers who see every
    /// event do: to anyone else the gaps between the ids of the events they see would count the
    /// events on report cases.
    public static func showsChainPositions(_ visibility: CaseVisibility) -> Bool { visibility == .withReports }
}
