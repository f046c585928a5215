import Foundation

/// A reporting period: whole desk-time (+08:00) days from `first` to `last`, both inclusive.
///
/// Written `2026-Q1` (a quarter), `2026-02` (a month), `2026-02-10` (a day) or
/// `2026-02-10..2026-02-20` (a range of days, both ends inclusive). Cases belong to the period
/// in which they were received.
public struct ReportPeriod: Sendable, Equatable, CustomStringConvertible {
    /// What the period is, which decides its previous period.
    public enum Shape: String, Sendable { case quarter, month, days }

    public let shape: Shape
    /// The first day.
    public let first: CivilDate
    /// The last day (inclusive).
    public let last: CivilDate

    /// Creates a period of whole days.
    public init(shape: Shape = .days, first: CivilDate, last: CivilDate) {
        self.shape = shape
        self.first = first
        self.last = last
    }

    /// The first instant (00:00 +08:00 of the first day).
    public var start: Instant { DeskTime.standard.instant(CivilDateTime(date: first, hour: 0, minute: 0)) }
    /// The instant after the period (00:00 +08:00 of the day after the last).
    public var end: Instant { DeskTime.standard.instant(CivilDateTime(date: last.adding(days: 1), hour: 0, minute: 0)) }
    /// Number of days.
    public var days: Int { Int(last.daysSinceEpoch - first.daysSinceEpoch) + 1 }

    /// The label it was written as (`2026-Q1`, `2026-02`, `2026-02-10..2026-02-20`).
    public var description: String {
        switch shape {
        case .quarter: return "\(first.year)-Q\((first.month - 1) / 3 + 1)"
        case .month: return "\(first.year)-\(pad2(first.month))"
        case .days: return first == last ? first.iso : "\(first.iso)..\(last.iso)"
        }
    }

    /// The months (`YYYY-MM`) the period touches, in order.
    public var months: [String] {
        var out: [String] = []
        var y = first.year, m = first.month
        while (y, m) <= (last.year, last.month) {
            out.append("\(y)-\(pad2(m))")
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return out
    }

    /// The period just before: the previous quarter or month, or as many days ending the day before.
    public var previous: ReportPeriod {
        switch shape {
        case .quarter:
            let q = (first.month - 1) / 3
            return ReportPeriod.quarter(year: q == 0 ? first.year - 1 : first.year, quarter: q == 0 ? 4 : q)
        case .month:
            return ReportPeriod.month(year: first.month == 1 ? first.year - 1 : first.year, month: first.month == 1 ? 12 : first.month - 1)
        case .days:
            return ReportPeriod(shape: .days, first: first.adding(days: -days), last: first.adding(days: -1))
        }
    }

    /// A calendar quarter (1–4).
    public static func quarter(year: Int, quarter q: Int) -> ReportPeriod {
        let first = CivilDate(year: year, month: (q - 1) * 3 + 1, day: 1)!
        let lastMonth = q * 3
        return ReportPeriod(shape: .quarter, first: first,
                            last: CivilDate(year: year, month: lastMonth, day: CivilDate.daysIn(year: year, month: lastMonth))!)
    }

    /// A calendar month.
    public static func month(year: Int, month m: Int) -> ReportPeriod {
        ReportPeriod(shape: .month, first: CivilDate(year: year, month: m, day: 1)!,
                     last: CivilDate(year: year, month: m, day: CivilDate.daysIn(year: year, month: m))!)
    }

    /// Parses `2026-Q1`, `2026-02`, `2026-02-10` or `2026-02-10..2026-02-20`; `field` names the option in errors.
    public static func parse(_ text: String, field: String = "period") throws -> ReportPeriod {
        let s = text.trimmingCharacters(in: .whitespaces)
        func bad(_ why: RefusalReason.PeriodProblem) -> DomainError {
            .malformedField(field: field, reason: .badPeriod(why, text: text))
        }
        if let r = s.range(of: "..") {
            guard let a = CivilDate(iso: String(s[..<r.lowerBound])), let b = CivilDate(iso: String(s[r.upperBound...])) else {
                throw bad(.notTwoDates)
            }
            guard a <= b else { throw bad(.endsBeforeStart) }
            guard b.daysSinceEpoch - a.daysSinceEpoch < 3660 else { throw bad(.longerThanTenYears) }
            return ReportPeriod(shape: .days, first: a, last: b)
        }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let yearText = parts.first, yearText.count == 4, yearText.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(yearText) else { throw bad(.noYear) }
        guard DeskBounds.years.contains(year) else { throw bad(.yearOutOfRange) }
        if parts.count == 2, parts[1].count == 2, parts[1].uppercased().hasPrefix("Q") {
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { throw bad(.badQuarter) }
            return quarter(year: year, quarter: q)
        }
        if parts.count == 2, parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) {
            return month(year: year, month: m)
        }
        if parts.count == 3, let d = CivilDate(iso: s) { return ReportPeriod(shape: .days, first: d, last: d) }
        throw bad(.notAPeriod)
    }
}
