@testable import CaseModel
import DeskTestSupport
import Foundation
import MatrixSupport
import GRDB
import XCTest

/// Rewriting the audit trail as someone with write access to the file would: the real `sqlite3`
/// on an `AttackDesk`, then the real `console audit verify`, which must exit 7 and name what was
/// done (docs/audit-trail.md). An edit the triggers refuse holds if it changed nothing.
final class AuditAttackTests: XCTestCase {
    /// The sqlite3 shell, or a skip.
    func shell() throws -> String {
        guard let s = ConsoleProcess.which("sqlite3") else { throw XCTSkip("the sqlite3 shell is not installed") }
        return s
    }

    /// Runs SQL on the desk's file with the sqlite3 shell.
    @discardableResult
    func sqlite3(_ desk: TamperDesk, _ sql: String) throws -> ConsoleProcess.Outcome {
        try ConsoleProcess.run([try shell(), desk.path], stdin: sql + "\n")
    }

    /// A copy of one desk with report cases, a declared crisis, branch figures and an anchored
    /// head (a report was run), as a festival evening would leave it; built once, copied per attack.
    func makeDesk() throws -> TamperDesk { try TamperDesk(copying: Self.template()) }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: AttackDesk?

    static func template() throws -> AttackDesk {
        lock.lock(); defer { lock.unlock() }
        if let built { return built }
        let desk = try AttackDesk(withReports: true)
        let lead = Actor(name: AttackDesk.leadLogin), crisis = Actor(name: AttackDesk.crisisLogin)
        let id = try desk.desk.proposeCrisis(title: "网点聚集", cases: [desk.general[0]], trigger: .manual, actor: lead)
        try desk.desk.declareCrisis(id, actor: crisis)
        try desk.desk.fileCrisisReport(id, kind: .superior, to: "上海分公司", text: "已派员到场", actor: crisis)
        try BranchFigures.set(desk.desk, branch: "上海分公司", month: "2026-02", claimReports: 100, premium: nil, policiesNew: nil,
                              policiesInForce: 40_000, insuredPersons: nil, actor: Actor(name: AttackDesk.adminLogin))
        let report = try desk.run(AttackDesk.leadLogin, ["report", "summary", "--from", "2026-02-15", "--to", "2026-02-17"])
        XCTAssertEqual(report.status, 0, report.description)
        built = desk
        return desk
    }

    /// `audit verify` as `login`.
    func verify(_ desk: TamperDesk, as login: String = AttackDesk.auditorLogin, _ extra: [String] = []) throws -> ConsoleProcess.Outcome {
        try desk.run(login, ["audit", "verify"] + extra)
    }

    /// Held when verify exits 7 and names every one of `named`.
    func caught(_ v: ConsoleProcess.Outcome, _ named: [String]) -> Verdict {
        if v.crashed { return .crashed(v.description) }
        let missing = named.filter { !v.stdout.contains($0) }
        return .held(if: v.status == 7 && missing.isEmpty, else: .broke("verify did not report \(missing) with exit 7:\n\(v)"))
    }

    /// Held when the shell was refused and verify still passes.
    func refused(_ edit: ConsoleProcess.Outcome, _ desk: TamperDesk) throws -> Verdict {
        let v = try verify(desk)
        return .held(if: edit.status != 0 && edit.stderr.contains("append-only") && v.status == 0,
                     else: .broke("the shell's edit went through or broke the desk:\n\(edit)\nverify:\n\(v)"))
    }

    func testACleanDeskVerifies() throws {
        let desk = try makeDesk()
        for login in [AttackDesk.auditorLogin, AttackDesk.handlerLogin] {
            let v = try verify(desk, as: login)
            XCTAssertEqual(v.status, 0, v.description)
            XCTAssertTrue(v.stdout.hasPrefix("ok: "), v.stdout)
        }
        // A login that is not on the roster may run nothing on the desk, verify included.
        XCTAssertEqual(try verify(desk, as: AttackDesk.ghostLogin).status, 6)
        let anchors = try String(contentsOfFile: desk.path + ".anchors", encoding: .utf8)
        XCTAssertTrue(anchors.contains("\treport summary\t") && anchors.contains("\taudit verify\t"), anchors)
    }

