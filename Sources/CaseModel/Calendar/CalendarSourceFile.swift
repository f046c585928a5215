import Foundation

/// One calendar file's name and text, whether shipped or read from the user's directory.
public struct CalendarSourceFile: Hashable, Sendable {
    /// The file name, used in error messages and to let a user file replace a shipped one.
    public let name: String
    /// The file's contents.
    public let text: String

    /// Creates a source file.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}
