import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// Snapshots of the casework screens (case screen with its action bar and a form, intake form with
/// repeat suggestions, crisis board) at 80×24 and 140×45 in Chinese and English. Read-only on the
/// shared demo desk: no form is sent.
final class WorkSnapshotTests: XCTestCase {
    func each(_ body: (Int, Int, Language) throws -> Void) rethrows {
        for (w, h) in ScreenSnapshotTests.sizes { for lang in [Language.zh, .en] { try body(w, h, lang) } }
    }

    func check(_ p: ConsoleProgram, _ name: String, width: Int, height: Int) {
        assertSnapshot(p.screen, named: name)
        XCTAssertEqual(p.screen.count, height)
        for line in p.screen { XCTAssertLessThanOrEqual(DisplayWidth.of(line), width, "a line overflows: \(line)") }
    }

    /// The open case nearest its deadline with a phone number (personal data to mask).
    func caseNumber(_ desk: CaseDesk) throws -> String {
        try desk.store.read { db in
            var f = CaseFilter(); f.openness = .open; f.sort = .due; f.limit = 50
            return try CaseRecords.list(f, db).first { !$0.complainant.phone.isEmpty && $0.repeatCount > 1 }?.number
                ?? CaseRecords.list(f, db).first!.number
        }
    }

    func testCaseScreen() throws {
        let desk = try Fixture.sharedDesk()
        let number = try caseNumber(desk)
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.perform([.loadCase(number)])
            XCTAssertEqual(p.state.screen, .caseView)
            check(p, "case-\(lang.rawValue)-\(w)x\(h)", width: w, height: h)
            p.press("e")
            XCTAssertNotNil(p.state.form)
            p.type("需调取医院资料"); p.press("Tab"); p.type("next week"); p.press("C-s")
            check(p, "case-extend-form-\(lang.rawValue)-\(w)x\(h)", width: w, height: h)
        }
    }

    func testIntakeForm() throws {
        let desk = try Fixture.sharedDesk()
        let phone = try desk.store.read { db -> String in
            var f = CaseFilter(); f.openness = .open; f.sort = .due; f.limit = 50
            return try CaseRecords.list(f, db).first { !$0.complainant.phone.isEmpty }!.complainant.phone
        }
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.press("n")
            XCTAssertEqual(p.state.screen, .intake)
            p.focus("name"); p.type("张三")
            p.press("Tab"); p.type(phone)
            XCTAssertFalse(p.state.intake.suggestions.isEmpty)
            check(p, "intake-\(lang.rawValue)-\(w)x\(h)", width: w, height: h)
        }
    }

    func testCrisisBoard() throws {
        let desk = try Fixture.sharedDesk()
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.press("X")
            XCTAssertEqual(p.state.screen, .crisisBoard)
            check(p, "crisis-\(lang.rawValue)-\(w)x\(h)", width: w, height: h)
        }
    }
}
