import TerminalKit

/// The console's key bindings: keys of each screen's context and `global`, bound to `Command`s.
public typealias KeyMap = KeyBindings<KeyContext, Command>

extension KeyBindings where Context == KeyContext, Action == Command {
    /// The built-in bindings (every command's keys from the command table) and aliases.
    public static var defaults: KeyMap { defaultKeyMap }
}

/// The built-in bindings: read from the command table once.
private let defaultKeyMap: KeyMap = {
    var m = KeyMap()
    for (name, expansion) in defaultAliases { m.alias(name, expansion) }
    for command in Command.allCases {
        for (context, key) in command.info.keys { m.bind(context, Key.parse(key)!, command) }
    }
    return m
}()

/// The built-in `:` aliases (`:assign 李强`, `:ack`, `:mv 李强`).
private let defaultAliases: [(String, String)] = [
    ("q", "quit"), ("h", "help"), ("d", "dashboard"), ("assign", "reassign"), ("ack", "acknowledge"),
    ("sort", "sort-next"), ("/", "search"), ("mv", "move-all"),
]
