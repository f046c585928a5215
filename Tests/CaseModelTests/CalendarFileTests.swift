import XCTest
@testable import CaseModel

/// Calendar files: the shipped defaults, the format's errors, and merging layers.
final class CalendarFileTests: XCTestCase {
    private func load(_ files: [(String, String)], over defaults: Bool = false) throws -> CalendarSet {
        let user = files.map { CalendarSourceFile(name: $0.0, text: $0.1) }
        return try CalendarSet(layers: defaults ? [DefaultCalendarFiles.files(), user] : [user])
    }

    private let header = "calendar t\ntimezone Asia/Shanghai\nweekly mon-fri 09:00-17:00\ncovers 2026\n"

    // MARK: - Shipped defaults

    func testDefaultsHaveThreeCalendars() {
        XCTAssertEqual(CalendarSet.defaults.names, ["24x7", "business", "duty"])
        XCTAssertEqual(DefaultCalendarFiles.files().map(\.name), ["business.cal", "duty.cal", "24x7.cal"])
        XCTAssertEqual(DefaultCalendarFiles.text(named: "duty.cal"), DefaultCalendarFiles.duty)
        XCTAssertNil(DefaultCalendarFiles.text(named: "nope.cal"))
        XCTAssertTrue(DefaultCalendarFiles.duty.contains("# hours 2026-02-16 08:00-16:00 除夕"))
        for file in DefaultCalendarFiles.files() { XCTAssertTrue(file.text.hasPrefix("# Calendar file"), file.name) }
        XCTAssertEqual(CalendarSet.defaults["duty"]!.definition.coverage, .all)
        XCTAssertEqual(CalendarSet.defaults["24x7"]!.definition.weekly, Array(repeating: [WorkingPeriod(start: 0, end: 86_400)!], count: 7))
    }

    /// The State Council holiday table (docs/clocks-and-calendars.md, "Holidays and make-up days"),
    /// transcribed independently of the shipped file.
    func testBusinessDefaultsMatchTheOfficialTable() {
        let business = CalendarSet.defaults["business"]!
        let rest: [(String, String, String)] = [
            ("2025-01-01", "2025-01-01", "元旦"), ("2025-01-28", "2025-02-04", "春节"), ("2025-04-04", "2025-04-06", "清明节"),
            ("2025-05-01", "2025-05-05", "劳动节"), ("2025-05-31", "2025-06-02", "端午节"), ("2025-10-01", "2025-10-08", "国庆节、中秋节"),
            ("2026-01-01", "2026-01-03", "元旦"), ("2026-02-15", "2026-02-23", "春节"), ("2026-04-04", "2026-04-06", "清明节"),
            ("2026-05-01", "2026-05-05", "劳动节"), ("2026-06-19", "2026-06-21", "端午节"), ("2026-09-25", "2026-09-27", "中秋节"),
            ("2026-10-01", "2026-10-07", "国庆节"),
        ]
        let makeUp = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
                      "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
        var holidays = Set<CivilDate>()
        for (a, b, label) in rest {
            var d = CivilDate(iso: a)!
            while d <= CivilDate(iso: b)! {
                holidays.insert(d)
                XCTAssertEqual(business.dayInfo(d).kind, .holiday, "\(d)")
                XCTAssertEqual(business.dayInfo(d).label, label, "\(d)")
                d = d.adding(days: 1)
            }
        }
        XCTAssertEqual(holidays.count, 28 + 33)
        let makeUpDates = Set(makeUp.map { CivilDate(iso: $0)! })
        for d in makeUpDates {
            XCTAssertEqual(business.dayInfo(d).kind, .makeUpWorkday, "\(d)")
            XCTAssertGreaterThanOrEqual(d.isoWeekday, 6, "make-up day \(d) is a weekend day")
            XCTAssertEqual(business.dayInfo(d).periods.map(\.description), ["08:30-12:00", "13:30-17:30"])
        }
        // Every other day of 2025–2026 follows the weekly pattern.
        var d = CivilDate(iso: "2025-01-01")!
        while d.year < 2027 {
            if !holidays.contains(d) && !makeUpDates.contains(d) {
                XCTAssertEqual(business.dayInfo(d).kind, d.isoWeekday <= 5 ? .workday : .weekend, "\(d)")
            }
            d = d.adding(days: 1)
        }
        XCTAssertEqual(business.definition.coverage, .years([2025, 2026]))
        XCTAssertEqual(business.definition.timeZone.identifier, "Asia/Shanghai")
    }

