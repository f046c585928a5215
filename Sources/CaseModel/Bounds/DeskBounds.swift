/// The ranges every number and time the desk accepts must lie in, defined once.
///
/// Intake, imports, the console's forms, the command line, figures, policy and calendar files all
/// check against these, and every value read back from the file is checked against them again
/// (`StoredRow`), so arithmetic downstream works on values that cannot overflow. The reasons for
/// each range are in docs/input-bounds.md.
public enum DeskBounds {
    /// People complaining together in one case.
    public static let people: ClosedRange<Int> = 1...100_000
    /// Any amount in yuan: potential loss, premium, PR cost, penalties. Finite, never NaN.
    public static let yuan: ClosedRange<Double> = 0...1_000_000_000_000
    /// Counts of business figures (claim reports, policies, insured persons) and of things a case
    /// counts (repeats, extensions, versions).
    public static let count: ClosedRange<Int64> = 0...1_000_000_000_000
    /// A callback's satisfaction score.
    public static let satisfaction: ClosedRange<Int> = 1...5
    /// `--limit` on list commands.
    public static let listLimit: ClosedRange<Int> = 0...1_000_000
    /// `--offset` on list commands.
    public static let listOffset: ClosedRange<Int> = 0...100_000_000
    /// The first and last civil dates the desk accepts anywhere.
    public static let firstDate = CivilDate(year: 2000, month: 1, day: 1)!
    public static let lastDate = CivilDate(year: 2100, month: 12, day: 31)!
    /// The years of `firstDate...lastDate`.
    public static let years: ClosedRange<Int> = 2000...2100
    /// Real UTC offsets, in seconds: −12:00 to +14:00.
    public static let utcOffsetSeconds: ClosedRange<Int> = -12 * 3600...14 * 3600
    /// Every instant whose civil date is in `firstDate...lastDate` at some real offset: from
    /// 2000-01-01T00:00+14:00 to 2100-12-31T24:00−12:00.
    public static let instants: ClosedRange<Int64> =
        (firstDate.daysSinceEpoch * 86_400 - 14 * 3600)...((lastDate.daysSinceEpoch + 1) * 86_400 + 12 * 3600)
    /// The longest duty shift.
    public static let shiftSeconds: Int64 = 48 * 3600
    /// The longest text in any one field, in UTF-8 bytes.
    public static let textBytes = 200_000

    /// Throws naming `field` unless `value` is in `range`.
    public static func check(_ value: Int, in range: ClosedRange<Int>, field: String) throws {
        guard range.contains(value) else {
            throw DomainError.malformedField(field: field, reason: .outOfRange(minimum: Int64(range.lowerBound), maximum: Int64(range.upperBound), value: Int64(value)))
        }
    }

    /// Throws naming `field` unless `value` is a count (`count`).
    public static func checkCount(_ value: Int, field: String) throws {
        guard count.contains(Int64(value)) else {
            throw DomainError.malformedField(field: field, reason: .notACount(maximum: count.upperBound, value: Int64(value)))
        }
    }

    /// Throws naming `field` unless `value` is a finite amount in `yuan`.
    public static func checkYuan(_ value: Double, field: String) throws {
        guard value.isFinite, yuan.contains(value) else {
            throw DomainError.malformedField(field: field, reason: .amountOutOfRange(maximum: Int64(yuan.upperBound), value: value))
        }
    }

    /// Throws naming `field` unless the instant lies in `instants`.
    public static func checkInstant(_ t: Instant, field: String) throws {
        guard instants.contains(t.seconds) else {
            throw DomainError.malformedField(field: field, reason: .instantOutOfRange)
        }
    }

    /// Throws unless a shift ends after it starts and lasts at most `shiftSeconds`.
    public static func checkShift(startsAt: Instant, endsAt: Instant) throws {
        try checkInstant(startsAt, field: "from")
        try checkInstant(endsAt, field: "to")
        guard endsAt > startsAt else {
            throw DomainError.malformedField(field: "shift", reason: .shiftEndsBeforeStart)
        }
        guard endsAt.seconds - startsAt.seconds <= shiftSeconds else {
            throw DomainError.malformedField(field: "shift", reason: .shiftTooLong(hours: shiftSeconds / 3600))
        }
    }

    /// `100,000`: a bound as people read it.
    public static func show<N: BinaryInteger>(_ n: N) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