    func testTheDemoVerifies() throws {
        let dir = ScratchDirectory("audit-demo")
        let db = dir.file("demo.sqlite")
        let env = ["CONSOLE_CONFIG_DIR": dir.file("config"), "LANG": "C.UTF-8"]
        let demo = try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--cases", "600", "--db", db], environment: env, timeout: 300)
        XCTAssertEqual(demo.status, 0, demo.description)
        let v = try ConsoleProcess.run([ConsoleProcess.binary, "audit", "verify", "--db", db, "--json"], environment: env, timeout: 300)
        XCTAssertEqual(v.status, 0, v.description)
        XCTAssertTrue(v.stdout.contains("\"ok\":true") || v.stdout.contains("\"ok\": true"), v.stdout)
    }

    // MARK: the event table with its triggers in place

    func testEditsTheTriggersRefuse() throws {
        let edits: [(String, String)] = [
            ("update an event", "UPDATE events SET actor = 'mallory' WHERE id = 3;"),
            ("delete an event", "DELETE FROM events WHERE id = 3;"),
            ("delete the tail", "DELETE FROM events WHERE id > 10;"),
            ("INSERT OR REPLACE an event with its own hash", "INSERT OR REPLACE INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT id, case_id, at, 'mallory', action, detail, prev_hash, hash FROM events WHERE id = 3;"),
            ("REPLACE INTO the first event", "REPLACE INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT id, case_id, at, actor, 'user-add', detail, prev_hash, hash FROM events WHERE id = 1;"),
            ("UPSERT onto an event", "INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT id, case_id, at, actor, action, detail, prev_hash, hash FROM events WHERE id = 2 ON CONFLICT(id) DO UPDATE SET actor = 'mallory';"),
            ("insert below the head", "INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) VALUES (0, NULL, 0, 'mallory', 'user-add', '{}', zeroblob(32), zeroblob(32));"),
            ("insert past the head (a gap)", "INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) SELECT max(id) + 5, NULL, 0, 'mallory', 'user-add', '{}', zeroblob(32), zeroblob(32) FROM events;"),
            ("insert without an id", "INSERT INTO events (case_id, at, actor, action, detail, prev_hash, hash) VALUES (NULL, 0, 'mallory', 'user-add', '{}', zeroblob(32), zeroblob(32));"),
        ]
        for (name, sql) in edits {
            attempt(.audit, "sqlite3 with the triggers in place: \(name)") {
                let desk = try makeDesk()
                return try refused(try sqlite3(desk, sql), desk)
            }
        }
    }

    // MARK: the event table, forced

