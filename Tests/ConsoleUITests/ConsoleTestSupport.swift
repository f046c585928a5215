import CaseModel
import Foundation
import XCTest
@testable import ConsoleUI
import TerminalKit

/// Shared fixtures: a small deterministic demo desk, a program over it at a fixed instant, and
/// snapshot assertions with a readable diff.
enum Fixture {
    /// The instant every screen test stands at: the evening of 2026-02-17 (Spring Festival).
    static let now = DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!
    static let user = "wangmin"

    /// One directory per test process for every fixture database, removed when the process exits
    /// (the desks stay open until then, so no test can remove its own).
    static let root: URL = {
        let r = FileManager.default.temporaryDirectory.appendingPathComponent("cdc-ui-run-\(getpid())")
        try? FileManager.default.createDirectory(at: r, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Fixture.root) }
        return r
    }()

    /// A fresh demo database (400 cases, seed 7) in a temporary directory; returns the desk.
    static func makeDesk(cases: Int = 400) throws -> CaseDesk {
        let dir = root.appendingPathComponent("desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try CaseStore(path: dir.appendingPathComponent("desk.sqlite").path)
        let desk = CaseDesk(store: store, clock: FixedClock(now))
        _ = try DemoGenerator(seed: 7, cases: cases, from: CivilDate(year: 2026, month: 2, day: 13)!,
                              to: CivilDate(year: 2026, month: 2, day: 23)!).fill(desk, actor: Actor(name: user))
        return desk
    }

    /// A read-only desk shared by the snapshot tests (built once per test run).
    nonisolated(unsafe) static var shared: CaseDesk?
    static func sharedDesk() throws -> CaseDesk {
        if let d = shared { return d }
        let d = try makeDesk()
        shared = d
        return d
    }

    /// A started program over a desk at a terminal size.
    static func program(_ desk: CaseDesk, width: Int = 80, height: Int = 24, language: Language = .zh,
                        readOnly: Bool = false) -> ConsoleProgram {
        let settings = ConsoleSettings(language: language, readOnly: readOnly, userName: user)
        let p = ConsoleProgram(state: ConsoleState(settings: settings, now: now, width: width, height: height),
                               data: CaseModelDataSource(desk: desk, actor: Actor(name: user)))
        p.start()
        return p
    }
}

extension ConsoleProgram {
    /// Sends keys by name (`"j"`, `"Enter"`, `"Space"`).
    func press(_ names: String...) {
        for n in names { send(.key(Key.parse(n)!)) }
    }

    /// The screen as text lines.
    var screen: [String] { TextBackend.lines(ConsoleView.render(state)) }
}

/// Compares a screen with `__Snapshots__/NAME.txt`; `UPDATE_SNAPSHOTS=1` records instead.
/// On a difference the failure shows each differing line, expected and actual, numbered.
func assertSnapshot(_ lines: [String], named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = dir.appendingPathComponent(name + ".txt")
    let actual = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(name).txt; run with UPDATE_SNAPSHOTS=1 to record it. Screen:\n\(actual)", file: file, line: line)
        return
    }
    if expected == actual { return }
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var diff: [String] = []
    for i in 0..<max(e.count, a.count) {
        let el = i < e.count ? e[i] : "<none>"
        let al = i < a.count ? a[i] : "<none>"
        if el != al {
            diff.append(String(format: "%3d - %@", i + 1, el))
            diff.append(String(format: "%3d + %@", i + 1, al))
        }
    }
    XCTFail("screen differs from \(name).txt (- expected, + actual; UPDATE_SNAPSHOTS=1 re-records):\n" + diff.joined(separator: "\n"),
            file: file, line: line)
}

extension ConsoleProgram {
    /// Types text into whatever has the keys (a form field, the command line), one character at a time.
    func type(_ text: String) { for ch in text { send(.key(.char(ch))) } }
}

/// Reads as the fixture's team lead (the product's reads all take an actor).
extension CaseDesk {
    func detail(_ number: String) throws -> (ComplaintCase, [CaseEvent]) { try detail(number, actor: Actor(name: Fixture.user)) }
    func crisisEvent(_ id: Int64) throws -> CrisisEvent { try crisisEvent(id, actor: Actor(name: Fixture.user)) }
    func crisisEvents(activeOnly: Bool = false) throws -> [CrisisEvent] { try crisisEvents(activeOnly: activeOnly, actor: Actor(name: Fixture.user)) }
}
