import Foundation

/// Formats and parses ISO 8601 times at the desk's fixed UTC offset.
///
/// China has used +08:00 all year since 1991, so the desk's printing offset is a constant
/// (configurable for other desks); calendars carry their own time zone for arithmetic.
public struct DeskTime: Sendable {
    /// Offset from UTC in seconds (+08:00 = 28800).
    public let offsetSeconds: Int

    /// The default desk offset, +08:00.
    public static let standard = DeskTime(offsetSeconds: 8 * 3600)

    /// Creates a formatter for a UTC offset in seconds.
    public init(offsetSeconds: Int) { self.offsetSeconds = offsetSeconds }

    /// Civil date and time fields of an instant at this offset.
    public func civil(_ instant: Instant) -> CivilDateTime {
        // Clamped: an instant near the ends of Int64 (a tampered file) must format, not trap.
        let local = instant.seconds.addingClamped(Int64(offsetSeconds))
        let days = floorDiv(local, 86_400)
        let rest = local % 86_400
        let secs = rest < 0 ? rest + 86_400 : rest   // not local - days * 86_400, which overflows at the ends
        let date = CivilDate(daysSinceEpoch: days)
        return CivilDateTime(date: date, hour: Int(secs / 3600), minute: Int(secs % 3600 / 60), second: Int(secs % 60))
    }

    /// The instant of a civil date and time at this offset.
    public func instant(_ dt: CivilDateTime) -> Instant {
        let local = dt.date.daysSinceEpoch.multipliedClamped(by: 86_400).addingClamped(Int64(dt.hour * 3600 + dt.minute * 60 + dt.second))
        return Instant(seconds: local.subtractingClamped(Int64(offsetSeconds)))
    }

    /// `2026-02-16T10:00:00+08:00`.
    public func format(_ instant: Instant) -> String {
        let c = civil(instant)
        let sign = offsetSeconds < 0 ? "-" : "+"
        let off = abs(offsetSeconds)
        if (1000...9999).contains(c.date.year) && off < 100 * 3600 {
            // Written digit by digit: exports format a dozen times per case, a million cases at a
            // time, and interpolation cost more than the rest of the row (docs/bulk-data.md).
            return String(unsafeUninitializedCapacity: 25) { b in
                func two(_ at: Int, _ v: Int) { b[at] = UInt8(48 + v / 10); b[at + 1] = UInt8(48 + v % 10) }
                two(0, c.date.year / 100); two(2, c.date.year % 100); b[4] = 45
                two(5, c.date.month); b[7] = 45; two(8, c.date.day); b[10] = 84
                two(11, c.hour); b[13] = 58; two(14, c.minute); b[16] = 58; two(17, c.second)
                b[19] = offsetSeconds < 0 ? 45 : 43
                two(20, off / 3600); b[22] = 58; two(23, off % 3600 / 60)
                return 25
            }
        }
        return "\(c.date.iso)T\(pad2(c.hour)):\(pad2(c.minute)):\(pad2(c.second))\(sign)\(pad2(off / 3600)):\(pad2(off % 3600 / 60))"
    }

    /// `02-16 10:00`, the compact form used in tables.
    public func short(_ instant: Instant) -> String {
        let c = civil(instant)
        return "\(pad2(c.date.month))-\(pad2(c.date.day)) \(pad2(c.hour)):\(pad2(c.minute))"
    }

    /// Parses ISO 8601 (`2026-02-16T10:00:00+08:00`, `...Z`, without seconds, or a bare date or
    /// `2026-02-16 10:00` taken at the desk offset). Returns nil for anything else, and for a date
    /// outside 2000–2100 or an offset that no place on Earth uses (`DeskBounds`).
    public func parse(_ text: String) -> Instant? {
        if case .success(let t) = check(text) { return t }
        return nil
    }

    /// Parses like `parse`, or throws naming `field` and what is wrong with the text.
    public func read(_ text: String, field: String) throws -> Instant {
        switch check(text) {
        case .success(let t): return t
        case .failure(let e): throw DomainError.malformedField(field: field, reason: .badTime(e.problem, text: text))
        }
    }

    /// Why a text is not a desk time.
    public struct TimeTextError: Error, Sendable, Equatable {
        /// What is wrong, as a refusal renders it.
        public var problem: RefusalReason.TimeProblem
        /// What is wrong, in English.
        public var reason: String { problem.english }
    }

    /// The answer for text that is not written as a time at all (rather than a time out of bounds).
    public static let notISO = TimeTextError(problem: .notISO)

