/// The places keys are looked up in: one context per screen, and `global`, whose bindings every
/// other context falls back to. An app's contexts are its own enum; their raw values are the names
/// a binding file uses.
public protocol BindingContext: RawRepresentable, Hashable, Sendable, CaseIterable where RawValue == String {
    /// The context every other one falls back to.
    static var global: Self { get }
}

/// What a key can be bound to: an app's named commands. Raw values are the names a binding file
/// and an alias use.
public protocol BindableCommand: RawRepresentable, Hashable, Sendable, CaseIterable where RawValue == String {
    /// Whether the command takes an argument (an alias may then carry one).
    var takesArgument: Bool { get }
}

/// Key bindings as data: an app's defaults, overridden by a user file, any binding removable.
///
/// The user file has one binding a line: `bind CONTEXT KEY COMMAND` or `unbind CONTEXT KEY`, `#`
/// comments. `alias NAME COMMAND [ARGUMENT...]` names a command line (`alias mv move-all`,
/// `alias crit alerts critical`); `unalias NAME` removes one. Unknown contexts, keys or commands
/// are refused with the line number.
public struct KeyBindings<Context: BindingContext, Action: BindableCommand>: Sendable, Equatable {
    /// Bindings per context, in the order help lists them.
    public private(set) var bindings: [Context: [(key: Key, command: Action)]]

    /// Command-line aliases: a name and the command line it stands for, in the order help lists them.
    public private(set) var aliases: [(name: String, expansion: String)] = []

    /// Keys explicitly disabled per context (so they do not fall back to a global binding).
    private var disabled: [Context: Set<Key>] = [:]

    /// No bindings and no aliases.
    public init() { bindings = [:] }

    /// The command line an alias stands for, nil when the name is no alias.
    public func expansion(of name: String) -> String? { aliases.first { $0.name == name }?.expansion }

    /// Defines or replaces an alias.
    public mutating func alias(_ name: String, _ expansion: String) {
        aliases.removeAll { $0.name == name }
        aliases.append((name, expansion))
    }

    /// Binds a key in a context (replacing an earlier binding of that key there).
    public mutating func bind(_ context: Context, _ key: Key, _ command: Action) {
        bindings[context]?.removeAll { $0.key == key }
        disabled[context]?.remove(key)
        bindings[context, default: []].append((key, command))
    }

    /// Removes a key's binding in a context; the key then does nothing there (nor falls back to global).
    public mutating func unbind(_ context: Context, _ key: Key) {
        bindings[context]?.removeAll { $0.key == key }
        disabled[context, default: []].insert(key)
    }

    /// The command a key runs in a context, nil when unbound or disabled.
    public func command(for key: Key, in context: Context) -> Action? {
        if let c = bindings[context]?.first(where: { $0.key == key })?.command { return c }
        if disabled[context]?.contains(key) == true { return nil }
        if context != .global { return bindings[.global]?.first(where: { $0.key == key })?.command }
        return nil
    }

    /// The first of `keys(for:in:)` without building the list: the footer asks it for each of its
    /// hints at every frame.
    public func firstKey(for wanted: Action, in context: Context) -> Key? {
        if let own = bindings[context] {
            for b in own where b.command == wanted { return b.key }
        }
        guard context != .global, let global = bindings[.global] else { return nil }
        for b in global where b.command == wanted && command(for: b.key, in: context) == wanted { return b.key }
        return nil
    }

    /// The keys bound to a command in a context (its own first, then global), for help and the footer.
    public func keys(for wanted: Action, in context: Context) -> [Key] {
        var out = (bindings[context] ?? []).filter { $0.command == wanted }.map(\.key)
        if context != .global {
            out += (bindings[.global] ?? []).filter { $0.command == wanted && command(for: $0.key, in: context) == wanted }.map(\.key)
        }
        return out
    }

    /// Every command reachable in a context with its keys, in binding order (help screen).
    public func entries(in context: Context) -> [(command: Action, keys: [Key])] {
        var seen: [Action] = []
        for c in [context, .global] {
            for b in bindings[c] ?? [] where !seen.contains(b.command) && !keys(for: b.command, in: context).isEmpty {
                seen.append(b.command)
            }
        }
        return seen.map { ($0, keys(for: $0, in: context)) }
    }

    /// Applies a user binding file over these bindings.
    public func applying(file text: String, name: String = "keys.conf") throws -> KeyBindings {
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
            guard let ctx = Context(rawValue: words[1]) else {
                throw fail("unknown context \"\(words[1])\" (known: \(Context.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let key = Key.parse(words[2]) else { throw fail("unknown key \"\(words[2])\"") }
            if words[0] == "unbind" { m.unbind(ctx, key); continue }
            guard let cmd = Action(rawValue: words[3]) else {
                throw fail("unknown command \"\(words[3])\" (known: \(Action.allCases.map(\.rawValue).joined(separator: ", ")))")
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
        guard Action(rawValue: words[1]) == nil else { throw fail("\"\(words[1])\" is a command; an alias cannot hide it") }
        guard let command = Action(rawValue: words[2]) else {
            throw fail("unknown command \"\(words[2])\" (known: \(Action.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if words.count > 3, !command.takesArgument { throw fail("command \"\(words[2])\" takes no argument") }
        alias(words[1], words.dropFirst(2).joined(separator: " "))
    }

    public static func == (a: KeyBindings, b: KeyBindings) -> Bool {
        Context.allCases.allSatisfy { c in
            (a.bindings[c] ?? []).map { "\($0.key.name)=\($0.command.rawValue)" } == (b.bindings[c] ?? []).map { "\($0.key.name)=\($0.command.rawValue)" }
        } && a.disabled == b.disabled && a.aliases.map { "\($0.name)=\($0.expansion)" } == b.aliases.map { "\($0.name)=\($0.expansion)" }
    }
}
