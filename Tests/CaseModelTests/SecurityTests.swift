import Foundation
import GRDB
import XCTest
@testable import CaseModel

/// Report cases (举报件), masking and audited reveal, exports, injection, file modes, read-only files.
final class SecurityTests: XCTestCase {
    /// A desk with one general case and one report case about the same complainant.
    func reportDesk() throws -> (TestDesk, general: ComplaintCase, report: ComplaintCase) {
        let t = try TestDesk()
        try t.addEveryRole()
        let g = try t.desk.intake(t.draft(summary: "理赔款两周未到账", phone: "13812341234"), actor: t.op)
        var d = t.draft(summary: "举报理赔员收受好处费", phone: "13812341234", kind: "report", category: "other")
        d.idNumber = "110101199003070011"
        let r = try t.desk.intake(d, actor: t.op)
        return (t, g, r)
    }

    func testReportCasesDoNotExistOutsideThePresidentsOffice() throws {
        let (t, g, r) = try reportDesk()
        XCTAssertTrue(r.number.hasPrefix("JB-"), "report cases have their own series: no gap in the TS- numbers")
        XCTAssertEqual(g.number, "TS-20260216-0001")
        let second = try t.desk.intake(t.draft(phone: ""), actor: t.op)
        XCTAssertEqual(second.number, "TS-20260216-0002")
        var open = CaseFilter(); open.openness = .open
        var search = CaseFilter(); search.search = "举报"
        var byKind = CaseFilter(); byKind.kinds = [.report]
        var byNumber = CaseFilter(); byNumber.search = r.number
        for (name, role) in TestDesk.byRole {
            let sees = role == .presidentsOffice || role == .auditor
            let who = Actor(name: name)
            let n = sees ? 1 : 0
            if role == nil {
                // Not an active user: nothing on the desk is open to them, report case or not.
                XCTAssertThrowsError(try t.desk.list(CaseFilter(), actor: who), name)
                XCTAssertThrowsError(try t.desk.openMatrix(actor: who), name)
                XCTAssertThrowsError(try t.desk.detail(g.number, actor: who), name)
                continue
            }
            XCTAssertEqual(try t.desk.list(CaseFilter(), actor: who).count, 2 + n, "\(name): list")
            XCTAssertEqual(try t.desk.count(open, actor: who), 2 + n, "\(name): count")
            XCTAssertEqual(try t.desk.count(search, actor: who), n, "\(name): search")
            XCTAssertEqual(try t.desk.count(byKind, actor: who), n, "\(name): kind filter")
            XCTAssertEqual(try t.desk.count(byNumber, actor: who), n, "\(name): search by number")
            let matrix = try t.desk.openMatrix(actor: who)
            XCTAssertEqual(matrix.values.flatMap(\.values).reduce(0, +), 2 + n, "\(name): queue matrix")
            XCTAssertEqual(matrix[.other] != nil, sees, "\(name): matrix cell")
            let candidates = try t.desk.repeatCandidates(phone: "13812341234", idNumber: "110101199003070011", policyNumber: "", actor: who)
            XCTAssertEqual(candidates.contains { $0.number == r.number }, sees, "\(name): repeat candidates")
            if sees {
                XCTAssertEqual(try t.desk.detail(r.number, actor: who).0.number, r.number)
            } else {
                // Exactly the error of a number that does not exist.
                XCTAssertThrowsError(try t.desk.detail(r.number, actor: who)) { error in
                    XCTAssertEqual(error as? DomainError, .caseNotFound(r.number), name)
                }
                for action: WorkflowAction in [.contact, .note, .approve] {
                    XCTAssertThrowsError(try t.desk.act(r.number, action, ActionInput(note: "x"), actor: who)) { error in
                        XCTAssertEqual(error as? DomainError, .caseNotFound(r.number), "\(name) \(action)")
                    }
                }
                XCTAssertThrowsError(try t.desk.assign([r.number], to: "zhangqiang", actor: who)) { error in
                    XCTAssertEqual(error as? DomainError, .caseNotFound(r.number), name)
                }
                XCTAssertThrowsError(try t.desk.reveal(r.number, reason: "核实", actor: who)) { error in
                    XCTAssertEqual(error as? DomainError, .caseNotFound(r.number), name)
                }
            }
            if Permissions.allows(role, .export) {
                var numbers: [String] = []
                try t.desk.export(CaseFilter(), unmasked: false, format: "csv", destination: "test", actor: who) { numbers.append($0.value.number) }
                XCTAssertEqual(numbers.contains(r.number), sees, "\(name): export")
            }
            if Permissions.allows(role, .readAudit) {
                let trail = try t.desk.auditLog(AuditQuery(), actor: who)
                XCTAssertEqual(trail.contains { $0.event.caseNumber == r.number }, sees, "\(name): audit log")
                let load = try t.desk.store.read { db in try AccessControl.openLoad(CaseVisibility.of(role), db) }
                XCTAssertEqual(load.values.reduce(0, +), 0)
            }
        }
        // Default reads (no actor) hide report cases too.
        try t.desk.store.read { db in
            XCTAssertEqual(try CaseRecords.count(CaseFilter(), db), 2)
            XCTAssertEqual(try CaseRecords.openMatrix(db).values.flatMap(\.values).reduce(0, +), 2)
            XCTAssertNil(try CaseRecords.fetch(number: r.number, visibility: .standard, db))
            XCTAssertFalse(try CaseRecords.events(after: 0, limit: 100, db).contains { $0.caseNumber == r.number })
        }
        XCTAssertThrowsError(try t.desk.detail(r.number, actor: t.lead))
        // A report case goes only to the president's office, and links only to report cases.
        XCTAssertThrowsError(try t.desk.assign([r.number], to: "zhangqiang", actor: Actor(name: "zhenghong")))
        XCTAssertNoThrow(try t.desk.assign([r.number], to: "zhenghong", actor: Actor(name: "zhenghong2")))
        XCTAssertThrowsError(try t.desk.linkRepeat(r.number, to: g.number, actor: Actor(name: "zhenghong")))
        // The president's office handles it end to end; a team lead's rights do not reach it.
        XCTAssertNoThrow(try t.desk.act(r.number, .contact, ActionInput(note: "已联系举报人"), actor: Actor(name: "zhenghong")))
    }

