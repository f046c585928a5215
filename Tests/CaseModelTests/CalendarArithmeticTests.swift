import XCTest
@testable import CaseModel

/// Deadline arithmetic: the examples of docs/clocks-and-calendars.md, unknown years, and a brute-force comparison.
final class CalendarArithmeticTests: XCTestCase {
    private let business = CalendarSet.defaults["business"]!
    private let duty = CalendarSet.defaults["duty"]!
    private let allDay = CalendarSet.defaults["24x7"]!

    private func at(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Instant {
        if let instant = DeskTime.standard.parse(text) { return instant }
        // The calendar is also tested outside the years a person may type (2000–2100): such an
        // instant is the same text in 2004 (a leap year, so any day parses) moved by whole days.
        if let year = Int(text.prefix(4)), let same = DeskTime.standard.parse("2004" + text.dropFirst(4)),
           let month = Int(text.dropFirst(5).prefix(2)), let day = Int(text.dropFirst(8).prefix(2)),
           let target = CivilDate(year: year, month: month, day: day), let base = CivilDate(year: 2004, month: month, day: day) {
            return same.adding(seconds: (target.daysSinceEpoch - base.daysSinceEpoch) * 86_400)
        }
        XCTFail("bad test time \(text)", file: file, line: line)
        return Instant(seconds: 0)
    }

    private func assertDue(_ d: Deadline, _ expected: String, provisional: Bool = false,
                           file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(DeskTime.standard.format(d.due), DeskTime.standard.format(at(expected)), file: file, line: line)
        XCTAssertEqual(d.provisional, provisional, "provisional flag", file: file, line: line)
    }

    // MARK: - Must-hold examples (business calendar, +08:00)

    func testWorkingDaysAroundSpringFestival2026() {
        let received = at("2026-02-13 16:00")
        assertDue(business.addWorkingDays(1, from: received), "2026-02-14 17:30") // make-up Saturday
        assertDue(business.addWorkingDays(3, from: received), "2026-02-25 17:30")
        assertDue(business.addWorkingDays(5, from: received), "2026-02-27 17:30")
        assertDue(business.addWorkingDays(1, from: at("2026-02-16 10:00")), "2026-02-24 17:30") // received on a holiday
    }

    func testCalendarDaysLandingOnMakeUpSaturdayIsNotDeferred() {
        assertDue(business.addCalendarDays(15, from: at("2026-02-13 09:00")), "2026-02-28 17:30")
        assertDue(business.deadline(for: try! Allowance(parsing: "15 calendar days"), from: at("2026-02-13 09:00")), "2026-02-28 17:30")
    }

    func testCalendarDaysLandingOnHolidayOrWeekendAreDeferred() {
        // 2026-09-20 + 15 = 10-05 (National Day) -> next working day 10-08.
        assertDue(business.addCalendarDays(15, from: at("2026-09-20 11:00")), "2026-10-08 17:30")
        // 2026-03-06 (Fri) + 15 = 03-21 (Sat) -> Monday 03-23.
        assertDue(business.addCalendarDays(15, from: at("2026-03-06 11:00")), "2026-03-23 17:30")
        // 24x7: the last day is always a working day; its close is midnight.
        assertDue(allDay.addCalendarDays(15, from: at("2026-02-13 09:00")), "2026-03-01 00:00")
    }

    func testWorkingHours() {
        assertDue(business.addWorkingMinutes(120, from: at("2026-02-13 16:45")), "2026-02-14 09:45")
        assertDue(business.addWorkingMinutes(60, from: at("2026-02-13 11:30")), "2026-02-13 14:00") // lunch skipped
        assertDue(business.addWorkingMinutes(120, from: at("2026-02-13 11:30")), "2026-02-13 15:00")
        assertDue(business.addWorkingMinutes(120, from: at("2026-02-13 10:00")), "2026-02-13 12:00") // stays at the end
        assertDue(business.addWorkingMinutes(30, from: at("2026-02-13 17:00")), "2026-02-13 17:30")
        // Started outside working time: the clock starts at the next working minute.
        assertDue(business.addWorkingMinutes(60, from: at("2026-02-13 12:40")), "2026-02-13 14:30")
        assertDue(business.addWorkingMinutes(60, from: at("2026-02-13 20:00")), "2026-02-14 09:30")
        assertDue(business.addWorkingMinutes(60, from: at("2026-02-14 18:00")), "2026-02-24 09:30") // over the holiday
        // Seconds are exact.
        assertDue(business.addWorkingMinutes(1, from: at("2026-02-13 11:59:30")), "2026-02-13 13:30:30")
        assertDue(business.addWorkingSeconds(0, from: at("2026-02-13 12:10")), "2026-02-13 13:30")
        assertDue(business.addWorkingSeconds(0, from: at("2026-02-13 10:10:10")), "2026-02-13 10:10:10")
        // Duty calendar works through the holiday.
        assertDue(duty.addWorkingMinutes(120, from: at("2026-02-16 19:00")), "2026-02-17 09:00")
        assertDue(allDay.addWorkingMinutes(12 * 60, from: at("2026-02-16 19:00")), "2026-02-17 07:00")
    }

    func testEndOfSameDay() {
        assertDue(business.endOfSameDay(from: at("2026-02-13 16:00")), "2026-02-13 17:30")
        assertDue(business.endOfSameDay(from: at("2026-02-13 07:00")), "2026-02-13 17:30")
        assertDue(business.endOfSameDay(from: at("2026-02-13 17:30")), "2026-02-14 17:30")
        assertDue(business.endOfSameDay(from: at("2026-02-15 10:00")), "2026-02-24 17:30")
        assertDue(duty.endOfSameDay(from: at("2026-02-16 10:00")), "2026-02-16 20:00")
        assertDue(duty.endOfSameDay(from: at("2026-02-16 21:00")), "2026-02-17 20:00")
    }

    func testWorkingDaysZeroAndCalendarDaysZero() {
        assertDue(business.addWorkingDays(0, from: at("2026-02-13 18:00")), "2026-02-13 17:30")
        assertDue(business.addWorkingDays(0, from: at("2026-02-15 10:00")), "2026-02-24 17:30")
        assertDue(business.addCalendarDays(0, from: at("2026-02-15 10:00")), "2026-02-24 17:30")
    }

    func testElapsedWorkingTimeAndFraction() {
        XCTAssertEqual(business.workingMinutes(from: at("2026-02-13 11:00"), to: at("2026-02-13 14:00")), 90)
        // Friday's last half hour, the make-up Saturday, nothing over the holiday, Tuesday's first half hour.
        XCTAssertEqual(business.workingMinutes(from: at("2026-02-13 17:00"), to: at("2026-02-24 09:00")), 30 + 7 * 60 + 30 + 30)
        XCTAssertEqual(business.workingSeconds(from: at("2026-02-13 14:00"), to: at("2026-02-13 11:00")), 0)
        XCTAssertEqual(business.workingSeconds(from: at("2026-02-13 09:00"), to: at("2026-02-13 09:00:07")), 7)
        let start = at("2026-02-13 16:45")
        let due = business.addWorkingMinutes(120, from: start).due
        XCTAssertEqual(business.fractionUsed(start: start, due: due, now: start), 0)
        XCTAssertEqual(business.fractionUsed(start: start, due: due, now: at("2026-02-13 17:30")), 0.375, accuracy: 1e-12)
        XCTAssertEqual(business.fractionUsed(start: start, due: due, now: at("2026-02-14 08:30")), 0.375, accuracy: 1e-12)
        XCTAssertEqual(business.fractionUsed(start: start, due: due, now: due), 1)
        XCTAssertEqual(business.fractionUsed(start: start, due: due, now: at("2026-02-14 11:45")), 2, accuracy: 1e-12)
        XCTAssertEqual(business.fractionUsed(start: due, due: due, now: start), 0)
        XCTAssertEqual(business.fractionUsed(start: due, due: due, now: due), 1)
    }

    func testDayInfoAndCivilDate() {
        let d = CivilDate(iso: "2026-02-14")!
        XCTAssertEqual(business.dayInfo(d).kind, .makeUpWorkday)
        XCTAssertEqual(business.dayInfo(d).periods.map(\.description), ["08:30-12:00", "13:30-17:30"])
        XCTAssertEqual(business.dayInfo(d).label, "春节调休")
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-02-16")!).kind, .holiday)
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-03-07")!).kind, .weekend)
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-03-06")!).kind, .workday)
        XCTAssertEqual(duty.dayInfo(CivilDate(iso: "2026-02-16")!).kind, .workday)
        XCTAssertEqual(business.civilDate(of: at("2026-02-13T16:30:00Z")), CivilDate(iso: "2026-02-14")!)
        XCTAssertEqual(business.civilDate(of: at("2026-02-13T15:59:59Z")), CivilDate(iso: "2026-02-13")!)
        XCTAssertEqual(business.civilDate(of: at("2150-06-01T12:00:00Z")), CivilDate(year: 2150, month: 6, day: 1)!)
        XCTAssertTrue(business.isWorking(at: at("2026-02-13 08:30")))
        XCTAssertFalse(business.isWorking(at: at("2026-02-13 12:00")))
        XCTAssertFalse(business.isWorking(at: at("2026-02-16 10:00")))
    }

    // MARK: - Unknown years

    func testDeadlineReachingUnknownYearIsProvisional() {
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2027-01-01")!).kind, .unknownYear)
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2027-01-01")!).periods.count, 2) // a Friday on the weekly pattern
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2027-01-02")!).periods.count, 0)
        // 2026-12-31 is a Thursday; 2027-01-01 Friday, then Monday 01-04, Tuesday 01-05.
        assertDue(business.addWorkingDays(3, from: at("2026-12-31 10:00")), "2027-01-05 17:30", provisional: true)
        assertDue(business.addWorkingDays(1, from: at("2026-12-30 10:00")), "2026-12-31 17:30", provisional: false)
        assertDue(business.addWorkingMinutes(60, from: at("2026-12-31 16:00")), "2026-12-31 17:00", provisional: false)
        assertDue(business.addWorkingMinutes(120, from: at("2026-12-31 16:45")), "2027-01-01 09:45", provisional: true)
        assertDue(business.addCalendarDays(15, from: at("2026-12-20 10:00")), "2027-01-04 17:30", provisional: true)
        assertDue(business.addCalendarDays(5, from: at("2026-12-20 10:00")), "2026-12-25 17:30", provisional: false)
        assertDue(business.endOfSameDay(from: at("2026-12-31 18:00")), "2027-01-01 17:30", provisional: true)
        assertDue(business.addWorkingMinutes(10, from: at("2027-03-01 09:00")), "2027-03-01 09:10", provisional: true)
        // Calendars covering all years never are.
        assertDue(duty.addWorkingDays(3, from: at("2026-12-31 10:00")), "2027-01-03 20:00", provisional: false)
        assertDue(allDay.addWorkingMinutes(24 * 60, from: at("2026-12-31 10:00")), "2027-01-01 10:00", provisional: false)
    }

    func testOutsideTheTableIsClampedAndProvisional() {
        let early = allDay.addWorkingMinutes(60, from: at("1999-06-01 10:00"))
        XCTAssertTrue(early.provisional)
        XCTAssertEqual(early.due, at("2000-01-01 01:00"))
        let late = business.addWorkingDays(3, from: at("2100-12-30 10:00"))
        XCTAssertTrue(late.provisional)
        XCTAssertEqual(late.due, at("2101-01-01 00:00"))
        let after = duty.addWorkingMinutes(5, from: at("2105-01-01 10:00"))
        XCTAssertTrue(after.provisional)
        XCTAssertEqual(after.due, at("2105-01-01 10:00"))
    }

    func testTimeZoneOffsetsComeFromTheZoneNotAConstant() throws {
        let text = """
            calendar berlin
            timezone Europe/Berlin
            weekly all 00:00-24:00
            covers all
            calendar office
            timezone Europe/Berlin
            weekly mon-sun 09:00-17:00
            covers all
            """
        let set = try CalendarSet(layers: [[CalendarSourceFile(name: "berlin.cal", text: text)]])
        let utc = { (s: String) in DeskTime.standard.parse(s + "Z")! }
        // The night of 2026-03-29 loses an hour (CET +01:00 -> CEST +02:00).
        XCTAssertEqual(set["berlin"]!.workingSeconds(from: utc("2026-03-28T23:00:00"), to: utc("2026-03-29T22:00:00")), 23 * 3600)
        XCTAssertEqual(set["office"]!.addWorkingDays(1, from: utc("2026-03-28T10:00:00")).due, utc("2026-03-29T15:00:00"))
        XCTAssertEqual(set["office"]!.addWorkingDays(1, from: utc("2026-03-27T10:00:00")).due, utc("2026-03-28T16:00:00"))
        XCTAssertEqual(set["office"]!.civilDate(of: utc("2026-07-01T22:30:00")), CivilDate(iso: "2026-07-02")!)
    }

    // MARK: - Allowance text

    func testAllowanceParsing() throws {
        let cases: [(String, Allowance)] = [
            ("2 working hours", Allowance(2, .workingHours)), ("1 working hour", Allowance(1, .workingHours)),
            ("90 working minutes", Allowance(90, .workingMinutes)), ("3 working days", Allowance(3, .workingDays)),
            ("15 days", Allowance(15, .calendarDays)), ("15 calendar days", Allowance(15, .calendarDays)),
            ("same day", Allowance(1, .sameDay)), ("2wh", Allowance(2, .workingHours)), ("3wd", Allowance(3, .workingDays)),
            ("15d", Allowance(15, .calendarDays)), ("90wm", Allowance(90, .workingMinutes)), ("  30  Calendar  Days ", Allowance(30, .calendarDays)),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try Allowance(parsing: text), expected, text)
            XCTAssertEqual(try Allowance(parsing: expected.description), expected, "round trip of \(expected)")
        }
        for bad in ["2 hours", "", "three days", "0 working days", "-3d", "3 weeks", "2", "wd", "3 working", "100001d", "1.5 working hours"] {
            XCTAssertThrowsError(try Allowance(parsing: bad), bad) { error in
                XCTAssertTrue("\(error)".contains("'\(bad)'"), "\(error)")
            }
        }
    }

