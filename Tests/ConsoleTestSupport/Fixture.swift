import CaseModel
import ConsoleUI
import Foundation

/// Shared fixtures for the console's tests: a small deterministic demo desk and a program over it
/// at a fixed instant.
public enum Fixture {
    /// The instant every screen test stands at: the evening of 2026-02-17 (Spring Festival).
    public static let now = DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!
    /// The same instant as `--now` takes it.
    public static let nowText = "2026-02-17T21:30:00+08:00"
    /// The demo's team lead the tests act as.
    public static let user = "wangmin"

    /// One directory per test process for every fixture database, removed when the process exits
    /// (the desks stay open until then, so no test can remove its own).
    public static let root: URL = {
        let r = FileManager.default.temporaryDirectory.appendingPathComponent("cdc-ui-run-\(getpid())")
        try? FileManager.default.createDirectory(at: r, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Fixture.root) }
        return r
    }()

    /// A fresh demo database (400 cases, seed 7) in a temporary directory; returns the desk.
    public static func makeDesk(cases: Int = 400) throws -> CaseDesk {
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
    public static func sharedDesk() throws -> CaseDesk {
        if let d = shared { return d }
        let d = try makeDesk()
        shared = d
        return d
    }

    /// A started program over a desk at a terminal size.
    public static func program(_ desk: CaseDesk, width: Int = 80, height: Int = 24, language: Language = .zh,
                               readOnly: Bool = false) -> ConsoleProgram {
        program(CaseModelDataSource(desk: desk, actor: Actor(name: user)), width: width, height: height, language: language, readOnly: readOnly)
    }

    /// A started program over any data source (a stand-in such as `FakeDesk`).
    public static func program(_ data: any DeskDataSource, width: Int = 80, height: Int = 24, language: Language = .zh,
                               readOnly: Bool = false) -> ConsoleProgram {
        let settings = ConsoleSettings(language: language, readOnly: readOnly, userName: user)
        let p = ConsoleProgram(state: ConsoleState(settings: settings, now: now, width: width, height: height), data: data)
        p.start()
        return p
    }
}
