import Foundation

/// Deadline arithmetic on one calendar, following docs/clocks-and-calendars.md, "Counting time"
/// (PRC Civil Code arts. 201–203, 节假日顺延), in O(1)/O(log n) per call on a precomputed table
/// of 2000–2100.
///
/// Working time is the set of `[start, end)` second intervals of each day's periods. Instants
/// outside the table are clamped to its edge and the result is flagged provisional.
public final class WorkCalendar: Sendable {
    /// The rules the table was built from.
    public let definition: CalendarDefinition
    private let lazyTable: LazyDayTable
    /// The precomputed table, built on first use (`LazyDayTable`).
    var table: DayTable { lazyTable.table }

    /// The years the fast table spans; arithmetic outside it is clamped and provisional.
    public static let tabulatedYears = DayTable.firstDate.year...DayTable.lastDate.year

    /// A calendar whose day table (a few milliseconds) is built on its first computation; build
    /// the calendar once and share it.
    public init(_ definition: CalendarDefinition) {
        self.definition = definition
        self.lazyTable = LazyDayTable(definition)
    }

    /// The calendar's name.
    public var name: String { definition.name }

    // MARK: - Deadlines

    /// The due time for an allowance counted from `start`.
    public func deadline(for allowance: Allowance, from start: Instant) -> Deadline {
        deadline(for: allowance, from: start, in: table)
    }

    /// `deadline(for:from:)` on a table already fetched: a report computing many deadlines
    /// fetches it once (`DueRules`) instead of once per step of each computation.
    func deadline(for allowance: Allowance, from start: Instant, in t: DayTable) -> Deadline {
        switch allowance.unit {
        case .workingMinutes: return addWorkingSeconds(Int64(allowance.amount) * 60, from: start, in: t)
        case .workingHours: return addWorkingSeconds(Int64(allowance.amount) * 3600, from: start, in: t)
        case .workingDays: return addWorkingDays(allowance.amount, from: start, in: t)
        case .calendarDays: return addCalendarDays(allowance.amount, from: start, in: t)
        case .sameDay: return endOfSameDay(from: start, in: t)
        }
    }

    /// `minutes` of working time after `start`; a clock started outside working time starts at
    /// the next working instant, and a deadline landing on a period's end stays at that end.
    public func addWorkingMinutes(_ minutes: Int, from start: Instant) -> Deadline {
        addWorkingSeconds(Int64(minutes) * 60, from: start)
    }

    /// Like `addWorkingMinutes`, to the second; zero (or less) gives the instant the clock starts.
    public func addWorkingSeconds(_ seconds: Int64, from start: Instant) -> Deadline {
        addWorkingSeconds(seconds, from: start, in: table)
    }

    private func addWorkingSeconds(_ seconds: Int64, from start: Instant, in t: DayTable) -> Deadline {
        guard let (s, clamped) = clampStart(start, t) else { return pastTable(start, t) }
        let day = t.dayIndex(s)
        let p = t.periodAtOrAfter(s, day: day)
        guard p < t.periodCount else { return pastTable(start, t) }
        if seconds <= 0 {
            return Deadline(due: Instant(seconds: max(s, t.periodStart[p])),
                            provisional: clamped || t.touchesUncovered(day, t.periodDay[p]))
        }
        let target = t.cumulative[p] + max(0, s - t.periodStart[p]) + seconds
        let q = t.periodReaching(target, from: p)
        guard q < t.periodCount else { return pastTable(start, t) }
        return Deadline(due: Instant(seconds: t.periodStart[q] + (target - t.cumulative[q])),
                        provisional: clamped || t.touchesUncovered(day, t.periodDay[q]))
    }

    /// Close of business of the `days`th working day after the start day (which is not counted);
    /// zero means the start day's close, or the next working day's if the start day is not one.
    public func addWorkingDays(_ days: Int, from start: Instant) -> Deadline {
        addWorkingDays(days, from: start, in: table)
    }

    private func addWorkingDays(_ days: Int, from start: Instant, in t: DayTable) -> Deadline {
        guard let (s, clamped) = clampStart(start, t) else { return pastTable(start, t) }
        let day = t.dayIndex(s)
        let k = days <= 0 ? t.workingBefore[day] : t.workingBefore[day + 1] + days - 1
        return closeOfWorkingDay(number: k, from: day, clamped: clamped, t)
    }

    /// Day `days` after the start day; if it is not a working day, the next working day; due at
    /// its close of business.
    public func addCalendarDays(_ days: Int, from start: Instant) -> Deadline {
        addCalendarDays(days, from: start, in: table)
    }

    private func addCalendarDays(_ days: Int, from start: Instant, in t: DayTable) -> Deadline {
        guard let (s, clamped) = clampStart(start, t) else { return pastTable(start, t) }
        let day = t.dayIndex(s)
        let last = day + max(0, days)
        guard last < t.dayCount else { return pastTable(start, t) }
        return closeOfWorkingDay(number: t.workingBefore[last], from: day, clamped: clamped, t)
    }