    func testDeadlineForAllowanceDispatchesOnUnit() throws {
        let start = at("2026-02-13 16:00")
        assertDue(business.deadline(for: try Allowance(parsing: "2wh"), from: start), "2026-02-14 09:00")
        assertDue(business.deadline(for: try Allowance(parsing: "100 working minutes"), from: start), "2026-02-14 08:40")
        assertDue(business.deadline(for: try Allowance(parsing: "3wd"), from: start), "2026-02-25 17:30")
        assertDue(business.deadline(for: try Allowance(parsing: "same day"), from: start), "2026-02-13 17:30")
        assertDue(business.deadline(for: try Allowance(parsing: "30d"), from: start), "2026-03-16 17:30")
    }

    // MARK: - Brute force

    func testEngineMatchesBruteForceOnRandomTriples() throws {
        let calendars = [business, duty, allDay, try Self.oddCalendar()]
        var rng = CalendarTestRandom(seed: 0xC0FFEE)
        var compared = 0
        for _ in 0..<6000 {
            let cal = calendars[Int(rng.next() % UInt64(calendars.count))]
            let reference = CalendarReference(cal.definition)
            let start = Self.randomInstant(&rng, cal)
            let allowance = Self.randomAllowance(&rng)
            let engine = cal.deadline(for: allowance, from: start)
            let expected = reference.deadline(for: allowance, from: start)
            if engine != expected {
                XCTFail("\(cal.name) \(allowance) from \(start): engine \(engine), reference \(expected)")
                return
            }
            let other = Instant(seconds: start.seconds + Int64(rng.next() % UInt64(30 * 86_400)) - 86_400)
            XCTAssertEqual(cal.workingSeconds(from: start, to: other), reference.workingSeconds(from: start, to: other),
                           "\(cal.name) working seconds \(start) → \(other)")
            compared += 1
        }
        XCTAssertEqual(compared, 6000)
    }

