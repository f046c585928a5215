import CaseModel
import ConsoleTestSupport
import Foundation
import GRDB
import XCTest

/// The desk's tools end to end in tmux, in Chinese, as a person would use them: on a case a reply
/// script picked, a word edited and saved as a note that the timeline shows with the script named;
/// the handover read and acknowledged; a shift added on the roster. Each step checked in the
/// database (docs/scripts.md, docs/handover.md, docs/roster.md).
extension EndToEndTests {
    /// An open, unassigned-or-not general case the demo user may write a note on.
    func openGeneralCase() throws -> String {
        let store = try CaseStore(path: db)
        return try store.read { db in
            var f = CaseFilter(); f.openness = .open; f.sort = .due; f.limit = 20
            return try XCTUnwrap(CaseRecords.list(f, db).first { $0.kind != .report }?.number)
        }
    }

    /// The last event of a case, as stored.
    func lastEvent(_ number: String) throws -> CaseEvent? {
        let store = try CaseStore(path: db)
        return try store.read { db in
            guard let c = try CaseRecords.fetch(number: number, db) else { return nil }
            return try CaseRecords.events(caseId: c.id!, db).last
        }
    }

    func testAScriptBecomesAnEditedNoteTheHandoverIsAcknowledgedAndAShiftIsAdded() throws {
        try start(width: 100, height: 30, lang: "zh")
        try waitFor("the dashboard") { $0.contains("投诉值班台") }
        let number = try openGeneralCase()
        try keys("e2e", ":")
        try keys("e2e", "-l", "go \(number)")
        try keys("e2e", "Enter")
        try waitFor("the case") { $0.contains("案件 \(number)") && $0.contains("t 话术") }

        // A script, its wording edited (the last three characters replaced), saved as a note.
        try keys("e2e", "t")
        try waitFor("the script picker") { $0.contains("标准话术") && $0.contains("n 记录") }
        try keys("e2e", "n")
        try waitFor("the note form holding the script") { $0.contains("进展记录 · 话术") }
        try keys("e2e", "BSpace", "BSpace", "BSpace")
        try keys("e2e", "-l", "已核实")
        try keys("e2e", "C-s")
        try waitFor("the note saved") { $0.contains("进展记录 已保存") }
        let deadline = Date().addingTimeInterval(5)
        while try lastEvent(number)?.action != "note", Date() < deadline { usleep(50_000) }
        let note = try XCTUnwrap(try lastEvent(number))
        XCTAssertEqual(note.action, "note")
        let script = try XCTUnwrap(note.detail["script"], "\(note.detail)")
        XCTAssertEqual(note.detail["script_edited"], "yes")
        XCTAssertTrue(note.detail["note"]?.hasSuffix("已核实") == true, note.detail["note"] ?? "")
        // The timeline names the script on the note's line.
        try keys("e2e", "G")
        try waitFor("the note in the timeline with its script") { $0.contains("进展记录 [话术 \(script)") }

        // The handover, read and acknowledged by the lead taking over.
        try keys("e2e", "F11")
        try waitFor("the handover") { $0.contains("本次交接尚未确认") && $0.contains("a 确认接班") }
        try keys("e2e", "a")
        try waitFor("the acknowledgement form") { $0.contains("确认接班") && $0.contains("C-s") }
        try keys("e2e", "C-s")
        try waitFor("the confirmation") { $0.contains("将记入审计") }
        try keys("e2e", "y")
        try waitFor("acknowledged") { $0.contains("已确认接班") }
        try keys("e2e", "g")
        try waitFor("the handover says by whom") { $0.contains("本次交接已确认") }
        let store = try CaseStore(path: db)
        let acks = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE action = 'handover-ack'") ?? 0 }
        XCTAssertEqual(acks, 1)

        // A shift added on the roster.
        try keys("e2e", "F12")
        try waitFor("the roster") { $0.contains("值班表") && $0.contains("当前在岗") }
        try keys("e2e", "n")
        try waitFor("the shift form") { $0.contains("新增班次") && $0.contains("人员") }
        try keys("e2e", "-l", "张强")
        // Inside the demo's holiday window, on a day 张强 works the night (the demo roster: every
        // third day from 02-12).
        for field in ["2026-02-24 08:00", "2026-02-24 20:00"] {
            try keys("e2e", "Tab")
            for _ in 0..<20 { try keys("e2e", "BSpace") }
            try keys("e2e", "-l", field)
        }
        try keys("e2e", "C-s")
        try waitFor("the shift added") { $0.contains("班次已新增") }
        let from = try XCTUnwrap(DeskTime.standard.parse("2026-02-24T08:00:00+08:00"))
        let shifts = try store.read { db in try Roster.shifts(overlapping: from, from.adding(seconds: 12 * 3600), db) }
        XCTAssertTrue(shifts.contains { $0.userName == "zhangqiang" && $0.startsAt == from }, "\(shifts)")
    }
}
