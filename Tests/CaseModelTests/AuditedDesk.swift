import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// A desk where every row came through the desk's own commands, so the trail accounts for all
/// of it: a roster (bootstrapped by its administrator), a setting, a shift, a general case under
/// investigation, a report case (举报件), a valid case with penalties, a declared crisis with a
/// report, and branch figures. Tampering tests edit its file as an attacker would, with a raw
/// connection that bypasses the store.
final class AuditedDesk {
    let dir = TempDir()
    let path: String
    let clock = FixedClock(instant("2026-02-17T10:00:00+08:00"))
    let desk: CaseDesk
    let admin = Actor(name: "admin"), lead = Actor(name: "wangmin"), handler = Actor(name: "zhangqiang")
    let op = Actor(name: "zhoufang"), crisisGroup = Actor(name: "huangwei"), office = Actor(name: "zhenghong")
    /// Under investigation, handled by zhangqiang.
    private(set) var general: ComplaintCase!
    /// A report case, handled by the president's office.
    private(set) var report: ComplaintCase!
    /// Marked valid: two penalty lines.
    private(set) var valid: ComplaintCase!
    private(set) var crisis: Int64 = 0

    init() throws {
        path = dir.file("desk.sqlite")
        desk = CaseDesk(store: try CaseStore(path: path), clock: clock)
        try desk.addUser(DeskUser(name: "admin", displayName: "管理员", team: "系统", role: .administrator), actor: admin)
        let people: [(String, String, String, Role)] = [
            ("wangmin", "王敏", "理赔组", .teamLead), ("zhangqiang", "张强", "理赔组", .handler), ("zhoufang", "周芳", "值班组", .operator_),
            ("huangwei", "黄伟", "危机小组", .crisisGroup), ("zhenghong", "郑红", "总裁办", .presidentsOffice), ("guoping", "郭平", "稽核", .auditor),
        ]
        for (name, display, team, role) in people {
            try desk.addUser(DeskUser(name: name, displayName: display, team: team, role: role), actor: admin)
        }
        try desk.setSetting(DeskSettings.allowUserSwitch, "on", actor: admin)
        try desk.addShift(Shift(userName: "zhangqiang", startsAt: clock.now(), endsAt: clock.now().adding(seconds: 8 * 3600)), actor: lead)
        general = try desk.intake(Self.draft("理赔款两周未到账", phone: "13812341234", handler: "zhangqiang"), actor: op)
        _ = try desk.act(general.number, .contact, ActionInput(note: "已联系"), actor: handler)
        general = try desk.act(general.number, .startInvestigation, actor: handler)
        var r = Self.draft("举报理赔员收受好处费", phone: "13912345678", handler: "zhenghong")
        r.kind = "report"; r.category = "other"; r.idNumber = "110101199003070011"
        report = try desk.intake(r, actor: op)
        valid = try desk.intake(Self.draft("销售误导:承诺保本", phone: "13812341235", handler: "zhangqiang"), actor: op)
        valid = try desk.determineValidity(valid.number, valid: true, reason: "查实", responsible: "zhangqiang", lead: "wangmin", actor: lead).0
        var group = Self.draft("银保产品到期无法退保 32人聚集网点", phone: "13812341236", handler: "zhangqiang")
        group.people = 32; group.mediaInvolved = true
        let g = try desk.intake(group, actor: op)
        crisis = try desk.proposeCrisis(title: "苏州网点聚集", cases: [g.number], trigger: .manual, actor: lead)
        try desk.declareCrisis(crisis, actor: crisisGroup)
        try desk.fileCrisisReport(crisis, kind: .superior, to: "江苏分公司", text: "已派员到场", actor: crisisGroup)
        try BranchFigures.set(desk, branch: "上海分公司", month: "2026-02", claimReports: 100, premium: 2.5e8, policiesNew: nil,
                              policiesInForce: 40_000, insuredPersons: nil, actor: admin)
    }

    static func draft(_ summary: String, phone: String, handler: String? = nil) -> CaseDraft {
        var d = CaseDraft()
        d.summary = summary; d.phone = phone; d.name = "张三"
        d.kind = "general"; d.category = "claims"; d.line = "auto"; d.channel = "hotline"; d.branch = "上海分公司"
        d.handler = handler
        return d
    }

    /// Runs SQL on the file as someone with write access and sqlite3 would: no store, no hook, no key.
    func tamper(_ sql: String) throws {
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try q.close()
    }

    /// Recomputes the whole chain as plain SHA-256 links (what an attacker without the key can do).
    func rechainPlain() throws {
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS events_no_update")
            var prev = AuditChain.genesis
            for row in try Row.fetchAll(db, sql: "SELECT id, case_id, at, actor, action, from_status, to_status, detail FROM events ORDER BY id") {
                let h = AuditChain.hash(prev: prev, AuditChain.Fields(id: row[0], caseId: row[1], at: row[2], actor: row[3], action: row[4],
                                                                      fromStatus: row[5], toStatus: row[6], detail: row[7]))
                try db.execute(sql: "UPDATE events SET prev_hash = ?, hash = ?, row_changes = NULL WHERE id = ?", arguments: [Data(prev), Data(h), row[0]])
                prev = h
            }
        }
        try q.close()
    }

    /// `audit verify` as `reader` (nil: a reader who may not see report cases).
    func verify(as reader: String? = nil, expectHead: String? = nil) throws -> AuditReport {
        try desk.verifyTrail(actor: reader.map { Actor(name: $0) }, expectHead: expectHead)
    }

    /// A second desk on the same file, as a new console process would open it.
    func reopened() throws -> CaseDesk {
        CaseDesk(store: try CaseStore(path: path), clock: clock)
    }
}

extension AuditReport {
    /// Every difference line, for assertions and failure messages.
    var lines: [String] { differences.map(\.message) }
    var text: String { (lines + notes.map { "note: \($0)" }).joined(separator: "\n") }
}
