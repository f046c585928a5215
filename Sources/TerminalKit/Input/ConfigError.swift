import Foundation

/// A configuration file error that names the file, the line and what is wrong with it.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var text: String
    public var reason: String
    /// Creates the error.
    public init(file: String, line: Int, text: String, reason: String) {
        self.file = file; self.line = line; self.text = text; self.reason = reason
    }
    public var description: String { "\(file):\(line): \(reason): \(text.trimmingCharacters(in: .whitespaces))" }
}
