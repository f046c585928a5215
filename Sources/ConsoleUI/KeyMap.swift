import Foundation

/// Key bindings as data: built-in defaults, overridden by a user file, any binding removable.
///
/// The user file (`keys.conf` in the config directory) has one binding a line:
/// `bind CONTEXT KEY COMMAND` or `unbind CONTEXT KEY`, `#` comments. Contexts: global, dashboard,
/// queue, case, help, reports, crisis, intake, assign, alerts. `alias NAME COMMAND [ARGUMENT...]`
/// names a `:` command line (`alias mv move-all`, `alias crit alerts critical`); `unalias NAME`
/// removes one. Unknown contexts, keys or commands are refused with the line number.
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
        for (name, expansion) in defaultAliases { m.aliases.append((name, expansion)) }
        for (k, c) in g { m.bind(.global, Key.parse(k)!, c) }
        for (k, c) in d { m.bind(.dashboard, Key.parse(k)!, c) }
        for (k, c) in q { m.bind(.queue, Key.parse(k)!, c) }
        for (ctx, k, c) in workBindings { m.bind(ctx, Key.parse(k)!, c) }
        // The assign and alerts screens (issue 7, part b).
        let more: [(KeyContext, String, Command)] = [
            (.global, "F6", .assignScreen), (.global, "F7", .alerts), (.dashboard, "W", .assignScreen), (.dashboard, "A", .alerts),
            (.caseView, "r", .reassign), (.assign, "m", .moveAll),
            (.alerts, "Space", .mark), (.alerts, "U", .unmarkAll), (.alerts, "a", .acknowledge), (.alerts, "1", .alertLevel),
            (.alerts, "2", .alertRule), (.alerts, "3", .alertState), (.alerts, "4", .alertBranch),
        ]
        for (ctx, k, c) in more { m.bind(ctx, Key.parse(k)!, c) }
        return m
    }()

    /// `:` command-line aliases: a name and the command line it stands for, in the order help lists them.
    public private(set) var aliases: [(name: String, expansion: String)] = []

    /// The built-in aliases (the issue's examples read `:assign 李强`, `:ack`).
    static let defaultAliases: [(String, String)] = [
        ("q", "quit"), ("h", "help"), ("d", "dashboard"), ("assign", "reassign"), ("ack", "acknowledge"),
        ("sort", "sort-next"), ("/", "search"), ("mv", "move-all"),
    ]

    /// The command line an alias stands for, nil when the name is no alias.
    public func expansion(of name: String) -> String? { aliases.first { $0.name == name }?.expansion }

    /// Defines or replaces an alias.
    public mutating func alias(_ name: String, _ expansion: String) {
        aliases.removeAll { $0.name == name }
        aliases.append((name, expansion))
    }

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
            if words[0] == "alias" || words[0] == "unalias" {
                try m.applyAlias(words, fail)
                continue
            }
            guard words[0] == "bind" || words[0] == "unbind" else { throw fail("expected `bind`, `unbind`, `alias` or `unalias`") }
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

    /// One `alias NAME COMMAND [ARGUMENT...]` or `unalias NAME` line.
    private mutating func applyAlias(_ words: [String], _ fail: (String) -> ConfigError) throws {
        if words[0] == "unalias" {
            guard words.count == 2 else { throw fail("expected `unalias NAME`") }
            guard expansion(of: words[1]) != nil else { throw fail("no alias \"\(words[1])\"") }
            aliases.removeAll { $0.name == words[1] }
            return
        }
        guard words.count >= 3 else { throw fail("expected `alias NAME COMMAND [ARGUMENT...]`") }
        guard Command(rawValue: words[1]) == nil else { throw fail("\"\(words[1])\" is a command; an alias cannot hide it") }
        guard let command = Command(rawValue: words[2]) else {
            throw fail("unknown command \"\(words[2])\" (known: \(Command.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if words.count > 3, command.argument == nil { throw fail("command \"\(words[2])\" takes no argument") }
        alias(words[1], words.dropFirst(2).joined(separator: " "))
    }

    public static func == (a: KeyMap, b: KeyMap) -> Bool {
        KeyContext.allCases.allSatisfy { c in
            (a.bindings[c] ?? []).map { "\($0.key.name)=\($0.command.rawValue)" } == (b.bindings[c] ?? []).map { "\($0.key.name)=\($0.command.rawValue)" }
        } && a.disabled == b.disabled && a.aliases.map { "\($0.name)=\($0.expansion)" } == b.aliases.map { "\($0.name)=\($0.expansion)" }
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
