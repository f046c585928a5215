import CNcurses
import Foundation
import TerminalKit

/// The ncurses run loop: opens the terminal, feeds keys and resizes to a `TerminalApplication`,
/// polls it, draws its frames, and restores the terminal on every way out (quit, error, signal).
public enum TerminalLoop {
    /// Makes sure the locale can show Chinese: the user's locale if it is UTF-8, else C.UTF-8.
    /// Returns a note when it switched, throws when no UTF-8 locale is available.
    public static func prepareLocale() throws -> String? {
        setlocale(LC_ALL, "")
        if isUTF8() { return nil }
        let before = String(cString: cn_codeset())
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "zh_CN.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8() { return "locale is not UTF-8 (\(before)); using \(name) for the screen" }
        }
        throw TerminalError("the locale's character set is \(before), not UTF-8, and no UTF-8 locale (C.UTF-8) is installed, so Chinese text cannot be shown. Set LANG=C.UTF-8 or zh_CN.UTF-8.")
    }

    static func isUTF8() -> Bool {
        let cs = String(cString: cn_codeset())
        return cs.uppercased() == "UTF-8" || cs.uppercased() == "UTF8"
    }

    /// Runs `app` full screen until it is done or a signal arrives; returns the exit status.
    /// Terminal errors are thrown before anything is drawn, so the caller prints them on a normal
    /// screen. While the screen is up, the process's stderr goes to `stderrPath` (or nowhere):
    /// nothing but the backend may write to the terminal. `log` records what the loop notices.
    public static func run(_ app: TerminalApplication, theme: Theme, noColor: Bool, stderrPath: String?,
                           log: @escaping (String) -> Void) throws -> Int32 {
        if let note = try prepareLocale() { log(note) }
        cn_install_signal_handlers()
        let terminal = try CursesTerminal(theme: theme, noColor: noColor)
        // From here on nothing may write to the screen except the backend: stray library output
        // on stderr goes to the log (or nowhere), and comes back when the screen closes.
        let savedStderr = dup(2)
        let logFD = stderrPath.map { Foundation.open($0, O_WRONLY | O_APPEND | O_CREAT, 0o600) } ?? Foundation.open("/dev/null", O_WRONLY)
        if logFD >= 0 { dup2(logFD, 2); Foundation.close(logFD) }
        defer {
            app.finish()
            terminal.close()
            if savedStderr >= 0 { dup2(savedStderr, 2); Foundation.close(savedStderr) }
        }
        log("start: theme \(terminal.theme.name), \(terminal.colours) colours, TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")")

        let (w, h) = terminal.size()
        app.start(width: w, height: h)
        terminal.draw(app.frame())
        var decoder = PasteDecoder()
        var pasteIdleSince: Date?
        func deliver(_ inputs: [TerminalInput]) {
            for input in inputs {
                if case .key(.ctrl("l")) = input { terminal.invalidate() } // redraw everything, as curses programs do
                app.handle(input)
            }
        }
        while true {
            let signal = cn_take_signal()
            if signal != 0 {
                log("signal \(signal): restoring the terminal and exiting")
                return 128 + signal
            }
            if let input = terminal.readInput(waitMilliseconds: app.waitMilliseconds) {
                pasteIdleSince = nil
                deliver(decoder.feed(input))
                // Take whatever else is already queued (a paste, key repeat) before drawing.
                var more = 0
                var drained = false
                while more < 256 {
                    guard let next = terminal.readInput(waitMilliseconds: 0) else { drained = true; break }
                    deliver(decoder.feed(next))
                    more += 1
                }
                if drained, decoder.isWaiting, !decoder.inPaste {
                    // An Esc may begin a paste marker split across reads: a moment for the rest.
                    if let next = terminal.readInput(waitMilliseconds: 25) { deliver(decoder.feed(next)); drained = false }
                    else { deliver(decoder.idle()) }
                }
                // Everything queued is handled: the next key is a new burst (docs/console-input.md).
                if drained, !decoder.isWaiting { app.inputSettled() }
            } else if decoder.inPaste {
                // A paste whose end marker never comes (a terminal that died mid-paste) ends
                // after a quiet while, still as text.
                let since = pasteIdleSince ?? Date()
                pasteIdleSince = since
                if Date().timeIntervalSince(since) > 3 { deliver(decoder.idle(endPaste: true)); app.inputSettled(); pasteIdleSince = nil }
            }
            app.poll()
            if let status = app.exitStatus { return status }
            if app.needsFrame { terminal.draw(app.frame()) }
            if app.takeBell() { terminal.bell() }
        }
    }
}
