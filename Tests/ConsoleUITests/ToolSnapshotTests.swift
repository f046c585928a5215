import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// Snapshots of the desk's tools (the script picker beside a case, the handover, the roster) at
/// 80×24 and 140×45 in Chinese and English, on the shared demo desk. Read-only: nothing is sent.
final class ToolSnapshotTests: XCTestCase {
    func each(_ body: (Int, Int, Language) throws -> Void) rethrows {
        for (w, h) in ScreenSnapshotTests.sizes { for lang in [Language.zh, .en] { try body(w, h, lang) } }
    }

    func check(_ p: ConsoleProgram, _ name: String, width: Int, height: Int) {
        assertSnapshot(p.screen, named: name)
        XCTAssertEqual(p.screen.count, height)
        for line in p.screen { XCTAssertLessThanOrEqual(DisplayWidth.of(line), width, "a line overflows: \(line)") }
    }

    func testScriptPicker() throws {
        let desk = try Fixture.sharedDesk()
        // The case the case screen's snapshots show (nearest its deadline, with a phone to mask).
        let number = try desk.store.read { db in
            var f = CaseFilter(); f.openness = .open; f.sort = .due; f.limit = 50
            return try CaseRecords.list(f, db).first { !$0.complainant.phone.isEmpty && $0.repeatCount > 1 }?.number
                ?? CaseRecords.list(f, db).first!.number
        }
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.perform([.loadCase(number)])
            p.press("t")
            XCTAssertEqual(p.state.screen, .scripts)
            XCTAssertFalse(p.state.scripts.scripts?.isEmpty ?? true, "scripts fit the demo case")
            check(p, "scripts-\(lang.rawValue)-\(w)x\(h)", width: w, height: h)
        }
    }

    func testHandover() throws {
        let desk = try Fixture.sharedDesk()
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.press("H")
            XCTAssertEqual(p.state.screen, .handover)
            check(p, "handover-\(lang.rawValue)-\(w)x\(h)", width: w, height: h)
        }
    }

    func testRoster() throws {
        let desk = try Fixture.sharedDesk()
        try each { w, h, lang in
            let p = Fixture.program(desk, width: w, height: h, language: lang)
            p.press("T")
            XCTAssertEqual(p.state.screen, .roster)
            check(p, "roster-\(lang.rawValue)-\(w)x\(h)", width: w, height: h)
        }
    }
}
