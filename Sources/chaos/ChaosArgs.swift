import Foundation

/// The chaos tool's options: `--name value` pairs after the subcommand, with defaults.
///
/// A hand-rolled parser rather than ArgumentParser: the tool is for tests and soak runs, and
/// every option has a default, so a typo must fail loudly, which `require` does.
struct ChaosArgs {
    private var values: [String: String] = [:]
    /// Words that are not options (paths after the subcommand).
    private(set) var positional: [String] = []

    /// Parses `--name value` pairs; a bare `--flag` followed by another option reads as "1".
    init(_ args: [String]) {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a.hasPrefix("--") {
                let name = String(a.dropFirst(2))
                if i + 1 < args.count && !args[i + 1].hasPrefix("--") {
                    values[name] = args[i + 1]; i += 2
                } else {
                    values[name] = "1"; i += 1
                }
            } else {
                positional.append(a); i += 1
            }
        }
    }

    /// A string option, or `fallback`.
    func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }

    /// A required string option; exits with status 2 naming it when missing.
    func require(_ name: String) -> String {
        guard let v = values[name], !v.isEmpty else { ChaosTool.fail("--\(name) is required") }
        return v
    }

    /// An integer option, or `fallback`; a non-number exits with status 2.
    func int(_ name: String, _ fallback: Int) -> Int {
        guard let v = values[name] else { return fallback }
        guard let n = Int(v) else { ChaosTool.fail("--\(name): not a whole number: \(v)") }
        return n
    }

    /// A number option (seconds may be fractional), or `fallback`.
    func double(_ name: String, _ fallback: Double) -> Double {
        guard let v = values[name] else { return fallback }
        guard let n = Double(v) else { ChaosTool.fail("--\(name): not a number: \(v)") }
        return n
    }

    /// Whether `--name` was given.
    func flag(_ name: String) -> Bool { values[name] != nil }
}
