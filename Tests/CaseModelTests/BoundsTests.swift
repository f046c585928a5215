import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// The desk's bounds (docs/input-bounds.md): ranges on input, dates and offsets, the text rule,
/// strict UTF-8 files, duplicate CSV columns, and stored values checked on reading.
final class BoundsTests: XCTestCase {
    // MARK: times

    func testTimesOutsideTheYearsOrWithUnrealOffsetsAreRefused() throws {
        let t = DeskTime.standard
        for bad in ["0000-01-01T00:00:00+08:00", "1999-12-31T23:59:59+08:00", "2101-01-01", "9999-12-31T23:59:59Z",
                    "2026-02-16T10:00:00+99:00", "2026-02-16T10:00:00+14:01", "2026-02-16T10:00:00-12:01",
                    "2026-02-16T10:00:00+08:60", "2026-02-16T10:00:00-1200x", "2026-02-30", "2026-02-16T25:00"] {
            XCTAssertNil(t.parse(bad), bad)
            XCTAssertThrowsError(try t.read(bad, field: "--now"), bad) { e in
                XCTAssertTrue("\(e)".hasPrefix("--now: "), "\(e)")
            }
        }
        XCTAssertTrue("\(try? t.read("0000-01-01", field: "x") as Any)".contains("nil"))
        XCTAssertThrowsError(try t.read("0000-01-01", field: "received_at")) { XCTAssertTrue("\($0)".contains("year 0 is outside 2000–2100"), "\($0)") }
        XCTAssertThrowsError(try t.read("2026-02-16T10:00+99:00", field: "received_at")) { XCTAssertTrue("\($0)".contains("+99:00 is not a UTC offset"), "\($0)") }
        // The edges are accepted, and every accepted instant is inside the stored range.
        for good in ["2000-01-01T00:00:00+14:00", "2100-12-31T24:00:00-12:00", "2026-02-16T10:00:00+05:45", "2026-02-16T10:00:00-09:30",
                     "2026-02-16T10:00:00+14:00", "2026-02-16T10:00:00-12:00", "2026-02-16", "2026-02-16 10:00", "2026-02-16T02:00:00Z"] {
            let i = try XCTUnwrap(t.parse(good), good)
            XCTAssertTrue(DeskBounds.instants.contains(i.seconds), good)
        }
        XCTAssertEqual(t.parse("2000-01-01T00:00:00+14:00")!.seconds, DeskBounds.instants.lowerBound)
        XCTAssertEqual(t.parse("2100-12-31T24:00:00-12:00")!.seconds, DeskBounds.instants.upperBound)
    }

    func testDatesAndMonthsAreBoundedButCalendarArithmeticIsNot() throws {
        XCTAssertNil(CivilDate(iso: "1999-12-31"))
        XCTAssertNil(CivilDate(iso: "2101-01-01"))
        XCTAssertNil(CivilDate(iso: "+202-01-01"))
        XCTAssertEqual(CivilDate(iso: "2100-12-31")?.iso, "2100-12-31")
        XCTAssertThrowsError(try CivilDate.readMonth("0000-01", field: "--month")) { XCTAssertTrue("\($0)".hasPrefix("--month: "), "\($0)") }
        XCTAssertThrowsError(try CivilDate.readMonth("2026-13", field: "--month"))
        XCTAssertEqual(try CivilDate.readMonth("2026-02", field: "--month").iso, "2026-02-01")
        XCTAssertThrowsError(try ReportPeriod.parse("9999-Q1"))
        XCTAssertThrowsError(try ReportPeriod.parse("1970-01"))
        // Deadlines may still be computed past the years people type (a calendar edge case).
        XCTAssertNotNil(CivilDate(year: 2150, month: 6, day: 1))
    }

    func testInstantArithmeticStopsAtTheEndsInsteadOfTrapping() {
        let far = Instant(seconds: .max)
        XCTAssertEqual(far.adding(seconds: 1).seconds, .max)
        XCTAssertEqual(Instant(seconds: .min).adding(seconds: -1).seconds, .min)
        XCTAssertEqual(far.adding(minutes: .max).seconds, .max)
        // Formatting an instant a tampered file could hold must not trap either.
        XCTAssertFalse(DeskTime.standard.format(far).isEmpty)
        XCTAssertFalse(DeskTime.standard.short(Instant(seconds: .min)).isEmpty)
        XCTAssertEqual(Int(clamping: Double.nan), 0)
        XCTAssertEqual(Int(clamping: 1e300), .max)
        XCTAssertEqual(Int(clamping: -Double.infinity), .min)
        XCTAssertEqual([Int.max, Int.max].clampedSum(), .max)
        XCTAssertEqual(Int64.min.subtractingClamped(1), .min)
        XCTAssertEqual(Int64.max.multipliedClamped(by: -2), .min)
        XCTAssertEqual(ReportFormat.fixed2(.nan), "n/a")
        XCTAssertEqual(ReportFormat.fixed2(1e300).prefix(4), "1000")
    }

