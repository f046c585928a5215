import CaseModel
import ConsoleTestSupport
import Foundation
import GRDB
import XCTest

/// The real console in tmux, pasted into as an operator pastes a customer's WeChat message: tmux's
/// `paste-buffer -p` sends it as a bracketed paste, which must land in 摘要 whole and run nothing.
extension EndToEndTests {
    func testAPastedMultiLineChineseMessageIsSavedWholeAndRunsNothing() throws {
        let message = "您好，我是张女士，车险理赔款两周没到账\nW\n我不想再等了，yes\ny"
        func counts() throws -> (all: Int, withdrawn: Int) {
            let store = try CaseStore(path: db)
            return try store.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM cases")!,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE status = 'withdrawn'")!)
            }
        }
        let before = try counts()
        try start(width: 80, height: 24, lang: "zh")
        try waitFor("the dashboard") { $0.contains("在岗") }
        try keys("e2e", "n")
        try waitFor("the intake form") { $0.contains("新建投诉") && $0.contains("摘要") }
        for _ in 0..<10 { try keys("e2e", "Tab") }
        try tmux("set-buffer", "-b", "wechat", message)
        try tmux("paste-buffer", "-p", "-b", "wechat", "-t", "e2e")
        try waitFor("the paste in 摘要") { $0.contains("我不想再等了") && $0.contains("\(message.count)/1000") }
        usleep(300_000)
        let pasted = try screen()
        XCTAssertTrue(pasted.contains("新建投诉"), "still on the form: \(pasted)")
        XCTAssertFalse(pasted.contains("撤诉"), "nothing opened 撤诉: \(pasted)")
        XCTAssertEqual(try counts().all, before.all, "nothing saved by the paste's line breaks")
        try keys("e2e", "C-s")
        let saved = try waitFor("the saved case") { $0.contains("已受理") }
        let number = try XCTUnwrap(number(after: "已受理", in: saved), saved)
        let store = try CaseStore(path: db)
        let c = try XCTUnwrap(try store.read { db in try CaseRecords.fetch(number: number, db) })
        XCTAssertEqual(c.summary, message, "the saved text equals the paste")
        XCTAssertEqual(c.status, .received)
        XCTAssertEqual(try actions(number), ["intake"], "nothing else happened to it")
        let after = try counts()
        XCTAssertEqual(after.all, before.all + 1)
        XCTAssertEqual(after.withdrawn, before.withdrawn, "nothing was withdrawn")
    }
}
