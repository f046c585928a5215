import Foundation

/// Key bindings as data: built-in defaults, overridden by a user file, any binding removable.
///
/// The user file (`keys.conf` in the config directory) has one binding a line:
/// `bind CONTEXT KEY COMMAND` or `unbind CONTEXT KEY`, `#` comments. Contexts: global, dashboard,
/// queue, case, help, reports, crisis, intake. Unknown contexts, keys or commands are refused with the line number.
public struct KeyMap: Sendable, Equatable {
    /// Bindings per context, in the order help lists them.
    public private(set) var bindings: [KeyContext: [(key: Key, command: Command)]]

    /// The built-in bindings.
    public static let defaults: KeyMap = {
        var m = KeyMap(bindings: [:])
        let g: [(String, Command)] = [
            ("?", .help), ("F1", .help), ("q", .back), ("Esc", .back), ("F10", .quit), (":", .commandLine),
            ("Tab", .nextPane), ("S-Tab", .prevPane), ("Up", .up), ("k", .up), ("Down", .down), ("j", .down),
            ("Left", .left), ("h", .left), ("Right", .right), ("l", .right), ("PgUp", .pageUp), ("PgDn", .pageDown),
            ("g", .top), ("Home", .top), ("G", .bottom), ("End", .bottom), ("Enter", .open), ("C-l", .refresh),
            ("F2", .dashboard), ("F3", .queue), ("F5", .reports), ("R", .reports),
        ]
        let d: [(String, Command)] = [("a", .acknowledge), ("u", .queue)]
        let q: [(String, Command)] = [
            ("Space", .mark), ("U", .unmarkAll), ("r", .reassign), ("/", .search), ("f", .filter), ("F4", .filter),
            ("c", .clearFilter), ("s", .sortNext), ("S", .sortReverse), ("o", .toggleClosed),
        ]
        for (k, c) in g { m.bind(.global, Key.parse(k)!, c) }
        for (k, c) in d { m.bind(.dashboard, Key.parse(k)!, c) }
        for (k, c) in q { m.bind(.queue, Key.parse(k)!, c) }
        for (ctx, k, c) in workBindings { m.bind(ctx, Key.parse(k)!, c) }
        return m
    }()

    /// Binds a key in a context (replacing an earlier binding of that key there).
    public mutating func bind(_ context: KeyContext, _ key: Key, _ command: Command) {
        bindings[context]?.removeAll { $0.key == key }
        disabled[context]?.remove(key)
        bindings[context, default: []].append((key, command))
    }

    /// Removes a key's binding in a context; the key then does nothing there (nor falls back to global).
    public mutating func unbind(_ context: KeyContext, _ key: Key) {
        bindings[context]?.removeAll { $0.key == key }
        disabled[context, default: []].insert(key)
    }

    /// Keys explicitly disabled per context (so they do not fall back to a global binding).
    private var disabled: [KeyContext: Set<Key>] = [:]

    private init(bindings: [KeyContext: [(key: Key, command: Command)]]) { self.bindings = bindings }

    /// The command a key runs in a context, nil when unbound or disabled.
    public func command(for key: Key, in context: KeyContext) -> Command? {
        if let c = bindings[context]?.first(where: { $0.key == key })?.command { return c }
        if disabled[context]?.contains(key) == true { return nil }
        if context != .global { return bindings[.global]?.first(where: { $0.key == key })?.command }
        return nil
    }

    /// The keys bound to a command in a context (its own first, then global), for help and the footer.
    public func keys(for wanted: Command, in context: KeyContext) -> [Key] {
        var out = (bindings[context] ?? []).filter { $0.command == wanted }.map(\.key)
        if context != .global {
            out += (bindings[.global] ?? []).filter { $0.command == wanted && command(for: $0.key, in: context) == wanted }.map(\.key)
        }
        return out
    }

    /// Every command reachable in a context with its keys, in binding order (help screen).
    public func entries(in context: KeyContext) -> [(command: Command, keys: [Key])] {
        var seen: [Command] = []
        for c in [context, .global] {
            for b in bindings[c] ?? [] where !seen.contains(b.command) && !keys(for: b.command, in: context).isEmpty {
                seen.append(b.command)
            }
        }
        return seen.map { ($0, keys(for: $0, in: context)) }
    }

    /// Applies a user key-map file over these bindings.
    public func applying(file text: String, name: String = "keys.conf") throws -> KeyMap {
        var m = self
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.isEmpty { continue }
            func fail(_ why: String) -> ConfigError { ConfigError(file: name, line: i + 1, text: String(raw), reason: why) }
            guard words[0] == "bind" || words[0] == "unbind" else { throw fail("expected `bind` or `unbind`") }
            let want = words[0] == "bind" ? 4 : 3
            guard words.count == want else {
                throw fail(words[0] == "bind" ? "expected `bind CONTEXT KEY COMMAND`" : "expected `unbind CONTEXT KEY`")
            }
            guard let ctx = KeyContext(rawValue: words[1]) else {
                throw fail("unknown context \"\(words[1])\" (known: \(KeyContext.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let key = Key.parse(words[2]) else { throw fail("unknown key \"\(words[2])\"") }
            if words[0] == "unbind" { m.unbind(ctx, key); continue }
            guard let cmd = Command(rawValue: words[3]) else {
                throw fail("unknown command \"\(words[3])\" (known: \(Command.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            m.bind(ctx, key, cmd)
        }
        return m
    }

    public static func == (a: KeyMap, b: KeyMap) -> Bool {
        KeyContext.allCases.allSatisfy { c in
            (a.bindings[c] ?? []).map { "\($0.key.name)=\($0.command.rawValue)" } == (b.bindings[c] ?? []).map { "\($0.key.name)=\($0.command.rawValue)" }
        } && a.disabled == b.disabled
    }
}

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
