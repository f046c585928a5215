import Foundation
import XCTest
@testable import CaseModel

final class ImportTests: XCTestCase {
    let header = "received_at,channel,branch,category,line,kind,name,phone,summary,details,people,potential_loss,media_involved,handler\n"

    func write(_ dir: TempDir, _ name: String, _ text: String) -> String {
        let p = dir.file(name)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    func caseCount(_ t: TestDesk) throws -> Int { try t.desk.store.read { db in try CaseRecords.count(CaseFilter(), db) } }

    func testGoodCSVWithQuotesCommasAndNewlines() throws {
        let t = try TestDesk()
        let path = write(t.dir, "good.csv", "\u{FEFF}" + header +
            "2026-02-16T08:00:00+08:00,hotline,上海分公司,claims,auto,general,张三,13812341234,理赔款未到账,\"第一行\r\n第二行, 有逗号 \"\"引号\"\"\",1,500,no,zhangqiang\r\n" +
            "2026-02-16 09:30,电话,北京分公司,销售,寿险,一般件,李四,,销售误导,,3,\"25,000\",是,\n")
        let report = try CaseImporter(desk: t.desk).run(path: path, actor: t.op)
        XCTAssertEqual(report.created, 2)
        XCTAssertEqual(report.rejectedCount, 0)
        let all = try t.desk.store.read { db in try CaseRecords.list({ var f = CaseFilter(); f.sort = .received; return f }(), db) }
        XCTAssertEqual(all.map(\.number), ["TS-20260216-0001", "TS-20260216-0002"])
        XCTAssertEqual(all[0].details, "第一行\r\n第二行, 有逗号 \"引号\"")
        XCTAssertEqual(all[0].handler, "zhangqiang")
        XCTAssertEqual(all[0].team, "理赔组")
        XCTAssertEqual(all[1].channel, .phone)
        XCTAssertEqual(all[1].potentialLoss, 25_000)
        XCTAssertEqual(all[1].severity, .major, "loss ≥ 20,000 and media")
        XCTAssertTrue(all[1].mediaInvolved)
        let events = try t.desk.detail(all[0].number).1
        XCTAssertEqual(events.first?.detail["line"], "2")
        XCTAssertEqual(try t.desk.store.read { db in try CaseRecords.events(after: 0, limit: 100, db) }.last?.action, "import")
    }

    func testABadRowChangesNothingAndEveryBadRowIsReported() throws {
        let t = try TestDesk()
        _ = try t.desk.intake(t.draft(), actor: t.op)
        let path = write(t.dir, "bad.csv", header +
            "2026-02-16T08:00:00+08:00,hotline,上海,claims,auto,general,张三,13812341234,ok,,1,0,no,\n" +
            "2026-02-16T08:00:00+08:00,pigeon,上海,claims,auto,general,张三,13812341234,bad channel,,1,0,no,\n" +
            "2026-02-16T08:00:00+08:00,hotline,上海,claims,auto,general,张三,13812341234,ok,,1,0,no,\n" +
            "2026-02-31T08:00:00+08:00,hotline,上海,claims,auto,general,张三,13812341234,bad date,,1,0,no,\n" +
            "2026-02-16T08:00:00+08:00,hotline,上海,claims,auto,general,张三,13812341234,too few\n" +
            "2026-02-16T08:00:00+08:00,hotline,上海,claims,auto,general,张三,13812341234,bad people,,many,0,no,\n" +
            "2026-02-16T08:00:00+08:00,hotline,上海,claims,auto,general,张三,13812341234,bad handler,,1,0,no,ghost\n")
        let tokenBefore = try t.desk.store.changeToken()
        XCTAssertThrowsError(try CaseImporter(desk: t.desk).run(path: path, actor: t.op)) { error in
            guard let refused = error as? ImportRefused else { return XCTFail("\(error)") }
            XCTAssertEqual(refused.report.errors.map(\.line), [3, 5, 6, 7, 8])
            XCTAssertEqual(refused.report.errors.map(\.field), ["channel", "received_at", "row", "people", "handler"])
            XCTAssertTrue(refused.description.contains("line 3: channel: unknown value \"pigeon\""), refused.description)
        }
        XCTAssertEqual(try caseCount(t), 1)
        XCTAssertEqual(try t.desk.store.changeToken(), tokenBefore)
        XCTAssertEqual(try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT last FROM case_sequences WHERE day = '20260216'") }, 1,
                       "no case number was used up")
    }

    func testSkipBadImportsGoodRowsAndWritesRejectsThatReimport() throws {
        let t = try TestDesk()
        let path = write(t.dir, "mixed.csv", header +
            "2026-02-16T08:00:00+08:00,hotline,上海,claims,auto,general,张三,13812341234,good one,,1,0,no,\n" +
            "2026-02-16T08:00:00+08:00,hotline,上海,claims,auto,general,张三,13812341234,bad people,\"multi\nline\",-2,0,no,\n")
        let rejects = t.dir.file("rejects.csv")
        let report = try CaseImporter(desk: t.desk).run(path: path, skipBad: true, rejectsPath: rejects, actor: t.op)
        XCTAssertEqual(report.created, 1)
        XCTAssertEqual(report.rejectedCount, 1)
        XCTAssertEqual(report.rejectsFile, rejects)
        var text = try String(contentsOfFile: rejects, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("received_at,channel,"))
        XCTAssertTrue(text.contains("people: must be at least 1"))
        XCTAssertTrue(text.contains("\"multi\nline\""))
        // Fix the row in place and import the rejects file as it is.
        text = text.replacingOccurrences(of: ",-2,", with: ",2,")
        try Data(text.utf8).write(to: URL(fileURLWithPath: rejects))
        let again = try CaseImporter(desk: t.desk).run(path: rejects, actor: t.op)
        XCTAssertEqual(again.created, 1)
        XCTAssertEqual(try caseCount(t), 2)
    }

    func testStructuralErrorsRefuseTheFile() throws {
        let t = try TestDesk()
        let unknown = write(t.dir, "unknown.csv", "summary,colour\nx,red\n")
        XCTAssertThrowsError(try CaseImporter(desk: t.desk).run(path: unknown, actor: t.op)) { error in
            XCTAssertTrue("\(error)".contains("column 2 \"colour\""), "\(error)")
        }
        let open = write(t.dir, "open.csv", "summary,details\nok,\"never closed\n")
        XCTAssertThrowsError(try CaseImporter(desk: t.desk).run(path: open, actor: t.op)) { error in
            XCTAssertTrue("\(error)".contains("line 2"), "\(error)")
        }
        let empty = write(t.dir, "empty.csv", "")
        XCTAssertThrowsError(try CaseImporter(desk: t.desk).run(path: empty, actor: t.op))
        var bytes = Array("summary\n".utf8); bytes += [0xFF, 0xFE, 0x0A]
        let binary = t.dir.file("binary.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: binary))
        XCTAssertThrowsError(try CaseImporter(desk: t.desk).run(path: binary, actor: t.op)) { error in
            XCTAssertEqual((error as? ImportRefused)?.report.errors.first?.line, 2)
        }
        XCTAssertEqual(try caseCount(t), 0)
    }

    func testJSONLines() throws {
        let t = try TestDesk()
        let path = write(t.dir, "feed.jsonl", """
            {"summary":"航班延误险理赔被拒","channel":"app","line":"travel","category":"claims","people":1}
            {"summary":"bad","people":"two"}

            {"summary":"ok","source_ref":"app:1"}
            {"summary":"dup","source_ref":"app:1"}
            not json
            """)
        XCTAssertThrowsError(try CaseImporter(desk: t.desk).run(path: path, actor: t.op)) { error in
            let errors = (error as? ImportRefused)?.report.errors ?? []
            XCTAssertEqual(errors.map(\.line), [2, 5, 6])
            XCTAssertEqual(errors.map(\.field), ["people", "source_ref", "row"])
        }
        let r = try CaseImporter(desk: t.desk).run(path: path, skipBad: true, rejectsPath: t.dir.file("r.jsonl"), actor: t.op)
        XCTAssertEqual(r.created, 2)
        XCTAssertEqual(r.rejectedCount, 3)
        let lines = try String(contentsOfFile: t.dir.file("r.jsonl"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].contains("reject_reason"))
    }

    func testExportedJSONImportsAgain() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(summary: "往返"), actor: t.op)
        let line = CaseJSON.text(CaseJSON.object(c, reveal: true))
        let path = write(t.dir, "export.jsonl", line + "\n")
        XCTAssertEqual(try CaseImporter(desk: t.desk).run(path: path, actor: t.op).created, 1)
        let back = try t.desk.store.read { db in try CaseRecords.list(CaseFilter(), db) }
        XCTAssertEqual(back.count, 2)
        XCTAssertEqual(back[1].summary, "往返")
        XCTAssertEqual(back[1].complainant.phone, c.complainant.phone)
        XCTAssertEqual(back[1].receivedAt, c.receivedAt)
    }

