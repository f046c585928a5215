import DeskTestSupport
import Foundation
import XCTest

/// `console alerts`, `console ack` by filter, `console users notify`, `console crisis list` and
/// `console assign --balance` end to end: the real binary on a fresh desk, as a cron job, a wall
/// display or a team lead at a terminal would run them.
final class AlertTriageCLITests: XCTestCase {
    var dir: ScratchDirectory!
    var base: [String] = []

    override func setUpWithError() throws {
        guard !ConsoleProcess.binary.isEmpty else { throw XCTSkip("the console binary was not found next to the test bundle") }
        dir = ScratchDirectory("alerts-cli")
        base = ["--db", dir.file("desk.sqlite")]
    }

    /// Runs the console as `user` (switched from the administrator the tests run as), by default the team lead.
    @discardableResult
    func console(_ args: [String], at now: String = "2026-02-24T09:00:00+08:00", as user: String? = "wangmin",
                 expect status: Int32? = 0) throws -> ConsoleProcess.Outcome {
        let out = try ConsoleProcess.run([ConsoleProcess.binary] + args + base + ["--now", now] + (user.map { ["--user", $0] } ?? []),
                                         environment: ["LANG": "C.UTF-8", "CONSOLE_CONFIG_DIR": dir.file("config"), "NO_COLOR": "1"])
        if let status { XCTAssertEqual(out.status, status, "\(args.joined(separator: " ")): \(out)") }
        return out
    }

    /// A desk administered by the test's OS login, with a team lead (wangmin), an operator and
    /// two handlers on duty (claims and sales) and one off duty.
    func makeDesk() throws {
        try console(["init", "--admin", OSLoginName.current], as: nil)
        try console(["users", "allow-switch", "on"], as: nil)
        for (name, display, team, role) in [("wangmin", "王敏", "理赔组", "team-lead"), ("zhoufang", "周芳", "值班组", "operator"),
                                            ("zhangqiang", "张强", "理赔组", "handler"), ("sunli", "孙丽", "销售服务组", "handler"),
                                            ("liqiang", "李强", "销售服务组", "handler")] {
            try console(["users", "add", name, "--display", display, "--team", team, "--role", role], as: nil)
        }
        for u in ["zhangqiang", "sunli"] {
            try console(["users", "shift", u, "--from", "2026-02-24T08:00:00+08:00", "--to", "2026-02-24T20:00:00+08:00"], as: nil)
        }
    }

