import DeskTestSupport
import Foundation
import XCTest

/// `console list` under its page says how many cases match: the exact number up to a thousand,
/// "more than 1000" past it, and `--count` the exact number always (docs/search-index.md,
/// "Counts past a thousand"). The real binary on a 1,200-case demo desk.
final class ListCountCLITests: XCTestCase {
    func testTheFooterIsExactUpToAThousandAndCountIsAlwaysExact() throws {
        let console = ConsoleProcess.binary
        guard !console.isEmpty else { throw XCTSkip("the console binary was not found next to the test bundle") }
        let scratch = ScratchDirectory("list-count")
        let desk = ["--db", scratch.file("desk.sqlite"), "--now", "2026-02-17T21:30:00+08:00"]
        let demo = try ConsoleProcess.run([console, "demo", "--cases", "1200"] + desk, timeout: 300)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        func run(_ args: [String], lang: String = "C.UTF-8") throws -> String {
            let out = try ConsoleProcess.run([console] + args + desk, environment: ["LANG": lang, "LC_ALL": lang, "NO_COLOR": "1"])
            XCTAssertEqual(out.status, 0, "\(args): \(out.stderr)")
            return out.stdout
        }
        func exact(_ term: String) throws -> Int {
            let n = Int(try run(["list", "--search", term, "--count"]).trimmingCharacters(in: .whitespacesAndNewlines))
            let listed = try JSONSerialization.jsonObject(with: Data(try run(["list", "--search", term, "--json"]).utf8)) as? [Any]
            XCTAssertEqual(n, listed?.count, "--count of \(term) is the number of cases listed")
            return n ?? -1
        }

        // 。 ends every case's first sentence: more than a thousand.
        let common = try exact("。")
        XCTAssertGreaterThan(common, 1000)
        let footer = try run(["list", "--search", "。"]).split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertEqual(footer, "(200 of more than 1000; use --limit and --offset for more, --count for the exact number)")
        let zh = try run(["list", "--search", "。", "--lang", "zh"]).split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertEqual(zh, "（超过 1000 件，显示 200 件；用 --limit 和 --offset 查看更多，--count 查看确切件数）")

        // A rarer word: its exact number, the same as --count.
        let some = try run(["list", "--search", "保", "--limit", "3"]).split(separator: "\n").last.map(String.init) ?? ""
        let n = try exact("保")
        XCTAssertTrue(n > 3 && n <= 1000, "保 matches \(n)")
        XCTAssertEqual(some, "(3 of \(n); use --limit and --offset for more)")

        // The roster's list is `console users` alone too, as `handover` shows by itself.
        let roster = try run(["users", "list"])
        XCTAssertTrue(roster.contains("wangmin"), roster)
        XCTAssertEqual(try run(["users"]), roster)
    }
}