    /// An export's JSON lines leave out null keys: the import reads an absent key as null and
    /// takes the line back whole.
    func testExportedJSONLineWithoutNullsImportsAgain() throws {
        let t = try TestDesk()
        var draft = t.draft(summary: "往返 无空值")
        draft.demand = ""
        let c = try t.desk.intake(draft, actor: t.op)
        XCTAssertNil(c.handler)
        var bytes: [UInt8] = []
        CaseExportEncoder.appendJSON(c, reveal: true, leavingOutNulls: true, buffer: &bytes)
        let line = String(decoding: bytes, as: UTF8.self)
        XCTAssertFalse(line.contains("null"), line)
        XCTAssertFalse(line.contains("\"handler\""), line)
        XCTAssertTrue(line.contains("\"demand\":\"\""), "empty text is a value: \(line)")
        XCTAssertTrue(line.contains("\"media_involved\":false"), line)
        let path = write(t.dir, "export.jsonl", line + "\n")
        XCTAssertEqual(try CaseImporter(desk: t.desk).run(path: path, actor: t.op).created, 1)
        let back = try t.desk.store.read { db in try CaseRecords.list(CaseFilter(), db) }
        XCTAssertEqual(back.count, 2)
        XCTAssertEqual(back[1].summary, c.summary)
        XCTAssertEqual(back[1].complainant, c.complainant)
        XCTAssertEqual(back[1].receivedAt, c.receivedAt)
        XCTAssertNil(back[1].handler)
        XCTAssertNil(back[1].sourceRef)
    }
}
