import Foundation
import XCTest
@testable import CaseModel

/// Fixtures under Tests/CaseModelTests/Fixtures, found from this file's path.
func fixture(_ name: String, file: String = #filePath) -> String {
    (file as NSString).deletingLastPathComponent + "/Fixtures/" + name
}

final class MappingFileTests: XCTestCase {
    func parseError(_ text: String) -> MappingFileError? {
        do { _ = try MappingFileParser.parse(text, origin: "t.map"); return nil } catch let e as MappingFileError { return e } catch {
            XCTFail("\(error)"); return nil
        }
    }

    func testTheShippedExampleReads() throws {
        let m = try MappingFileParser.load(path: fixture("cfpb.map"))
        XCTAssertEqual(m.source, "cfpb")
        XCTAssertEqual(m.idColumn, "Complaint ID")
        XCTAssertEqual(m.timeZone, .named("America/New_York"))
        XCTAssertEqual(m.quote, UInt8(ascii: "\""))
        XCTAssertEqual(m.field("summary")?.columns, ["Issue", "Sub-issue"])
        XCTAssertEqual(m.field("summary")?.join, " / ")
        XCTAssertEqual(m.field("channel")?.values.lookup("Postal mail"), "letter")
        XCTAssertEqual(m.field("channel")?.values.lookup("WEB"), "web", "second chance ignores case")
        XCTAssertEqual(m.field("channel")?.values.unmapped, .reject)
        XCTAssertEqual(m.field("source")?.values.unmapped, .use("self"))
        XCTAssertEqual(m.field("branch")?.constant, "总公司")
        XCTAssertEqual(m.field("received_at")?.dates.map(\.text), ["yyyy/M/d", "yyyy-MM-dd HH:mm", "iso"])
        XCTAssertEqual(m.checksum.count, 64)
        // The copy in mappings/ is the one the README points at: it must stay identical.
        let shipped = (fixture("") as NSString).deletingLastPathComponent + "/../../mappings/example.map"
        XCTAssertEqual(FileManager.default.contents(atPath: shipped), FileManager.default.contents(atPath: fixture("cfpb.map")))
    }

    func testMistakesAreReportedWithTheirLine() {
        let base = "source s\nfield summary\n  from A\n"
        XCTAssertEqual(parseError(base + "frm B\n")?.line, 4)
        XCTAssertTrue(parseError(base + "frm B\n")!.description.hasPrefix("t.map:4: unknown keyword \"frm\""))
        XCTAssertEqual(parseError(base + "field chanel\n  from C\n")?.line, 4)
        let badTarget = parseError(base + "field channel\n  from C\n  map Web -> pigeon\n")
        XCTAssertEqual(badTarget?.line, 6)
        XCTAssertTrue(badTarget!.message.contains("\"pigeon\" is not a value of channel"), badTarget!.message)
        XCTAssertEqual(parseError("source s\nfrom A\n")?.line, 2, "from outside a field")
        XCTAssertEqual(parseError(base + "field received_at\n  from D\n  date yyyy/MMM/d\n")?.line, 6)
        XCTAssertEqual(parseError(base + "field details\n  date yyyy\n")?.line, 5, "date on a field other than received_at")
        XCTAssertEqual(parseError(base + "field branch\n  from X\n  const Y\n")?.line, 4, "both from and const")
        XCTAssertEqual(parseError(base + "field branch\n")?.line, 4, "neither from nor const")
        XCTAssertEqual(parseError(base + "field channel\n  from C\n  map A -> web\n  map A -> phone\n")?.line, 7)
        XCTAssertEqual(parseError(base + "field summary\n  from B\n")?.line, 4, "a field mapped twice")
        XCTAssertEqual(parseError(base + "timezone Mars/Olympus\n")?.line, 4)
        XCTAssertEqual(parseError(base + "encoding latin-1\n")?.line, 4)
        XCTAssertEqual(parseError(base + "field people\n  const many\n")?.line, 5)
        XCTAssertNotNil(parseError("field summary\n  from A\n"), "no source")
        XCTAssertNotNil(parseError("source s\nfield branch\n  const X\n"), "no summary or details")
        XCTAssertNotNil(parseError("source s\nencoding gb18030\ndelimiter |\nfield summary\n  from A\n"), "| occurs inside GB18030 characters")
        XCTAssertNil(parseError(base + "field channel   # comment\n  from \"C # not a comment\"\n  map \"a -> b\" -> web\n"))
    }

