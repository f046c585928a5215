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

    /// What kind of thing disagrees.
    public var kind: Kind
    /// The record concerned: a case number, `users: wangmin`, `event 42`, or `a restricted
    /// record` for a report case (举报件) the reader may not see.
    public var record: String
    /// The column that differs, when one can be named.
    public var field: String?
    /// What the table holds (nil for personal data, restricted records, and differences that are
    /// not about a value).
    public var actual: String?
    /// What the events say it should hold (nil likewise).
    public var expected: String?
    /// The whole line, as printed.
    public var message: String

    /// The JSON form.
    public var object: [String: Any] {
        ["kind": kind.rawValue, "record": record, "field": field ?? NSNull(), "actual": actual ?? NSNull(),
         "expected": expected ?? NSNull(), "message": message]
    }
}
