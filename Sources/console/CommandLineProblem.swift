import ArgumentParser
import CaseModel
import Foundation

/// A command line that cannot run as typed, worded in the reader's language.
///
/// The desk's own checks (`validate()`) throw one with both wordings; the parser's own messages
/// are reworded by `CommandLineProblem.reworded(_:language:)` (docs/console-reading.md, "Language").
enum CommandLineProblem {
    /// A usage error in this run's language (`OutputLanguage.current`, decided before parsing).
    static func usage(_ english: String, _ chinese: String) -> ValidationError {
        ValidationError(OutputLanguage.current == .zh ? chinese : english)
    }

    /// The parser's full error text (`Error:`, `Help:`, `Usage:` and `See …` lines) in `language`.
    ///
    /// The parser speaks English only; each of its sentence shapes is matched whole and reworded,
    /// quoting the same option names and values. A sentence of a shape not known here keeps its
    /// English words inside the Chinese frame rather than being lost.
    static func reworded(_ text: String, language: Language) -> String {
        guard language == .zh else { return text }
        // The `Help:` line quotes the option's English help; the Chinese reader is pointed to
        // `--help` by the last line instead.
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Help:  ") }.map { line -> String in
            let l = String(line)
            if l.hasPrefix("Error: ") { return "错误：" + sentence(String(l.dropFirst("Error: ".count))) }
            if l.hasPrefix("Usage: ") { return "用法：" + String(l.dropFirst("Usage: ".count)) }
            if let command = between(l, "  See '", "' for more information.") { return "  详见 '\(command)'。" }
            return l
        }.joined(separator: "\n")
    }

    /// One parser sentence in Chinese, or the sentence itself when its shape is not known.
    static func sentence(_ s: String) -> String {
        if let (option, suggestion) = pair(s, "Unknown option '", "'. Did you mean '", "'?") {
            return "没有选项 '\(option)'，是不是 '\(suggestion)'？"
        }
        if let option = between(s, "Unknown option '", "'") { return "没有选项 '\(option)'" }
        if let option = between(s, "Missing value for '", "'") { return "选项 '\(option)' 缺少取值" }
        if let value = between(s, "Unexpected argument '", "'") { return "多出参数 '\(value)'" }
        if let range = s.range(of: " unexpected arguments: '"), let n = Int(s[..<range.lowerBound]), s.hasSuffix("'") {
            let values = s[range.upperBound...].dropLast()
            return "多出 \(n) 个参数：'\(values)'"
        }
        if let argument = between(s, "Missing expected argument '", "'") { return "缺少参数 '\(argument)'" }
        if let choices = between(s, "Missing one of: '", "'") { return "缺少其中之一：'\(choices)'" }
        if s == "Missing required subcommand." { return "缺少子命令。" }
        if s.hasPrefix("Invalid option: ") { return "无效选项：" + s.dropFirst("Invalid option: ".count) }
        if s.hasPrefix("The value '") { return invalidValue(s) }
        return s
    }

    /// `The value 'V' is invalid for 'X'[. Please provide one of …]` in Chinese.
    private static func invalidValue(_ s: String) -> String {
        let rest = s.dropFirst("The value '".count)
        guard let close = rest.range(of: "' is invalid") else { return s }
        let value = rest[..<close.lowerBound]
        var tail = rest[close.upperBound...]
        var target = ""
        if tail.hasPrefix(" for '"), let end = tail.dropFirst(" for '".count).range(of: "'") {
            target = String(tail[tail.index(tail.startIndex, offsetBy: " for '".count)..<end.lowerBound])
            tail = tail[end.upperBound...]
        } else if tail.hasPrefix(".") {
            tail = tail.dropFirst()
        }
        var out = target.isEmpty ? "取值 '\(value)' 无效" : "'\(target)' 不接受取值 '\(value)'"
        if tail.hasPrefix(". Please provide one of the following:") {
            out += "，可选：" + tail.dropFirst(". Please provide one of the following:".count)
        } else if tail.hasPrefix(". Please provide one of ") {
            out += "，可选：" + tail.dropFirst(". Please provide one of ".count).dropLast(tail.hasSuffix(".") ? 1 : 0)
        } else if tail.hasPrefix(": ") {
            out += "：" + tail.dropFirst(2)
        } else if !tail.isEmpty {
            out += String(tail)
        }
        return out
    }

    /// The text between `prefix` and `suffix` when `s` is exactly `prefix + text + suffix`.
    private static func between(_ s: String, _ prefix: String, _ suffix: String) -> String? {
        guard s.hasPrefix(prefix), s.hasSuffix(suffix), s.count >= prefix.count + suffix.count else { return nil }
        return String(s.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The two texts of `prefix A middle B suffix`.
    private static func pair(_ s: String, _ prefix: String, _ middle: String, _ suffix: String) -> (String, String)? {
        guard let inner = between(s, prefix, suffix), let m = inner.range(of: middle) else { return nil }
        return (String(inner[..<m.lowerBound]), String(inner[m.upperBound...]))
    }
}