    func testWrittenOutDefaultsLoadBackUnchanged() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in DefaultCalendarFiles.files() {
            try file.text.write(to: dir.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        let loaded = try CalendarSet.load(userDirectory: dir)
        for name in CalendarSet.defaults.names {
            XCTAssertEqual(loaded[name]!.definition, CalendarSet.defaults[name]!.definition, name)
        }
        XCTAssertEqual(try CalendarSet.load(userDirectory: nil).names, CalendarSet.defaults.names)
    }

    // MARK: - Format

    func testFormatFeatures() throws {
        let set = try load([("a.cal", """
            # leading comment
            calendar t   # trailing comment
              timezone   Asia/Shanghai
            weekly mon-wed,fri 08:00-12:00 13:00-17:00
            weekly thu 10:00-12:00
            weekly sat-sun off
            covers 2025-2026
            holiday 2026-01-01..2026-01-02 New Year's Day
            workday 2026-01-04 09:00-11:00 2号调休
            workday 2026-01-10
            hours 2026-01-05..2026-01-06 08:00-20:00 duty at 元旦 # not part of the label
            """)])
        let t = try XCTUnwrap(set["t"])
        func info(_ s: String) -> DayInfo { t.dayInfo(CivilDate(iso: s)!) }
        XCTAssertEqual(info("2026-01-02").label, "New Year's Day")
        XCTAssertEqual(info("2026-01-04").periods.map(\.description), ["09:00-11:00"])
        XCTAssertEqual(info("2026-01-04").label, "2号调休")
        XCTAssertEqual(info("2026-01-10").periods.map(\.description), ["08:00-12:00", "13:00-17:00"]) // Monday's hours
        XCTAssertEqual(info("2026-01-06").kind, .specialHours)
        XCTAssertEqual(info("2026-01-06").label, "duty at 元旦")
        XCTAssertEqual(info("2026-01-08").periods.map(\.description), ["10:00-12:00"]) // Thursday
        XCTAssertEqual(info("2026-01-11").kind, .weekend)
        XCTAssertEqual(info("2027-01-08").kind, .unknownYear)
        let all = try load([("b.cal", "calendar x\ntimezone UTC\nweekly mon-sun 08:00-20:00\ncovers all\n"),
                            ("c.cal", "calendar y\ntimezone Asia/Shanghai\nweekly all 00:00-24:00\ncovers all\n")])
        XCTAssertEqual(all["x"]!.definition.weekly.filter { $0.count == 1 }.count, 7)
        XCTAssertEqual(all["x"]!.addWorkingMinutes(60, from: DeskTime.standard.parse("2026-02-16T19:30:00Z")!).due,
                       DeskTime.standard.parse("2026-02-17T08:30:00Z")!)
    }

    func testMalformedFilesNameTheLineAndTheProblem() {
        let cases: [(String, Int, String)] = [
            (header + "holliday 2026-02-16", 5, "unknown keyword 'holliday'"),
            (header + "hours 2026-02-16 08:60-12:00", 5, "bad time '08:60'"),
            (header + "hours 2026-02-16 8:30-12:00", 5, "bad time '8:30'"),
            (header + "hours 2026-02-16 08:00-24:30", 5, "bad time '24:30'"),
            (header + "hours 2026-02-16 12:00-08:30", 5, "ends before it starts"),
            (header + "hours 2026-02-16 08:00-12:00 11:00-13:00", 5, "overlap"),
            (header + "hours 2026-02-16 除夕", 5, "'hours' needs periods"),
            (header + "holiday 2026-02-16 08:00-12:00", 5, "a holiday has no hours"),
            (header + "holiday 2026-02-30", 5, "bad date '2026-02-30'"),
            (header + "holiday 2026-02-23..2026-02-15", 5, "ends before it starts"),
            (header + "holiday 2026-02-15...2026-02-23", 5, "bad date"),
            (header + "holiday 2026-02-16\nworkday 2026-02-16", 6, "2026-02-16 is already defined at x.cal:5 as holiday"),
            (header + "holiday 2026-02-15..2026-02-23 春节\nhours 2026-02-16 08:00-16:00 除夕", 6, "already defined at x.cal:5"),
            (header + "holiday 2027-02-16", 5, "2027, which calendar 't' does not cover; add 'covers 2027'"),
            (header + "holiday 1999-02-16", 5, "outside the supported years"),
            (header + "weekly mon 10:00-11:00", 5, "mon already has weekly hours at x.cal:3"),
            (header + "weekly mon-fry 10:00-11:00", 5, "bad weekdays 'mon-fry'"),
            (header + "weekly fri-mon 10:00-11:00", 5, "runs backwards"),
            (header + "weekly sat", 5, "needs periods"),
            (header + "weekly sat 10:00-11:00 lunch", 5, "'lunch' is not a period"),
            (header + "covers 20x6", 5, "bad year '20x6'"),
            (header + "covers", 5, "'covers' needs years"),
            (header + "timezone Europe/Paris", 5, "conflicts with timezone Asia/Shanghai at x.cal:2"),
            ("calendar t\ntimezone Mars/Olympus", 2, "unknown time zone 'Mars/Olympus'"),
            ("holiday 2026-02-16", 1, "before any 'calendar NAME' line"),
            ("calendar two words", 1, "'calendar' takes one name"),
            ("calendar 营业", 1, "may only use letters"),
            ("\n\ncalendar t\ntimezone Asia/Shanghai\ncovers all", 3, "has no weekly line"),
            ("calendar t\nweekly all 08:00-09:00\ncovers all", 1, "has no timezone line"),
            ("calendar t\ntimezone UTC\nweekly all 08:00-09:00", 1, "has no covers line"),
            ("calendar t\ntimezone UTC\nweekly mon-fri off\ncovers all\nworkday 2026-02-14", 5, "no working weekday"),
        ]
        for (text, line, message) in cases {
            XCTAssertThrowsError(try load([("x.cal", text)]), message) { error in
                guard let e = error as? CalendarFileError else { return XCTFail("\(error) is not a CalendarFileError") }
                XCTAssertEqual(e.file, "x.cal", message)
                XCTAssertEqual(e.line, line, "\(e)")
                XCTAssertTrue(e.message.contains(message), "expected '\(message)' in: \(e)")
                XCTAssertTrue(e.description.hasPrefix("x.cal:\(line): "), e.description)
            }
        }
    }

    func testSameFactTwiceIsNotAConflict() throws {
        let set = try load([("x.cal", header + "holiday 2026-02-16 除夕"), ("y.cal", "calendar t\nholiday 2026-02-16 Chuxi\ncovers 2026")])
        XCTAssertEqual(set["t"]!.dayInfo(CivilDate(iso: "2026-02-16")!).label, "除夕")
    }

    // MARK: - Merging

    func testConflictAcrossFilesOfOneLayerNamesBothFiles() {
        XCTAssertThrowsError(try load([("a.cal", header + "holiday 2026-05-01"), ("b.cal", "calendar t\n\nworkday 2026-05-01")])) { error in
            XCTAssertEqual("\(error)", "b.cal:3: 2026-05-01 is already defined at a.cal:5 as holiday")
        }
    }

    func testDroppedIn2027FileMakes2027Known() throws {
        let start = DeskTime.standard.parse("2026-12-31 10:00")!
        let before = CalendarSet.defaults["business"]!
        XCTAssertTrue(before.addWorkingDays(3, from: start).provisional)
        let file2027 = """
            calendar business
            covers 2027
            holiday 2027-01-01 元旦
            holiday 2027-02-06..2027-02-12 春节 (hypothetical)
            workday 2027-02-13 春节调休
            """
        let set = try load([("business-2027.cal", file2027)], over: true)
        let business = set["business"]!
        XCTAssertEqual(business.definition.coverage, .years([2025, 2026, 2027]))
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2027-03-01")!).kind, .workday)
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2027-02-08")!).kind, .holiday)
        // 2027-01-01 is now a holiday: Monday 01-04, Tuesday 01-05, Wednesday 01-06.
        let d = business.addWorkingDays(3, from: start)
        XCTAssertEqual(d, Deadline(due: DeskTime.standard.parse("2027-01-06 17:30")!, provisional: false))
        XCTAssertFalse(business.addWorkingDays(3, from: DeskTime.standard.parse("2027-02-05 10:00")!).provisional)
        XCTAssertEqual(business.addWorkingDays(1, from: DeskTime.standard.parse("2027-02-05 10:00")!).due,
                       DeskTime.standard.parse("2027-02-13 17:30")!)
        XCTAssertTrue(business.addWorkingDays(3, from: DeskTime.standard.parse("2027-12-30 10:00")!).provisional)
        // The shipped years are untouched.
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-02-16")!).kind, .holiday)
        XCTAssertEqual(set["duty"]!.definition, CalendarSet.defaults["duty"]!.definition)
    }

    func testUserDirectoryOverridesAndExtendsDefaults() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        // A new weekly pattern and a date overriding a shipped holiday.
        try write("local.cal", "calendar business\nweekly mon-fri 09:00-17:00\nworkday 2026-10-07 总部通知\n")
        // Same file name as a shipped file: replaces it.
        try write("duty.cal", "calendar duty\ntimezone Asia/Shanghai\nweekly all 09:00-18:00\ncovers all\n")
        try write("branch.cal", "calendar branch\ntimezone Asia/Shanghai\nweekly mon-sat 09:00-18:00\ncovers all\n")
        try write("notes.txt", "not a calendar")
        let set = try CalendarSet.load(userDirectory: dir)
        XCTAssertEqual(set.names, ["24x7", "branch", "business", "duty"])
        let business = set["business"]!
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-03-02")!).periods.map(\.description), ["09:00-17:00"])
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-02-14")!).periods.map(\.description), ["09:00-17:00"]) // make-up follows
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-02-16")!).kind, .holiday) // holidays kept
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-10-07")!).kind, .makeUpWorkday)
        XCTAssertEqual(business.dayInfo(CivilDate(iso: "2026-10-06")!).kind, .holiday)
        XCTAssertEqual(business.definition.timeZone.identifier, "Asia/Shanghai")
        XCTAssertEqual(set["duty"]!.dayInfo(CivilDate(iso: "2026-02-16")!).periods.map(\.description), ["09:00-18:00"])

        try write("bad.cal", "calendar business\nholiday 2026-13-01\n")
        XCTAssertThrowsError(try CalendarSet.load(userDirectory: dir)) { error in
            XCTAssertEqual((error as? CalendarFileError)?.file, "bad.cal")
            XCTAssertEqual((error as? CalendarFileError)?.line, 2)
        }
    }
}