    // MARK: numbers on intake

    func testPeopleAndAmountsHaveRangesNamedInTheMessage() throws {
        let t = try TestDesk()
        func refuse(_ field: String, _ change: (inout CaseDraft) -> Void, line: UInt = #line) {
            var d = t.draft()
            change(&d)
            XCTAssertThrowsError(try t.desk.intake(d, actor: t.op), line: line) { e in
                XCTAssertTrue("\(e)".hasPrefix("\(field): "), "\(e)", line: line)
            }
        }
        for n in [Int.min, -1, 0, 100_001, Int.max] { refuse("people") { $0.people = n } }
        for v in [-1, -0.01, 1e12 + 1, 1e308, .infinity, -.infinity, .nan] { refuse("potential_loss") { $0.potentialLoss = v } }
        refuse("received_at") { $0.receivedAt = "0000-01-01T00:00:00+08:00" }
        refuse("received_at") { $0.receivedAt = "2026-02-16T08:00:00+99:00" }
        var edge = t.draft()
        edge.people = 100_000
        edge.potentialLoss = 1e12
        let c = try t.desk.intake(edge, actor: t.op)
        XCTAssertEqual(c.peopleInvolved, 100_000)
        XCTAssertEqual(try t.desk.store.read { db in try CaseRecords.count(CaseFilter(), db) }, 1, "only the in-range draft was saved")
    }

    func testNULIsRefusedInEveryTextFieldAndOtherControlsAreKept() throws {
        let t = try TestDesk()
        let fields: [(String, WritableKeyPath<CaseDraft, String>)] = [
            ("summary", \.summary), ("details", \.details), ("demand", \.demand), ("name", \.name), ("branch", \.branch),
            ("policy_number", \.policyNumber), ("claim_number", \.claimNumber), ("bank_account", \.bankAccount), ("product", \.product),
        ]
        for (field, key) in fields {
            var d = t.draft()
            d[keyPath: key] = "前\u{0}后"
            XCTAssertThrowsError(try t.desk.intake(d, actor: t.op), field) { e in
                XCTAssertTrue("\(e)".hasPrefix("\(field): contains a NUL character"), "\(e)")
            }
        }
        var h = t.draft()
        h.handler = "zhang\u{0}qiang"
        XCTAssertThrowsError(try t.desk.intake(h, actor: t.op)) { XCTAssertTrue("\($0)".hasPrefix("handler: "), "\($0)") }
        XCTAssertEqual(try t.desk.store.read { db in try CaseRecords.count(CaseFilter(), db) }, 0)
        // ESC, BEL and DEL are data: kept exactly, made visible where text reaches a terminal.
        var kept = t.draft()
        kept.summary = "理赔\u{1B}[31m\u{07}\u{7F}"
        let c = try t.desk.intake(kept, actor: t.op)
        XCTAssertEqual(try t.desk.store.read { db in try CaseRecords.fetch(number: c.number, db) }?.summary, kept.summary)
        // Reasons and notes pass the same rule.
        XCTAssertThrowsError(try t.desk.act(c.number, .note, ActionInput(note: "a\u{0}b"), actor: t.lead)) {
            XCTAssertTrue("\($0)".hasPrefix("note: "), "\($0)")
        }
        XCTAssertThrowsError(try t.desk.act(c.number, .followUp, ActionInput(callbackResult: .satisfied, satisfaction: 6), actor: t.lead))
        XCTAssertThrowsError(try t.desk.determineValidity(c.number, valid: false, reason: "无效", prCost: .infinity, actor: t.lead)) {
            XCTAssertTrue("\($0)".hasPrefix("pr-cost: "), "\($0)")
        }
    }

    func testShiftsMustEndAfterTheyStartAndLastAtMostTwoDays() throws {
        let t = try TestDesk()
        let start = instant("2026-02-16T08:00:00+08:00")
        try t.desk.store.write { db in
            XCTAssertThrowsError(try Roster.addShift(Shift(userName: "zhangqiang", startsAt: start, endsAt: start), db))
            XCTAssertThrowsError(try Roster.addShift(Shift(userName: "zhangqiang", startsAt: start, endsAt: start.adding(seconds: 48 * 3600 + 1)), db))
            XCTAssertThrowsError(try Roster.addShift(Shift(userName: "zhangqiang", startsAt: Instant(seconds: .min), endsAt: start), db))
            XCTAssertNoThrow(try Roster.addShift(Shift(userName: "zhangqiang", startsAt: start, endsAt: start.adding(seconds: 48 * 3600)), db))
        }
    }

