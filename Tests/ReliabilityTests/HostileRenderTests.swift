@testable import CaseModel
import DeskTestSupport
import Foundation
import GRDB
import XCTest
@testable import ConsoleUI
import TerminalKit

/// Every string field through the console's renderer (state → view → cell buffer) with hostile
/// text: no cell may carry a terminal command, every row keeps its width, the header survives,
/// and a 100 K-character field renders quickly.
final class HostileRenderTests: XCTestCase {
    static let now = DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!
    let scratch = ScratchDirectory("hostile")

    func makeDesk() throws -> (CaseDesk, [String]) {
        let store = try CaseStore(path: scratch.file("desk.sqlite"))
        try store.write { db in
            try Roster.add(DeskUser(name: "wangmin", displayName: "王敏\u{1B}[31m", team: "理赔组\u{07}", role: .teamLead), db)
            try Roster.add(DeskUser(name: "zhangqiang", displayName: "\u{202E}强张", team: "理赔组", role: .handler), db)
        }
        let desk = CaseDesk(store: store, clock: FixedClock(Self.now))
        var numbers: [String] = []
        for (i, h) in HostileText.samples.enumerated() {
            // Intake holds each text to its limit (docs/text-limits.md); the whole text reaches the
            // file below, as another program could write it, and must still draw whole and quickly.
            var d = CaseDraft()
            d.summary = String(h.text.prefix(TextLimits.summary))
            d.details = String(h.text.prefix(TextLimits.details))
            d.demand = String(h.text.prefix(TextLimits.demand))
            d.name = String(h.text.prefix(200))
            d.product = String(h.text.prefix(200))
            d.branch = String(h.text.prefix(100))
            d.category = ["claims", "sales", "service"][i % 3]
            d.line = "auto"
            d.channel = "hotline"
            d.phone = String(format: "1381234%04d", i)
            d.people = i == 0 ? 60 : 1          // a mass incident, so the crisis ticker shows hostile text too
            d.mediaInvolved = i == 1
            d.handler = "zhangqiang"
            let c = try desk.intake(d, actor: Actor(name: "wangmin"))
            try desk.act(c.number, .note, ActionInput(note: String(h.text.prefix(TextLimits.note))), actor: Actor(name: "wangmin"))
            numbers.append(c.number)
        }
        try store.write { db in
            for (i, h) in HostileText.samples.enumerated() {
                try db.execute(sql: "UPDATE cases SET summary = ?, details = ?, demand = ? WHERE number = ?",
                               arguments: [h.text, h.text, h.text, numbers[i]])
            }
        }
        // Bytes that are not UTF-8, as another system might have written them.
        try store.write { db in
            try db.execute(sql: "UPDATE cases SET summary = CAST(X'\(HostileText.invalidUTF8Hex)' AS TEXT), name = CAST(X'\(HostileText.invalidUTF8Hex)' AS TEXT) WHERE number = ?",
                           arguments: [numbers[0]])
        }
        _ = try AlertEvaluator(desk: desk).tick(at: Self.now)
        return (desk, numbers)
    }

    func program(_ desk: CaseDesk, width: Int, height: Int, language: Language) -> ConsoleProgram {
        let settings = ConsoleSettings(language: language, readOnly: false, userName: "wangmin")
        let p = ConsoleProgram(state: ConsoleState(settings: settings, now: Self.now, width: width, height: height),
                               data: CaseModelDataSource(desk: desk, actor: Actor(name: "wangmin")))
        p.start()
        return p
    }

    /// No dangerous scalar in any cell, every wide cell followed by its continuation, each row
    /// exactly `width` cells.
    func assertSafe(_ b: CellBuffer, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for y in 0..<b.height {
            var x = 0
            while x < b.width {
                let cell = b[x, y]
                if let bad = cell.text.unicodeScalars.first(where: HostileText.isDangerous) {
                    XCTFail("\(what): U+\(String(bad.value, radix: 16)) reached the cell at \(x),\(y)", file: file, line: line)
                    return
                }
                if cell.width == 2 {
                    XCTAssertTrue(x + 1 < b.width && b[x + 1, y].width == 0, "\(what): a wide cell at \(x),\(y) has no continuation", file: file, line: line)
                    x += 2
                } else {
                    XCTAssertEqual(cell.width, 1, "\(what): a stray continuation at \(x),\(y)", file: file, line: line)
                    x += 1
                }
            }
            XCTAssertEqual(DisplayWidth.of(b.line(y)), b.width, "\(what): row \(y) is not \(b.width) cells wide", file: file, line: line)
        }
    }

    func testEveryScreenStaysIntactWithHostileText() throws {
        let (desk, numbers) = try makeDesk()
        for (w, h) in [(80, 24), (140, 45)] {
            for lang in [Language.zh, .en] {
                let p = program(desk, width: w, height: h, language: lang)
                let header = TextBackend.lines(ConsoleView.render(p.state))[0]
                XCTAssertTrue(header.contains(lang == .zh ? "投诉值班台" : "Complaint desk"), header)
                assertSafe(ConsoleView.render(p.state), "dashboard \(w)x\(h) \(lang)")
                p.press("u")
                assertSafe(ConsoleView.render(p.state), "queue \(w)x\(h) \(lang)")
                XCTAssertEqual(TextBackend.lines(ConsoleView.render(p.state)).count, h)
                for n in numbers {
                    let p = program(desk, width: w, height: h, language: lang)
                    p.press("u", "/")
                    for ch in n { p.send(.key(.char(ch))) }
                    p.press("Enter")
                    let t0 = Date()
                    p.press("Enter")
                    XCTAssertEqual(p.state.screen, .caseView, "case \(n) did not open")
                    let b = ConsoleView.render(p.state)
                    XCTAssertLessThan(Date().timeIntervalSince(t0), 2, "case \(n) took too long to open and draw")
                    assertSafe(b, "case \(n) \(w)x\(h) \(lang)")
                    XCTAssertTrue(TextBackend.text(b).contains(n), "case \(n) view lost its number")
                    // Scrolling through the timeline and fields keeps it intact.
                    p.press("PgDn", "PgDn", "G")
                    assertSafe(ConsoleView.render(p.state), "case \(n) scrolled \(w)x\(h) \(lang)")
                }
                p.press("Esc", "R")
                assertSafe(ConsoleView.render(p.state), "reports \(w)x\(h) \(lang)")
            }
        }
    }

    /// The cell buffer itself, fed raw (a view that forgot to sanitize): it must still never
    /// wrap, overflow or split a wide character, at any width down to 1.
    func testCellBufferClipsAnyStringAtAnyWidth() {
        for width in [1, 2, 3, 7, 80] {
            for h in HostileText.samples {
                var b = CellBuffer(width: width, height: 2)
                b.put(SafeText.sanitize(h.text), x: 0, y: 0)
                b.put(SafeText.sanitize(h.text), x: max(0, width - 2), y: 1, maxWidth: 5)
                assertSafe(b, "\(h.name) at width \(width)")
            }
        }
    }
}

extension ConsoleProgram {
    /// Sends keys by name (`"u"`, `"Enter"`, `"PgDn"`).
    func press(_ names: String...) {
        for n in names { send(.key(Key.parse(n)!)) }
    }
}