    func testCommentsQuotesAndArrows() throws {
        let m = try MappingFileParser.parse("""
            # heading
            source s   # trailing
            delimiter tab
            field summary
              from "  Padded  "
              join " | "
            field kind
              from K
              map "#N/A" -> general
              unmapped default venting
            """, origin: "t.map")
        XCTAssertEqual(m.delimiter, 9)
        XCTAssertEqual(m.field("summary")?.columns, ["  Padded  "])
        XCTAssertEqual(m.field("summary")?.join, " | ")
        XCTAssertEqual(m.field("kind")?.values.lookup("#N/A"), "general")
        XCTAssertEqual(m.field("kind")?.values.unmapped, .use("venting"))
    }

    func testDatePatterns() throws {
        let cst = SourceTimeZone.offset(8 * 3600)
        func p(_ pattern: String, _ value: String, _ zone: SourceTimeZone = .offset(8 * 3600)) -> String? {
            try! DatePattern.compile(pattern).get().parse(value, zone: zone).map { DeskTime.standard.format($0) }
        }
        XCTAssertEqual(p("yyyy/M/d", "2020/3/18"), "2020-03-18T00:00:00+08:00")
        XCTAssertEqual(p("yyyy/M/d", "2020/03/18"), "2020-03-18T00:00:00+08:00")
        XCTAssertNil(p("yyyy/M/d", "2020/3/18 10:00"), "trailing text does not fit")
        XCTAssertNil(p("yyyy/M/d", "2020/2/30"), "no such day")
        XCTAssertEqual(p("yyyy-MM-dd HH:mm", "2020-03-18 14:05"), "2020-03-18T14:05:00+08:00")
        XCTAssertNil(p("yyyy-MM-dd HH:mm", "2020-3-18 14:05"), "MM needs two digits")
        XCTAssertEqual(p("yyyy年M月d日", "2020年3月18日"), "2020-03-18T00:00:00+08:00")
        XCTAssertEqual(p("excel", "43908"), "2020-03-18T00:00:00+08:00")
        XCTAssertEqual(p("excel", "46068.5"), "2026-02-15T12:00:00+08:00")
        XCTAssertNil(p("excel", "2020-03-18"))
        XCTAssertEqual(p("iso", "2026-02-14T08:15:00Z"), "2026-02-14T16:15:00+08:00", "an explicit offset wins")
        XCTAssertEqual(p("iso", "2026-02-14 08:15", .offset(0)), "2026-02-14T16:15:00+08:00", "no offset: the source's zone")
        // New York: EST (-5) before 8 March 2020, EDT (-4) after.
        XCTAssertEqual(p("yyyy/M/d H:mm", "2020/3/1 12:00", .named("America/New_York")), "2020-03-02T01:00:00+08:00")
        XCTAssertEqual(p("yyyy/M/d H:mm", "2020/3/18 12:00", .named("America/New_York")), "2020-03-19T00:00:00+08:00")
        XCTAssertEqual(p("yyyy-MM-dd", "2026-02-16", cst), "2026-02-16T00:00:00+08:00")
        if case .success = DatePattern.compile("dd/MM") { XCTFail("a pattern without a year is refused") }
        if case .success = DatePattern.compile("yyyy-MMM-dd") { XCTFail("MMM is not a pattern letter run") }
    }

    func testAColumnTheFileLacksNamesTheMappingLine() throws {
        let m = try MappingFileParser.parse("source s\nfield summary\n  from Issue\nfield details\n  from Narrative\n", origin: "t.map")
        XCTAssertThrowsError(try MappedRowBuilder(mapping: m, columns: ["Issue", "Product"], headerLine: 1, fileName: "f.csv")) { error in
            guard let e = error as? MappingFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.line, 5)
            XCTAssertTrue(e.message.contains("column \"Narrative\" is not in the header (line 1 of f.csv)"), e.message)
        }
        XCTAssertNoThrow(try MappedRowBuilder(mapping: m, columns: [" issue ", "NARRATIVE"], headerLine: 1, fileName: "f.csv"),
                         "header names match trimmed, then ignoring case")
    }
}