    /// The instant a text names, or why it names none.
    public func check(_ text: String) -> Result<Instant, TimeTextError> {
        let s = Array(text.trimmed.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= s.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = s[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        let notISO = Result<Instant, TimeTextError>.failure(DeskTime.notISO)
        guard let y = digits(4), expect(45), let mo = digits(2), expect(45), let d = digits(2) else { return notISO }
        guard let date = CivilDate(year: y, month: mo, day: d, bounded: false) else {
            return .failure(TimeTextError(problem: .noSuchDate))
        }
        guard DeskBounds.years.contains(y) else {
            return .failure(TimeTextError(problem: .yearOutOfRange(y)))
        }
        var hour = 0, minute = 0, second = 0
        var offset = offsetSeconds
        if i < s.count {
            guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") else { return notISO }
            i += 1
            guard let h = digits(2), expect(58), let m = digits(2) else { return notISO }
            hour = h; minute = m
            if i < s.count, s[i] == 58 {
                i += 1
                guard let sec = digits(2) else { return notISO }
                second = sec
            }
            if i < s.count {
                if s[i] == UInt8(ascii: "Z") {
                    offset = 0; i += 1
                } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                    let negative = s[i] == UInt8(ascii: "-")
                    i += 1
                    guard let oh = digits(2) else { return notISO }
                    _ = expect(58)
                    guard let om = digits(2) else { return notISO }
                    offset = (oh * 3600 + om * 60) * (negative ? -1 : 1)
                    guard om < 60, DeskBounds.utcOffsetSeconds.contains(offset) else {
                        return .failure(TimeTextError(problem: .badOffset("\(negative ? "-" : "+")\(pad2(oh)):\(pad2(om))")))
                    }
                } else { return notISO }
            }
            guard i == s.count else { return notISO }
            guard hour < 24 || (hour == 24 && minute == 0 && second == 0), minute < 60, second < 60 else {
                return .failure(TimeTextError(problem: .noSuchTime))
            }
        }
        let local = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return .success(Instant(seconds: local - Int64(offset)))
    }
}

/// A date without time or zone (proleptic Gregorian).
public struct CivilDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or nil when the fields do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        self.init(year: year, month: month, day: day, bounded: false)
    }

    /// Creates a date, or nil when the fields do not name a real day or, when `bounded`, a day
    /// outside `DeskBounds.firstDate...lastDate` (what text from people and files may name).
    public init?(year: Int, month: Int, day: Int, bounded: Bool) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(year: year, month: month) else { return nil }
        if bounded && !DeskBounds.years.contains(year) { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// The date a number of days after 1970-01-01.
    public init(daysSinceEpoch z0: Int64) {
        // Howard Hinnant's civil_from_days.
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
        self.month = Int(m)
        self.day = Int(d)
    }

    /// Parses `YYYY-MM-DD` in 2000–2100 (`DeskBounds`).
    public init?(iso text: String) {
        self.init(iso: text, bounded: true)
    }

    /// Parses `YYYY-MM-DD`, in any year unless `bounded` (for parsers that say which years they take).
    init?(iso text: String, bounded: Bool) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d, bounded: bounded)
    }

    /// Parses `YYYY-MM-DD`, or throws naming `field` and what is wrong.
    public static func read(_ text: String, field: String) throws -> CivilDate {
        if let d = CivilDate(iso: text.trimmed) { return d }
        throw DomainError.malformedField(field: field, reason: .badDate(text: text))
    }

    /// Parses a month `YYYY-MM` as its first day, or throws naming `field`.
    public static func readMonth(_ text: String, field: String) throws -> CivilDate {
        let t = text.trimmed
        if t.count == 7, let d = CivilDate(iso: t + "-01") { return d }
        throw DomainError.malformedField(field: field, reason: .badMonth(text: text))
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int {
        let w = Int((daysSinceEpoch % 7 + 7 + 3) % 7) // 1970-01-01 was a Thursday (index 3 from Monday=0)
        return w + 1
    }

    /// The date n days later (or earlier for negative n).
    public func adding(days n: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch.addingClamped(Int64(n))) }

    /// `2026-02-16`.
    public var iso: String { "\(year)-\(pad2(month))-\(pad2(day))" }
    public var description: String { iso }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// Number of days in a month.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A civil date with a time of day.
public struct CivilDateTime: Hashable, Sendable {
    public var date: CivilDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// Creates a civil date-time.
    public init(date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        self.date = date; self.hour = hour; self.minute = minute; self.second = second
    }
}

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
}

@inline(__always) func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
