import CaseModel
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// Screen snapshots through the text backend: dashboard, queue and help, at 80×24 and 140×45, in
/// Chinese and English, on the demo desk at a fixed instant.
final class ScreenSnapshotTests: XCTestCase {
    static let sizes = [(80, 24), (140, 45)]

    func testDashboard() throws {
        let desk = try Fixture.sharedDesk()
        for (w, h) in Self.sizes {
            for lang in [Language.zh, .en] {
                let p = Fixture.program(desk, width: w, height: h, language: lang)
                assertSnapshot(p.screen, named: "dashboard-\(lang.rawValue)-\(w)x\(h)")
                XCTAssertEqual(p.screen.count, h)
                for line in p.screen { XCTAssertLessThanOrEqual(DisplayWidth.of(line), w, "a line overflows: \(line)") }
            }
        }
    }

    func testQueue() throws {
        let desk = try Fixture.sharedDesk()
        for (w, h) in Self.sizes {
            for lang in [Language.zh, .en] {
                let p = Fixture.program(desk, width: w, height: h, language: lang)
                p.press("u", "j", "j", "Space", "Space")
                XCTAssertEqual(p.state.screen, .queue)
                assertSnapshot(p.screen, named: "queue-\(lang.rawValue)-\(w)x\(h)")
                for line in p.screen { XCTAssertLessThanOrEqual(DisplayWidth.of(line), w, "a line overflows: \(line)") }
            }
        }
    }

    func testHelp() throws {
        let desk = try Fixture.sharedDesk()
        for (w, h) in Self.sizes {
            for lang in [Language.zh, .en] {
                let p = Fixture.program(desk, width: w, height: h, language: lang)
                p.press("u", "?")
                XCTAssertEqual(p.state.screen, .help)
                assertSnapshot(p.screen, named: "help-queue-\(lang.rawValue)-\(w)x\(h)")
            }
        }
    }

    func testTooSmallTerminalSaysSo() throws {
        let p = Fixture.program(try Fixture.sharedDesk(), width: 60, height: 20)
        XCTAssertTrue(p.screen.joined().contains("请放大终端窗口"), p.screen.joined(separator: "\n"))
        p.send(.resize(width: 80, height: 24))
        XCTAssertTrue(p.screen[0].contains("投诉值班台"))
    }

    func testHostileCaseTextNeverReachesTheScreenRaw() throws {
        let desk = try Fixture.makeDesk(cases: 30)
        var draft = CaseDraft()
        draft.summary = "\u{1B}]0;pwned\u{07}\u{1B}[2J终端攻击"
        draft.name = "张三\u{1B}[31m"
        draft.category = "claims"
        let c = try desk.intake(draft, actor: Actor(name: Fixture.user))
        let p = Fixture.program(desk, width: 140, height: 45)
        p.press("u", "/")
        for ch in c.number { p.send(.key(.char(ch))) }
        p.press("Enter")
        let buffer = ConsoleView.render(p.state)
        for cell in buffer.cells {
            XCTAssertFalse(cell.text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) },
                           "a control character reached the cell buffer")
        }
        XCTAssertTrue(p.screen.joined().contains("␛]0;pwned"), p.screen.joined(separator: "\n"))
    }

    func testWideCharactersAreNeverCutInHalf() {
        var b = CellBuffer(width: 7, height: 1)
        b.put("理赔款两周未到账", x: 0, y: 0)
        XCTAssertEqual(TextBackend.lines(b), ["理赔款…"])
        var c = CellBuffer(width: 5, height: 1)
        c.put("ab理赔", x: 0, y: 0)
        XCTAssertEqual(TextBackend.lines(c), ["ab理…"])
        c.put("x", x: 3, y: 0) // overwrite the second half of 理: its first half becomes a blank
        XCTAssertEqual(TextBackend.lines(c), ["ab x…"])
    }
}
