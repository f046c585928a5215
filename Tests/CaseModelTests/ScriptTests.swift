import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// Standard reply scripts 话术 (docs/scripts.md): the shipped files, a desk's own, the fill, the
/// ranking and the record of use.
final class ScriptTests: XCTestCase {
    /// A case of `category` on which every placeholder has a value: a named customer with policy
    /// and claim numbers, a handler, a promise, open clocks, in an active crisis event, on a
    /// holiday (2026-02-17, Spring Festival).
    func sampleCase(_ t: TestDesk, _ category: Category) throws -> String {
        var d = t.draft(summary: "样例 \(category.rawValue)", phone: "1381234\(String(format: "%04d", category.rawValue.count * 7))", category: category.rawValue)
        d.policyNumber = "P440012345678"
        d.claimNumber = "C20260217001"
        d.handler = "zhangqiang"
        d.people = 6
        let (c, event) = try t.desk.intake(d, actor: t.op, proposingCrisis: true)
        XCTAssertNotNil(event, "a group complaint proposes a crisis event")
        try t.desk.act(c.number, .note, ActionInput(note: "约定回电", promisedAt: instant("2026-02-18T10:00:00+08:00")), actor: t.op)
        return c.number
    }

    func testEveryShippedScriptParsesAndFillsForACaseOfEachCategoryWithoutAGap() throws {
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        let library = ScriptLibrary.shipped
        XCTAssertEqual(DefaultScripts.files().count, library.scripts.count, "every shipped file is a script of its own")
        for s in library.scripts {
            XCTAssertTrue(s.source.shipped)
            for case let .literal(text) in s.text.segments {
                XCTAssertFalse(text.contains("{{"), "\(s.label): every {{ opens a placeholder")
            }
            XCTAssertFalse(s.text.placeholders.isEmpty, "\(s.label) is filled from the case")
            XCTAssertEqual(try ScriptFileParser.parse(DefaultScripts.files().first { "shipped/" + $0.name == s.source.file }!.text, file: "again"), {
                var again = s; again.source = ScriptSource(file: "again", line: 1, shipped: false); return again
            }())
        }
        XCTAssertEqual(Set(library.scripts.map(\.language)), ["zh", "en"])
        for id in ["first-contact", "apology", "claim-waits-holiday", "angry-caller", "repeat-complaint", "promised-callback",
                   "explain-decision", "crisis-outlet", "crisis-media", "crisis-regulator"] {
            XCTAssertEqual(library.versions(of: id).map(\.language).sorted(), ["en", "zh"], "\(id) ships in Chinese and English")
        }
        for category in Category.allCases {
            let number = try sampleCase(t, category)
            for s in library.scripts {
                let f = try t.desk.script(s.id, for: number, library: library, options: ScriptFillOptions(language: s.language), actor: t.lead)
                XCTAssertEqual(f.script, s)
                XCTAssertEqual(f.gaps, [], "\(s.label) on a \(category) case: every placeholder has a value")
                XCTAssertFalse(f.text.contains("{{") || f.text.contains("}}"), "\(s.label): \(f.text)")
                XCTAssertTrue(f.text.contains(number) || !s.text.placeholders.contains(.caseNumber))
                XCTAssertFalse(f.text.contains("P440012345678"), "masked unless revealed: \(f.text)")
            }
        }
    }

    func testMalformedFilesAreRefusedWithFileAndLine() throws {
        let head = "---\nid: x\ntitle: t\nlanguage: zh\nversion: 1\n"
        let cases: [(String, String, Int, String)] = [
            ("unknown placeholder", head + "---\n第一行\n您好{{customer.nmae}}\n", 8, "unknown placeholder {{customer.nmae}}"),
            ("unclosed placeholder", head + "---\n您好{{case.number\n", 7, "not closed"),
            ("unknown field", "---\nid: x\ntitel: t\n---\n文字\n", 3, "unknown field 'titel'"),
            ("missing title", "---\nid: x\nlanguage: zh\nversion: 1\n---\n文字\n", 1, "'title' is required"),
            ("bad version", "---\nid: x\ntitle: t\nlanguage: zh\nversion: two\n---\n文字\n", 5, "version \"two\""),
            ("bad id", "---\nid: First Contact\ntitle: t\nlanguage: zh\nversion: 1\n---\n文字\n", 2, "id \"First Contact\""),
            ("unknown category", head + "categories: claims, refunds\n---\n文字\n", 6, "unknown value \"refunds\""),
            ("record as close", head + "record: close\n---\n文字\n", 6, "not close"),
            ("twice", head + "title: again\n---\n文字\n", 6, "given twice"),
            ("no wording", head + "---\n\n\n", 7, "no wording"),
            ("never closed", "---\nid: x\ntitle: t\n", 1, "never closed"),
            ("no front matter", "您好\n", 1, "starts with a line '---'"),
            ("NUL in the wording", head + "---\n第一行\n您好\u{0}\n", 8, "NUL"),
        ]
        for (name, text, line, words) in cases {
            XCTAssertThrowsError(try ScriptFileParser.parse(text, file: "scripts/x.md"), name) { e in
                guard let e = e as? ScriptFileError else { return XCTFail("\(name): \(e)") }
                XCTAssertEqual(e.line, line, "\(name): \(e)")
                XCTAssertEqual(e.file, "scripts/x.md")
                XCTAssertTrue(e.description.hasPrefix("scripts/x.md:\(line): "), e.description)
                XCTAssertTrue(e.message.contains(words), "\(name): \(e.message)")
            }
        }
        // A byte that is not UTF-8: named with its line by the file reader.
        let dir = TempDir()
        try Data("---\nid: x\ntitle: t\nlanguage: zh\nversion: 1\n---\n\u{6587}".utf8 + [0xFF, 0x0A]).write(to: URL(fileURLWithPath: dir.file("bad.md")))
        try Data((head + "---\n{{nope}}\n").utf8).write(to: URL(fileURLWithPath: dir.file("nope.md")))
        XCTAssertThrowsError(try ScriptLibrary.load(directory: dir.path)) { e in
            let errors = (e as? ScriptFileErrors)?.errors ?? []
            XCTAssertEqual(errors.map { ($0.file as NSString).lastPathComponent }, ["bad.md", "nope.md"], "every bad file named at once")
            XCTAssertEqual(errors.map(\.line), [7, 7])
            XCTAssertTrue(errors[0].message.contains("not UTF-8"), errors[0].message)
        }
    }

