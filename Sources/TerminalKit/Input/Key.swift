/// A key as the console understands it, independent of ncurses key codes.
///
/// Key maps and help text use `name` (`j`, `Enter`, `PgDn`, `F1`, `C-r`), so a user file can name
/// any key the same way the help screen shows it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    case ctrl(Character)
    /// Alt (Meta) with a character: the terminal sends Esc then the character (`M-b`).
    case alt(Character)

    /// The key's name in key maps and help.
    public var name: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "C-\(c)"
        case .alt(let c): return "M-\(c)"
        }
    }

    /// Parses a key name as written in a key-map file; nil for an unknown name.
    public static func parse(_ name: String) -> Key? {
        let named: [String: Key] = [
            "space": .char(" "), "up": .up, "down": .down, "left": .left, "right": .right, "pgup": .pageUp,
            "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "home": .home, "end": .end,
            "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab, "s-tab": .backTab,
            "backtab": .backTab, "backspace": .backspace, "delete": .delete, "del": .delete,
        ]
        if let k = named[name.lowercased()] { return k }
        if name.count == 1, let c = name.first { return .char(c) }
        if (name.hasPrefix("F") || name.hasPrefix("f")), let n = Int(name.dropFirst()), (1...24).contains(n) { return .function(n) }
        if name.lowercased().hasPrefix("c-"), name.count == 3, let c = name.last { return .ctrl(Character(c.lowercased())) }
        if name.lowercased().hasPrefix("m-") || name.lowercased().hasPrefix("a-"), name.count == 3, let c = name.last { return .alt(c) }
        return nil
    }

    /// Maps a character read from the terminal (control bytes included) to a key.
    public static func fromCharacter(_ v: UInt32) -> Key? {
        switch v {
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(v + 0x60)!))
        case 0x00, 0x1C...0x1F: return nil
        default:
            guard let u = Unicode.Scalar(v) else { return nil }
            return .char(Character(u))
        }
    }
}