    func testWorkingMinutesMatchMinuteStepper() throws {
        let calendars = [business, duty, allDay, try Self.oddCalendar()]
        var rng = CalendarTestRandom(seed: 42)
        for _ in 0..<300 {
            let cal = calendars[Int(rng.next() % UInt64(calendars.count))]
            var start = Self.randomInstant(&rng, cal)
            start = Instant(seconds: start.seconds - ((start.seconds % 60) + 60) % 60) // periods are whole minutes
            let minutes = Int(1 + rng.next() % 600)
            let stepper = CalendarMinuteStepper(CalendarReference(cal.definition))
            XCTAssertEqual(cal.addWorkingMinutes(minutes, from: start).due, stepper.add(minutes: minutes, from: start),
                           "\(cal.name) +\(minutes) working minutes from \(start)")
        }
    }

    func testDayTableMatchesRulesForEveryDay() throws {
        for cal in [business, duty, allDay, try Self.oddCalendar()] {
            let reference = CalendarReference(cal.definition)
            var date = CivilDate(iso: "2024-12-25")!
            while date < CivilDate(iso: "2027-03-01")! {
                let info = cal.dayInfo(date)
                XCTAssertEqual(info.periods.map { [$0.start, $0.end] }, reference.periods(date).map { [$0.0, $0.1] }, "\(cal.name) \(date)")
                XCTAssertEqual(info.isProvisional, reference.unknown(date), "\(cal.name) \(date)")
                date = date.adding(days: 1)
            }
        }
    }

