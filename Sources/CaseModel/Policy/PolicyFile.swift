import Foundation

/// Reads a policy file (`[section]` headers, `key = value` lines, `#` comments) into a `DeskPolicy`.
///
/// Every stage must be given, every key must be known, and every allowance must parse: a desk
/// that mistypes a line gets the line number and the problem, never a silently half-read policy.
public enum PolicyFile {
    /// Parses policy text; `calendars` checks that every named calendar exists.
    public static func parse(_ text: String, fileName: String = "policy.conf", calendars: CalendarSet = .defaults) throws -> DeskPolicy {
        var policy = DeskPolicy()
        policy.calendars = calendars
        var stages: [Stage: StagePolicy] = [:]
        var section = ""
        var stage: Stage?
        var seenKeys: Set<String> = []
        var stageLines: [Stage: Int] = [:]
        func fail(_ line: Int, _ message: String) -> PolicyFileError { PolicyFileError(file: fileName, line: line, message: message) }

        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = index + 1
            var line = String(raw)
            if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw fail(n, "a section header must end with ]") }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if name == "policy" || name == "severity" {
                    section = name; stage = nil
                } else if name.hasPrefix("stage ") {
                    let stageName = String(name.dropFirst(6)).trimmingCharacters(in: .whitespaces)
                    guard let s = Stage(rawValue: stageName) else {
                        throw fail(n, "unknown stage \"\(stageName)\" (expected one of: \(Stage.allCases.filter { $0 != .sameDay }.map(\.rawValue).joined(separator: ", ")))")
                    }
                    if s == .sameDay { throw fail(n, "the same-day stage is set in [policy] (same-day-repeat, same-day-calendar)") }
                    if let earlier = stageLines[s] { throw fail(n, "stage \(s.rawValue) is already defined at line \(earlier)") }
                    stageLines[s] = n
                    section = "stage"; stage = s
                    stages[s] = StagePolicy(stage: s, calendar: "", allowances: [:])
                } else {
                    throw fail(n, "unknown section [\(name)] (expected [policy], [severity] or [stage NAME])")
                }
                seenKeys = []
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw fail(n, "expected `key = value`") }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { throw fail(n, "\(key): a value is required") }
            if seenKeys.contains(key) { throw fail(n, "\(key) is given twice in this section") }
            seenKeys.insert(key)
            func allowance() throws -> Allowance {
                do { return try Allowance(parsing: value) } catch { throw fail(n, "\(key): \(error)") }
            }
            func int(_ range: ClosedRange<Int>) throws -> Int {
                guard let v = Int(value), range.contains(v) else { throw fail(n, "\(key): expected a whole number in \(range.lowerBound)...\(range.upperBound), got \"\(value)\"") }
                return v
            }
            func calendarName() throws -> String {
                guard calendars[value] != nil else { throw fail(n, "\(key): no calendar named \"\(value)\" (known: \(calendars.names.joined(separator: ", ")))") }
                return value
            }
            switch (section, key) {
            case ("policy", "version"):
                policy.version = value
            case ("policy", "warning"):
                let number = value.hasSuffix("%") ? Double(value.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 } : Double(value)
                guard let f = number, f > 0, f < 1 else { throw fail(n, "warning: expected a share such as 75%, got \"\(value)\"") }
                policy.warningFraction = f
            case ("policy", "repeat-window"):
                policy.repeatWindowDays = try int(0...3650)
            case ("policy", "same-day-repeat"):
                policy.sameDayRepeat = try int(2...100)
            case ("policy", "same-day-calendar"):
                policy.sameDayCalendar = try calendarName()
            case ("severity", "major-loss"):
                guard let v = Double(value), v > 0 else { throw fail(n, "major-loss: expected an amount in yuan, got \"\(value)\"") }
                policy.severity.majorLoss = v
            case ("severity", "urgent-repeat"):
                policy.severity.urgentRepeat = try int(2...100)
            case ("severity", "major-repeat"):
                policy.severity.majorRepeat = try int(2...100)
            case ("stage", "calendar"):
                stages[stage!]!.calendar = try calendarName()
            case ("stage", "general"), ("stage", "major"), ("stage", "special"):
                let column = DeadlineColumn(rawValue: key)!
                stages[stage!]!.allowances[column] = value == "set" ? .setBySuperior : .allowance(try allowance())
            case ("stage", "warning-at"):
                stages[stage!]!.warningAt = try allowance()
            case ("stage", "extension-limit"):
                guard stage == .decision else { throw fail(n, "extension-limit applies to the decision stage only") }
                stages[stage!]!.extensionLimit = try allowance()
            case ("", _):
                throw fail(n, "\(key) is outside any section")
            default:
                throw fail(n, "unknown key \"\(key)\" in [\(section == "stage" ? "stage \(stage!.rawValue)" : section)]")
            }
        }
        for s in Stage.allCases where s != .sameDay {
            guard let sp = stages[s] else { throw fail(0, "stage \(s.rawValue) is missing (every stage needs a [stage \(s.rawValue)] section)") }
            let at = stageLines[s] ?? 0
            if sp.calendar.isEmpty { throw fail(at, "[stage \(s.rawValue)] needs a calendar") }
            for column in DeadlineColumn.allCases where sp.allowances[column] == nil {
                throw fail(at, "[stage \(s.rawValue)] needs a \(column.rawValue) allowance")
            }
            if s == .firstContact || s == .progressNote || s == .callback,
               sp.allowances.values.contains(.setBySuperior) {
                throw fail(at, "[stage \(s.rawValue)]: \"set\" is only for stages a superior can set (investigation, approval, closing, decision)")
            }
        }
        if policy.severity.urgentRepeat >= policy.severity.majorRepeat {
            throw fail(0, "[severity] urgent-repeat must be below major-repeat")
        }
        policy.stages = stages
        return policy
    }

    /// The shipped defaults (parsed once).
    public static let defaults: DeskPolicy = {
        do { return try parse(DefaultPolicyFile.text, fileName: "default policy") } catch {
            fatalError("the shipped policy file is invalid: \(error)")
        }
    }()

    /// Loads `policy.conf` and `calendars/*.cal` from a config directory, over the shipped defaults.
    public static func load(configDirectory: String?) throws -> DeskPolicy {
        guard let dir = configDirectory else { return defaults }
        let calendars = try CalendarSet.load(userDirectory: URL(fileURLWithPath: dir).appendingPathComponent("calendars"))
        let path = dir + "/policy.conf"
        guard FileManager.default.fileExists(atPath: path) else {
            var p = defaults
            p.calendars = calendars
            return p
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PolicyFileError(file: path, line: 0, message: "cannot be read as UTF-8 text")
        }
        return try parse(text, fileName: path, calendars: calendars)
    }
}