    func testForgedReplacedAndReChainedEventsAreFound() throws {
        attempt(.audit, "sqlite3: forge an event at head + 1 with a plain SHA-256 link") {
            let desk = try makeDesk()
            let (head, forged) = try plainNext(desk, actor: AttackDesk.handlerLogin, action: "user-role", detail: "{\"user\":\"zhangqiang\",\"role\":\"handler → administrator\"}")
            let edit = try sqlite3(desk, "INSERT INTO events (id, case_id, at, actor, action, detail, prev_hash, hash) VALUES (\(head + 1), NULL, 0, 'zhangqiang', 'user-role', '{\"user\":\"zhangqiang\",\"role\":\"handler → administrator\"}', x'\(forged.prev)', x'\(forged.hash)');")
            guard edit.status == 0 else { return .broke("the forged insert itself failed: \(edit)") }
            return caught(try verify(desk), ["chain broken at event \(head + 1)", "forged"])
        }
        attempt(.audit, "sqlite3: drop events_next_id, INSERT OR REPLACE event 3 with a recomputed SHA-256") {
            let desk = try makeDesk()
            guard try sqlite3(desk, "DROP TRIGGER events_next_id;").status == 0 else { return .broke("drop failed") }
            let row = try readEvent(desk, 3)
            let h = AuditChain.hash(prev: row.prev, AuditChain.Fields(id: 3, caseId: row.caseId, at: row.at, actor: "mallory", action: row.action,
                                                                      fromStatus: row.from, toStatus: row.to, detail: row.detail))
            let edit = try sqlite3(desk, "INSERT OR REPLACE INTO events (id, case_id, at, actor, action, from_status, to_status, detail, prev_hash, hash) SELECT id, case_id, at, 'mallory', action, from_status, to_status, detail, prev_hash, x'\(AuditChain.hex(h))' FROM events WHERE id = 3;")
            guard edit.status == 0 else { return .broke("the replace itself failed: \(edit)") }
            return caught(try verify(desk), ["chain broken at event 3", "append-only trigger events_next_id is missing"])
        }
        attempt(.audit, "sqlite3: edit an event, put the update trigger back exactly") {
            let desk = try makeDesk()
            let edit = try sqlite3(desk, "DROP TRIGGER events_no_update; UPDATE events SET actor = 'mallory' WHERE id = 5;\n" + Schema.eventsNoUpdateTrigger)
            guard edit.status == 0 else { return .broke("\(edit)") }
            return caught(try verify(desk), ["chain broken at event 5", "changed or forged"])
        }
        attempt(.audit, "sqlite3: edit an event and recompute the whole chain with SHA-256, triggers put back") {
            let desk = try makeDesk()
            guard try sqlite3(desk, "DROP TRIGGER events_no_update; UPDATE events SET actor = 'mallory' WHERE id = 5;").status == 0 else { return .broke("edit failed") }
            let edit = try sqlite3(desk, (try plainChainSQL(desk)) + Schema.eventsNoUpdateTrigger)
            guard edit.status == 0 else { return .broke("\(edit)") }
            return caught(try verify(desk), ["re-chained", "anchor of", "report summary"])
        }
        attempt(.audit, "sqlite3: drop every trigger, delete an event, recompute the whole chain with SHA-256") {
            let desk = try makeDesk()
            let drop = try sqlite3(desk, "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; DROP TRIGGER events_next_id; DROP TRIGGER events_hash_required; DELETE FROM events WHERE action = 'reveal' OR id = 4;")
            guard drop.status == 0 else { return .broke("\(drop)") }
            let edit = try sqlite3(desk, try plainChainSQL(desk))
            guard edit.status == 0 else { return .broke("\(edit)") }
            return caught(try verify(desk), ["re-chained", "append-only trigger events_no_update is missing", "append-only trigger events_hash_required is missing"])
        }
        attempt(.audit, "sqlite3: replace a trigger by one with the same name that allows everything") {
            let desk = try makeDesk()
            let edit = try sqlite3(desk, "DROP TRIGGER events_no_delete; CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN 0 BEGIN SELECT 1; END;")
            guard edit.status == 0 else { return .broke("\(edit)") }
            return caught(try verify(desk), ["append-only trigger events_no_delete was altered"])
        }
        attempt(.audit, "sqlite3: add a trigger that rewrites cases behind the console") {
            let desk = try makeDesk()
            let edit = try sqlite3(desk, "CREATE TRIGGER quiet AFTER UPDATE ON cases BEGIN UPDATE cases SET status = 'closed' WHERE id = NEW.id AND 0; END;")
            guard edit.status == 0 else { return .broke("\(edit)") }
            return caught(try verify(desk), ["trigger quiet was not created by the console"])
        }
    }