    /// Today's close of business if it is still ahead, else the next working day's close
    /// ("end of today's duty hours" on the duty calendar).
    public func endOfSameDay(from start: Instant) -> Deadline {
        endOfSameDay(from: start, in: table)
    }

    private func endOfSameDay(from start: Instant, in t: DayTable) -> Deadline {
        guard let (s, clamped) = clampStart(start, t) else { return pastTable(start, t) }
        let day = t.dayIndex(s)
        let k = t.workingBefore[day]
        if k < t.workingDays.count, t.workingDays[k] == day, s < t.close(ofDay: day) {
            return Deadline(due: Instant(seconds: t.close(ofDay: day)), provisional: clamped || t.touchesUncovered(day, day))
        }
        return closeOfWorkingDay(number: t.workingBefore[day + 1], from: day, clamped: clamped, t)
    }

    // MARK: - Elapsed time

    /// Working seconds in `[from, to)`; 0 when `to <= from`.
    public func workingSeconds(from: Instant, to: Instant) -> Int64 {
        guard to > from else { return 0 }
        return workingSeconds(from: from, to: to, in: table)
    }

    /// `workingSeconds(from:to:)` on a table already fetched (see `deadline(for:from:in:)`).
    func workingSeconds(from: Instant, to: Instant, in t: DayTable) -> Int64 {
        guard to > from else { return 0 }
        return cumulativeSeconds(to, t) - cumulativeSeconds(from, t)
    }

    /// Whole working minutes in `[from, to)`; 0 when `to <= from`.
    public func workingMinutes(from: Instant, to: Instant) -> Int64 {
        workingSeconds(from: from, to: to) / 60
    }

    /// The share of a stage's working time used by `now` (0 at the start, 1 at the due time,
    /// above 1 once overdue); drives the 75% warning and the breach.
    public func fractionUsed(start: Instant, due: Instant, now: Instant) -> Double {
        let total = workingSeconds(from: start, to: due)
        guard total > 0 else { return now >= due ? 1 : 0 }
        return Double(workingSeconds(from: start, to: now)) / Double(total)
    }

    /// Whether `instant` falls inside a working period.
    public func isWorking(at instant: Instant) -> Bool {
        let t = table
        let s = instant.seconds
        if s >= t.start && s < t.end {
            let p = t.periodAtOrAfter(s, day: t.dayIndex(s))
            return p < t.periodCount && t.periodStart[p] <= s
        }
        let local = s.addingClamped(Int64(definition.timeZone.secondsFromGMT(for: instant.date)))
        let days = floorDiv(local, 86_400)
        let rest = local % 86_400
        let secondOfDay = Int(rest < 0 ? rest + 86_400 : rest)   // days * 86_400 overflows at the ends of time
        return definition.day(CivilDate(daysSinceEpoch: days)).periods.contains { $0.start <= secondOfDay && secondOfDay < $0.end }
    }

    // MARK: - Days

    /// The civil date of an instant in the calendar's time zone.
    public func civilDate(of instant: Instant) -> CivilDate {
        let t = table
        let s = instant.seconds
        if s >= t.start && s < t.end { return CivilDate(daysSinceEpoch: t.firstDay + Int64(t.dayIndex(s))) }
        let local = s.addingClamped(Int64(definition.timeZone.secondsFromGMT(for: instant.date)))
        return CivilDate(daysSinceEpoch: floorDiv(local, 86_400))
    }

    /// What the calendar says about a date: its kind, periods and label.
    public func dayInfo(_ date: CivilDate) -> DayInfo { definition.day(date) }

    // MARK: - Helpers

    /// The start instant inside the table, and whether it had to be moved there; nil if past it.
    @inline(__always)
    private func clampStart(_ start: Instant, _ t: DayTable) -> (Int64, Bool)? {
        if start.seconds < t.start { return (t.start, true) }
        if start.seconds >= t.end { return nil }
        return (start.seconds, false)
    }

    @inline(__always)
    private func closeOfWorkingDay(number k: Int, from day: Int, clamped: Bool, _ t: DayTable) -> Deadline {
        guard k < t.workingDays.count else { return pastTable(Instant(seconds: t.start), t) }
        let last = t.workingDays[k]
        return Deadline(due: Instant(seconds: t.close(ofDay: last)), provisional: clamped || t.touchesUncovered(day, last))
    }

    /// What a computation that runs off the table's end returns: its edge (or the start, if
    /// later), flagged, rather than a guess.
    private func pastTable(_ start: Instant, _ t: DayTable) -> Deadline {
        Deadline(due: Instant(seconds: max(start.seconds, t.end)), provisional: true)
    }

    @inline(__always)
    private func cumulativeSeconds(_ instant: Instant, _ t: DayTable) -> Int64 {
        let s = instant.seconds
        if s < t.start { return 0 }
        if s >= t.end { return t.cumulative[t.periodCount] }
        return t.workingSeconds(upTo: s)
    }
}
