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
                if ["policy", "severity", "crisis", "alerts", "penalties", "alert-levels", "alert-views", "move-all", "teams"].contains(name) {
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
                    throw fail(n, "unknown section [\(name)] (expected [policy], [severity], [crisis], [alerts], [alert-levels], [alert-views], [move-all], [teams], [penalties] or [stage NAME])")
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
            func seconds() throws -> Int64 {
                let parts = value.split(separator: " ")
                guard parts.count == 2, let v = Int64(parts[0]), v >= 0 else { throw fail(n, "\(key): expected e.g. \"15 minutes\" or \"1 hour\", got \"\(value)\"") }
                let unit: Int64
                switch parts[1] {
                case "minute", "minutes": unit = 60
                case "hour", "hours": unit = 3600
                case "day", "days": unit = 86_400
                default: throw fail(n, "\(key): unit must be minutes, hours or days, got \"\(parts[1])\"")
                }
                // A year at most: any longer is a typo, and the clocks add these to instants.
                guard v <= 366 * 86_400 / unit else { throw fail(n, "\(key): at most 366 days, got \"\(value)\"") }
                return v * unit
            }
            func share() throws -> Double {
                let number = value.hasSuffix("%") ? Double(value.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 } : Double(value)
                guard let f = number, f >= 0, f <= 1 else { throw fail(n, "\(key): expected a share such as 5%, got \"\(value)\"") }
                return f
            }
            func yuan() throws -> Double {
                guard let v = Double(value), v.isFinite, DeskBounds.yuan.contains(v) else {
                    throw fail(n, "\(key): expected an amount from 0 to \(DeskBounds.show(Int64(DeskBounds.yuan.upperBound))) yuan, got \"\(value)\"")
                }
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
            case ("policy", "retention-years"):
                policy.retentionYears = try int(1...100)
            case ("policy", "same-day-repeat"):
                policy.sameDayRepeat = try int(2...100)
            case ("policy", "same-day-calendar"):
                policy.sameDayCalendar = try calendarName()
            case ("severity", "major-loss"):
                guard let v = Double(value), v.isFinite, v > 0, v <= DeskBounds.yuan.upperBound else {
                    throw fail(n, "major-loss: expected an amount above 0 and at most \(DeskBounds.show(Int64(DeskBounds.yuan.upperBound))) yuan, got \"\(value)\"")
                }
                policy.severity.majorLoss = v
            case ("severity", "urgent-repeat"):
                policy.severity.urgentRepeat = try int(2...100)
            case ("severity", "major-repeat"):
                policy.severity.majorRepeat = try int(2...100)
            case ("crisis", "people"): policy.crisis.people = try int(2...100_000)
            case ("crisis", "mass-incident"): policy.crisis.massIncident = try int(2...1_000_000)
            case ("crisis", "burst-count"): policy.crisis.burstCount = try int(2...10_000)
            case ("crisis", "burst-window"): policy.crisis.burstWindowSeconds = try seconds()
            case ("crisis", "superior-report"): policy.crisis.superiorReportSeconds = try seconds()
            case ("crisis", "hq-report"): policy.crisis.hqReportSeconds = try seconds()
            case ("crisis", "report-warning"): policy.crisis.reportWarningSeconds = try seconds()
            case ("alerts", "unassigned"): policy.alerts.unassignedSeconds = try seconds()
            case ("alerts", "reminder-grace"): policy.alerts.reminderGraceSeconds = try seconds()
            case ("alerts", "load-factor"):
                guard let v = Double(value), v.isFinite, v >= 1, v <= 1000 else { throw fail(n, "load-factor: expected a number from 1 to 1000, got \"\(value)\"") }
                policy.alerts.loadFactor = v
            case ("alerts", "min-load"): policy.alerts.minLoad = try int(1...100_000)
            case ("alerts", "branch-valid-rate"): policy.alerts.branchValidRate = try share()
            case ("penalties", "first-direct"): policy.penalties.firstDirect = try yuan()
            case ("penalties", "second-direct"): policy.penalties.secondDirect = try yuan()
            case ("penalties", "second-lead"): policy.penalties.secondLead = try yuan()
            case ("penalties", "third-direct"): policy.penalties.thirdDirect = try yuan()
            case ("penalties", "third-lead"): policy.penalties.thirdLead = try yuan()
            case ("penalties", "regulator-local"): policy.penalties.regulatorLocal = try yuan()
            case ("penalties", "regulator-national"): policy.penalties.regulatorNational = try yuan()
            case ("penalties", "media"): policy.penalties.media = try yuan()
            case ("penalties", "online"): policy.penalties.online = try yuan()
            case ("penalties", "pr-cost-share"): policy.penalties.prCostShare = try share()
            case ("alert-levels", _):
                guard let rule = AlertRule(rawValue: key) else {
                    throw fail(n, "unknown alert rule \"\(key)\" (known: \(AlertRule.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                do { policy.alertLevels.settings[rule] = try AlertLevelPolicy.parseSetting(value, rule: rule) } catch {
                    throw fail(n, "\(key): \(PolicyFile.reason(error))")
                }
            case ("alert-views", _):
                guard let role = Role(rawValue: key) else {
                    throw fail(n, "unknown role \"\(key)\" (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                do { policy.alertViews.views[role] = try AlertView.parse(value) } catch { throw fail(n, "\(key): \(PolicyFile.reason(error))") }
            case ("move-all", "urgent-within"): policy.assignment.urgentWithinSeconds = try seconds()
            case ("teams", _):
                guard let category = Category(rawValue: key) else {
                    throw fail(n, "unknown category \"\(key)\" (known: \(Category.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                let teams = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard !teams.isEmpty else { throw fail(n, "\(key): expected one or more team names, separated by commas") }
                policy.assignment.teams[category] = teams
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
        if policy.crisis.people >= policy.crisis.massIncident {
            throw fail(0, "[crisis] people must be below mass-incident")
        }
        if policy.severity.urgentRepeat >= policy.severity.majorRepeat {
            throw fail(0, "[severity] urgent-repeat must be below major-repeat")
        }
        policy.stages = stages
        return policy
    }

    /// The reason inside an error from a value parser, without the field it names again.
    static func reason(_ error: Error) -> String {
        if case let DomainError.malformedField(_, reason)? = error as? DomainError { return reason.description }
        return String(describing: error)
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
        let text: String
        do { text = try TextFile.read(path) ?? "" } catch let e as TextFile.Failure {
            throw PolicyFileError(file: path, line: e.line, message: e.message)
        }
        return try parse(text, fileName: path, calendars: calendars)
    }
}
