import Foundation

/// Reads calendar files, the line-based text a desk edits to describe its working time.
///
/// Format (one statement per line; `#` starts a comment; blank lines are ignored):
///
///     calendar business                           # the calendar the following lines define
///     timezone Asia/Shanghai                      # an IANA zone; civil days and times are in it
///     weekly mon-fri 08:30-12:00 13:30-17:30      # working periods for those weekdays
///     weekly sat-sun off                          # explicitly a rest day (unlisted days are too)
///     covers 2025 2026                            # years whose holidays are complete; `2025-2030`, `all`
///     holiday 2026-02-15..2026-02-23 春节          # rest days, one date or an inclusive range, label
///     workday 2026-02-14 春节调休                  # make-up working day on a normal weekday's hours
///     workday 2026-02-14 09:00-12:00 春节调休      # ... or on its own hours
///     hours 2026-02-16 08:00-16:00 除夕            # a day with its own hours (shortened, duty)
///
/// CalendarWeekdays are `mon`..`sun`, ranges (`mon-fri`), lists (`mon,wed,fri`) or `all`. Times are
/// `HH:MM`, `24:00` allowed as an end; a day's periods must be in order and must not overlap.
/// Dates are `YYYY-MM-DD` between 2000 and 2100 and must lie in a covered year. Several files
/// (or sections) may define the same calendar: they merge, and saying one date two different
/// ways is an error naming both lines. Any problem throws `CalendarFileError` with the line.
enum CalendarFileParser {
    /// The span of dates the engine tabulates; dated lines outside it are refused.
    static let supportedYears = DeskBounds.years

