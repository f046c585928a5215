import Foundation

/// What `audit verify` found: the chain, the anchors, the replay of every audited row and of
/// every actor's role (docs/audit-trail.md).
public struct AuditReport: Sendable {
    /// The chain walk itself.
    public var chain: AuditChain.Verification
    /// Every difference, chain first, then triggers, key, anchors, rows and permissions.
    public var differences: [AuditDifference] = []
    /// How the replay started (baseline or first event) and what could not be checked.
    public var notes: [String] = []
    /// Rows compared with the events.
    public var rowsChecked = 0
    /// Events whose row records were replayed.
    public var eventsReplayed = 0
    /// Anchors (heads written outside the file) compared with the chain.
    public var anchorsChecked = 0
    /// The anchor log's path.
    public var anchorLog = ""

    /// Whether the trail and every row agree.
    public var ok: Bool { differences.isEmpty }

    /// The JSON form.
    public var object: [String: Any] {
        ["ok": ok, "events": chain.total, "checked": chain.checked, "head_id": chain.headId, "head_hash": chain.headHash,
         "keyed_from": chain.keyedFrom ?? NSNull(),
         "first_break": chain.firstBreak.map { ["event": $0.eventId, "reason": $0.reason] as [String: Any] } ?? NSNull(),
         "missing_triggers": chain.missingTriggers, "altered_triggers": chain.alteredTriggers,
         "unexpected_triggers": chain.unexpectedTriggers, "key_problem": chain.keyProblem ?? NSNull(),
         "rows_checked": rowsChecked, "events_replayed": eventsReplayed, "anchors_checked": anchorsChecked,
         "anchor_log": anchorLog, "notes": notes, "differences": differences.map(\.object)]
    }
}