    /// A calendar with the awkward cases: touching periods across midnight, a Saturday morning,
    /// special hours, a make-up day with its own hours, and 2026 unknown.
    static func oddCalendar() throws -> WorkCalendar {
        let text = """
            calendar odd
            timezone Asia/Shanghai
            weekly mon-thu 00:00-01:00 09:00-12:00 12:00-12:30 23:00-24:00
            weekly fri 09:00-17:00
            weekly sat 09:00-09:01
            covers 2025
            holiday 2025-01-28..2025-02-04 春节
            hours 2025-02-05 10:00-11:00 15:00-15:30 短日
            workday 2025-02-08 13:00-14:00 调休
            workday 2025-09-28
            hours 2025-12-31 00:00-24:00 跨年
            """
        return try CalendarSet(layers: [[CalendarSourceFile(name: "odd.cal", text: text)]])["odd"]!
    }

    static func randomInstant(_ rng: inout CalendarTestRandom, _ cal: WorkCalendar) -> Instant {
        let windows = ["2025-01-15", "2025-04-25", "2025-09-20", "2025-12-20", "2026-01-25", "2026-02-05", "2026-09-10", "2026-12-10", "2027-01-20"]
        let base: Int64
        if rng.next() % 4 == 0 { // anywhere in 2025-01-01 ..< 2027-03-01
            base = DeskTime.standard.parse("2025-01-01")!.seconds + Int64(rng.next() % UInt64(790 * 86_400))
        } else {
            let w = DeskTime.standard.parse(windows[Int(rng.next() % UInt64(windows.count))])!.seconds
            base = w + Int64(rng.next() % UInt64(40 * 86_400))
        }
        guard rng.next() % 3 == 0 else { return Instant(seconds: base) }
        // Snap to a period boundary (±1 s) a third of the time: where off-by-one bugs live.
        let day = floorDiv(base + 28_800, 86_400) * 86_400 - 28_800
        let boundaries = [0, 1, 480, 510, 540, 600, 720, 750, 780, 810, 900, 930, 1020, 1050, 1200, 1380, 1439].map { Int64($0) * 60 }
        let jitter = Int64(rng.next() % 3) - 1
        return Instant(seconds: day + boundaries[Int(rng.next() % UInt64(boundaries.count))] + jitter)
    }

