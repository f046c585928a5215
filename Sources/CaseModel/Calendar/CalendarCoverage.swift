/// Which years each calendar knows, and whether the ones the clocks count on cover the days
/// ahead: a business calendar without next year's State Council notice makes every deadline that
/// reaches into it provisional (docs/clocks-and-durations.md, "Calendars and their years").
public struct CalendarCoverage: Sendable, Equatable {
    /// One calendar.
    public struct Entry: Sendable, Equatable {
        /// `business`, `duty`, `24x7` or a desk's own.
        public let name: String
        /// The years it knows.
        public let coverage: YearCoverage
        /// The stages whose clocks count on it (the same-day rule as `same-day`).
        public let usedBy: [Stage]
        /// Years between today and the horizon that it does not know.
        public let missingYears: [Int]
        /// The first day before the horizon in a year it does not know.
        public let firstUnknownDay: CivilDate?
    }

    /// Every calendar of the policy, by name.
    public let entries: [Entry]
    /// Today and the last day looked at.
    public let from: CivilDate
    public let through: CivilDate

    /// Whether every calendar a clock counts on knows every day up to the horizon.
    public var coversHorizon: Bool { entries.allSatisfy { $0.usedBy.isEmpty || $0.missingYears.isEmpty } }

    /// The calendars clocks count on that do not cover the horizon.
    public var gaps: [Entry] { entries.filter { !$0.usedBy.isEmpty && !$0.missingYears.isEmpty } }

    /// One line for the dashboard header when a calendar in use runs out before the horizon
    /// (`业务日历缺 2027 年节假日：2027-01-01 起时限为暂定`); nil when all is known.
    public func notice(_ language: Language) -> String? {
        guard let g = gaps.first, let day = g.firstUnknownDay else { return nil }
        let years = g.missingYears.map(String.init).joined(separator: language == .zh ? "、" : ", ")
        let name = ClockExplanation.calendarName(g.name, language)
        return language == .zh ? "\(name)缺 \(years) 年节假日：\(day.iso) 起的时限为暂定"
            : "the \(name) lacks the holidays of \(years): deadlines from \(day.iso) on are provisional"
    }

    /// The coverage as lines for a person, one calendar at a time.
    public func lines(_ language: Language) -> [String] {
        let zh = language == .zh
        var out = [zh ? "日历覆盖（\(from.iso) 至 \(through.iso)）" : "calendar coverage (\(from.iso) to \(through.iso))"]
        for e in entries {
            let known: String
            switch e.coverage {
            case .all: known = zh ? "所有年份（不含节假日）" : "every year (no holidays)"
            case .years(let ys): known = ys.isEmpty ? (zh ? "无" : "none") : ys.sorted().map(String.init).joined(separator: zh ? "、" : ", ")
            }
            let used = e.usedBy.isEmpty ? (zh ? "无时限使用" : "no clock") : e.usedBy.map { zh ? $0.zh : $0.en }.joined(separator: zh ? "、" : ", ")
            out.append(zh ? "\(ClockExplanation.calendarName(e.name, .zh))（\(e.name)）：已录入 \(known)；用于 \(used)"
                          : "\(e.name): knows \(known); used by \(used)")
            if let day = e.firstUnknownDay {
                let years = e.missingYears.map(String.init).joined(separator: zh ? "、" : ", ")
                out.append(zh ? "  缺 \(years) 年：\(day.iso) 起按每周工作日推算，时限为暂定。请按国务院办公厅通知补录该年日历文件（见 README）"
                              : "  lacks \(years): from \(day.iso) on days follow the weekly pattern and deadlines are provisional; add that year's file from the State Council notice (see README)")
            } else {
                out.append(zh ? "  未来 \(Int(through.daysSinceEpoch - from.daysSinceEpoch)) 天均已覆盖" : "  covers the next \(Int(through.daysSinceEpoch - from.daysSinceEpoch)) days")
            }
        }
        return out
    }

    /// JSON-ready form.
    public var object: [String: Any] {
        ["from": from.iso, "through": through.iso, "covers_horizon": coversHorizon,
         "calendars": entries.map { e -> [String: Any] in
             var o: [String: Any] = ["name": e.name, "used_by": e.usedBy.map(\.rawValue), "missing_years": e.missingYears]
             switch e.coverage {
             case .all: o["years"] = "all"
             case .years(let ys): o["years"] = ys.sorted()
             }
             if let d = e.firstUnknownDay { o["first_unknown_day"] = d.iso }
             return o
         }]
    }
}

extension DeskPolicy {
    /// How far each calendar reaches, from the day of `now` through `horizonDays` days ahead
    /// (90 by default: long enough to see next year's Spring Festival coming in the autumn).
    public func calendarCoverage(at now: Instant, horizonDays: Int = 90) -> CalendarCoverage {
        let today = DeskTime.standard.civil(now).date
        let through = today.adding(days: max(0, horizonDays))
        var entries: [CalendarCoverage.Entry] = []
        for name in calendars.names {
            guard let cal = calendars[name] else { continue }
            var used = Stage.allCases.filter { stages[$0]?.calendar == name }
            if sameDayCalendar == name && !used.contains(.sameDay) { used.append(.sameDay) }
            let coverage = cal.definition.coverage
            var missing: [Int] = []
            var firstUnknown: CivilDate?
            for year in today.year...through.year where !coverage.covers(year) {
                missing.append(year)
                let jan1 = CivilDate(year: year, month: 1, day: 1) ?? today
                if firstUnknown == nil { firstUnknown = max(jan1, today) }
            }
            entries.append(CalendarCoverage.Entry(name: name, coverage: coverage, usedBy: used, missingYears: missing, firstUnknownDay: firstUnknown))
        }
        return CalendarCoverage(entries: entries, from: today, through: through)
    }
}

import Foundation
