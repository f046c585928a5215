import Foundation

/// What a dated line in a calendar file says about one date, overriding the weekly pattern.
public struct DateOverride: Hashable, Sendable {
    /// The kinds of dated statement.
    public enum Kind: Hashable, Sendable {
        /// A rest day (`holiday`).
        case holiday
        /// A make-up working day (`workday`); nil hours means a normal weekday's hours.
        case makeUpWorkday([WorkingPeriod]?)
        /// A day with its own hours (`hours`), such as a shortened eve or holiday duty hours.
        case specialHours([WorkingPeriod])
    }

    /// What the date becomes.
    public let kind: Kind
    /// The human label (`春节`, `春节调休`), possibly empty.
    public let label: String
    /// The line that said it, so a conflict can name both sides.
    public let source: CalendarSourceLocation

    /// Creates an override.
    public init(kind: Kind, label: String, source: CalendarSourceLocation) {
        self.kind = kind
        self.label = label
        self.source = source
    }
}