    func testReportCaseWorkflowOnThePresidentsOfficeTrack() throws {
        let t = try TestDesk()
        try t.addEveryRole()
        let c = try t.caseAt(.followedUp, kind: "report")
        XCTAssertEqual(c.handler, "zhenghong")
        let events = try t.desk.detail(c.number, actor: Actor(name: "guoping")).1
        XCTAssertEqual(events.map(\.action), ["intake", "assign", "contact", "start-investigation", "submit", "approve", "close", "follow-up"])
    }

    func testPersonalDataIsMaskedAndEveryRevealIsAudited() throws {
        let (t, g, _) = try reportDesk()
        let masked = CaseJSON.object(g)
        XCTAssertEqual(masked["phone"] as? String, "138****1234")
        XCTAssertEqual(masked["name"] as? String, "张*")
        XCTAssertThrowsError(try t.desk.reveal(g.number, reason: "  ", actor: t.op), "a reason is required")
        for who in ["huangwei", "guoping", "admin", "ghost", "former"] {
            XCTAssertThrowsError(try t.desk.reveal(g.number, reason: "核实", actor: Actor(name: who)), who) { error in
                guard case DomainError.notPermitted = error else { return XCTFail("\(who): \(error)") }
            }
        }
        let (c, timeline) = try t.desk.reveal(g.number, reason: "回电客户核实到账情况", actor: t.handler)
        XCTAssertEqual(c.complainant.phone, "13812341234")
        XCTAssertEqual(timeline.last?.action, "reveal")
        XCTAssertEqual(timeline.last?.actor, "zhangqiang")
        XCTAssertEqual(timeline.last?.detail["reason"], "回电客户核实到账情况")
        let reveals = try t.desk.auditLog(AuditQuery(caseNumber: g.number), actor: Actor(name: "guoping")).filter { $0.event.action == "reveal" }
        XCTAssertEqual(reveals.count, 1, "refused reveals leave no trace; the permitted one is in the trail")
        XCTAssertTrue(try t.desk.verifyAudit().ok)
    }

