import CaseModel
import DeskTestSupport
import Foundation
import XCTest

/// A desk built for attacking: one login per role (and two that may not act), a few general
/// cases, and — when asked — report cases (举报件) that a non-privileged role must never notice.
/// The CLI runs as the test's OS login (root in CI), an administrator here, switching to each
/// role with `--user` (allowed on this desk by its administrator).
public final class AttackDesk: @unchecked Sendable {
    /// The logins, by role; `ghost` is not on the roster and `former` is disabled.
    public static let operatorLogin = "zhoufang", handlerLogin = "zhangqiang", leadLogin = "wangmin", crisisLogin = "huangwei",
               officeLogin = "zhenghong", auditorLogin = "guoping", adminLogin = "admin", ghostLogin = "ghost", formerLogin = "former"
    /// Every login with its role (nil: may not act).
    public static let roles: [(login: String, role: Role?)] = [
        (operatorLogin, .operator_), (handlerLogin, .handler), (leadLogin, .teamLead), (crisisLogin, .crisisGroup),
        (officeLogin, .presidentsOffice), (auditorLogin, .auditor), (adminLogin, .administrator), (ghostLogin, nil), (formerLogin, nil),
    ]
    /// The roles that may see report cases.
    public static func seesReports(_ role: Role?) -> Bool { role == .presidentsOffice || role == .auditor }

    /// The instant every attack stands at: the evening of 2026-02-17 (Spring Festival).
    public static let now = "2026-02-17T21:30:00+08:00"
    /// The OS login running the tests.
    public static var osLogin: String {
        guard let pw = getpwuid(getuid()), let n = pw.pointee.pw_name else { return "root" }
        return String(cString: n)
    }

    public let dir = ScratchDirectory("attack")
    public let path: String
    public let desk: CaseDesk
    /// The general cases' numbers, in intake order.
    public private(set) var general: [String] = []
    /// The report cases' numbers (empty on a desk without them).
    public private(set) var reports: [String] = []

    /// Builds the desk; `withReports` adds report cases after the general ones.
    public init(withReports: Bool) throws {
        path = dir.file("desk.sqlite")
        let store = try CaseStore(path: path)
        desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse(Self.now)!))
        let admin = Actor(name: Self.osLogin)
        try desk.addUser(DeskUser(name: Self.osLogin, displayName: "系统", team: "系统", role: .administrator), actor: admin)
        let people: [(String, String, String, Role, Bool)] = [
            (Self.operatorLogin, "周芳", "值班组", .operator_, true), (Self.handlerLogin, "张强", "理赔组", .handler, true),
            (Self.leadLogin, "王敏", "理赔组", .teamLead, true), (Self.crisisLogin, "黄伟", "危机小组", .crisisGroup, true),
            (Self.officeLogin, "郑红", "总裁办", .presidentsOffice, true), ("zhenghua", "郑华", "总裁办", .presidentsOffice, true),
            (Self.auditorLogin, "郭平", "稽核", .auditor, true), (Self.adminLogin, "管理员", "系统", .administrator, true),
            ("liqiang", "李强", "销售服务组", .handler, true), (Self.formerLogin, "离职", "理赔组", .teamLead, true),
        ]
        for (name, display, team, role, active) in people {
            try desk.addUser(DeskUser(name: name, displayName: display, team: team, role: role, active: active), actor: admin)
        }
        try desk.setActive(Self.formerLogin, false, actor: admin)
        try desk.setSetting(DeskSettings.allowUserSwitch, "on", actor: admin)
        let t = DeskTime.standard.parse(Self.now)!
        for login in [Self.operatorLogin, Self.handlerLogin, "liqiang", Self.leadLogin, Self.crisisLogin, Self.officeLogin] {
            try desk.addShift(Shift(userName: login, startsAt: t.adding(seconds: -4 * 3600), endsAt: t.adding(seconds: 8 * 3600)), actor: admin)
        }
        let op = Actor(name: Self.operatorLogin)
        for (i, summary) in ["理赔款两周未到账", "销售误导:承诺保本", "春节期间客服电话打不通"].enumerated() {
            var d = Self.draft(summary: summary, phone: "1381234123\(i)")
            d.handler = Self.handlerLogin
            general.append(try desk.intake(d, actor: op).number)
        }
        guard withReports else { return }
        var r = Self.draft(summary: "举报理赔员张强收受好处费", phone: "13912345678", kind: "report")
        r.idNumber = "110101199003070011"
        r.people = 2
        reports.append(try desk.intake(r, actor: op).number)
        let office = Actor(name: Self.officeLogin)
        var v = Self.draft(summary: "举报业务员李强虚假承诺", phone: "13912345679", kind: "report")
        v.handler = Self.officeLogin
        let valid = try desk.intake(v, actor: op).number
        _ = try desk.determineValidity(valid, valid: true, reason: "查实", responsible: "liqiang", lead: Self.leadLogin,
                                       actor: Actor(name: "zhenghua"))
        _ = office
        reports.append(valid)
    }

    /// A complete general draft.
    public static func draft(summary: String, phone: String, kind: String = "general") -> CaseDraft {
        var d = CaseDraft()
        d.summary = summary
        d.phone = phone
        d.kind = kind
        d.category = kind == "report" ? "other" : "claims"
        d.line = "auto"
        d.channel = "hotline"
        d.branch = "上海分公司"
        d.name = "张三"
        return d
    }

    /// Runs the console as `login` on this desk (`--db`, `--now`, `--user` added after the
    /// subcommand path `args`), with `environment` added.
    public func run(_ login: String, _ args: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> ConsoleProcess.Outcome {
        XCTAssertFalse(ConsoleProcess.binary.isEmpty, "the console binary was not built beside the tests")
        var env = ["LANG": "C.UTF-8", "CONSOLE_CONFIG_DIR": dir.file("config"), "NO_COLOR": "1"]
        for (k, v) in environment { env[k] = v }
        return try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", path, "--now", Self.now, "--user", login],
                                      environment: env, stdin: stdin)
    }
}