    func testADeskFileReplacesTheShippedScriptOfItsIdAndLanguage() throws {
        let dir = TempDir()
        try """
        ---
        id: first-contact
        title: 首次联系(本分公司版)
        stages: received
        record: contact
        language: zh
        version: 1
        ---
        {{customer.salutation}}您好,这里是上海分公司春节值班台,编号{{case.number}}。

        """.write(toFile: dir.file("first-contact.zh.md"), atomically: true, encoding: .utf8)
        try """
        ---
        id: holiday-greeting
        title: 节日问候
        language: zh
        version: 3
        ---
        {{customer.salutation}},新春快乐!

        """.write(toFile: dir.file("greeting.md"), atomically: true, encoding: .utf8)
        let library = try ScriptLibrary.load(directory: dir.path)
        let mine = try XCTUnwrap(library.script("first-contact", language: "zh"))
        XCTAssertFalse(mine.source.shipped)
        XCTAssertEqual(mine.title, "首次联系(本分公司版)")
        XCTAssertEqual(mine.version, 1, "the desk's file wins whatever its version")
        XCTAssertEqual(library.replaced.map { $0.shipped.label }, ["first-contact v1 (zh)"])
        XCTAssertTrue(try XCTUnwrap(library.script("first-contact", language: "en")).source.shipped, "the English version is still the shipped one")
        XCTAssertEqual(library.scripts.count, ScriptLibrary.shipped.scripts.count + 1, "a new id adds a script")

        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let f = try t.desk.script("first-contact", for: c.number, library: library, actor: t.op)
        XCTAssertEqual(f.text, "张先生/女士您好,这里是上海分公司春节值班台,编号\(c.number)。")

        // Two files of one id and language: which the desk meant cannot be guessed.
        try FileManager.default.copyItem(atPath: dir.file("greeting.md"), toPath: dir.file("greeting-copy.md"))
        XCTAssertThrowsError(try ScriptLibrary.load(directory: dir.path)) { e in
            let message = String(describing: e)
            XCTAssertTrue(message.contains("greeting-copy.md") && message.contains("greeting.md:1"), message)
        }
    }

    func testANoteMadeFromAScriptRecordsItsIdAndVersion() throws {
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let f = try t.desk.script("claim-waits-holiday", for: c.number, library: .shipped, actor: t.op)
        try t.desk.act(c.number, .note, ActionInput(note: f.text, script: f.use(savedText: f.text)), actor: t.op)
        let edited = f.text.replacingOccurrences(of: "请您谅解", with: "请您多多谅解")
        try t.desk.act(c.number, .contact, ActionInput(note: edited, script: f.use(savedText: edited)), actor: t.op)
        let events = try t.desk.detail(c.number).1
        let note = try XCTUnwrap(events.first { $0.action == "note" })
        XCTAssertEqual(note.detail["script"], "claim-waits-holiday")
        XCTAssertEqual(note.detail["script_version"], "1")
        XCTAssertEqual(note.detail["script_language"], "zh")
        XCTAssertEqual(note.detail["script_edited"], "no")
        XCTAssertEqual(note.detail["note"], f.text)
        let contact = try XCTUnwrap(events.first { $0.action == "contact" })
        XCTAssertEqual(contact.detail["script_edited"], "yes")
        XCTAssertEqual(contact.detail["note"], edited)
        // Only a note or a contact records a script, and only a script's shape of id.
        XCTAssertThrowsError(try t.desk.act(c.number, .withdraw, ActionInput(reason: "r", script: f.use(savedText: "")), actor: t.op))
        XCTAssertThrowsError(try t.desk.act(c.number, .note, ActionInput(note: "n", script: ScriptUse(id: "../x", version: 1, language: "zh", edited: false)), actor: t.op))
        XCTAssertEqual(try t.desk.detail(c.number).1.count, events.count, "nothing recorded for the refused ones")
    }

