import Foundation

/// A calendar's working time for every day of 2000–2100, laid out for O(1)/O(log n) lookups.
///
/// Working time is the sorted list of `[start, end)` instant intervals of all days' periods;
/// `cumulative[p]` is the working seconds before period `p`, so "working seconds up to an
/// instant" is one day lookup plus a short scan, and "the instant where N working seconds
/// are reached" is a galloping search. Working days are listed once so that "the Nth working
/// day after day i" is an array index.
final class DayTable: Sendable {
    static let firstDate = CivilDate(year: 2000, month: 1, day: 1)!
    static let lastDate = CivilDate(year: 2100, month: 12, day: 31)!

    /// Days since the epoch of day index 0.
    let firstDay: Int64
    let dayCount: Int
    /// Instant of each day's local midnight, plus one past the last day.
    let dayStart: [Int64]
    /// Index of each day's first period, plus one past the last day (= period count).
    let dayFirstPeriod: [Int]
    let periodStart: [Int64]
    let periodEnd: [Int64]
    /// Working seconds before each period, plus the grand total at the end.
    let cumulative: [Int64]
    let periodDay: [Int]
    /// Indices of the days that have working time, ascending.
    let workingDays: [Int]
    /// Number of working days before each day index (plus the total at the end).
    let workingBefore: [Int]
    /// Number of days in uncovered years before each day index (plus the total at the end).
    let uncoveredBefore: [Int]
    /// Offset used to guess a day from an instant (corrected against `dayStart`).
    let guessOffset: Int64

    var periodCount: Int { periodStart.count }
    var start: Int64 { dayStart[0] }
    var end: Int64 { dayStart[dayCount] }

    init(_ def: CalendarDefinition) {
        let zone = ZoneOffsets(def.timeZone)
        firstDay = Self.firstDate.daysSinceEpoch
        dayCount = Int(Self.lastDate.daysSinceEpoch - firstDay) + 1
        var dayStart: [Int64] = [], dayFirstPeriod: [Int] = [], workingBefore: [Int] = [], uncoveredBefore: [Int] = []
        var periodStart: [Int64] = [], periodEnd: [Int64] = [], cumulative: [Int64] = [], periodDay: [Int] = []
        var workingDays: [Int] = []
        dayStart.reserveCapacity(dayCount + 1)
        dayFirstPeriod.reserveCapacity(dayCount + 1)
        periodStart.reserveCapacity(dayCount * 2)
        periodEnd.reserveCapacity(dayCount * 2)
        cumulative.reserveCapacity(dayCount * 2 + 1)
        var total: Int64 = 0
        var uncovered = 0
        for i in 0..<dayCount {
            let days = firstDay + Int64(i)
            let midnight = days * 86_400
            let info = def.day(CivilDate(daysSinceEpoch: days))
            dayStart.append(zone.instant(local: midnight))
            dayFirstPeriod.append(periodStart.count)
            workingBefore.append(workingDays.count)
            uncoveredBefore.append(uncovered)
            if info.kind == .unknownYear { uncovered += 1 }
            let before = periodStart.count
            for p in info.periods {
                // A zone's offset change can squeeze or empty a period; keep instants ascending.
                let s = max(zone.instant(local: midnight + Int64(p.start)), periodEnd.last ?? Int64.min)
                let e = zone.instant(local: midnight + Int64(p.end))
                guard e > s else { continue }
                periodStart.append(s)
                periodEnd.append(e)
                cumulative.append(total)
                periodDay.append(i)
                total += e - s
            }
            if periodStart.count > before { workingDays.append(i) }
        }
        dayStart.append(zone.instant(local: (firstDay + Int64(dayCount)) * 86_400))
        dayFirstPeriod.append(periodStart.count)
        workingBefore.append(workingDays.count)
        uncoveredBefore.append(uncovered)
        cumulative.append(total)
        self.dayStart = dayStart
        self.dayFirstPeriod = dayFirstPeriod
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.cumulative = cumulative
        self.periodDay = periodDay
        self.workingDays = workingDays
        self.workingBefore = workingBefore
        self.uncoveredBefore = uncoveredBefore
        self.guessOffset = firstDay * 86_400 - dayStart[0]
    }

