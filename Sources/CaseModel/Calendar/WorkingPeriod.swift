import Foundation

/// One stretch of working time within a day, `[start, end)` in seconds after local midnight.
///
/// Seconds rather than minutes because deadlines are computed on exact instants; the file
/// format only ever writes whole minutes (`HH:MM`), and `24:00` is allowed as an end.
public struct WorkingPeriod: Hashable, Sendable, CustomStringConvertible {
    /// Seconds after local midnight at which the period opens.
    public let start: Int
    /// Seconds after local midnight at which the period closes (exclusive; at most 86 400).
    public let end: Int

    /// Creates a period; nil unless `0 <= start < end <= 86400`.
    public init?(start: Int, end: Int) {
        guard start >= 0, start < end, end <= 86_400 else { return nil }
        self.start = start
        self.end = end
    }

    /// Length in seconds.
    public var seconds: Int { end - start }

    /// `08:30-12:00`, the same form the calendar files use.
    public var description: String { "\(Self.clock(start))-\(Self.clock(end))" }

    /// Parses `HH:MM-HH:MM`; the message says what is wrong when it fails.
    static func parse(_ text: Substring) -> Result<WorkingPeriod, CalendarPeriodError> {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2 else { return .failure(CalendarPeriodError("'\(text)' is not a period; write HH:MM-HH:MM")) }
        guard let start = parseClock(ends[0]) else { return .failure(CalendarPeriodError("bad time '\(ends[0])' in '\(text)'; write HH:MM between 00:00 and 24:00")) }
        guard let end = parseClock(ends[1]) else { return .failure(CalendarPeriodError("bad time '\(ends[1])' in '\(text)'; write HH:MM between 00:00 and 24:00")) }
        guard start < 86_400 else { return .failure(CalendarPeriodError("period '\(text)' cannot start at 24:00")) }
        guard let period = WorkingPeriod(start: start, end: end) else {
            return .failure(CalendarPeriodError("period '\(text)' ends before it starts"))
        }
        return .success(period)
    }

    /// Checks a day's periods are in order and do not overlap (touching is fine).
    static func validate(_ periods: [WorkingPeriod]) -> CalendarPeriodError? {
        for (a, b) in zip(periods, periods.dropFirst()) where b.start < a.end {
            return CalendarPeriodError("periods \(a) and \(b) overlap or are out of order")
        }
        return nil
    }

    private static func parseClock(_ text: Substring) -> Int? {
        let u = Array(text.utf8)
        guard u.count == 5, u[2] == UInt8(ascii: ":") else { return nil }
        func digit(_ c: UInt8) -> Int? { c >= 48 && c <= 57 ? Int(c - 48) : nil }
        guard let h1 = digit(u[0]), let h2 = digit(u[1]), let m1 = digit(u[3]), let m2 = digit(u[4]) else { return nil }
        let hour = h1 * 10 + h2, minute = m1 * 10 + m2
        guard minute < 60, hour < 24 || (hour == 24 && minute == 0) else { return nil }
        return hour * 3600 + minute * 60
    }

    private static func clock(_ seconds: Int) -> String {
        let base = "\(pad2(seconds / 3600)):\(pad2(seconds % 3600 / 60))"
        return seconds % 60 == 0 ? base : base + ":\(pad2(seconds % 60))"
    }
}

/// Why a period or a day's list of periods was rejected (the parser adds file and line).
struct CalendarPeriodError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