    static func randomAllowance(_ rng: inout CalendarTestRandom) -> Allowance {
        switch rng.next() % 6 {
        case 0: return Allowance(Int(1 + rng.next() % 3000), .workingMinutes)
        case 1: return Allowance(Int(1 + rng.next() % 48), .workingHours)
        case 2: return Allowance(Int(1 + rng.next() % 20), .workingDays)
        case 3: return Allowance([15, 30, 60][Int(rng.next() % 3)], .calendarDays)
        case 4: return Allowance(Int(1 + rng.next() % 70), .calendarDays)
        default: return Allowance(1, .sameDay)
        }
    }
}

/// Deterministic random numbers, so a failure reproduces.
struct CalendarTestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The counting rules (docs/clocks-and-calendars.md, "Counting time") implemented the slow, obvious way: day
/// by day from the raw definition
/// (not the engine's table or `CalendarDefinition.day`), at a fixed +08:00 offset.
struct CalendarReference {
    let def: CalendarDefinition
    init(_ def: CalendarDefinition) {
        precondition(def.timeZone.identifier == "Asia/Shanghai", "the reference assumes +08:00")
        self.def = def
    }

    func date(of instant: Instant) -> CivilDate { DeskTime.standard.civil(instant).date }

    func periods(_ date: CivilDate) -> [(Int, Int)] {
        let weekly = def.weekly.map { $0.map { ($0.start, $0.end) } }
        if let o = def.overrides[date] {
            switch o.kind {
            case .holiday: return []
            case .makeUpWorkday(let p): return p.map { $0.map { ($0.start, $0.end) } } ?? weekly.first { !$0.isEmpty }!
            case .specialHours(let p): return p.map { ($0.start, $0.end) }
            }
        }
        return weekly[date.isoWeekday - 1]
    }