    /// The day index containing instant `t`, which must lie in `start..<end`.
    @inline(__always)
    func dayIndex(_ t: Int64) -> Int {
        var i = Int(floorDiv(t + guessOffset, 86_400) - firstDay)
        i = min(max(i, 0), dayCount - 1)
        while i > 0 && t < dayStart[i] { i -= 1 }
        while i < dayCount - 1 && t >= dayStart[i + 1] { i += 1 }
        return i
    }

    /// The first period of day `i` or later that ends after `t` (`periodCount` if none).
    @inline(__always)
    func periodAtOrAfter(_ t: Int64, day i: Int) -> Int {
        var p = dayFirstPeriod[i]
        let e = dayFirstPeriod[i + 1]
        while p < e && periodEnd[p] <= t { p += 1 }
        return p
    }

    /// Working seconds from the table's start up to `t` (which must lie in `start..<end`).
    @inline(__always)
    func workingSeconds(upTo t: Int64) -> Int64 {
        let p = periodAtOrAfter(t, day: dayIndex(t))
        guard p < periodCount else { return cumulative[periodCount] }
        return cumulative[p] + max(0, t - periodStart[p])
    }

    /// The first period `q >= from` whose end reaches `target` working seconds (`periodCount`
    /// if the table runs out); gallops because most deadlines are a few periods away.
    @inline(__always)
    func periodReaching(_ target: Int64, from: Int) -> Int {
        let n = periodCount
        var lo = from, hi = from, step = 1
        while hi < n && cumulative[hi + 1] < target {
            lo = hi + 1
            hi += step
            step <<= 1
        }
        if hi > n { hi = n }
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid + 1] >= target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Close of business (end of the last period) of working day `i`.
    @inline(__always)
    func close(ofDay i: Int) -> Int64 { periodEnd[dayFirstPeriod[i + 1] - 1] }

    /// Whether any day in `a...b` lies in an uncovered year.
    @inline(__always)
    func touchesUncovered(_ a: Int, _ b: Int) -> Bool { uncoveredBefore[b + 1] - uncoveredBefore[a] > 0 }
}

/// Converts local wall-clock seconds to instants in one zone, without assuming a fixed offset.
///
/// The zone's offset changes are listed once (Asia/Shanghai has none after 1991), so building a
/// century of days costs a binary search per instant instead of three Foundation zone lookups.
private struct ZoneOffsets {
    /// Instants at which the offset changes, and the offset from each on; `offsets[0]` applies before the first.
    private let changes: [Int64]
    private let offsets: [Int64]

    init(_ zone: TimeZone) {
        func at(_ t: Int64) -> Int64 { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))) }
        let from = DayTable.firstDate.daysSinceEpoch * 86_400 - 2 * 86_400
        let to = (DayTable.lastDate.daysSinceEpoch + 3) * 86_400
        var changes: [Int64] = []
        var offsets: [Int64] = [at(from)]
        var cursor = Date(timeIntervalSince1970: TimeInterval(from))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < TimeInterval(to) {
            let t = Int64(next.timeIntervalSince1970.rounded(.down))
            changes.append(t)
            offsets.append(at(t))
            cursor = next
        }
        // Offset changes that are not daylight saving (a zone changing its standard time): sample
        // each day's noon and record any difference the transitions above missed.
        if changes.isEmpty {
            var day = from
            var last = offsets[0]
            while day < to {
                let o = at(day)
                if o != last {
                    // Narrow down to the exact second of the change.
                    var lo = day - 86_400 * 30, hi = day
                    while hi - lo > 1 { let mid = (lo + hi) / 2; if at(mid) == last { lo = mid } else { hi = mid } }
                    changes.append(hi); offsets.append(o); last = o
                }
                day += 86_400 * 30
            }
        }
        self.changes = changes
        self.offsets = offsets
    }

    func offset(at t: Int64) -> Int64 {
        if changes.isEmpty { return offsets[0] }
        var lo = 0, hi = changes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if changes[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return offsets[lo]
    }

    /// The instant whose local time is `local` (for a time skipped by a change, a nearby one).
    func instant(local: Int64) -> Int64 {
        let guess = offset(at: local)
        let first = offset(at: local - guess)
        let u = local - first
        let check = offset(at: u)
        return check == first ? u : local - check
    }
}