    func testTruncationIsFound() throws {
        attempt(.audit, "sqlite3: cut the tail after a report anchored the head") {
            let desk = try makeDesk()
            let edit = try sqlite3(desk, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id > (SELECT max(id) - 3 FROM events);\n" + AuditTriggers.noDeleteSQL)
            guard edit.status == 0 else { return .broke("\(edit)") }
            return caught(try verify(desk), ["truncated", "report summary"])
        }
        attempt(.audit, "sqlite3: cut the tail and delete the anchor log too") {
            let desk = try makeDesk()
            let edit = try sqlite3(desk, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id > (SELECT max(id) - 2 FROM events);\n" + AuditTriggers.noDeleteSQL)
            guard edit.status == 0 else { return .broke("\(edit)") }
            try FileManager.default.removeItem(atPath: desk.path + ".anchors")
            // The cut events recorded the figures and the crisis report: those rows now have no event.
            return caught(try verify(desk), ["figures 上海分公司 2026-02: this row was not created by any event"])
        }
        attempt(.audit, "sqlite3: cut the tail under --expect-head") {
            let desk = try makeDesk()
            let head = try readHead(desk)
            try FileManager.default.removeItem(atPath: desk.path + ".anchors")
            let edit = try sqlite3(desk, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = (SELECT max(id) FROM events);")
            guard edit.status == 0 else { return .broke("\(edit)") }
            return caught(try verify(desk, ["--expect-head", head]), ["the expected head \(head) is not in the chain"])
        }
    }

    // MARK: rows

    func testRowsEditedWithoutAnEventAreNamed() throws {
        let cases: [(String, (TamperDesk) -> String, (TamperDesk) -> [String])] = [
            ("a case's status", { "UPDATE cases SET status = 'closed' WHERE number = '\($0.general[1])';" },
             { ["\($0.general[1]): status is closed, the events say received"] }),
            ("a case's handler and severity", { "UPDATE cases SET handler = 'liqiang', severity = 'venting' WHERE number = '\($0.general[2])';" },
             { ["\($0.general[2]): handler is liqiang, the events say zhangqiang", "\($0.general[2]): severity is venting, the events say "] }),
            ("a case's phone", { "UPDATE cases SET phone = '13999999999' WHERE number = '\($0.general[1])';" },
             { ["\($0.general[1]): phone differs from what the events recorded (personal data"] }),
            ("a case deleted", { "DELETE FROM cases WHERE number = '\($0.general[2])';" },
             { ["\($0.general[2]): the events say this row exists"] }),
            ("a case added", { _ in "INSERT INTO cases (number, received_at, receiving_operator, channel, branch, source, name, phone, id_number, policy_number, claim_number, bank_account, language, line, product, category, kind, summary, details, demand, people, potential_loss, regulator_involved, media_involved, online_exposure, status, severity, repeat_count, validity, validity_reason, resolution, extension_count, stages_started_at, improvement_suggestion, version, updated_at, updated_by) SELECT 'TS-20260217-0999', received_at, receiving_operator, channel, branch, source, name, phone, id_number, policy_number, claim_number, bank_account, language, line, product, category, kind, summary, details, demand, people, potential_loss, regulator_involved, media_involved, online_exposure, status, severity, repeat_count, validity, validity_reason, resolution, extension_count, stages_started_at, improvement_suggestion, version, updated_at, updated_by FROM cases WHERE id = 1;" },
             { _ in ["TS-20260217-0999: this row was not created by any event"] }),
            ("a user's role, left raised", { _ in "UPDATE users SET role = 'administrator' WHERE name = 'wangmin';" },
             { _ in ["users: wangmin is administrator, the events say team-lead"] }),
            ("a user added as administrator", { _ in "INSERT INTO users (name, display_name, team, role, active) VALUES ('mallory', 'M', '系统', 'administrator', 1);" },
             { _ in ["users: mallory: this row was not created by any event"] }),
            ("a disabled user enabled", { _ in "UPDATE users SET active = 1 WHERE name = 'former';" },
             { _ in ["users: former: active is 1, the events say 0"] }),
            ("a shift removed", { _ in "DELETE FROM shifts WHERE user_name = 'zhangqiang';" },
             { _ in ["(zhangqiang): the events say this row exists"] }),
            ("the user-switch setting", { _ in "UPDATE settings SET value = 'off' WHERE key = 'allow-user-switch';" },
             { _ in ["settings: allow-user-switch: value is off, the events say on"] }),
            ("a crisis event dismissed", { _ in "UPDATE crisis_events SET status = 'dismissed' WHERE id = 1;" },
             { _ in ["crisis event 1: status is dismissed, the events say declared"] }),
            ("a crisis report rewritten", { _ in "UPDATE crisis_reports SET to_whom = '无' WHERE event_id = 1;" },
             { _ in ["to_whom is 无, the events say 上海分公司"] }),
            ("a case taken out of its crisis", { $0.general.isEmpty ? "" : "DELETE FROM crisis_cases WHERE event_id = 1;" },
             { ["crisis event 1, case \($0.general[0]): the events say this row exists"] }),
            ("branch figures", { _ in "UPDATE branch_figures SET claim_reports = 5;" },
             { _ in ["figures 上海分公司 2026-02: claim_reports is 5, the events say 100"] }),
        ]
        for (name, sql, named) in cases {
            attempt(.audit, "sqlite3: edit \(name) without an event") {
                let desk = try makeDesk()
                let edit = try sqlite3(desk, sql(desk))
                guard edit.status == 0 else { return .broke("the edit itself failed: \(edit)") }
                // As the login running the tests: the setting edit forbids --user switching.
                return caught(try verify(desk, as: AttackDesk.osLogin), named(desk))
            }
        }
        attempt(.audit, "sqlite3: a penalty on a report case lowered, verified by a team lead") {
            let desk = try makeDesk()
            let edit = try sqlite3(desk, "UPDATE penalties SET amount = amount + 1000;")
            guard edit.status == 0 else { return .broke("\(edit)") }
            let lead = try verify(desk, as: AttackDesk.leadLogin)
            let auditor = try verify(desk, as: AttackDesk.auditorLogin)
            if lead.stdout.contains("JB-") || lead.stdout.contains("liqiang") { return .leaked("a team lead's verify names the report case:\n\(lead)") }
            if case let v = caught(lead, ["a restricted record: amount differs from the events"]), v != .held { return v }
            return caught(auditor, ["penalty ", "(\(desk.reports[1]), liqiang): amount is "])
        }
        attempt(.audit, "sqlite3: a report case's status changed, verified by a handler") {
            let desk = try makeDesk()
            let edit = try sqlite3(desk, "UPDATE cases SET status = 'withdrawn' WHERE number = '\(desk.reports[0])';")
            guard edit.status == 0 else { return .broke("\(edit)") }
            let handler = try verify(desk, as: AttackDesk.handlerLogin)
            if handler.stdout.contains("JB-") || handler.stdout.contains("withdrawn") { return .leaked("a handler's verify shows the report case:\n\(handler)") }
            return caught(handler, ["a restricted record: status differs from the events"])
        }
    }

    func testARoleRaisedAroundAnActionIsFound() throws {
        let actions: [(String, String, [String], String)] = [
            ("handler raised to administrator changes a role", AttackDesk.handlerLogin, ["users", "set-role", "liqiang", "team-lead"],
             "zhangqiang did user-role, but the roster then made zhangqiang a handler: only an administrator can manage users"),
            ("handler raised to team lead reassigns a case", AttackDesk.handlerLogin, ["assign", "TS-20260217-0001", "--to", "liqiang"],
             "zhangqiang did assign, but the roster then made zhangqiang a handler: only a team lead can assign or reassign cases"),
            ("operator raised to administrator allows user switching", AttackDesk.operatorLogin, ["users", "allow-switch", "on"],
             "zhoufang did setting, but the roster then made zhoufang a duty operator: only an administrator can change the desk's security settings"),
            ("disabled lead re-enabled to approve a case", AttackDesk.formerLogin, ["users", "shift", "former", "--from", "2026-02-17T20:00:00+08:00", "--to", "2026-02-18T08:00:00+08:00"],
             "former did shift-add, but former was disabled on the roster then"),
        ]
        for (name, login, args, named) in actions {
            attempt(.audit, "sqlite3 raise, act with the console, put back: \(name)") {
                let desk = try makeDesk()
                let role = login == AttackDesk.handlerLogin && args[0] == "assign" ? "team-lead" : "administrator"
                let raise = login == AttackDesk.formerLogin ? "UPDATE users SET active = 1, role = 'administrator' WHERE name = 'former';" : "UPDATE users SET role = '\(role)' WHERE name = '\(login)';"
                let before = try readUser(desk, login)
                guard try sqlite3(desk, raise).status == 0 else { return .broke("raise failed") }
                let act = try desk.run(login, args)
                guard act.status == 0 else { return .broke("the raised role could not act (the attack needs it to): \(act)") }
                guard try sqlite3(desk, "UPDATE users SET role = '\(before.role)', active = \(before.active) WHERE name = '\(login)';").status == 0 else { return .broke("revert failed") }
                return caught(try verify(desk), [named])
            }
        }
    }

    // MARK: the key

    func testAMissingOrWrongKeyIsFound() throws {
        attempt(.audit, "delete the key file: verify and the next write say so") {
            let desk = try makeDesk()
            try FileManager.default.removeItem(atPath: desk.path + ".key")
            let write = try desk.run(AttackDesk.operatorLogin, ["act", desk.general[0], "note", "--note", "x"])
            if write.status == 0 { return .broke("a write extended the trail without the key: \(write)") }
            if !write.stderr.contains("desk.sqlite.key") { return .broke("the refusal does not name the key file: \(write)") }
            return caught(try verify(desk), ["desk.sqlite.key: the desk's audit key is missing"])
        }
        attempt(.audit, "another desk's key file beside this one") {
            let desk = try makeDesk()
            try TamperDesk.writeKey(AuditKey.random(), to: desk.path)
            let write = try desk.run(AttackDesk.operatorLogin, ["act", desk.general[0], "note", "--note", "x"])
            if write.status == 0 { return .broke("a write extended the trail with a wrong key: \(write)") }
            return caught(try verify(desk), ["the audit key file does not match this trail"])
        }
        attempt(.audit, "recompute the keyed chain with a key of one's own, and put that key beside the file") {
            let desk = try makeDesk()
            let key = AuditKey.random()
            guard try sqlite3(desk, "DROP TRIGGER events_no_update; UPDATE events SET actor = 'mallory' WHERE id = 5;").status == 0 else { return .broke("edit failed") }
            let edit = try sqlite3(desk, (try keyedChainSQL(desk, key.key)) + Schema.eventsNoUpdateTrigger)
            guard edit.status == 0 else { return .broke("\(edit)") }
            try TamperDesk.writeKey(key, to: desk.path)
            // The chain and rows are consistent under the new key; the anchors written before are not.
            return caught(try verify(desk), ["anchor of", "rebuilt (re-chained)"])
        }
    }

    // MARK: helpers

    struct EventRow {
        var prev: [UInt8], caseId: Int64?, at: Int64, actor: String, action: String, from: String?, to: String?, detail: String
    }

    func readEvent(_ desk: TamperDesk, _ id: Int64) throws -> EventRow {
        let q = try DatabaseQueue(path: desk.path)
        defer { try? q.close() }
        return try q.read { db in
            let r = try Row.fetchOne(db, sql: "SELECT prev_hash, case_id, at, actor, action, from_status, to_status, detail FROM events WHERE id = ?", arguments: [id])!
            return EventRow(prev: [UInt8](r[0] as Data), caseId: r[1], at: r[2], actor: r[3], action: r[4], from: r[5], to: r[6], detail: r[7])
        }
    }

    func readHead(_ desk: TamperDesk) throws -> String {
        let q = try DatabaseQueue(path: desk.path)
        defer { try? q.close() }
        return try q.read { db in try String.fetchOne(db, sql: "SELECT lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1")! }
    }

    func readUser(_ desk: TamperDesk, _ name: String) throws -> (role: String, active: Int) {
        let q = try DatabaseQueue(path: desk.path)
        defer { try? q.close() }
        return try q.read { db in
            let r = try Row.fetchOne(db, sql: "SELECT role, active FROM users WHERE name = ?", arguments: [name])!
            return (r[0], r[1])
        }
    }

    /// The head's id and a plain SHA-256 link for a new event after it (what an attacker without the key can compute).
    func plainNext(_ desk: TamperDesk, actor: String, action: String, detail: String) throws -> (Int64, (prev: String, hash: String)) {
        let q = try DatabaseQueue(path: desk.path)
        defer { try? q.close() }
        let (id, prev) = try q.read { db -> (Int64, [UInt8]) in
            let r = try Row.fetchOne(db, sql: "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")!
            return (r[0], [UInt8](r[1] as Data))
        }
        let h = AuditChain.hash(prev: prev, AuditChain.Fields(id: id + 1, caseId: nil, at: 0, actor: actor, action: action, fromStatus: nil, toStatus: nil, detail: detail))
        return (id, (AuditChain.hex(prev), AuditChain.hex(h)))
    }

    /// UPDATE statements that relink every event, as the rows stand now, with plain SHA-256.
    func plainChainSQL(_ desk: TamperDesk) throws -> String { try chainSQL(desk, key: nil) }

    func keyedChainSQL(_ desk: TamperDesk, _ key: AuditKey) throws -> String { try chainSQL(desk, key: key) }

    private func chainSQL(_ desk: TamperDesk, key: AuditKey?) throws -> String {
        let q = try DatabaseQueue(path: desk.path)
        defer { try? q.close() }
        return try q.read { db in
            var prev = AuditChain.genesis
            var sql = ""
            var buffer = [UInt8]()
            for r in try Row.fetchAll(db, sql: "SELECT id, case_id, at, actor, action, from_status, to_status, detail, row_changes FROM events ORDER BY id") {
                let changes: String? = r[8]
                let f = AuditChain.Fields(id: r[0], caseId: r[1], at: r[2], actor: r[3], action: r[4], fromStatus: r[5], toStatus: r[6], detail: r[7],
                                          rowChanges: key == nil ? nil : changes.map { Array($0.utf8) })
                let h = AuditChain.hash(prev: prev, f, buffer: &buffer, mac: key?.mac)
                sql += "UPDATE events SET prev_hash = x'\(AuditChain.hex(prev))', hash = x'\(AuditChain.hex(h))'\(key == nil ? ", row_changes = NULL" : "") WHERE id = \(f.id);\n"
                prev = h
            }
            return sql
        }
    }
}

/// A copy of the attack desk's files (database, key, anchor log) in a scratch directory of its
/// own, run like `AttackDesk`.
final class TamperDesk: @unchecked Sendable {
    let dir = ScratchDirectory("tamper")
    let path: String
    let general: [String]
    let reports: [String]

    init(copying source: AttackDesk) throws {
        path = dir.file("desk.sqlite")
        // A consistent copy of the live file (its log included), then the files beside it.
        try source.desk.store.backup(to: path)
        general = source.general
        reports = source.reports
    }

    /// Runs the console as `login` on this copy.
    func run(_ login: String, _ args: [String]) throws -> ConsoleProcess.Outcome {
        let env = ["LANG": "C.UTF-8", "CONSOLE_CONFIG_DIR": dir.file("config"), "NO_COLOR": "1"]
        return try ConsoleProcess.run([ConsoleProcess.binary] + args + ["--db", path, "--now", AttackDesk.now, "--user", login], environment: env)
    }

    /// Puts a key file of one's own beside the database.
    static func writeKey(_ key: (bytes: [UInt8], key: AuditKey), to database: String) throws {
        let file = AuditKey.path(forDatabase: database)
        try? FileManager.default.removeItem(atPath: file)
        try Data("\(AuditChain.hex(key.bytes))\n".utf8).write(to: URL(fileURLWithPath: file))
    }
}

extension AuditKey {
    /// A key that is not the desk's, with its bytes.
    static func random() -> (bytes: [UInt8], key: AuditKey) {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return (bytes, AuditKey(bytes: bytes))
    }
}