    func testExportsMaskUnlessPermittedAndAreAudited() throws {
        let (t, _, _) = try reportDesk()
        var open = CaseFilter(); open.openness = .open; open.categories = [.claims]
        XCTAssertThrowsError(try t.desk.export(open, unmasked: false, format: "csv", destination: "x", actor: t.op) { _ in }) { error in
            XCTAssertEqual("\(error)", "only a team lead, the president's office, an auditor or an administrator can export cases")
        }
        XCTAssertThrowsError(try t.desk.export(open, unmasked: true, reason: "监管报送", format: "csv", destination: "x", actor: Actor(name: "guoping")) { _ in })
        XCTAssertThrowsError(try t.desk.export(open, unmasked: true, format: "csv", destination: "x", actor: t.lead) { _ in }, "unmasked needs a reason")
        // What the caller is given is already at the export's level: it encodes, never masks.
        var phones: [String] = []
        try t.desk.export(open, unmasked: false, format: "jsonl", destination: "masked.jsonl", actor: t.lead) { phones.append($0.value.complainant.phone) }
        let n = try t.desk.export(open, unmasked: true, reason: "监管报送", format: "jsonl", destination: "out.jsonl", actor: t.lead) { phones.append($0.value.complainant.phone) }
        XCTAssertEqual(n, 1)
        XCTAssertEqual(phones.count, 2)
        XCTAssertTrue(phones[0].contains("****"), "a masked export is given the masked phone, not \(phones[0])")
        XCTAssertFalse(phones[1].contains("*"), "an unmasked export is given the phone itself")
        let exports = try t.desk.auditLog(AuditQuery(), actor: Actor(name: "guoping")).filter { $0.event.action == "export" }
        XCTAssertEqual(exports.count, 2)
        let d = try XCTUnwrap(exports.first { $0.event.detail["personal_data"] == "unmasked" }).event.detail
        XCTAssertEqual(d["count"], "1"); XCTAssertEqual(d["openness"], "open"); XCTAssertEqual(d["category"], "claims")
        XCTAssertEqual(d["personal_data"], "unmasked"); XCTAssertEqual(d["reason"], "监管报送"); XCTAssertEqual(d["to"], "out.jsonl")
        XCTAssertEqual(exports[0].event.actor, "wangmin")
    }

