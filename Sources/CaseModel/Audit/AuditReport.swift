import Foundation

/// One thing `audit verify` found that the trail does not account for.
public struct AuditDifference: Sendable, Equatable {
    /// What kind of thing disagrees.
    public enum Kind: String, Sendable {
        /// A link of the chain: an event changed, forged, deleted, inserted, or re-chained.
        case chain
        /// An append-only trigger missing, altered, or a trigger the product never creates.
        case trigger
        /// The desk's audit key: missing, unreadable, or not this trail's.
        case key
        /// A head written outside the file (anchor log, `--expect-head`) that the trail lost.
        case anchor
        /// A row that is not what the events say it is.
        case row
        /// An event whose actor's role did not permit it at that moment.
        case permission
    }

    public var kind: Kind
    /// The record concerned: a case number, `users: wangmin`, `event 42`, or `a restricted
    /// record` for a report case (举报件) the reader may not see.
    public var record: String
    /// The column that differs, when one can be named.
    public var field: String?
    /// What the table holds and what the events say (nil for personal data, restricted records,
    /// and differences that are not about a value).
    public var actual: String?
    public var expected: String?
    /// The whole line, as printed.
    public var message: String

    /// The JSON form.
    public var object: [String: Any] {
        ["kind": kind.rawValue, "record": record, "field": field ?? NSNull(), "actual": actual ?? NSNull(),
         "expected": expected ?? NSNull(), "message": message]
    }
}

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
