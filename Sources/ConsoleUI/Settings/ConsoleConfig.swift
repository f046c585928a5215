import CaseModel
import Foundation
import TerminalKit

/// The console's settings file (`console.conf` in the config directory): `key = value` lines,
/// `#` comments. Known keys: `theme`, `lang` (zh|en), `ascii` (yes|no), `ambiguous-wide` (yes|no).
/// Unknown keys and bad values are refused with the line.
public struct ConsoleConfig: Equatable, Sendable {
    public var theme: String?
    public var language: String?
    public var ascii: Bool?
    public var ambiguousWide: Bool?

    /// An empty configuration.
    public init() {}

    /// Parses the file's text.
    public static func parse(_ text: String, name: String = "console.conf") throws -> ConsoleConfig {
        var c = ConsoleConfig()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            func fail(_ why: String) -> ConfigError { ConfigError(file: name, line: i + 1, text: String(raw), reason: why) }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else { throw fail("expected `key = value`") }
            func flag() throws -> Bool {
                switch parts[1].lowercased() {
                case "yes", "true", "on", "1": return true
                case "no", "false", "off", "0": return false
                default: throw fail("expected yes or no")
                }
            }
            switch parts[0] {
            case "theme": c.theme = parts[1]
            case "lang":
                guard parts[1] == "zh" || parts[1] == "en" else { throw fail("lang must be zh or en") }
                c.language = parts[1]
            case "ascii": c.ascii = try flag()
            case "ambiguous-wide": c.ambiguousWide = try flag()
            default: throw fail("unknown setting \"\(parts[0])\" (known: theme, lang, ascii, ambiguous-wide)")
            }
        }
        return c
    }

    /// Reads the file if it exists.
    public static func load(directory: String) throws -> ConsoleConfig {
        let path = directory + "/console.conf"
        let text: String?
        do { text = try TextFile.read(path) } catch let e as TextFile.Failure {
            throw ConfigError(file: path, line: e.line, text: "", reason: e.message)
        }
        guard let text else { return ConsoleConfig() }
        return try parse(text, name: path)
    }
}