    func testBranchFiguresHaveRanges() throws {
        func bad(_ f: BranchFigures, _ field: String, line: UInt = #line) {
            XCTAssertThrowsError(try f.check(), line: line) { XCTAssertTrue("\($0)".hasPrefix(field), "\($0)", line: line) }
        }
        bad(BranchFigures(branch: "上海", month: "2026-02", claimReports: -1), "claim_reports")
        bad(BranchFigures(branch: "上海", month: "2026-02", claimReports: 1_000_000_000_001), "claim_reports")
        bad(BranchFigures(branch: "上海", month: "2026-02", premium: .nan), "premium")
        bad(BranchFigures(branch: "上海", month: "2026-02", premium: 1e13), "premium")
        bad(BranchFigures(branch: "上海", month: "0000-02"), "month")
        bad(BranchFigures(branch: " ", month: "2026-02"), "branch")
        XCTAssertNoThrow(try BranchFigures(branch: "上海", month: "2026-02", claimReports: 1_000_000_000_000, premium: 1e12).check())
        let text = "branch,month,claim_reports,premium,policies_new,policies_in_force,insured_persons\n上海,2026-02,9223372036854775807,,,,\n北京,2026-02,,inf,,,\n"
        XCTAssertThrowsError(try BranchFiguresImport.parse(text)) { e in
            let problems = (e as? BranchFiguresImport.Failure)?.problems ?? []
            XCTAssertEqual(problems.count, 2, "\(problems)")
            XCTAssertTrue(problems.first?.hasPrefix("line 2: claim_reports") == true, "\(problems)")
            XCTAssertTrue(problems.last?.hasPrefix("line 3: premium") == true, "\(problems)")
        }
    }

