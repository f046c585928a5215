import Foundation
import TextSafety

/// How one element looks: colours (nil = terminal default) and attributes.
public struct ThemeStyle: Equatable, Sendable {
    public var foreground: Int?
    public var background: Int?
    public var bold = false
    public var underline = false
    public var reverse = false
    public var dim = false
    /// Creates a style.
    public init(foreground: Int? = nil, background: Int? = nil, bold: Bool = false, underline: Bool = false,
                reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.underline = underline; self.reverse = reverse; self.dim = dim
    }
}

/// A theme: a style for every `StyleRole`, read from a theme file.
///
/// One line per element, `ELEMENT = FG [on BG] [bold] [underline] [reverse] [dim]`; `#` comments.
/// An unknown element, colour or word is refused with the file and line.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [StyleRole: ThemeStyle]

    /// The names of the themes shipped with the console.
    public static let shippedNames = ["default", "light", "high-contrast", "mono"]

    /// The style of an element (elements a user theme leaves out look like `normal`).
    public func style(_ role: StyleRole) -> ThemeStyle { styles[role] ?? styles[.normal] ?? ThemeStyle() }

    /// Elements the theme does not name.
    public var missing: [StyleRole] { StyleRole.allCases.filter { styles[$0] == nil } }

    /// A shipped theme.
    public static func builtin(_ name: String) -> Theme? {
        guard let text = BuiltinThemes.texts[name] else { return nil }
        return try? parse(text, name: name)
    }

    /// Finds a theme by name or path: a path to a file, the user's `themes/NAME.theme` in the config
    /// directory, or a shipped theme.
    public static func load(_ nameOrPath: String, configDirectory: String?) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            return try parseFile(nameOrPath)
        }
        if let dir = configDirectory {
            let path = dir + "/themes/" + nameOrPath + ".theme"
            if FileManager.default.fileExists(atPath: path) { return try parseFile(path) }
        }
        if let t = builtin(nameOrPath) { return t }
        throw ConfigError(file: "--theme", line: 0, text: nameOrPath,
                          reason: "no such theme (shipped: \(shippedNames.joined(separator: ", ")); or give a path to a .theme file)")
    }

    static func parseFile(_ path: String) throws -> Theme {
        let text: String?
        do { text = try TextFile.read(path) } catch let e as TextFile.Failure {
            throw ConfigError(file: path, line: e.line, text: "", reason: e.message)
        }
        guard let text else { throw ConfigError(file: path, line: 0, text: "", reason: "no such theme file") }
        return try parse(text, name: path)
    }

    /// Parses theme text; errors name the line.
    public static func parse(_ text: String, name: String) throws -> Theme {
        var styles: [StyleRole: ThemeStyle] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            func fail(_ why: String) -> ConfigError { ConfigError(file: name, line: i + 1, text: String(raw), reason: why) }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw fail("expected `ELEMENT = STYLE`") }
            guard let role = StyleRole(rawValue: parts[0]) else {
                throw fail("unknown element \"\(parts[0])\" (known: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if styles[role] != nil { throw fail("\"\(parts[0])\" is set twice") }
            var style = ThemeStyle()
            var words = parts[1].split(separator: " ").map(String.init)
            var colours: [Int?] = []
            var sawOn = false
            while !words.isEmpty {
                let w = words.removeFirst().lowercased()
                switch w {
                case "bold": style.bold = true
                case "underline": style.underline = true
                case "reverse": style.reverse = true
                case "dim": style.dim = true
                case "on":
                    guard !sawOn else { throw fail("`on` twice") }
                    sawOn = true
                    if colours.isEmpty { colours.append(nil) }
                default:
                    guard let c = colour(w) else { throw fail("unknown colour or attribute \"\(w)\"") }
                    guard colours.count < (sawOn ? 2 : 1) else { throw fail("too many colours") }
                    colours.append(c.value)
                }
            }
            style.foreground = colours.first ?? nil
            style.background = colours.count > 1 ? colours[1] : nil
            styles[role] = style
        }
        return Theme(name: name, styles: styles)
    }

    static let colourNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// A colour word: `default` (nil), a name, `bright-NAME`, or 0–255.
    static func colour(_ w: String) -> (value: Int?, ok: Bool)? {
        if w == "default" { return (nil, true) }
        if let i = colourNames.firstIndex(of: w) { return (i, true) }
        if w.hasPrefix("bright-"), let i = colourNames.firstIndex(of: String(w.dropFirst(7))) { return (8 + i, true) }
        if let n = Int(w), (0...255).contains(n) { return (n, true) }
        return nil
    }

    /// The nearest of the 8 basic colours for a 256-colour value (bright ones keep their hue; the
    /// backend adds bold so they stay bright).
    public static func basic(_ c: Int) -> Int {
        if c < 8 { return c }
        if c < 16 { return c - 8 }
        if c >= 232 { return c < 244 ? 0 : 7 } // grey ramp: dark → black, light → white
        let v = c - 16
        let r = v / 36, g = v / 6 % 6, b = v % 6
        let hi = max(r, g, b)
        if hi < 2 { return 0 }
        let bits = (r * 2 >= hi * 1 && r >= 2 ? 1 : 0) | (g * 2 >= hi && g >= 2 ? 2 : 0) | (b * 2 >= hi && b >= 2 ? 4 : 0)
        return bits == 0 ? 7 : bits
    }
}
