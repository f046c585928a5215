import Foundation
import GRDB
import XCTest
@testable import CaseModel

final class MappingImportTests: XCTestCase {
    func caseCount(_ t: TestDesk) throws -> Int { try t.desk.store.read { db in try CaseRecords.count(CaseFilter(), db) } }
    func eventCount(_ t: TestDesk) throws -> Int { try t.desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events")! } }
    func bySource(_ t: TestDesk, _ ref: String) throws -> ComplaintCase {
        try t.desk.store.read { db in
            let n = try String.fetchOne(db, sql: "SELECT number FROM cases WHERE source_ref = ?", arguments: [ref])
            return try CaseRecords.fetch(number: n ?? "-", db)!
        }
    }
    func run(_ t: TestDesk, _ path: String, _ map: ImportMapping, _ configure: (inout MappedImportOptions) -> Void = { _ in }) throws -> MappedImportReport {
        var o = MappedImportOptions()
        configure(&o)
        return try MappedImporter(desk: t.desk).run(path: path, mapping: map, options: o, actor: t.op)
    }
    func write(_ t: TestDesk, _ name: String, _ bytes: [UInt8]) -> String {
        let p = t.dir.file(name)
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
    func gb(_ s: String) -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        p.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp; p.standardOutput = out
        try! p.run()
        inp.fileHandleForWriting.write(Data(s.utf8)); try! inp.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }

    // MARK: a US-style consumer complaint export

    func testCFPBExportThroughTheExampleMapping() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("cfpb.map"))
        let r = try run(t, fixture("cfpb-complaints.csv"), map)
        XCTAssertEqual([r.rows, r.created, r.updated, r.unchanged, r.rejectedCount], [6, 6, 0, 0, 0])
        let c = try bySource(t, "cfpb:3576003")
        XCTAssertEqual(c.details, "The servicer applied my payment late, then charged a \"late fee\" of $45,\nthen reported me late.\n\nThey said: \"we cannot help\".")
        XCTAssertEqual(c.summary, "Trouble during payment process", "an empty sub-issue is left out of the join")
        XCTAssertEqual(c.channel, .regulator)
        XCTAssertEqual(c.source, .regulatorNational)
        XCTAssertEqual(c.severity, .major, "regulator-transferred")
        XCTAssertEqual(c.category, .product)
        XCTAssertEqual(c.branch, "总公司")
        XCTAssertEqual(c.product, "Mortgage — Conventional home mortgage")
        XCTAssertEqual(DeskTime.standard.format(c.receivedAt), "2020-03-19T12:00:00+08:00", "midnight in New York (EDT)")
        let first = try bySource(t, "cfpb:3575611")
        XCTAssertEqual(first.summary, "Incorrect information on your report / Information belongs to someone else")
        XCTAssertEqual(first.channel, .web)
        XCTAssertEqual(first.source, .selfReceived)
        // One audited import event naming the file, its checksum, the mapping and the counts.
        let event = try t.desk.store.read { db in try CaseRecords.events(after: 0, limit: 100, db) }.last!
        XCTAssertEqual(event.action, "import")
        XCTAssertEqual(event.detail["file"], fixture("cfpb-complaints.csv"))
        XCTAssertEqual(event.detail["sha256"], try FileChecksum.of(path: fixture("cfpb-complaints.csv")))
        XCTAssertEqual(event.detail["sha256"]?.count, 64)
        XCTAssertEqual(event.detail["mapping"], fixture("cfpb.map"))
        XCTAssertEqual(event.detail["mapping_sha256"], map.checksum)
        XCTAssertEqual(event.detail["created"], "6")
        XCTAssertEqual(event.detail["source"], "cfpb")
        XCTAssertTrue(try t.desk.store.read { db in try AuditChain.verify(db) }.ok)
    }

    func testFileChecksumMatchesSHA256() throws {
        var sum = FileChecksum()
        let message = Array(repeating: UInt8(ascii: "a"), count: 1000)
        // Fed in uneven pieces, so the block buffering is exercised.
        message.withUnsafeBytes { all in
            sum.update(UnsafeRawBufferPointer(rebasing: all[0..<3]))
            sum.update(UnsafeRawBufferPointer(rebasing: all[3..<130]))
            sum.update(UnsafeRawBufferPointer(rebasing: all[130...]))
        }
        XCTAssertEqual(sum.finish(), FileChecksum.hex(SHA256.hash(message)))
        var empty = FileChecksum()
        XCTAssertEqual(empty.finish(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    // MARK: idempotent re-import

    func testReImportCreatesNoneTwiceAndUpdatesChangedCasesThroughTheEventLog() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("cfpb.map"))
        _ = try run(t, fixture("cfpb-complaints.csv"), map)
        // The desk works a case meanwhile: that must survive a re-import.
        let worked = try bySource(t, "cfpb:3575632")
        _ = try t.desk.assign([worked.number], to: "zhangqiang", actor: t.lead)
        let again = try run(t, fixture("cfpb-complaints.csv"), map)
        XCTAssertEqual([again.created, again.updated, again.unchanged], [0, 0, 6])
        XCTAssertEqual(try caseCount(t), 6)
        // A later, overlapping export: one narrative corrected, one new complaint.
        var text = try String(contentsOfFile: fixture("cfpb-complaints.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "Attempts to collect debt not owed", with: "Written notification about debt")
        text += "2020/3/23,Mortgage,FHA mortgage,Struggling to pay mortgage,,,,\"SHELLPOINT, LLC\",GA,30301,,,Web,2020/3/23,In progress,Yes,,3580111\r\n"
        let later = write(t, "later.csv", Array(text.utf8))
        let r = try run(t, later, map)
        XCTAssertEqual([r.created, r.updated, r.unchanged, r.rejectedCount], [1, 1, 5, 0])
        XCTAssertEqual(try caseCount(t), 7)
        let updated = try bySource(t, "cfpb:3575632")
        XCTAssertEqual(updated.number, worked.number)
        XCTAssertEqual(updated.summary, "Written notification about debt / Debt is not yours")
        XCTAssertEqual(updated.handler, "zhangqiang", "a field the mapping does not set stays as the desk left it")
        XCTAssertEqual(updated.version, worked.version + 2, "assignment, then the import's update")
        let events = try t.desk.detail(updated.number).1
        let change = try XCTUnwrap(events.last)
        XCTAssertEqual(change.action, "import-update")
        XCTAssertEqual(change.detail["summary"], "Attempts to collect debt not owed / Debt is not yours → Written notification about debt / Debt is not yours")
        XCTAssertEqual(change.detail["source_ref"], "cfpb:3575632")
        XCTAssertNil(change.detail["handler"])
        // Running the later file again changes nothing more.
        let third = try run(t, later, map)
        XCTAssertEqual([third.created, third.updated, third.unchanged], [0, 0, 7])
        XCTAssertTrue(try t.desk.store.read { db in try AuditChain.verify(db) }.ok)
    }

    /// A mapped file bigger than the desk loads in bulk (BulkLoad): from a source new to the desk,
    /// insert-only, with the text indexed at the end — including a row that updates a case the
    /// same file created; a re-import of that source keeps the text triggers for the cases it
    /// updates. Either way search finds each case's final text and never its old one.
    func testABulkMappedLoadIndexesEachCasesFinalText() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("cfpb.map"))
        // The fixture's header line ("\r\n" is one Character in Swift).
        let header = String(try String(contentsOfFile: fixture("cfpb-complaints.csv"), encoding: .utf8).prefix { $0 != "\r\n" && $0 != "\n" })
        let filler = String(repeating: "The company delayed my claim again. ", count: 130)
        func row(_ id: Int, _ marker: String) -> String {
            "2020/3/18,Debt collection,I do not know,Attempts to collect debt not owed,Debt is not yours,\"\(filler)\(marker)\",,\"ACME, INC.\",FL,334XX,,Consent provided,Web,2020/3/18,In progress,Yes,N/A,\(900_000 + id)\r\n"
        }
        var text = header + "\n"
        for i in 0..<300 { text += row(i, "mark\(i)zq") }
        text += row(7, "fixed7zq")   // the same id again: updates the case this file created
        let path = write(t, "big.csv", Array(text.utf8))
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        XCTAssertTrue(BulkLoad.isBulk(incoming: size / 250, existing: 0), "the file is a bulk load")
        let first = try run(t, path, map)
        XCTAssertEqual([first.created, first.updated], [300, 1])
        func count(_ term: String) throws -> Int {
            var f = CaseFilter(); f.search = term
            return try t.desk.count(f, actor: t.lead)
        }
        XCTAssertEqual(try count("fixed7zq"), 1)
        XCTAssertEqual(try count("mark7zq"), 0, "the text the update replaced is not found")
        XCTAssertEqual(try count("mark123zq"), 1)
        // Again, one narrative changed: a bulk load of a known source keeps the triggers.
        let again = write(t, "again.csv", Array(text.replacingOccurrences(of: "mark42zq", with: "later42zq").utf8))
        let second = try run(t, again, map)
        // Row 42, and id 7 twice over (its first row differs from what the desk holds, the second
        // puts it back).
        XCTAssertEqual([second.created, second.updated], [0, 3])
        XCTAssertEqual(try count("fixed7zq"), 1)
        XCTAssertEqual(try count("mark7zq"), 0)
        XCTAssertEqual(try count("later42zq"), 1)
        XCTAssertEqual(try count("mark42zq"), 0)
        var open = CaseFilter(); open.search = "later42zq"; open.openness = .open
        XCTAssertEqual(try t.desk.count(open, actor: t.lead), 1)
        XCTAssertEqual(try t.desk.store.integrityCheck(), ["ok"])
    }

    func testSinceSkipsOlderRows() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("cfpb.map"))
        let r = try run(t, fixture("cfpb-complaints.csv"), map) { $0.since = instant("2020-03-21T00:00:00+08:00") }
        XCTAssertEqual([r.created, r.skipped], [2, 4], "received 3/21 and 3/22 New York time are on or after the 21st in Beijing")
        XCTAssertEqual(try caseCount(t), 2)
    }

    // MARK: dry run

    func testDryRunWritesNothingAndReportsReasonsAndDistributions() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("cfpb.map"))
        _ = try run(t, fixture("cfpb-complaints.csv"), map)
        var text = try String(contentsOfFile: fixture("cfpb-complaints.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "Closed with monetary relief,Yes,Yes,3577120", with: "Closed with monetary relief,Yes,Yes,3577120-b")
        text = text.replacingOccurrences(of: "In progress,Yes,,3576003", with: "In progress,No,,3576003")
        text += "2020/3/24,Mortgage,,Issue A,,,,X,GA,1,,,Carrier pigeon,2020/3/24,,Yes,,900001\r\n"
        text += "2020/3/25,Mortgage,,Issue B,,,,X,GA,1,,,Carrier pigeon,2020/3/25,,Yes,,900002\r\n"
        text += "2020/13/25,Mortgage,,Issue C,,,,X,GA,1,,,Web,2020/3/25,,Yes,,900003\r\n"
        text += "2020/3/25,too,few\r\n"
        let path = write(t, "next.csv", Array(text.utf8))
        let token = try t.desk.store.changeToken()
        let before = try eventCount(t)
        let r = try run(t, path, map) { $0.dryRun = true; $0.skipBad = true; $0.rejectsPath = t.dir.file("never.csv") }
        XCTAssertEqual(try t.desk.store.changeToken(), token)
        XCTAssertEqual(try eventCount(t), before)
        XCTAssertEqual(try caseCount(t), 6)
        XCTAssertFalse(FileManager.default.fileExists(atPath: t.dir.file("never.csv")), "a dry run writes no rejects file either")
        XCTAssertTrue(r.dryRun)
        XCTAssertEqual([r.rows, r.created, r.updated, r.unchanged, r.rejectedCount], [10, 1, 0, 5, 4],
                       "a changed column the mapping ignores (Timely response?) is not a change")
        let pigeon = try XCTUnwrap(r.reasons["channel ← \"Submitted via\": unmapped value \"…\""])
        XCTAssertEqual(pigeon.count, 2)
        XCTAssertEqual(pigeon.examples.map(\.line), [12, 13])
        XCTAssertNotNil(r.reasons.keys.first { $0.hasPrefix("received_at ← \"Date received\": \"…\" does not match") })
        XCTAssertEqual(r.reasons["row: has 3 fields, the header has 18"]?.examples.first?.line, 15)
        let channel = try XCTUnwrap(r.distributions["channel"])
        XCTAssertEqual(channel.first { $0.value == "Carrier pigeon" }?.count, 2)
        XCTAssertNil(channel.first { $0.value == "Carrier pigeon" }!.target, "unmapped values are shown as such")
        XCTAssertEqual(channel.first { $0.value == "Web" }?.target, "web")
        XCTAssertEqual(channel.first { $0.value == "Web" }?.count, 3)
        XCTAssertTrue(r.text().contains("\"Carrier pigeon\" → UNMAPPED"), r.text())
    }

    // MARK: all or nothing, and --skip-bad

    func testABadRowRefusesTheWholeFileWithLineColumnAndReason() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("cfpb.map"))
        var text = try String(contentsOfFile: fixture("cfpb-complaints.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"Company \"\"A\"\" Collections, LLC\",TX,75201,Older American,Consent not provided,Phone",
                                         with: "\"Company \"\"A\"\" Collections, LLC\",TX,75201,Older American,Consent not provided,Fax machine")
        let path = write(t, "bad.csv", Array(text.utf8))
        let token = try t.desk.store.changeToken()
        XCTAssertThrowsError(try run(t, path, map)) { error in
            guard let refused = error as? MappedImportRefused else { return XCTFail("\(error)") }
            XCTAssertEqual(refused.report.errors.map(\.line), [4], "the row starts on line 4 (lines 2–3 hold the first row and its narrative)")
            XCTAssertEqual(refused.report.errors.first?.field, "channel ← \"Submitted via\"")
            XCTAssertTrue(refused.description.contains("line 4: channel ← \"Submitted via\": unmapped value \"Fax machine\""), refused.description)
        }
        XCTAssertEqual(try caseCount(t), 0)
        XCTAssertEqual(try t.desk.store.changeToken(), token)
    }

    // MARK: GB18030

    func testGB18030HotlineExport() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("hotline.map"))
        let r = try run(t, fixture("hotline-gb18030.csv"), map)
        XCTAssertEqual([r.created, r.rejectedCount], [4, 0])
        let first = try bySource(t, "hotline:HL-0001")
        XCTAssertEqual(first.complainant.name, "张三")
        XCTAssertEqual(first.details, "春节前报案，至今未赔付。\n客户情绪激动，要求尽快处理。")
        XCTAssertEqual(first.potentialLoss, 12_000)
        XCTAssertEqual(first.channel, .phone)
        XCTAssertEqual(first.line, .auto)
        XCTAssertEqual(DeskTime.standard.format(first.receivedAt), "2026-02-15T00:00:00+08:00")
        let third = try bySource(t, "hotline:HL-0003")
        XCTAssertEqual(third.complainant.name, "王㐀明", "a four-byte GB18030 character")
        XCTAssertEqual(DeskTime.standard.format(third.receivedAt), "2026-02-15T09:30:00+08:00", "an Excel serial day number")
        XCTAssertEqual(third.branch, "上海分公司")
        let second = try bySource(t, "hotline:HL-0002")
        XCTAssertEqual(second.details, "业务员承诺\"保本高收益\"，实际亏损")
        XCTAssertEqual(DeskTime.standard.format(second.receivedAt), "2026-02-15T14:05:00+08:00")
        XCTAssertEqual(try bySource(t, "hotline:HL-0004").severity, .major, "loss of 25,000 yuan")
    }

    func testInvalidBytesAreReportedWithTheLineAndRejectsReimportAsIs() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("hotline.map"))
        var bytes = [UInt8](FileManager.default.contents(atPath: fixture("hotline-gb18030.csv"))!)
        // Corrupt the complainant name of HL-0004 (line 6): 0xFF is never valid in GB18030.
        let name = gb("赵六")
        let at = try XCTUnwrap(bytes.firstRange(of: name)).lowerBound
        bytes[at + 1] = 0xFF
        let path = write(t, "broken.csv", bytes)
        XCTAssertThrowsError(try run(t, path, map)) { error in
            guard let refused = error as? MappedImportRefused else { return XCTFail("\(error)") }
            XCTAssertEqual(refused.report.errors.map(\.line), [6])
            XCTAssertEqual(refused.report.errors.first?.field, "name ← \"客户姓名\"")
            XCTAssertTrue(refused.report.errors.first!.message.contains("not valid GB18030 (byte 0x"), refused.description)
        }
        XCTAssertEqual(try caseCount(t), 0)

        let rejects = t.dir.file("broken.rejects.csv")
        let r = try run(t, path, map) { $0.skipBad = true; $0.rejectsPath = rejects }
        XCTAssertEqual([r.created, r.rejectedCount], [3, 1])
        XCTAssertEqual(r.rejectsFile, rejects)
        // The rejects file is GB18030 like its source, with the header and a reason column.
        var fixed = [UInt8](FileManager.default.contents(atPath: rejects)!)
        XCTAssertTrue(fixed.starts(with: gb("工单编号,受理时间")))
        XCTAssertNotNil(fixed.firstRange(of: gb("reject_reason")))
        XCTAssertNotNil(fixed.firstRange(of: gb("定损金额争议")))
        let bad = try XCTUnwrap(fixed.firstRange(of: [name[0], 0xFF]))
        fixed.replaceSubrange(bad, with: name[0...1])
        let fixedPath = write(t, "fixed.csv", fixed)
        let again = try run(t, fixedPath, map)
        XCTAssertEqual([again.created, again.rejectedCount], [1, 0])
        XCTAssertEqual(try bySource(t, "hotline:HL-0004").complainant.name, "赵六")
        XCTAssertEqual(try caseCount(t), 4)
    }

    // MARK: JSON lines, robustness

    func testJSONLinesFeed() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.load(path: fixture("feed.map"))
        var feed = [UInt8](FileManager.default.contents(atPath: fixture("feed.jsonl"))!)
        feed += Array("{\"ticket\":\"T-103\",\"title\":\"broken\"\n{\"ticket\":\"T-104\",\"via\":\"pigeon\",\"title\":\"x\"}\n".utf8)
        let path = write(t, "feed.jsonl", feed)
        let rejects = t.dir.file("feed.rejects.jsonl")
        let r = try run(t, path, map) { $0.skipBad = true; $0.rejectsPath = rejects }
        XCTAssertEqual([r.created, r.rejectedCount], [3, 2])
        XCTAssertEqual(r.errors.map(\.line), [4, 5])
        XCTAssertEqual(r.errors.map(\.field), ["row", "channel ← \"via\""])
        let c = try bySource(t, "appfeed:T-101")
        XCTAssertEqual(c.peopleInvolved, 6)
        XCTAssertEqual(c.channel, .email)
        XCTAssertEqual(DeskTime.standard.format(c.receivedAt), "2026-02-15T09:00:00+08:00")
        XCTAssertTrue(try bySource(t, "appfeed:T-100").mediaInvolved)
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].contains("\"reject_reason\":\"line 5: channel ← \\\"via\\\": unknown value \\\"pigeon\\\""), String(lines[1]))
    }

    func testLongFieldsRaggedRowsAndAnUnclosedQuote() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.parse("source s\nid ID\nfield summary\n  from S\nfield details\n  from D\n", origin: "t.map")
        let narrative = String(repeating: "投诉内容很长，", count: 5000) // 105,000 bytes
        let text = "ID,S,D\r\n1,long,\"\(narrative)\"\r\n2,ragged\r\n3,ok,\"x\"\"y\"\r\n"
        let path = write(t, "long.csv", Array(text.utf8))
        let r = try run(t, path, map) { $0.skipBad = true; $0.rejectsPath = t.dir.file("r.csv") }
        XCTAssertEqual([r.created, r.rejectedCount], [2, 1])
        XCTAssertEqual(r.errors.first?.line, 3)
        XCTAssertEqual(try bySource(t, "s:1").details.utf8.count, narrative.utf8.count)
        XCTAssertEqual(try bySource(t, "s:3").details, "x\"y")

        let unclosed = write(t, "unclosed.csv", Array("ID,S,D\n4,a,b\n5,\"never closed,b\n".utf8))
        XCTAssertThrowsError(try run(t, unclosed, map)) { error in
            guard let refused = error as? MappedImportRefused else { return XCTFail("\(error)") }
            XCTAssertTrue(refused.fileError?.contains("line 3") == true, refused.description)
        }
        XCTAssertEqual(try caseCount(t), 2)
    }

    func testAFutureDateIsRefusedNamingItsColumn() throws {
        let t = try TestDesk()
        let map = try MappingFileParser.parse("source s\nid ID\nfield received_at\n  from When\n  date yyyy-MM-dd HH:mm\nfield summary\n  from S\n", origin: "t.map")
        let path = write(t, "f.csv", Array("ID,When,S\n1,2026-02-16 10:04,ok\n2,2026-02-16 10:06,late\n".utf8))
        let r = try run(t, path, map) { $0.skipBad = true; $0.rejectsPath = t.dir.file("r.csv") }
        XCTAssertEqual([r.created, r.rejectedCount], [1, 1], "now is 10:00; five minutes of clock skew are allowed")
        XCTAssertEqual(r.errors.first?.field, "received_at ← \"When\"")
        XCTAssertTrue(r.errors.first!.message.contains("cannot be in the future"), r.errors.first!.message)
        XCTAssertEqual(DeskTime.standard.format(try bySource(t, "s:1").stagesStartedAt), "2026-02-16T10:04:00+08:00")
    }

    func testABigFirstLoadBuildsTheIndexesAtTheEndAndKeepsThemAll() throws {
        let t = try TestDesk()
        let indexes = { try t.desk.store.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name") } }
        let before = try indexes()
        let map = try MappingFileParser.parse("source s\nid ID\nfield summary\n  from S\nfield details\n  from D\n", origin: "t.map")
        var text = "ID,S,D\n"
        for i in 0..<2_000 { text += "\(i),summary \(i),\(String(repeating: "x", count: 140))\n" } // ~300 KB: more rows than the desk holds
        let r = try run(t, write(t, "big.csv", Array(text.utf8)), map)
        XCTAssertEqual(r.created, 2_000)
        XCTAssertEqual(try indexes(), before)
        let plan = try t.desk.store.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM cases WHERE received_at > 5").map { $0["detail"] as String }.joined() }
        XCTAssertTrue(plan.contains("cases_received"), plan)
        XCTAssertEqual(try bySource(t, "s:1999").summary, "summary 1999")
    }

    // MARK: --infer

    func testAnInferredMappingCannotBeGivenDirectivesByTheFile() throws {
        let t = try TestDesk()
        let file = write(t, "evil.csv", Array("\"投诉编号\nfield kind\n  const report\",\"渠道\u{1B}]0;x\u{07}\"\nA1,\"热线\r\nfield x\"\n".utf8))
        let text = try MappingInference.infer(path: file)
        XCTAssertFalse(text.contains("\nfield kind"), text)
        XCTAssertFalse(text.contains("\nfield x"), text)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x0D }, text)
        XCTAssertTrue(text.contains("投诉编号⏎field kind⏎  const report"), text)
    }

    func testInferredMappingsReadTheirFilesWithoutRejects() throws {
        let t = try TestDesk()
        for (file, expectations) in [("cfpb-complaints.csv", ["id Complaint ID", "date yyyy/M/d", "map Referral -> regulator", "from Sub-issue", "encoding utf-8"]),
                                     ("hotline-gb18030.csv", ["encoding gb18030", "id 工单编号", "date excel", "date yyyy年M月d日", "map 电话 -> phone", "field branch\n  from 处理机构"]),
                                     ("feed.jsonl", ["format jsonl", "id ticket", "date iso"])] {
            let text = try MappingInference.infer(path: fixture(file))
            for e in expectations {
                XCTAssertTrue(text.contains(e), "\(file): expected \(e) in\n\(text)")
            }
            let map = try MappingFileParser.parse(text, origin: file + ".map")
            let r = try run(t, fixture(file), map) { $0.dryRun = true }
            XCTAssertEqual(r.rejectedCount, 0, "\(file): \(r.text())\n\(text)")
            XCTAssertEqual(r.created, r.rows)
        }
    }
}
