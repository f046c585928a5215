import CaseModel
import ConsoleTestSupport
import DeskTestSupport
import Foundation
import GRDB
import XCTest

/// The real console in tmux killed with `kill -9` in the middle of an intake, as a crash or a
/// closed laptop would end it: the half-filled form was kept as a draft, and the next start
/// offers it back with its fields (docs/console-input.md, "Drafts").
extension EndToEndTests {
    func testAKilledIntakeLeavesADraftThatTheNextStartRestores() throws {
        let summary = "除夕夜来电：车险理赔款两周未到账"
        func draftRows() throws -> Int {
            let store = try CaseStore(path: db)
            return try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM drafts")! }
        }
        let casesBefore = try CaseStore(path: db).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases")! }
        try start(width: 80, height: 24, lang: "zh")
        try waitFor("the dashboard") { $0.contains("在岗") }
        try keys("e2e", "n")
        try waitFor("the intake form") { $0.contains("新建投诉") && $0.contains("摘要") }
        for _ in 0..<10 { try keys("e2e", "Tab") }
        try keys("e2e", "-l", summary)
        try waitFor("the typed summary") { $0.contains("除夕夜来电") }
        // The form is kept on the console's next tick; wait for the row, then kill without warning.
        let deadline = Date().addingTimeInterval(8)
        while try draftRows() == 0, Date() < deadline { usleep(100_000) }
        XCTAssertEqual(try draftRows(), 1, "the half-filled form was kept before the kill")
        let pid = try consolePID()
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        try waitFor("the killed console's exit") { $0.contains("EXIT=137") }
        terminal.kill()
        // A new terminal, a new console: the intake form opens with the draft.
        terminal = TmuxConsole(tag: "e2e2", test: self)
        try start(width: 80, height: 24, lang: "zh")
        try waitFor("the dashboard again") { $0.contains("在岗") }
        try keys("e2e", "n")
        let restored = try waitFor("the restored draft") { $0.contains("已恢复") && $0.contains("除夕夜来电") }
        XCTAssertTrue(restored.contains("新建投诉"), restored)
        try keys("e2e", "C-s")
        let saved = try waitFor("the saved case") { $0.contains("已受理") }
        let number = try XCTUnwrap(number(after: "已受理", in: saved), saved)
        let c = try XCTUnwrap(try CaseStore(path: db).read { db in try CaseRecords.fetch(number: number, db) })
        XCTAssertEqual(c.summary, summary, "the restored field holds exactly what was typed before the kill")
        XCTAssertEqual(try CaseStore(path: db).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases")! }, casesBefore + 1)
        XCTAssertEqual(try draftRows(), 0, "saved: the draft is gone")
    }

    /// Through a real terminal: Alt-b (Esc then b from tmux) moves a word back over Chinese text,
    /// and C-c on the dashboard asks before the console ends.
    func testAltBMovesAWordAndCcAsksBeforeQuitting() throws {
        try start(width: 80, height: 24, lang: "zh")
        try waitFor("the dashboard") { $0.contains("在岗") }
        try keys("e2e", "n")
        try waitFor("the intake form") { $0.contains("新建投诉") && $0.contains("摘要") }
        for _ in 0..<10 { try keys("e2e", "Tab") }
        try keys("e2e", "-l", "客户来电，理赔款未到账")
        try waitFor("the summary") { $0.contains("理赔款未到账") }
        try keys("e2e", "M-b")
        try keys("e2e", "-l", "【急】")
        try waitFor("the word inserted") { $0.contains("客户来电，【急】理赔款未到账") }
        try keys("e2e", "C-s")
        let saved = try waitFor("the saved case") { $0.contains("已受理") }
        let number = try XCTUnwrap(number(after: "已受理", in: saved), saved)
        let c = try XCTUnwrap(try CaseStore(path: db).read { db in try CaseRecords.fetch(number: number, db) })
        XCTAssertEqual(c.summary, "客户来电，【急】理赔款未到账")
        try keys("e2e", "q")
        try waitFor("the dashboard again") { $0.contains("倒计时") }
        try keys("e2e", "C-c")
        try waitFor("the quit question") { $0.contains("退出值班台?") }
        try keys("e2e", "n")
        usleep(300_000)
        XCTAssertFalse(try screen().contains("EXIT="), "n keeps the console")
        try keys("e2e", "C-c"); usleep(300_000); try keys("e2e", "y")
        try waitFor("a clean exit") { $0.contains("EXIT=0") }
    }

    /// The console's pid (the child of the pane's shell whose command line names the binary).
    func consolePID(_ target: String = "e2e") throws -> pid_t {
        let pane = try tmux("display-message", "-p", "-t", target, "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        for child in try ConsoleProcess.run(["pgrep", "-P", pane]).output.split(separator: "\n") {
            let cmd = (try? String(contentsOfFile: "/proc/\(child)/cmdline", encoding: .utf8)) ?? ""
            if cmd.contains(ConsoleProcess.binary) || cmd.contains("console") { return pid_t(child)! }
        }
        XCTFail("no console process under pane \(pane)")
        return 0
    }
}
