import DeskTestSupport
import Foundation
import XCTest

/// The command line speaks the reader's language: a mistyped command, a usage error, a refusal and
/// a confirmation come in Chinese under a Chinese locale or `--lang zh`, and stay English under an
/// English one (docs/console-reading.md, "Language").
final class CommandLineLanguageTests: XCTestCase {
    var dir: ScratchDirectory!
    var base: [String] = []

    override func setUpWithError() throws {
        guard !ConsoleProcess.binary.isEmpty else { throw XCTSkip("the console binary was not found next to the test bundle") }
        dir = ScratchDirectory("cli-language")
        base = ["--db", dir.file("desk.sqlite"), "--now", "2026-02-17T21:30:00+08:00"]
    }

    func console(_ args: [String], lang: String) throws -> ConsoleProcess.Outcome {
        try ConsoleProcess.run([ConsoleProcess.binary] + args + base,
                               environment: ["LANG": lang, "LC_ALL": lang, "CONSOLE_CONFIG_DIR": dir.file("config"), "NO_COLOR": "1"])
    }

    /// English words left in `text` once option names, values typed by the test, paths and
    /// command names are set aside.
    static func englishWords(_ text: String) -> [String] {
        var t = text
        for pattern in [#"'[^']*'"#, #"`[^`]*`"#, #""[^"]*""#, #"--[a-z][a-z-]*"#, #"/[^\s：）]*"#, #"console( [a-z][a-z-]*)*"#,
                        #"<[a-z-]+>"#, #"\[[^\]]*\]"#] {
            t = t.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return t.matches(of: /[A-Za-z][A-Za-z]+/).map { String($0.output) }
    }

    func testParserAndUsageErrorsAreChineseUnderAChineseLocale() throws {
        let mistakes: [(args: [String], expect: String)] = [
            (["list", "--bogus"], "没有选项 '--bogus'"),
            (["list", "--opn"], "没有选项 '--opn'，是不是 '--open'？"),
            (["show"], "缺少参数"),
            (["list", "extra"], "多出参数 'extra'"),
            (["list", "--limit"], "缺少取值"),
            (["list", "--limit", "many"], "不接受取值 'many'"),
            (["report", "summary", "--from", "2026-02-15", "--to", "2026-02-23", "--json", "--csv"], "--json 与 --csv 只能选一个"),
            (["assign", "--dry-run"], "请给出案件号和 --to"),
            (["list", "--lang", "fr"], "--lang：应为 zh 或 en"),
        ]
        for m in mistakes {
            let zh = try console(m.args, lang: "zh_CN.UTF-8")
            XCTAssertEqual(zh.status, 64, "\(m.args): \(zh)")
            XCTAssertTrue(zh.stderr.contains(m.expect), "\(m.args): expected 「\(m.expect)」 in\n\(zh.stderr)")
            XCTAssertFalse(zh.stderr.contains("Error:") || zh.stderr.contains("Usage:") || zh.stderr.contains("for more information"),
                           "\(m.args): English frame left:\n\(zh.stderr)")
            XCTAssertEqual(Self.englishWords(zh.stderr).filter { !["zh", "en"].contains($0) }, [],
                           "\(m.args): English words in\n\(zh.stderr)")
            // The same mistake under an English locale reads as before.
            let en = try console(m.args, lang: "C.UTF-8")
            XCTAssertEqual(en.status, 64)
            XCTAssertTrue(en.stderr.hasPrefix("Error: "), "\(m.args): \(en.stderr)")
            XCTAssertTrue(en.stderr.contains("Usage: console"), "\(m.args): \(en.stderr)")
        }
        // --lang zh wins over an English locale, wherever it stands.
        let forced = try console(["list", "--bogus", "--lang", "zh"], lang: "C.UTF-8")
        XCTAssertTrue(forced.stderr.contains("没有选项 '--bogus'"), forced.stderr)
        // Help is asked for, not an error: printed as the parser writes it, on standard output.
        let help = try console(["list", "--help"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("USAGE:"), help.stdout)
    }

    func testRefusalsAndConfirmationsOfTheDesksOwnCommandsAreChinese() throws {
        let login = OSLoginName.current
        let made = try console(["init", "--admin", login], lang: "zh_CN.UTF-8")
        XCTAssertEqual(made.status, 0, "\(made)")
        XCTAssertTrue(made.output.contains("已添加 \(login) 为首位管理员"), made.output)
        let added = try console(["users", "add", "zhoufang", "--display", "周芳", "--team", "值班组", "--role", "operator"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(added.status, 0, "\(added)")
        XCTAssertTrue(added.stdout.contains("已添加 zhoufang"), added.stdout)
        XCTAssertEqual(Self.englishWords(added.stdout).filter { $0 != "zhoufang" }, [], added.stdout)

        let roster = try console(["users", "list"], lang: "zh_CN.UTF-8")
        XCTAssertTrue(roster.stdout.contains("登录名") && roster.stdout.contains("值班员"), roster.stdout)
        XCTAssertEqual(Self.englishWords(roster.stdout).filter { ![login, "zhoufang"].contains($0) }, [], roster.stdout)
        let shifts = try console(["users", "shift", "list"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(shifts.status, 0, "\(shifts)")
        XCTAssertEqual(Self.englishWords(shifts.stdout).filter { ![login, "zhoufang"].contains($0) }, [], shifts.stdout)

        let both = try console(["list", "--open", "--closed"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("--open 与 --closed 不能同用"), both.stderr)
        let badFormat = try console(["export", "--format", "xml"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(badFormat.status, 2)
        XCTAssertTrue(badFormat.stderr.contains("--format：应为 csv、jsonl 或 json"), badFormat.stderr)
        let noFile = try console(["import", dir.file("absent.csv")], lang: "zh_CN.UTF-8")
        XCTAssertEqual(noFile.status, 2)
        XCTAssertTrue(noFile.stderr.contains("无法读取该文件"), noFile.stderr)
        // The same refusal in English under an English locale.
        let enBoth = try console(["list", "--open", "--closed"], lang: "C.UTF-8")
        XCTAssertTrue(enBoth.stderr.contains("--open and --closed exclude each other"), enBoth.stderr)

        // A case's complainant language by name, as the case screen says it (taken in by the operator).
        XCTAssertEqual(try console(["users", "allow-switch", "on"], lang: "zh_CN.UTF-8").status, 0)
        let added2 = try console(["add", "--user", "zhoufang", "--summary", "理赔款未到账", "--phone", "13812345678", "--branch", "上海分公司", "--category", "claims",
                                  "--line", "travel", "--product", "航班延误险", "--channel", "hotline", "--json"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(added2.status, 0, "\(added2)")
        let number = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(added2.stdout.utf8)) as? [String: Any])?["number"] as? String)
        let shownZh = try console(["show", number, "--user", "zhoufang"], lang: "zh_CN.UTF-8")
        XCTAssertTrue(shownZh.stdout.contains("中文"), shownZh.stdout)
        XCTAssertFalse(shownZh.stdout.contains(" zh\n"), shownZh.stdout)
        XCTAssertTrue(try console(["show", number, "--user", "zhoufang"], lang: "C.UTF-8").stdout.contains("Chinese"))

        // The holiday summary's text: headings, figures' names and definitions in Chinese.
        let summary = try console(["report", "summary", "--from", "2026-02-15", "--to", "2026-02-23"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(summary.status, 0, "\(summary)")
        XCTAssertTrue(summary.stdout.hasPrefix("定期汇总 2026-02-15 – 2026-02-23：共受理 1 件"), summary.stdout)
        XCTAssertTrue(summary.stdout.contains("理赔") && summary.stdout.contains("口径："), summary.stdout)
        XCTAssertEqual(Self.englishWords(summary.stdout), [], summary.stdout)

        // The period's metrics and the per-handler table: headings, units and every definition in
        // Chinese (the figures' names stay bilingual); JSON keeps its English keys and formulas.
        let metrics = try console(["report", "metrics", "--period", "2026-02"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(metrics.status, 0, "\(metrics)")
        for expected in ["指标 2026-02（2026-02-01 – 2026-02-28）；上期 2026-01", "分子 / 分母", "口径", "时限内办结的环节数 / 已办结的环节数",
                         "件/亿元保费", "工作小时", "及时：已办结", "占比：按最大余数法", "渠道", "热线", "有效投诉 / 报案数"] {
            XCTAssertTrue(metrics.stdout.contains(expected), "「\(expected)」 missing from\n\(metrics.stdout)")
        }
        for english in ["handled within deadline", "largest-remainder", "policies in force", "numerator", "working hours", "hotline", "on time:"] {
            XCTAssertFalse(metrics.stdout.contains(english), "「\(english)」 left in\n\(metrics.stdout)")
        }
        let metricsJSON = try console(["report", "metrics", "--period", "2026-02", "--json"], lang: "zh_CN.UTF-8")
        XCTAssertTrue(metricsJSON.stdout.contains("handled within deadline / handled"), metricsJSON.stdout)
        let handlers = try console(["report", "handler", "--period", "2026-02"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(handlers.status, 0, "\(handlers)")
        XCTAssertTrue(handlers.stdout.hasPrefix("处理人 2026-02（2026-02-01 – 2026-02-28）"), handlers.stdout)
        XCTAssertTrue(handlers.stdout.contains("及时率 %") && handlers.stdout.contains("合计"), handlers.stdout)
        XCTAssertEqual(Self.englishWords(handlers.stdout).filter { ![login, "zhoufang"].contains($0) }, [], handlers.stdout)
        let handlersEn = try console(["report", "handler", "--period", "2026-02"], lang: "C.UTF-8")
        XCTAssertTrue(handlersEn.stdout.hasPrefix("per handler 2026-02") && handlersEn.stdout.contains("on time %"), handlersEn.stdout)

        let verify = try console(["audit", "verify"], lang: "zh_CN.UTF-8")
        XCTAssertEqual(verify.status, 0, "\(verify)")
        XCTAssertTrue(verify.stdout.hasPrefix("完好："), verify.stdout)
        XCTAssertTrue(verify.stdout.contains("文件："), verify.stdout)
    }

    func testTheCheckFindsEnglish() {
        XCTAssertEqual(Self.englishWords("错误：没有选项 '--bogus'\n用法：console list [<options>]"), [])
        XCTAssertEqual(Self.englishWords("错误：Unknown option '--bogus'"), ["Unknown", "option"])
    }
}
