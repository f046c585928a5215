import Foundation

/// The calendars one layer of files defines (the shipped defaults, or the user's directory).
///
/// Inside a layer every statement must agree with every other, whichever file it is in; a
/// later layer overrides an earlier one (see `overlaying(_:)`).
struct CalendarLayer {
    /// One calendar's statements so far, with where each came from.
    struct Partial {
        let name: String
        let firstSeen: CalendarSourceLocation
        var timeZone: (zone: TimeZone, source: CalendarSourceLocation)?
        var weekly: [(periods: [WorkingPeriod], source: CalendarSourceLocation)?] = Array(repeating: nil, count: 7)
        var coverage: (years: YearCoverage, source: CalendarSourceLocation)?
        var overrides: [CivilDate: DateOverride] = [:]

        var hasWeekly: Bool { weekly.contains { $0 != nil } }
    }

    private(set) var calendars: [String: Partial] = [:]
    private(set) var order: [String] = []

    /// Starts (or continues) a calendar section.
    mutating func open(_ name: String, at source: CalendarSourceLocation) {
        if calendars[name] == nil {
            calendars[name] = Partial(name: name, firstSeen: source)
            order.append(name)
        }
    }

    mutating func setTimeZone(_ zone: TimeZone, of name: String, at source: CalendarSourceLocation) throws {
        if let old = calendars[name]!.timeZone, old.zone.identifier != zone.identifier {
            throw error(source, "timezone \(zone.identifier) conflicts with timezone \(old.zone.identifier) at \(old.source)")
        }
        calendars[name]!.timeZone = (zone, source)
    }

    mutating func setWeekly(days: [Int], periods: [WorkingPeriod], of name: String, at source: CalendarSourceLocation) throws {
        for d in days {
            if let old = calendars[name]!.weekly[d] {
                throw error(source, "\(CalendarWeekdays.names[d]) already has weekly hours at \(old.source)")
            }
            calendars[name]!.weekly[d] = (periods, source)
        }
    }

    mutating func addCoverage(_ years: YearCoverage, of name: String, at source: CalendarSourceLocation) {
        let merged = calendars[name]!.coverage.map { $0.years.union(years) } ?? years
        calendars[name]!.coverage = (merged, calendars[name]!.coverage?.source ?? source)
    }

    mutating func addOverride(_ o: DateOverride, on date: CivilDate, of name: String) throws {
        if let old = calendars[name]!.overrides[date] {
            if old.kind == o.kind { return } // the same fact said twice is not a conflict
            throw error(o.source, "\(date) is already defined at \(old.source) as \(Self.describe(old))")
        }
        calendars[name]!.overrides[date] = o
    }

    /// This layer with `top`'s statements taking precedence: a time zone or `weekly` in `top`
    /// replaces ours (all seven days at once), covered years add up, and dated lines in `top`
    /// replace ours date by date.
    func overlaying(_ top: CalendarLayer) -> CalendarLayer {
        var result = self
        for name in top.order {
            let t = top.calendars[name]!
            guard var base = result.calendars[name] else {
                result.calendars[name] = t
                result.order.append(name)
                continue
            }
            if let tz = t.timeZone { base.timeZone = tz }
            if t.hasWeekly { base.weekly = t.weekly }
            if let c = t.coverage {
                base.coverage = (base.coverage.map { $0.years.union(c.years) } ?? c.years, base.coverage?.source ?? c.source)
            }
            base.overrides.merge(t.overrides) { _, new in new }
            result.calendars[name] = base
        }
        return result
    }

    /// Checks each calendar is complete and consistent, and freezes it.
    func definitions() throws -> [String: CalendarDefinition] {
        var out: [String: CalendarDefinition] = [:]
        for name in order {
            let p = calendars[name]!
            guard let tz = p.timeZone else {
                throw error(p.firstSeen, "calendar '\(name)' has no timezone line (e.g. 'timezone Asia/Shanghai')")
            }
            guard p.hasWeekly else {
                throw error(p.firstSeen, "calendar '\(name)' has no weekly line (e.g. 'weekly mon-fri 08:30-12:00 13:30-17:30')")
            }
            guard let coverage = p.coverage?.years else {
                throw error(p.firstSeen, "calendar '\(name)' has no covers line (the years whose holidays are listed, or 'covers all')")
            }
            let weekly = p.weekly.map { $0?.periods ?? [] }
            let def = CalendarDefinition(name: name, timeZone: tz.zone, weekly: weekly, coverage: coverage, overrides: p.overrides)
            for (date, o) in p.overrides.sorted(by: { $0.key < $1.key }) {
                guard coverage.covers(date.year) else {
                    throw error(o.source, "\(date) is in \(date.year), which calendar '\(name)' does not cover; add 'covers \(date.year)'")
                }
                if case .makeUpWorkday(nil) = o.kind, def.normalWeekdayPeriods.isEmpty {
                    throw error(o.source, "make-up workday \(date) has no hours and calendar '\(name)' has no working weekday to copy them from")
                }
            }
            out[name] = def
        }
        return out
    }

    private func error(_ at: CalendarSourceLocation, _ message: String) -> CalendarFileError {
        CalendarFileError(file: at.file, line: at.line, message: message)
    }

    private static func describe(_ o: DateOverride) -> String {
        let what: String
        switch o.kind {
        case .holiday: what = "holiday"
        case .makeUpWorkday(let p): what = "workday" + (p.map { " " + $0.map(\.description).joined(separator: " ") } ?? "")
        case .specialHours(let p): what = "hours " + p.map(\.description).joined(separator: " ")
        }
        return o.label.isEmpty ? what : "\(what) \(o.label)"
    }
}
