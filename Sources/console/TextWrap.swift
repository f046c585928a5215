import CaseModel
import ConsoleUI
import TerminalKit
import Foundation

/// Whole texts for the terminal: every line of a text kept, each cut into lines of at most the
/// terminal's width in display cells (a Chinese character takes two), at a space where a Latin
/// word would otherwise be split, anywhere in Chinese text. Nothing is left out.
enum TextWrap {
    /// The width to wrap at: the terminal's, else `$COLUMNS`, else 100; nil with `--no-wrap`.
    static func width(noWrap: Bool) -> Int? {
        if noWrap { return nil }
        if let c = ConsoleOutput.terminalColumns, c >= 20 { return c }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), c >= 20 { return c }
        return 100
    }

    /// The text's lines, each made harmless (`SafeText.sanitize`) and wrapped to `width` cells.
    static func lines(_ text: String, width: Int?) -> [String] {
        let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n").map(SafeText.sanitize)
        guard let width, width > 0 else { return paragraphs }
        return paragraphs.flatMap { wrap($0, width) }
    }

    /// `label  value` with the value's continuation lines under its first (a hanging indent).
    static func field(_ label: String, labelWidth: Int, _ value: String, width: Int?) -> [String] {
        let indent = String(repeating: " ", count: labelWidth + 2)
        let body = lines(value, width: width.map { max(10, $0 - labelWidth - 2) })
        let head = DisplayWidth.pad(SafeText.sanitize(label), to: labelWidth) + "  "
        guard let first = body.first else { return [head.trimmingTrailingSpaces] }
        return [head + first] + body.dropFirst().map { indent + $0 }
    }

    /// A text under a heading, indented by `indent` cells.
    static func block(_ text: String, indent: Int, width: Int?) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return lines(text, width: width.map { max(10, $0 - indent) }).map { pad + $0 }
    }

    private static func wrap(_ line: String, _ width: Int) -> [String] { TextWrapping.wrap(line, width) }
}

extension String {
    /// Without spaces at the end.
    var trimmingTrailingSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
