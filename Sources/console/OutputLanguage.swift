import CaseModel
import Foundation

/// The language the command line speaks for this run: `--lang` wherever it stands on the command
/// line, else the locale's (`Language.fromLocale`). Decided before parsing, so a refusal of the
/// command line itself, and of the access gate, is already in the user's language.
enum OutputLanguage {
    /// This run's language (set by `ConsoleCommand.execute`).
    nonisolated(unsafe) static var current: Language = Language.fromLocale(ProcessInfo.processInfo.environment)

    /// `--lang X` or `--lang=X` among the arguments (before a `--` that ends the options), else the locale.
    static func of(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "--lang", i + 1 < arguments.count, let l = Language.parse(flag: arguments[i + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language.parse(flag: String(a.dropFirst("--lang=".count))) { return l }
            i += 1
        }
        return Language.fromLocale(environment)
    }

    /// `english` or `chinese`, whichever this run speaks: every sentence the command line writes
    /// of its own has both (docs/console-reading.md, "Language").
    static func say(_ english: String, _ chinese: String) -> String {
        current == .zh ? chinese : english
    }
}
