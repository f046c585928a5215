/// A script file that cannot be used, pinned to the file and line to fix (`scripts/x.md:7: …`).
public struct ScriptFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line (0: the file as a whole).
    public let line: Int
    public let message: String

    /// Creates an error for a file and line.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form editors jump to.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Every problem found in a set of script files, so a desk fixes them all in one pass.
public struct ScriptFileErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public let errors: [ScriptFileError]

    /// Creates the list (never empty when thrown).
    public init(_ errors: [ScriptFileError]) { self.errors = errors }

    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
