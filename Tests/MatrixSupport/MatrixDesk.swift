@testable import CaseModel
import DeskTestSupport
import Foundation
import GRDB

/// The two desks of the confidentiality matrix: the same general desk, and that desk with report
/// cases 举报件 of every sort a desk can hold — open with alerts, valid with penalties, imported
/// with a source id that a general import also uses, carrying a source reference, and one linked
/// into a crisis event (as desks made before report cases were kept out of events may hold).
///
/// Built once per test run; each matrix cell works on fresh copies (`copy()`), so a write in one
/// cell never reaches another. The general part is built identically on both desks, before the
/// report cases, so every general number, crisis event id and alert is the same on both.
public final class MatrixDesk: @unchecked Sendable {
    /// The numbers the invocations refer to. The report cases' numbers are those of the desk with
    /// them (on the other desk the same numbers simply do not exist).
    public static let general = "TS-20260217-0001", group = "TS-20260217-0004", event = "1"
    public static var report: String { reports.reportNumbers[0] }
    public static var validReport: String { reports.reportNumbers[1] }

    /// The mapping of the fixture's hotline exports (`{DIR}/hotline.map`): an id, a time, a
    /// summary, a phone and the kind per row; category other, branch 上海分公司.
    public static let hotlineMapping = """
        source hotline
        format csv
        id 编号
        field received_at
          from 时间
          date iso
        field summary
          from 摘要
        field phone
          from 电话
        field kind
          from 件类
        field category
          const other
        field branch
          const 上海分公司
        """

    public let dir = ScratchDirectory("matrix")
    public let withReports: Bool
    public var path: String { dir.file("desk.sqlite") }
    /// An alert id raised on a report case (on the desk without them, an id that does not exist).
    public private(set) var reportAlert = ""
    /// The report cases' numbers, in intake order.
    public private(set) var reportNumbers: [String] = []
    /// The largest case id when the fixture was finished (cases after it were made by a call).
    public private(set) var lastReportId: Int64 = 0

    public static let plain = MatrixDesk(reports: false)
    public static let reports = MatrixDesk(reports: true)

    private init(reports: Bool) {
        withReports = reports
        do { try build() } catch { fatalError("matrix desk: \(error)") }
    }

    private func build() throws {
        let desk = CaseDesk(store: try CaseStore(path: path), clock: FixedClock(DeskTime.standard.parse(AttackDesk.now)!),
                            random: SeededRandomness(seed: 14))
        let admin = Actor(name: AttackDesk.osLogin)
        try desk.addUser(DeskUser(name: AttackDesk.osLogin, displayName: "系统", team: "系统", role: .administrator), actor: admin)
        for (name, display, team, role) in [
            (AttackDesk.operatorLogin, "周芳", "值班组", Role.operator_), (AttackDesk.handlerLogin, "张强", "理赔组", .handler),
            (AttackDesk.leadLogin, "王敏", "理赔组", .teamLead), ("liuyang", "刘洋", "销售服务组", .teamLead),
            (AttackDesk.crisisLogin, "黄伟", "危机小组", .crisisGroup),
            (AttackDesk.officeLogin, "郑红", "总裁办", .presidentsOffice), ("zhenghua", "郑华", "总裁办", .presidentsOffice),
            (AttackDesk.auditorLogin, "郭平", "稽核", .auditor), (AttackDesk.adminLogin, "管理员", "系统", .administrator),
            ("liqiang", "李强", "销售服务组", .handler), (AttackDesk.formerLogin, "离职", "理赔组", .teamLead),
        ] {
            try desk.addUser(DeskUser(name: name, displayName: display, team: team, role: role), actor: admin)
        }
        try desk.setActive(AttackDesk.formerLogin, false, actor: admin)
        try desk.setSetting(DeskSettings.allowUserSwitch, "on", actor: admin)
        let now = DeskTime.standard.parse(AttackDesk.now)!
        for login in [AttackDesk.operatorLogin, AttackDesk.handlerLogin, "liqiang", AttackDesk.leadLogin, AttackDesk.crisisLogin, AttackDesk.officeLogin] {
            try desk.addShift(Shift(userName: login, startsAt: now.adding(seconds: -4 * 3600), endsAt: now.adding(seconds: 8 * 3600)), actor: admin)
        }
        try BranchFigures.set(desk, branch: "上海分公司", month: "2026-02", claimReports: 40, premium: 1e8, policiesNew: 100,
                              policiesInForce: 1000, insuredPersons: 1200, actor: Actor(name: AttackDesk.leadLogin))
        // The general desk: three cases, a group complaint that proposes crisis event 1, a valid one.
        let op = Actor(name: AttackDesk.operatorLogin)
        for (i, summary) in ["理赔款两周未到账", "销售误导:承诺保本", "春节期间客服电话打不通"].enumerated() {
            var d = AttackDesk.draft(summary: summary, phone: "1381234123\(i)")
            d.handler = AttackDesk.handlerLogin
            d.sourceRef = "crm:\(i + 10)"
            _ = try desk.intake(d, actor: op)
        }
        var group = AttackDesk.draft(summary: "银保产品到期无法退保", phone: "13812341239")
        group.people = 6
        _ = try desk.intake(group, actor: op, proposingCrisis: true)
        _ = try desk.determineValidity(Self.general, valid: true, reason: "查实", responsible: AttackDesk.handlerLogin,
                                       lead: AttackDesk.leadLogin, actor: Actor(name: "liuyang"))
        try write("hotline.map", Self.hotlineMapping)
        try write("general.csv", "编号,时间,摘要,电话,件类\nH-100,2026-02-17T09:00:00+08:00,车险理赔进度查询,13700000001,general\nH-200,2026-02-17T09:30:00+08:00,保单信息有误,13700000002,general\n")
        try write("report.csv", "编号,时间,摘要,电话,件类\nH-100,2026-02-17T08:00:00+08:00,举报理赔员索要好处费,13600000009,report\n")
        try write("shifts.csv", "user,from,to\nliqiang,2026-02-18T08:00:00+08:00,2026-02-18T20:00:00+08:00\n王敏,2026-02-18T08:00:00+08:00,2026-02-18T20:00:00+08:00\n")
        try write("plain.csv", "received_at,channel,category,line,summary,phone,source_ref\n2026-02-17T10:00:00+08:00,hotline,claims,auto,车险理赔慢,13700000003,crm:1\n")
        if withReports {
            // Report cases, each kind a desk can hold.
            var r = AttackDesk.draft(summary: "举报理赔员张强收受好处费", phone: "13912345678", kind: "report")
            r.idNumber = "110101199003070011"
            r.potentialLoss = 50_000
            r.sourceRef = "crm:1"
            reportNumbers.append(try desk.intake(r, actor: op).number)
            var v = AttackDesk.draft(summary: "举报业务员李强虚假承诺", phone: "13912345679", kind: "report")
            v.handler = AttackDesk.officeLogin
            reportNumbers.append(try desk.intake(v, actor: op).number)
            _ = try desk.determineValidity(reportNumbers[1], valid: true, reason: "查实", responsible: "liqiang",
                                           lead: AttackDesk.leadLogin, actor: Actor(name: "zhenghua"))
            _ = try MappedImporter(desk: desk).run(path: dir.file("report.csv"), mapping: try MappingFileParser.load(path: dir.file("hotline.map")),
                                                 actor: Actor(name: AttackDesk.officeLogin))
            // A report case inside crisis event 1, as a desk from before report cases were kept out
            // of events may hold it (then the office's proposal recorded it; the event says so).
            try desk.store.write { db in
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM cases WHERE number = ?", arguments: [reportNumbers[0]])!
                try db.execute(sql: "INSERT INTO crisis_cases (event_id, case_id) VALUES (1, ?)", arguments: [id])
                try CaseRecords.append(CaseEvent(caseId: id, caseNumber: reportNumbers[0], at: now, actor: "rules", action: "crisis-propose",
                                                 detail: ["event": "1", "cases": reportNumbers[0]]), db)
            }
        }
        _ = try AlertEvaluator(desk: desk).tick(at: now)
        if withReports {
            reportAlert = try desk.store.read { db in
                try String.fetchOne(db, sql: "SELECT rule || ':' || subject || ':' || level FROM alerts WHERE case_kind = 'report' ORDER BY id LIMIT 1")
            } ?? ""
        }
        lastReportId = try desk.store.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM cases") } ?? 0
        // Let the WAL reach the file so a copy of the file alone is whole.
        try desk.store.write { db in _ = db }
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(toFile: dir.file(name), atomically: true, encoding: .utf8)
    }