    func unknown(_ date: CivilDate) -> Bool { def.overrides[date] == nil && !def.coverage.covers(date.year) }

    /// The day's working intervals as instants.
    func intervals(_ date: CivilDate) -> [(Int64, Int64)] {
        let midnight = DeskTime.standard.instant(CivilDateTime(date: date, hour: 0, minute: 0)).seconds
        return periods(date).map { (midnight + Int64($0.0), midnight + Int64($0.1)) }
    }

    func close(_ date: CivilDate) -> Int64 { intervals(date).last!.1 }

    func provisional(_ a: CivilDate, _ b: CivilDate) -> Bool {
        var d = a
        while d <= b {
            if unknown(d) { return true }
            d = d.adding(days: 1)
        }
        return false
    }

    func deadline(for allowance: Allowance, from start: Instant) -> Deadline {
        let first = date(of: start)
        switch allowance.unit {
        case .workingMinutes, .workingHours:
            var remaining = Int64(allowance.amount) * (allowance.unit == .workingHours ? 3600 : 60)
            var d = first
            while true {
                for (a, b) in intervals(d) where b > start.seconds {
                    let from = max(a, start.seconds)
                    if remaining <= b - from { return Deadline(due: Instant(seconds: from + remaining), provisional: provisional(first, d)) }
                    remaining -= b - from
                }
                d = d.adding(days: 1)
            }
        case .workingDays:
            var d = first, counted = 0
            while counted < allowance.amount {
                d = d.adding(days: 1)
                if !periods(d).isEmpty { counted += 1 }
            }
            return Deadline(due: Instant(seconds: close(d)), provisional: provisional(first, d))
        case .calendarDays:
            var d = first.adding(days: allowance.amount)
            while periods(d).isEmpty { d = d.adding(days: 1) }
            return Deadline(due: Instant(seconds: close(d)), provisional: provisional(first, d))
        case .sameDay:
            var d = first
            if periods(d).isEmpty || start.seconds >= close(d) {
                repeat { d = d.adding(days: 1) } while periods(d).isEmpty
            }
            return Deadline(due: Instant(seconds: close(d)), provisional: provisional(first, d))
        }
    }

    func workingSeconds(from: Instant, to: Instant) -> Int64 {
        guard to > from else { return 0 }
        var total: Int64 = 0
        var d = date(of: from)
        while d <= date(of: to) {
            for (a, b) in intervals(d) { total += max(0, min(b, to.seconds) - max(a, from.seconds)) }
            d = d.adding(days: 1)
        }
        return total
    }
}

/// The dumbest possible oracle for working minutes: look at every minute in turn.
struct CalendarMinuteStepper {
    let reference: CalendarReference
    init(_ reference: CalendarReference) { self.reference = reference }

    func add(minutes: Int, from start: Instant) -> Instant {
        var m = start.seconds
        var remaining = minutes
        var cache: [CivilDate: [(Int64, Int64)]] = [:]
        while true {
            let d = reference.date(of: Instant(seconds: m))
            if cache[d] == nil { cache[d] = reference.intervals(d) }
            if cache[d]!.contains(where: { $0.0 <= m && m + 60 <= $0.1 }) {
                remaining -= 1
                if remaining == 0 { return Instant(seconds: m + 60) }
            }
            m += 60
        }
    }
}