    func add(_ summary: String, phone: String, branch: String = "上海分公司", category: String = "claims", product: String = "航班延误险",
             extra: [String] = [], at now: String = "2026-02-24T09:00:00+08:00") throws -> String {
        let out = try console(["add", "--summary", summary, "--phone", phone, "--branch", branch, "--category", category, "--line", "travel",
                               "--product", product, "--channel", "hotline", "--json"] + extra, at: now,
                              as: extra.contains("--handler") ? "wangmin" : "zhoufang")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any], out.description)
        return try XCTUnwrap(object["number"] as? String)
    }

    func testFiveSimilarComplaintsAddedByTheCLIAreProposedByConsoleAlerts() throws {
        try makeDesk()
        for i in 0..<5 {
            _ = try add("航班延误险理赔被拒", phone: "1390000\(7000 + i)", at: "2026-02-24T09:0\(i):00+08:00")
        }
        // No console ran: `console alerts` (a cron job, a wall display) is the first evaluation.
        let out = try console(["alerts", "--lang", "zh"], at: "2026-02-24T09:06:00+08:00")
        XCTAssertTrue(out.stdout.contains("5件同类投诉"), out.description)
        // The table reads in the reader's language, headers and values alike.
        XCTAssertTrue(out.stdout.contains("级别") && out.stdout.contains("规则") && !out.stdout.contains("level"), out.description)
        let english = try console(["alerts", "--lang", "en"], at: "2026-02-24T09:06:00+08:00")
        XCTAssertTrue(english.stdout.contains("level") && !english.stdout.contains("级别"), english.description)
        XCTAssertTrue(out.stdout.contains("【危机·待确认】"), out.description)
        let list = try console(["crisis", "list"], at: "2026-02-24T09:06:00+08:00")
        XCTAssertTrue(list.stdout.contains("1 proposed, 0 declared; most urgent: #1"), list.description)
    }

    func testAlertsPrintTheTrueTotalGroupAndAcknowledgeAGroupByFilter() throws {
        try makeDesk()
        // Different products: not a burst of similar complaints.
        for i in 0..<6 { _ = try add("理赔款未到账", phone: "1390000\(8000 + i)", category: "service", product: "产品\(i)") }
        for i in 0..<3 { _ = try add("理赔款未到账", phone: "1390000\(8100 + i)", branch: "北京分公司", category: "service", product: "产品\(i)") }
        let at = "2026-02-24T09:30:00+08:00"
        let list = try console(["alerts", "--limit", "4"], at: at)
        XCTAssertTrue(list.stdout.contains("4 of 9 active alert(s)"), list.description)
        let grouped = try console(["alerts", "--group", "branch"], at: at)
        XCTAssertTrue(grouped.stdout.contains("上海分公司"), grouped.description)
        XCTAssertTrue(grouped.stdout.contains("9 of 9 active alert(s) in 2 group(s)"), grouped.description)
        let groupedZh = try console(["alerts", "--group", "branch", "--lang", "zh"], at: at)
        XCTAssertTrue(groupedZh.stdout.contains("机构") && groupedZh.stdout.contains("分 2 组"), groupedZh.description)
        let unconfirmed = try console(["ack", "--rule", "unassigned", "--branch", "上海分公司"], at: at, expect: 2)
        XCTAssertTrue(unconfirmed.stdout.contains("would acknowledge 6 alert(s)"), unconfirmed.description)
        XCTAssertTrue(unconfirmed.stderr.contains("add --yes"), unconfirmed.description)
        let dry = try console(["ack", "--rule", "unassigned", "--branch", "上海分公司", "--dry-run"], at: at)
        XCTAssertTrue(dry.stdout.contains("dry run: nothing changed"), dry.description)
        let stale = try console(["ack", "--rule", "unassigned", "--branch", "上海分公司", "--yes", "--expect", "5"], at: at, expect: nil)
        XCTAssertNotEqual(stale.status, 0)
        XCTAssertTrue(stale.stderr.contains("now holds 6"), stale.description)
        let done = try console(["ack", "--rule", "unassigned", "--branch", "上海分公司", "--yes", "--expect", "6", "--note", "已安排"], at: at)
        XCTAssertTrue(done.stdout.contains("acknowledged 6 alert(s)"), done.description)
        let left = try console(["alerts", "--unacknowledged"], at: at)
        XCTAssertTrue(left.stdout.contains("3 of 3 unacknowledged alert(s)"), left.description)
        let json = try console(["alerts", "--group", "rule", "--json"], at: at)
        let board = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], json.description)
        XCTAssertEqual(board["active"] as? Int, 9)
        XCTAssertEqual(board["unacknowledged"] as? Int, 3)
        XCTAssertEqual(try console(["ack", "--yes"], at: at, expect: nil).status, 64, "a filter is required with --yes")
    }

    func testNotificationSettingIsTheUsersOwn() throws {
        try makeDesk()
        XCTAssertTrue(try console(["users", "notify"]).stdout.contains("flash"))
        XCTAssertTrue(try console(["users", "notify", "bell"]).stdout.contains("bell"))
        XCTAssertTrue(try console(["users", "notify"]).stdout.contains("bell"))
        XCTAssertTrue(try console(["users", "notify"], as: "zhoufang").stdout.contains("flash"), "another user's setting is their own")
        let bad = try console(["users", "notify", "loud"], expect: nil)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(try console(["audit", "log"]).stdout.contains("alert-notify"))
    }

    func testMoveAllDryRunShowsUrgentCasesPerReceiverAndKeepsClaimsWithClaims() throws {
        try makeDesk()
        var claims: [String] = []
        for i in 0..<4 { claims.append(try add("理赔款未到账", phone: "1390000\(9000 + i)", product: "产品\(i)", extra: ["--handler", "liqiang"])) }
        let sales = try add("销售误导", phone: "13900009100", category: "sales", extra: ["--handler", "liqiang"])
        let out = try console(["assign", "--from", "李强", "--balance", "--dry-run"], at: "2026-02-24T09:30:00+08:00")
        XCTAssertTrue(out.stdout.contains("5 open case(s), 5 urgent"), out.description)
        XCTAssertTrue(out.stdout.contains("urgent"), out.description)
        for n in claims { XCTAssertTrue(out.stdout.contains("\(n) -> zhangqiang (urgent)"), out.description) }
        XCTAssertTrue(out.stdout.contains("\(sales) -> sunli (urgent)"), out.description)
    }
}

/// The OS login the tests run as.
enum OSLoginName {
    static var current: String {
        guard let pw = getpwuid(getuid()), let n = pw.pointee.pw_name else { return "root" }
        return String(cString: n)
    }
}