    /// Parses one file's text into `layer`.
    static func parse(_ text: String, fileName: String, into layer: inout CalendarLayer) throws {
        var current: String?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let here = CalendarSourceLocation(file: fileName, line: lineNumber)
            func fail(_ message: String) -> CalendarFileError {
                CalendarFileError(file: fileName, line: lineNumber, message: message)
            }
            let content = rawLine.prefix { $0 != "#" }
            let tokens = content.split(whereSeparator: \.isWhitespace)
            guard let keyword = tokens.first?.lowercased() else { continue }
            let args = tokens.dropFirst()

            if keyword == "calendar" {
                guard args.count == 1 else { throw fail("'calendar' takes one name, e.g. 'calendar business'") }
                let name = String(args.first!)
                guard name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }) else {
                    throw fail("calendar name '\(name)' may only use letters, digits, '-', '_' and '.'")
                }
                layer.open(name, at: here)
                current = name
                continue
            }
            guard ["timezone", "weekly", "covers", "holiday", "workday", "hours"].contains(keyword) else {
                throw fail("unknown keyword '\(tokens[0])'; expected calendar, timezone, weekly, covers, holiday, workday or hours")
            }
            guard let name = current else { throw fail("'\(keyword)' before any 'calendar NAME' line") }

            switch keyword {
            case "timezone":
                guard args.count == 1 else { throw fail("'timezone' takes one zone name, e.g. 'timezone Asia/Shanghai'") }
                guard let zone = TimeZone(identifier: String(args.first!)) else { throw fail("unknown time zone '\(args.first!)'") }
                try layer.setTimeZone(zone, of: name, at: here)

            case "weekly":
                guard let spec = args.first else { throw fail("'weekly' needs weekdays and periods, e.g. 'weekly mon-fri 08:30-17:30'") }
                let days = try CalendarWeekdays.parse(spec).mapError { fail($0.message) }.get()
                let rest = args.dropFirst()
                let periods: [WorkingPeriod]
                if rest.count == 1, rest.first!.lowercased() == "off" {
                    periods = []
                } else {
                    guard !rest.isEmpty else { throw fail("'weekly \(spec)' needs periods (HH:MM-HH:MM ...) or 'off'") }
                    let (parsed, label) = try leadingPeriods(rest, fail)
                    guard label.isEmpty else { throw fail("'\(label)' is not a period; write HH:MM-HH:MM") }
                    periods = parsed
                }
                try layer.setWeekly(days: days, periods: periods, of: name, at: here)

            case "covers":
                guard !args.isEmpty else { throw fail("'covers' needs years (2025 2026, 2025-2030) or 'all'") }
                if args.count == 1, args.first!.lowercased() == "all" {
                    layer.addCoverage(.all, of: name, at: here)
                    continue
                }
                var years = Set<Int>()
                for arg in args {
                    let ends = arg.split(separator: "-", omittingEmptySubsequences: false)
                    guard ends.count <= 2, let a = Int(ends[0]), let b = ends.count == 2 ? Int(ends[1]) : a, a <= b,
                          supportedYears.contains(a), supportedYears.contains(b) else {
                        throw fail("bad year '\(arg)' in covers; write years \(supportedYears.lowerBound)-\(supportedYears.upperBound), a range like 2025-2030, or 'all'")
                    }
                    years.formUnion(a...b)
                }
                layer.addCoverage(.years(years), of: name, at: here)

            default: // holiday, workday, hours
                guard let dateText = args.first else { throw fail("'\(keyword)' needs a date (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)") }
                let dates = try dateRange(dateText, fail)
                let (periods, label) = try leadingPeriods(args.dropFirst(), fail)
                let kind: DateOverride.Kind
                switch keyword {
                case "holiday":
                    guard periods.isEmpty else { throw fail("a holiday has no hours; use 'hours' for a day with special hours") }
                    kind = .holiday
                case "workday":
                    kind = .makeUpWorkday(periods.isEmpty ? nil : periods)
                default:
                    guard !periods.isEmpty else { throw fail("'hours' needs periods (HH:MM-HH:MM ...) after the date; use 'holiday' for a rest day") }
                    kind = .specialHours(periods)
                }
                for date in dates {
                    try layer.addOverride(DateOverride(kind: kind, label: label, source: here), on: date, of: name)
                }
            }
        }
    }

    /// Splits tokens into the periods at the front and the label after them.
    private static func leadingPeriods(_ tokens: ArraySlice<Substring>, _ fail: (String) -> CalendarFileError) throws -> ([WorkingPeriod], String) {
        var periods: [WorkingPeriod] = []
        var index = tokens.startIndex
        while index < tokens.endIndex, looksLikePeriod(tokens[index]) {
            periods.append(try WorkingPeriod.parse(tokens[index]).mapError { fail($0.message) }.get())
            index += 1
        }
        if let problem = WorkingPeriod.validate(periods) { throw fail(problem.message) }
        return (periods, tokens[index...].joined(separator: " "))
    }

    /// A token is read as a period (and must then be a valid one) when it starts with a digit and
    /// has a `:` or `-`; anything else starts the label, so labels like `2号调休` still work.
    private static func looksLikePeriod(_ token: Substring) -> Bool {
        guard let first = token.first, first.isASCII, first.isNumber else { return false }
        return token.contains(":") || token.contains("-")
    }

    /// Parses `2026-02-16` or `2026-02-15..2026-02-23` into its dates.
    private static func dateRange(_ text: Substring, _ fail: (String) -> CalendarFileError) throws -> [CivilDate] {
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2 else { throw fail("bad date range '\(text)'; write YYYY-MM-DD..YYYY-MM-DD") }
        var ends: [CivilDate] = []
        for part in parts {
            guard let date = CivilDate(iso: part, bounded: false) else { throw fail("bad date '\(part)'; write YYYY-MM-DD") }
            guard supportedYears.contains(date.year) else {
                throw fail("date \(date) is outside the supported years \(supportedYears.lowerBound)-\(supportedYears.upperBound)")
            }
            ends.append(date)
        }
        let first = ends[0], last = ends.last!
        guard first <= last else { throw fail("date range '\(text)' ends before it starts") }
        let count = Int(last.daysSinceEpoch - first.daysSinceEpoch) + 1
        guard count <= 366 else { throw fail("date range '\(text)' is longer than a year") }
        return (0..<count).map { first.adding(days: $0) }
    }
}