    func testPolicyDurationsAndAmountsAreBounded() {
        let base = DefaultPolicyFile.text
        for (section, line) in [("[crisis]", "burst-window = 9223372036854775807 days"), ("[crisis]", "hq-report = 400 days"),
                                ("[severity]", "major-loss = 1e300"), ("[severity]", "major-loss = inf"), ("[penalties]", "media = inf"),
                                ("[alerts]", "load-factor = nan")] {
            let key = line.split(separator: " ")[0]
            var text = base.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(key + " ") && !$0.hasPrefix(key + "=") }
                .joined(separator: "\n")
            text = text.replacingOccurrences(of: section + "\n", with: section + "\n" + line + "\n")
            XCTAssertThrowsError(try PolicyFile.parse(text), line) { e in
                XCTAssertTrue("\(e)".contains(String(key)), "\(e)")
            }
        }
    }

    // MARK: files

    func testInvalidUTF8InTheDesksFilesNamesTheFileAndLine() throws {
        XCTAssertNil(TextFile.firstInvalidByte(Array("理赔\n[policy]\n".utf8)))
        for (bytes, line, column) in [([0x61, 0x0A, 0x62, 0xFF], 2, 2), ([0xC3, 0x28], 1, 1), ([0xE0, 0x80, 0x80], 1, 1),
                                      ([0xED, 0xA0, 0x80], 1, 1), ([0x0A, 0x0A, 0x78, 0xF0, 0x9F, 0x98], 3, 2)] as [([UInt8], Int, Int)] {
            let bad = try XCTUnwrap(TextFile.firstInvalidByte(bytes), "\(bytes)")
            XCTAssertEqual(bad.line, line, "\(bytes)")
            XCTAssertEqual(bad.column, column, "\(bytes)")
        }
        let dir = TempDir()
        var data = Data("[policy]\nversion = x\n".utf8)
        data.append(contentsOf: [0x23, 0xFF, 0x0A])
        try data.write(to: URL(fileURLWithPath: dir.file("policy.conf")))
        XCTAssertThrowsError(try PolicyFile.load(configDirectory: dir.path)) { e in
            XCTAssertTrue("\(e)".hasPrefix(dir.file("policy.conf") + ":3: not UTF-8"), "\(e)")
        }
        try FileManager.default.createDirectory(atPath: dir.file("cal/calendars"), withIntermediateDirectories: true)
        try Data([0x63, 0x61, 0x6C, 0x0A, 0xC0, 0xAF]).write(to: URL(fileURLWithPath: dir.file("cal/calendars/x.cal")))
        XCTAssertThrowsError(try PolicyFile.load(configDirectory: dir.file("cal"))) { e in
            XCTAssertTrue("\(e)".hasPrefix("x.cal:2: not UTF-8"), "\(e)")
        }
        try Data([0x73, 0x6F, 0x75, 0x72, 0x63, 0x65, 0x20, 0xFE]).write(to: URL(fileURLWithPath: dir.file("m.mapping")))
        XCTAssertThrowsError(try MappingFileParser.load(path: dir.file("m.mapping"))) { e in
            XCTAssertTrue("\(e)".hasPrefix(dir.file("m.mapping") + ":1: not UTF-8"), "\(e)")
        }
    }

    func testDuplicateHeaderColumnsAreRefusedWithTheLine() throws {
        let t = try TestDesk()
        let path = t.dir.file("dup.csv")
        try "summary,phone, Phone \n理赔,13812341234,13812341235\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try CaseImporter(desk: t.desk).run(path: path, actor: t.op)) { e in
            XCTAssertTrue("\(e)".contains("line 1, column 3") && "\(e)".contains("\"phone\" twice (also column 2)"), "\(e)")
        }
        XCTAssertEqual(try t.desk.store.read { db in try CaseRecords.count(CaseFilter(), db) }, 0)
        XCTAssertThrowsError(try CSVReader(string: "a,b,A\n1,2,3\n").readHeader()) { e in
            XCTAssertEqual((e as? CSVError)?.line, 1)
        }
        XCTAssertNoThrow(try CSVReader(string: "a,,b,\n").readHeader(), "empty names cannot be addressed, so they may repeat")
    }

    // MARK: stored values

    /// One case, then a column changed the way sqlite3 would; reading must name the case and column.
    private func tampered(_ set: String, file: StaticString = #filePath, line: UInt = #line) throws -> (TestDesk, String, Error?) {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        try t.desk.store.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE cases SET \(set) WHERE number = ?", arguments: [c.number])
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        do { _ = try t.desk.store.read { db in try CaseRecords.fetch(number: c.number, db) }; return (t, c.number, nil) }
        catch { return (t, c.number, error) }
    }

    func testStoredValuesOutOfRangeOrOfTheWrongTypeAreNamedNeverComputed() throws {
        let cases: [(String, String)] = [
            ("people = 9223372036854775807", "people"), ("people = 0", "people"), ("people = 2.5", "people"), ("people = 'many'", "people"),
            ("potential_loss = 9e999", "potential_loss"), ("potential_loss = -1", "potential_loss"), ("potential_loss = 1e308", "potential_loss"),
            ("received_at = -9223372036854775808", "received_at"), ("received_at = 'yesterday'", "received_at"),
            ("next_due_at = 9223372036854775807", "next_due_at"), ("promised_at = 1e18", "promised_at"),
            ("status = 'bogus'", "status"), ("severity = ''", "severity"), ("kind = x'ff'", "kind"),
            ("satisfaction = 6", "satisfaction"), ("version = -1", "version"), ("repeat_count = 0", "repeat_count"),
            ("regulator_involved = 7", "regulator_involved"), ("summary = x'00ff'", "summary"),
        ]
        for (set, column) in cases {
            let (_, number, error) = try tampered(set)
            let e = try XCTUnwrap(error as? StoredValueError, "\(set): \(String(describing: error))")
            XCTAssertEqual(e.column, column, set)
            XCTAssertEqual(e.row, "case \(number)", set)
            XCTAssertTrue(e.description.contains(number) && e.description.contains(column), e.description)
        }
        // Text that is merely odd is kept: empty, long, invalid UTF-8 (shown repaired), NULL where allowed.
        for set in ["summary = ''", "summary = CAST(x'C328E282A8F09F98FFFE' AS TEXT)", "handler = NULL",
                    "details = replace(hex(zeroblob(500000)), '0', 'x')"] {
            let (_, _, error) = try tampered(set)
            XCTAssertNil(error, set)
        }
    }

    func testACrisisEventWithTwoHugeCountsIsNamedNotSummed() throws {
        let t = try TestDesk()
        let a = try t.desk.intake(t.draft(), actor: t.op), b = try t.desk.intake(t.draft(phone: "13812341235"), actor: t.op)
        let id = try t.desk.proposeCrisis(title: "群体", cases: [a.number, b.number], trigger: .manual, actor: Actor(name: "huangwei"))
        try t.desk.store.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE cases SET people = 9223372036854775807 WHERE number IN (?, ?)", arguments: [a.number, b.number])
        }
        XCTAssertThrowsError(try t.desk.crisisEvent(id)) { e in
            XCTAssertTrue("\(e)".contains("case \(a.number) (crisis event \(id)): stored people"), "\(e)")
        }
        XCTAssertThrowsError(try AlertEvaluator(desk: t.desk).tick(at: t.clock.now())) { XCTAssertTrue($0 is StoredValueError, "\($0)") }
    }
}
