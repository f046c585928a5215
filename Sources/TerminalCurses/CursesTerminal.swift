import CNcurses
import Foundation
import TerminalKit

/// Why the full screen cannot start, in words for the operator.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}

/// The ncurses backend: opens the terminal with `newterm` (an unknown TERM is an error, not an
/// exit), maps theme styles to colour pairs, writes only the cells that changed since the last
/// frame (`wnoutrefresh` + `doupdate`), reads keys, and restores the terminal.
public final class CursesTerminal {
    private var screen: OpaquePointer?
    private var previous: CellBuffer?
    private var looks: [StyleRole: (attrs: attr_t, pair: Int16)] = [:]
    /// The theme in use after colour fallbacks (mono without colour).
    public private(set) var theme: Theme
    public private(set) var colours: Int = 0
    private var cursorVisible = false
    private var open = false

    /// Opens the terminal. Call `close()` on every exit path.
    public init(theme: Theme, noColor: Bool) throws {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError("the full-screen console needs a terminal, but standard input/output is not one. Use `console dashboard`, `console list` and the other subcommands in scripts.")
        }
        guard !term.isEmpty else {
            throw TerminalError("TERM is not set, so the terminal type is unknown. Set it, e.g. `export TERM=xterm-256color`.")
        }
        switch cn_terminfo_exists(term) {
        case 0: throw TerminalError("unknown terminal type TERM=\(term) (no terminfo entry). Try TERM=xterm-256color, xterm, screen or vt100.")
        case 2: throw TerminalError("TERM=\(term) cannot move the cursor, so a full screen is impossible. Use a real terminal type, e.g. TERM=xterm.")
        default: break
        }
        guard let s = cn_newterm(term) else {
            throw TerminalError("cannot open the terminal as TERM=\(term).")
        }
        screen = s
        set_term(s)
        open = true
        self.theme = theme
        cbreak()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        cn_keys_not_signals()
        cn_chain_suspend()
        cn_bracketed_paste(1)
        set_escdelay(25)
        wtimeout(cn_stdscr(), 100)
        curs_set(0)
        leaveok(cn_stdscr(), false)
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            colours = Int(cn_colors())
        }
        if colours < 8 { self.theme = Theme.builtin("mono") ?? theme }
        setUpStyles()
    }

    /// Builds one colour pair per element, falling back from 256 to 8 colours.
    private func setUpStyles() {
        for (i, role) in StyleRole.allCases.enumerated() {
            let st = theme.style(role)
            var attrs = cn_a_normal()
            if st.bold { attrs |= cn_a_bold() }
            if st.underline { attrs |= cn_a_underline() }
            if st.reverse { attrs |= cn_a_reverse() }
            if st.dim { attrs |= cn_a_dim() }
            var pair: Int16 = 0
            if colours >= 8 {
                func fit(_ c: Int?) -> Int16 {
                    guard let c else { return -1 }
                    if c < colours { return Int16(c) }
                    return Int16(Theme.basic(c))
                }
                if let fg = st.foreground, fg >= 8, fg < 16, colours < 16 { attrs |= cn_a_bold() }
                pair = Int16(i + 1)
                if Int(pair) < Int(cn_color_pairs()) {
                    init_pair(pair, fit(st.foreground), fit(st.background))
                } else {
                    pair = 0
                }
            }
            looks[role] = (attrs, pair)
        }
    }

    /// The terminal's size in cells.
    public func size() -> (width: Int, height: Int) {
        (Int(getmaxx(cn_stdscr())), Int(getmaxy(cn_stdscr())))
    }

    /// Shows a frame, writing only the cells that differ from the previous one.
    public func draw(_ b: CellBuffer) {
        let win = cn_stdscr()
        if let p = previous, p.width != b.width || p.height != b.height { previous = nil }
        if previous == nil {
            werase(win)
            clearok(win, true)
        }
        var scalars = [wchar_t](repeating: 0, count: 6)
        for y in 0..<b.height {
            for x in 0..<b.width {
                let c = b[x, y]
                if c.width == 0 { continue }
                if let p = previous, p[x, y] == c {
                    // A wide character's second half changed alone only when the first did too.
                    if c.width == 1 || (x + 1 < b.width && p[x + 1, y] == b[x + 1, y]) { continue }
                }
                var n = 0
                for u in c.text.unicodeScalars where n < 5 {
                    scalars[n] = wchar_t(bitPattern: u.value)
                    n += 1
                }
                if n == 0 { scalars[0] = 0x20; n = 1 }
                scalars[n] = 0
                let look = looks[c.style] ?? (cn_a_normal(), 0)
                _ = cn_put_cell(win, Int32(y), Int32(x), scalars, look.attrs, look.pair)
            }
        }
        if let cur = b.cursor {
            if !cursorVisible { curs_set(1); cursorVisible = true }
            wmove(win, Int32(cur.y), Int32(cur.x))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
        previous = b
        wnoutrefresh(win)
        doupdate()
    }

    /// Forces the next frame to be drawn in full (after a resize or Ctrl-L).
    public func invalidate() { previous = nil }

    /// Rings the terminal's bell (or flashes it, where the terminal has no bell).
    public func bell() { _ = beep() }

    /// Waits up to `waitMilliseconds` for a key or a resize; 0 only takes one already queued.
    public func readInput(waitMilliseconds: Int = 100) -> TerminalInput? {
        let win = cn_stdscr()
        wtimeout(win, Int32(clamping: waitMilliseconds))
        var ch: Int32 = 0
        let rc = cn_get_key(win, &ch)
        if rc == ERR { return nil }
        if rc == cn_key_code_yes() {
            switch ch {
            case KEY_RESIZE:
                let (w, h) = size()
                previous = nil
                return .resize(width: w, height: h)
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            default:
                for n in 1...24 where ch == cn_key_f(Int32(n)) { return .key(.function(n)) }
                return nil
            }
        }
        return Key.fromCharacter(UInt32(bitPattern: ch)).map { .key($0) }
    }

    /// Restores the terminal (idempotent).
    public func close() {
        guard open else { return }
        open = false
        curs_set(1)
        cn_bracketed_paste(0)
        endwin()
        if let s = screen { delscreen(s) }
        screen = nil
    }

    deinit { close() }
}
