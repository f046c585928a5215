import TerminalKit

/// The console's key bindings: keys of each screen's context and `global`, bound to `Command`s.
public typealias KeyMap = KeyBindings<KeyContext, Command>

extension KeyBindings where Context == KeyContext, Action == Command {
    /// The built-in bindings and aliases.
    public static var defaults: KeyMap { defaultKeyMap }
}

/// The built-in bindings.
private let defaultKeyMap: KeyMap = {
    var m = KeyMap()
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
    for (name, expansion) in defaultAliases { m.alias(name, expansion) }
    for (k, c) in g { m.bind(.global, Key.parse(k)!, c) }
    for (k, c) in d { m.bind(.dashboard, Key.parse(k)!, c) }
    for (k, c) in q { m.bind(.queue, Key.parse(k)!, c) }
    for (ctx, k, c) in workBindings { m.bind(ctx, Key.parse(k)!, c) }
    let more: [(KeyContext, String, Command)] = [
        (.global, "F6", .assignScreen), (.global, "F7", .alerts), (.dashboard, "W", .assignScreen), (.dashboard, "A", .alerts),
        (.caseView, "r", .reassign), (.assign, "m", .moveAll),
        (.alerts, "Space", .mark), (.alerts, "U", .unmarkAll), (.alerts, "a", .acknowledge), (.alerts, "1", .alertLevel),
        (.alerts, "2", .alertRule), (.alerts, "3", .alertState), (.alerts, "4", .alertBranch),
    ]
    for (ctx, k, c) in more { m.bind(ctx, Key.parse(k)!, c) }
    return m
}()

/// The built-in aliases (`:assign 李强`, `:ack`).
private let defaultAliases: [(String, String)] = [
    ("q", "quit"), ("h", "help"), ("d", "dashboard"), ("assign", "reassign"), ("ack", "acknowledge"),
    ("sort", "sort-next"), ("/", "search"), ("mv", "move-all"),
]

/// The case screen's actions, `n` for a new case, the crisis board.
private let workBindings: [(KeyContext, String, Command)] = [
    (.global, "F8", .crisisBoard),
    (.dashboard, "n", .newCase), (.dashboard, "X", .crisisBoard),
    (.queue, "n", .newCase), (.queue, "X", .crisisBoard),
    (.caseView, "c", .contact), (.caseView, "n", .note), (.caseView, "i", .investigate), (.caseView, "s", .submit),
    (.caseView, "a", .approve), (.caseView, "x", .reject), (.caseView, "e", .extend), (.caseView, "m", .remind),
    (.caseView, "C", .close), (.caseView, "b", .callback), (.caseView, "W", .withdraw), (.caseView, "O", .reopen),
    (.caseView, "L", .link), (.caseView, "v", .severity), (.caseView, "V", .validity), (.caseView, "D", .declare),
    (.caseView, "p", .reveal), (.caseView, "X", .crisisBoard),
    (.crisis, "p", .propose), (.crisis, "d", .declare), (.crisis, "x", .dismiss), (.crisis, "r", .report),
    (.crisis, "f", .final), (.crisis, "c", .cause), (.crisis, "A", .archive), (.crisis, "n", .newCase),
]
