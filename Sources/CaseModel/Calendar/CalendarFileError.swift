import Foundation

/// A calendar file that cannot be used, pinned to the file and line a desk must fix.
public struct CalendarFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's name (as given to the loader, usually `business.cal`).
    public let file: String
    /// The 1-based line the problem is on.
    public let line: Int
    /// What is wrong, in words meant for the person editing the file.
    public let message: String

    /// Creates an error for a file and line.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `business.cal:12: unknown keyword 'holliday' ...`, the form editors can jump to.
    public var description: String { "\(file):\(line): \(message)" }
}
