import Foundation
import GRDB

/// `audit verify` end to end: the triggers, the desk's key, the chain, the anchors written
/// outside the file, and the replay of every audited row and every actor's role
/// (docs/audit-trail.md). Everything is read in one snapshot.
enum AuditVerifier {
    static func run(_ store: CaseStore, visibility: CaseVisibility, expectHead: String?) throws -> AuditReport {
        var key: AuditKey?
        var keyProblem: String?
        do { key = try store.withDeskRights { try AuditKey.load(forDatabase: store.path) } } catch { keyProblem = "\(error)" }
        let (anchors, malformed) = store.withDeskRights { AuditAnchor.read(forDatabase: store.path) }
        var byId: [Int64: [AuditAnchor.Entry]] = [:]
        for a in anchors { byId[a.id, default: []].append(a) }
        return try store.read { db in
            let userColumns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('users') ORDER BY cid")
            let caseColumns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('cases') ORDER BY cid")
            let replay = AuditReplay(userColumns: userColumns, caseColumns: caseColumns)
            var anchorDifferences: [AuditDifference] = []
            var anchorsChecked = 0
            var expectedFound = expectHead == nil
            let expected = expectHead?.lowercased()
            var ids = Set<Int64>()
            let chain = try AuditChain.verify(db, key: key, keyProblem: keyProblem) { e in
                replay.visit(e)
                let hex = AuditChain.hex(e.hash)
                if hex == expected { expectedFound = true }
                guard let entries = byId[e.id] else { return }
                ids.insert(e.id)
                for a in entries {
                    anchorsChecked += 1
                    if a.hash != hex {
                        anchorDifferences.append(anchor(a, "event \(a.id) had hash \(a.hash.prefix(16))…, the trail now has \(hex.prefix(16))…: the trail was rebuilt (re-chained) since"))
                    }
                }
            }
            for a in anchors where !ids.contains(a.id) {
                anchorsChecked += 1
                anchorDifferences.append(anchor(a, a.id > chain.headId
                    ? "names event \(a.id), but the trail ends at event \(chain.headId): events were cut off the end (truncated)"
                    : "names event \(a.id), which is no longer in the trail: events were deleted"))
            }
            for line in malformed {
                anchorDifferences.append(AuditDifference(kind: .anchor, record: "anchor log line \(line)", message: "\(AuditAnchor.path(forDatabase: store.path)) line \(line) is not an anchor (time, reason, event id, hash): the log was edited"))
            }
            if let expectHead, !expectedFound {
                anchorDifferences.append(AuditDifference(kind: .anchor, record: "expected head", message: "the expected head \(expectHead) is not in the chain: events were removed or the trail was rebuilt"))
            }
            var report = AuditReport(chain: chain)
            report.anchorsChecked = anchorsChecked
            report.anchorLog = AuditAnchor.path(forDatabase: store.path)
            report.differences += chainDifferences(chain)
            report.differences += anchorDifferences
            report.eventsReplayed = replay.eventsReplayed
            for id in replay.unreadable {
                report.differences.append(AuditDifference(kind: .chain, record: "event \(id)", message: "event \(id): its row records cannot be read"))
            }
            if let key {
                let check = AuditRowCheck(replay: replay, key: key, visibility: visibility)
                let (rows, differences) = try check.run(db)
                report.rowsChecked = rows
                report.differences += differences
            } else {
                report.notes.append("rows not compared: the desk's audit key is needed to compute their digests")
            }
            for v in replay.violations {
                let message = v.restricted && visibility == .standard
                    ? "event \(v.event.id): concerns a restricted record, and its actor's role did not permit the action then"
                    : v.message
                report.differences.append(AuditDifference(kind: .permission, record: v.restricted && visibility == .standard ? "a restricted record" : "event \(v.event.id)", message: message))
            }
            if let k = replay.keyedAt {
                report.notes.append("events before \(k) were written before the chain was keyed: they are checked as a plain SHA-256 chain; rows are replayed from the baseline recorded at events \(k)–\(replay.baselineThrough ?? k), and actions before it are not checked against the roster")
            } else if chain.total > 0 {
                report.notes.append("every event is keyed: rows and roles are replayed from the first event")
            }
            return report
        }
    }

    private static func anchor(_ a: AuditAnchor.Entry, _ text: String) -> AuditDifference {
        AuditDifference(kind: .anchor, record: "anchor of \(a.at)", message: "anchor of \(a.at) (\(a.reason), log line \(a.line)) \(text)")
    }

    private static func chainDifferences(_ v: AuditChain.Verification) -> [AuditDifference] {
        var out: [AuditDifference] = []
        if let b = v.firstBreak {
            out.append(AuditDifference(kind: .chain, record: "event \(b.eventId)", message: "chain broken at event \(b.eventId): \(b.reason) (checked \(v.checked) of \(v.total) events)"))
        }
        for t in v.missingTriggers {
            out.append(AuditDifference(kind: .trigger, record: t, message: "append-only trigger \(t) is missing"))
        }
        for t in v.alteredTriggers {
            out.append(AuditDifference(kind: .trigger, record: t, message: "append-only trigger \(t) was altered: its SQL is not the console's"))
        }
        for t in v.unexpectedTriggers {
            out.append(AuditDifference(kind: .trigger, record: t, message: "trigger \(t) was not created by the console"))
        }
        if let k = v.keyProblem {
            out.append(AuditDifference(kind: .key, record: "audit key", message: k))
        }
        return out
    }
}

extension CaseDesk {
    /// Checks the audit trail end to end (`console audit verify`): chain, triggers, key, anchors,
    /// and the replay of every audited row and role. Anyone may run it; a report case (举报件)
    /// appears in a difference only to a reader who may see report cases.
    public func verifyTrail(actor: Actor? = nil, expectHead: String? = nil) throws -> AuditReport {
        let visibility = try actor.map { a in
            try store.read { db in CaseVisibility.of(try Permissions.require(.verifyAudit, a, db).role) }
        } ?? .standard
        return try AuditVerifier.run(store, visibility: visibility, expectHead: expectHead)
    }
}
