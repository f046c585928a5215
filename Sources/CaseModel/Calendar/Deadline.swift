import Foundation

/// A computed due time, flagged when it rests on a year whose holidays are not known.
public struct Deadline: Hashable, Sendable, CustomStringConvertible {
    /// When the stage is due.
    public let due: Instant
    /// True when the computation passed through or landed on a day of an uncovered year, so the
    /// desk must show it as provisional rather than silently trust the weekly pattern.
    public let provisional: Bool

    /// Creates a deadline.
    public init(due: Instant, provisional: Bool) {
        self.due = due
        self.provisional = provisional
    }

    /// The due time, with `(provisional)` appended when flagged.
    public var description: String { provisional ? "\(due) (provisional)" : "\(due)" }
}