    /// A fresh copy of the desk and its files in a new directory (removed with the value).
    public func copy() throws -> ScratchDirectory {
        let target = ScratchDirectory("cell")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where !name.hasSuffix("-shm") {
            try FileManager.default.copyItem(atPath: dir.file(name), toPath: target.file(name))
        }
        return target
    }

    /// What a cell may not change on the desk with report cases: every report case of the fixture
    /// (a call may take a new one in), its row and events, penalties, alerts and import keys, and
    /// which crisis events it belongs to. Portable SQL (every column as text), `schema` naming the
    /// tables' schema with its dot (`""` in a file, `"desk."` on a server), so both backends'
    /// cells are held to the same footprint.
    public static func reportFootprintQueries(schema p: String) -> [String] {
        let fixture = "(SELECT id FROM \(p)cases WHERE kind = 'report' AND id <= \(reports.lastReportId))"
        return ["SELECT number, CAST(version AS TEXT), status, handler, severity, validity FROM \(p)cases WHERE id IN \(fixture) ORDER BY number",
                "SELECT CAST(count(*) AS TEXT) FROM \(p)events e WHERE e.case_id IN \(fixture)",
                "SELECT CAST(count(*) AS TEXT), CAST(sum(amount) AS TEXT) FROM \(p)penalties p WHERE p.case_id IN \(fixture)",
                "SELECT a.rule, a.subject, a.level, a.acknowledged_by FROM \(p)alerts a JOIN \(p)cases c ON c.number = a.case_number WHERE c.id IN \(fixture) ORDER BY 1, 2, 3",
                "SELECT k.source, k.source_id, CAST(k.row_hash AS TEXT) FROM \(p)import_keys k WHERE k.case_id IN \(fixture) ORDER BY 1, 2",
                "SELECT CAST(event_id AS TEXT), CAST(case_id AS TEXT) FROM \(p)crisis_cases x WHERE x.case_id IN \(fixture) ORDER BY 1, 2"]
    }

    /// The footprint as text: each query's rows, columns joined by commas, rows by semicolons.
    public static func footprintText(_ results: [[[String?]]]) -> String {
        results.map { rows in rows.map { $0.map { $0 ?? "NULL" }.joined(separator: ",") }.joined(separator: ";") }.joined(separator: "\n")
    }

    /// The report footprint of a desk file (`reportFootprintQueries`).
    public static func reportFootprint(_ path: String) throws -> String {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { db in
            try footprintText(reportFootprintQueries(schema: "").map { sql in
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { String.fromDatabaseValue($0) } }
            })
        }
    }
}