    func testSearchAndImportAreInjectionProof() throws {
        let t = try TestDesk()
        let nasty = ["'", "\"", "%", "_", "\\", "'; DROP TABLE cases; --", "\" OR 1=1 --", "100%_off", "a\u{0}b", "\u{0}",
                     String(repeating: "长", count: 100_000), String(repeating: "%_'", count: 20_000), "x' UNION SELECT phone FROM cases --"]
        _ = try t.desk.intake(t.draft(summary: "保费100%_退还'测试\"", phone: "13800000001"), actor: t.op)
        _ = try t.desk.intake(t.draft(summary: "普通案件", phone: "13800000002"), actor: t.op)
        for q in nasty {
            var f = CaseFilter(); f.search = q
            XCTAssertNoThrow(try t.desk.count(f, actor: t.lead), q.prefix(20).description)
            XCTAssertLessThanOrEqual(try t.desk.list(f, actor: t.lead).count, 1)
        }
        var literal = CaseFilter(); literal.search = "100%_"
        XCTAssertEqual(try t.desk.count(literal, actor: t.lead), 1, "% and _ match themselves")
        var underscore = CaseFilter(); underscore.search = "_"
        XCTAssertEqual(try t.desk.count(underscore, actor: t.lead), 1)
        // The same strings through an import file: stored as data, never as SQL.
        let path = t.dir.file("nasty.jsonl")
        var lines = ""
        for (i, q) in nasty.enumerated() {
            let obj: [String: Any] = ["summary": "注入\(i) " + q, "channel": "hotline", "branch": q, "name": q, "demand": q]
            lines += CaseJSON.text(obj) + "\n"
        }
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try CaseImporter(desk: t.desk).run(path: path, skipBad: true, rejectsPath: t.dir.file("r.jsonl"), actor: t.op)
        XCTAssertGreaterThan(report.created, 0)
        try t.desk.store.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM cases"), 2 + report.created)
            XCTAssertTrue(try db.tableExists("cases"))
            let stored = try Row.fetchAll(db, sql: "SELECT CAST(demand AS BLOB) FROM cases WHERE summary LIKE '注入%' ORDER BY id").map { $0[0] as Data }
            let expected = nasty.map { Data($0.utf8) }
            for s in stored { XCTAssertTrue(expected.contains(s), "stored byte for byte") }
        }
        var one = CaseFilter(); one.search = "'; DROP TABLE cases; --"
        XCTAssertEqual(try t.desk.count(one, actor: t.lead), 1)
        XCTAssertTrue(try t.desk.verifyAudit().ok, "NUL and long text hash the same when verified")
    }

    func testHiddenReportsKeepTheOpenCasePartialIndexes() throws {
        let t = try TestDesk()
        try t.desk.store.read { db in
            func plan(_ sql: String) throws -> String {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: " | ")
            }
            var f = CaseFilter(); f.openness = .open; f.sort = .due; f.limit = 200
            let parts = FilterSQL(f)
            XCTAssertTrue(parts.whereSQL.contains("kind <> 'report'"))
            let list = try plan("SELECT id FROM cases" + parts.whereSQL + FilterSQL.orderSQL(.due) + " LIMIT 200")
            XCTAssertTrue(list.contains("cases_open_due") || list.contains("COVERING INDEX cases_open_matrix"), list)
            let matrix = try plan("SELECT category, severity, count(*) FROM cases WHERE \(Schema.openCondition) AND kind <> 'report' GROUP BY category, severity")
            XCTAssertTrue(matrix.contains("cases_open_matrix"), matrix)
            var mine = f; mine.handlers = ["zhangqiang"]
            let p = FilterSQL(mine)
            let handler = try db.makeStatement(sql: "EXPLAIN QUERY PLAN SELECT id FROM cases" + p.whereSQL + FilterSQL.orderSQL(.due))
            let rows = try Row.fetchAll(handler, arguments: CaseRecords.arguments(p.values)).map { $0["detail"] as String }.joined()
            XCTAssertTrue(rows.contains("cases_open_handler") || rows.contains("cases_open_due"), rows)
        }
    }

    func testFileModes() throws {
        let dir = TempDir()
        let path = dir.file("sub/desk.sqlite")
        let store = try CaseStore(path: path)
        XCTAssertEqual(store.fileMode().mode, 0o600)
        var st = stat()
        XCTAssertEqual(stat(dir.file("sub"), &st), 0)
        XCTAssertEqual(Int(st.st_mode & 0o777), 0o700)
        _ = try store.write { db in try db.execute(sql: "SELECT 1") }
        XCTAssertEqual(stat(path + "-wal", &st), 0)
        XCTAssertEqual(Int(st.st_mode & 0o777), 0o600, "SQLite gives the -wal the database's mode")
        // A shared desk: 0660 and the group, for a new file and for an existing one.
        let groups: [String] = ["nogroup", "users", "daemon"]
        guard let group = groups.first(where: { name in getgrnam(name) != nil }) else { throw XCTSkip("no group to test with") }
        let shared = try CaseStore(path: dir.file("shared/desk.sqlite"), sharedGroup: group)
        XCTAssertEqual(shared.fileMode().mode, 0o660)
        XCTAssertEqual(shared.fileMode().group, group)
        XCTAssertEqual(stat(dir.file("shared"), &st), 0)
        XCTAssertEqual(Int(st.st_mode & 0o777), 0o770)
        try FileAccess.share(database: path, group: group)
        XCTAssertEqual(store.fileMode().mode, 0o660)
        XCTAssertThrowsError(try CaseStore(path: dir.file("x.sqlite"), sharedGroup: "no-such-group-here"))
    }

    func testAReadOnlyDatabaseReadsAndRefusesEveryWriteCleanly() throws {
        let t = try TestDesk()
        let c = try t.desk.intake(t.draft(), actor: t.op)
        let path = t.dir.file("desk.sqlite")
        let ro = try CaseStore(path: path, readOnly: true)
        XCTAssertTrue(ro.isReadOnly)
        let desk = CaseDesk(store: ro, clock: t.clock)
        XCTAssertEqual(try desk.detail(c.number, actor: t.lead).0.number, c.number)
        XCTAssertThrowsError(try desk.act(c.number, .note, ActionInput(note: "x"), actor: t.lead)) { error in
            XCTAssertEqual(error as? StoreError, .readOnly(path))
        }
        XCTAssertThrowsError(try desk.reveal(c.number, reason: "核实", actor: t.op), "a reveal that cannot be audited is not shown")
        XCTAssertThrowsError(try desk.export(CaseFilter(), unmasked: false, format: "csv", destination: "x", actor: t.lead) { _ in
            XCTFail("nothing is exported unaudited")
        })
        XCTAssertTrue(try desk.verifyAudit().ok)
        XCTAssertThrowsError(try CaseStore(path: t.dir.file("missing.sqlite"), readOnly: true))
    }
}
