import Foundation

/// Where a calendar statement came from, kept so that merge conflicts can name both sides.
public struct CalendarSourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's name.
    public let file: String
    /// The 1-based line.
    public let line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `business.cal:12`.
    public var description: String { "\(file):\(line)" }
}