    func testPersonalDataFillsOnlyAsTheMaskShowsUnlessRevealedForTheFill() throws {
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        var d = t.draft()
        d.name = "欧阳娜娜"
        d.policyNumber = "P440012345678"
        let c = try t.desk.intake(d, actor: t.op)
        let masked = try t.desk.script("first-contact", for: c.number, library: .shipped, options: ScriptFillOptions(title: .ms), actor: t.op)
        XCTAssertTrue(masked.text.hasPrefix("尊敬的客户您好"), "a compound surname needs more than the mask shows: \(masked.text)")
        XCTAssertEqual(masked.disclosure, .masked)
        let revealed = try t.desk.script("first-contact", for: c.number, library: .shipped,
                                         options: ScriptFillOptions(title: .ms, revealReason: "回电时称呼客户"), actor: t.op)
        XCTAssertTrue(revealed.text.hasPrefix("欧阳女士您好"), revealed.text)
        let reveal = try XCTUnwrap(try t.desk.detail(c.number).1.last)
        XCTAssertEqual(reveal.action, "reveal")
        XCTAssertEqual(reveal.detail["reason"], "回电时称呼客户")
        XCTAssertEqual(CustomerName.surname("张三", .masked), "张", "the family name the mask keeps")
        XCTAssertNil(CustomerName.surname("John Smith", .masked), "a Latin name's surname is not its first letter")
        XCTAssertEqual(CustomerName.surname("John Smith", .revealed), "Smith")
        // A handler may not reveal what the role table does not allow: the crisis group cannot.
        XCTAssertThrowsError(try t.desk.script("first-contact", for: c.number, library: .shipped,
                                               options: ScriptFillOptions(revealReason: "x"), actor: Actor(name: "huangwei")))
        XCTAssertEqual(try t.desk.detail(c.number).1.filter { $0.action == "reveal" }.count, 1)
    }

    func testTheScriptWrittenForTheSituationComesFirst() throws {
        let t = try TestDesk(now: "2026-02-17T10:00:00+08:00")
        let claim = try t.desk.intake(t.draft(), actor: t.op)
        let ranked = try t.desk.scripts(for: claim.number, library: .shipped, actor: t.op)
        XCTAssertEqual(ranked.first?.script.id, "claim-waits-holiday", ranked.map(\.script.id).description)
        XCTAssertTrue(ranked.allSatisfy { $0.script.language == "zh" })
        XCTAssertFalse(ranked.contains { $0.script.id.hasPrefix("crisis-") }, "no crisis event, no crisis script")
        XCTAssertEqual(ranked.map(\.score), ranked.map(\.score).sorted { ($0 ?? 0) > ($1 ?? 0) })

        // A working day: the holiday script is not offered.
        let weekday = try TestDesk(now: "2026-02-25T10:00:00+08:00")
        let c2 = try weekday.desk.intake(weekday.draft(), actor: weekday.op)
        XCTAssertFalse(try weekday.desk.scripts(for: c2.number, library: .shipped, actor: weekday.op).contains { $0.script.id == "claim-waits-holiday" })

        // The English customer gets English; a repeat complaint's script leads; the media
        // statement is for team leads and the crisis group only.
        var d = t.draft(phone: "13900001111")
        d.language = "en"
        d.people = 6
        let group = try t.desk.intake(d, actor: t.op, repeatOf: claim.number, proposingCrisis: true).case
        let forOperator = try t.desk.scripts(for: group.number, library: .shipped, actor: t.op)
        XCTAssertTrue(forOperator.allSatisfy { $0.script.language == "en" })
        XCTAssertEqual(forOperator.first?.script.id, "claim-waits-holiday")
        XCTAssertTrue(forOperator.contains { $0.script.id == "repeat-complaint" })
        XCTAssertTrue(forOperator.contains { $0.script.id == "crisis-outlet" })
        XCTAssertFalse(forOperator.contains { $0.script.id == "crisis-media" })
        XCTAssertTrue(try t.desk.scripts(for: group.number, library: .shipped, actor: t.lead).contains { $0.script.id == "crisis-media" })
        let event = try XCTUnwrap(try t.desk.crisisEvents().first?.id)
        let board = try t.desk.crisisScripts(event: event, library: .shipped, actor: t.lead)
        XCTAssertEqual(Set(board.map(\.script.id)), ["crisis-outlet", "crisis-media", "crisis-regulator"])
        XCTAssertTrue(board.first { $0.script.id == "crisis-regulator" }!.text.contains("涉及6名客户"), board.map(\.text).description)
    }
}
