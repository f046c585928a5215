import CaseModel
import Foundation

/// The one way the command line writes to its standard output and standard error
/// (docs/terminal-safety.md).
///
/// On a terminal, text passes through `SafeText.forTerminal`: escape sequences, controls and
/// bidirectional overrides from a case or a file become visible marks instead of commands to the
/// terminal. To a file or a pipe, standard output is written byte for byte, so exports and JSON
/// reach a script exactly. Standard error carries only messages for people, never data, so it is
/// made harmless wherever it goes (a log read later with `cat` is a terminal too).
enum ConsoleOutput {
    /// Whether standard output is a terminal (asked once: it cannot change while we run).
    static let outputIsTerminal = isatty(STDOUT_FILENO) == 1

    /// Whether standard error is a terminal (where progress lines are drawn).
    static let errorIsTerminal = isatty(STDERR_FILENO) == 1

    /// Draws a progress line on standard error in place of the previous one: the text made
    /// harmless, cut to the terminal's width so it never wraps, then the erase-to-end-of-line
    /// sequence (the only control sequence the command line writes of its own).
    static func progress(_ text: String) {
        var size = winsize()
        let width = ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 1 ? Int(size.ws_col) - 1 : 79
        let line = String(SafeText.sanitize(text).prefix(width))
        write("\r" + line + "\u{1B}[K", to: STDERR_FILENO)
    }

    /// Erases the progress line, leaving the cursor at the start of the empty line.
    static func clearProgress() {
        write("\r\u{1B}[K", to: STDERR_FILENO)
    }

    /// The width of the terminal standard output goes to, in cells; nil when it is not a
    /// terminal or says nothing useful.
    static var terminalColumns: Int? {
        guard outputIsTerminal else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Writes text to standard output, made harmless when it is a terminal.
    static func standardOutput(_ text: String) {
        write(outputIsTerminal ? SafeText.forTerminal(text) : text, to: STDOUT_FILENO)
    }

    /// Writes bytes that should be UTF-8 (an export) to standard output: exact to a file or pipe,
    /// made harmless on a terminal (bytes that are not UTF-8 shown as `�`). Pass whole lines, so a
    /// character is never split between two calls.
    static func standardOutput<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        if outputIsTerminal { write(SafeText.forTerminal(bytes: bytes), to: STDOUT_FILENO); return }
        let array = Array(bytes)
        array.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) }
    }

    /// Writes a message to standard error, always made harmless.
    static func standardError(_ text: String) {
        write(SafeText.forTerminal(text), to: STDERR_FILENO)
    }

    private static func write(_ text: String, to fd: Int32) {
        var copy = text
        copy.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: fd) }
    }

    /// Unbuffered, so lines from here, from a `CSVWriter` and from a pager-fed `alerts --watch`
    /// arrive in the order they were written and at once.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) {
        guard var p = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            let n = Foundation.write(fd, p, left)
            if n < 0 { if errno == EINTR { continue }; return }
            p += n
            left -= n
        }
    }
}

/// Every `print` in this module: shadows the standard library's, so that no line of the command
/// line's output can bypass `ConsoleOutput` (a top-level function of the module wins over the
/// imported one for every unqualified call; a test checks that no file writes any other way).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    ConsoleOutput.standardOutput(items.map { "\($0)" }.joined(separator: separator) + terminator)
}
