import Foundation
import XCTest
@testable import CaseModel

/// The streaming export writes what the dictionary form writes, byte for byte, for every case of
/// a demo desk and for text full of what a terminal or a spreadsheet would act on; JSON lines
/// write the same less the keys whose value is null.
final class ExportEncoderTests: XCTestCase {
    /// The CSV fields as the export built them from `CaseJSON.object` before it streamed.
    func dictionaryCSV(_ c: ComplaintCase, reveal: Bool) -> ([String], Set<Int>) {
        let obj = CaseJSON.object(c, reveal: reveal)
        var numbers: Set<Int> = []
        let row = CaseExportEncoder.csvHeader.enumerated().map { i, k -> String in
            let v = obj[k]!
            if v is NSNull { return "" }
            if let b = v as? Bool { return b ? "1" : "0" }
            if v is Int || v is Int64 || v is Double { numbers.insert(i) }
            return "\(v)"
        }
        return (row, numbers)
    }

    func assertSame(_ c: ComplaintCase, file: StaticString = #filePath, line: UInt = #line) {
        for reveal in [false, true] {
            var bytes: [UInt8] = []
            CaseExportEncoder.appendJSON(c, reveal: reveal, buffer: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), CaseJSON.text(CaseJSON.object(c, reveal: reveal)), c.number, file: file, line: line)
            // JSON lines: the same object less its null keys, byte for byte.
            var jsonLine: [UInt8] = []
            CaseExportEncoder.appendJSON(c, reveal: reveal, leavingOutNulls: true, buffer: &jsonLine)
            let withoutNulls = CaseJSON.object(c, reveal: reveal).filter { !($0.value is NSNull) }
            XCTAssertLessThan(withoutNulls.count, CaseFields.keys.count, c.number, file: file, line: line)
            XCTAssertEqual(String(decoding: jsonLine, as: UTF8.self), CaseJSON.text(withoutNulls), c.number, file: file, line: line)
            // Masked once on the reading thread (`DisclosedCase`), then written as it is.
            let disclosed = DisclosedCase(c, Disclosure(revealed: reveal))
            var fromDisclosed: [UInt8] = []
            CaseExportEncoder.appendJSON(disclosed, buffer: &fromDisclosed)
            XCTAssertEqual(fromDisclosed, bytes, c.number, file: file, line: line)
            XCTAssertEqual(CaseExportEncoder.csvFields(disclosed), CaseExportEncoder.csvFields(c, reveal: reveal), c.number, file: file, line: line)
            let (row, numbers) = dictionaryCSV(c, reveal: reveal)
            XCTAssertEqual(CaseExportEncoder.csvFields(c, reveal: reveal), row, c.number, file: file, line: line)
            XCTAssertTrue(numbers.isSubset(of: CaseExportEncoder.csvNumberColumns), c.number, file: file, line: line)
        }
    }

    func testEveryDemoCaseEncodesAsItsDictionaryDoes() throws {
        let t = try TestDesk(now: "2026-02-17T19:30:00+08:00")
        _ = try DemoGenerator(seed: 5, cases: 300, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(t.desk)
        let all = try t.desk.store.read { db in try CaseRecords.list(CaseFilter(), db) }
        XCTAssertGreaterThan(all.count, 250)
        for c in all { assertSame(c) }
        XCTAssertEqual(CaseExportEncoder.csvHeader.count, CaseFields.keys.count)
        XCTAssertEqual(CaseExportEncoder.csvHeader.first, "number")
    }

    func testHostileTextEscapesAsTheDictionaryFormDoes() {
        var c = ComplaintCase(number: "TS-20260217-0001", receivedAt: Instant(seconds: 1_771_300_000), receivingOperator: "op\"\\")
        c.summary = "=cmd|' /C calc'!A0 引号\"反斜杠\\ \u{1B}[31m红\u{7}\u{7F}\u{85}\u{9B}2J \u{202E}evil\u{2066}x\u{2069} \u{2028}\u{2029}\u{061C}\u{200E}\u{200F}"
        c.details = "电话 138 1234 5678，身份证 11010119900307001X，tab\there\r\nend é ü ©"
        c.demand = "-5"
        c.potentialLoss = 12345.67
        c.satisfaction = 4
        c.crisisEventId = 9
        c.handler = "wang\u{0}"
        assertSame(c)
        c.potentialLoss = 20000
        c.summary = ""
        assertSame(c)
    }

    func testTimesFormatAsBeforeAtTheEndsOfTheRange() {
        for s: Int64 in [0, 946_684_800, 1_771_300_000, 4_102_444_799, -1, Int64.max, Int64.min] {
            let t = DeskTime.standard.civil(Instant(seconds: s))
            func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let old = "\(t.date.year)-\(pad(t.date.month))-\(pad(t.date.day))T\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))+08:00"
            XCTAssertEqual(DeskTime.standard.format(Instant(seconds: s)), old, "\(s)")
        }
        XCTAssertEqual(DeskTime(offsetSeconds: -(5 * 3600 + 30 * 60)).format(Instant(seconds: 1_771_300_000)), "2026-02-16T22:16:40-05:30")
    }
}
