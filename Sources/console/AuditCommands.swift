import ArgumentParser
import CaseModel
import Foundation

/// `console audit`: the tamper-evident audit trail.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Verify and read the audit trail (a keyed hash chain over every event, replayed against every row).",
        subcommands: [Verify.self, Log.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit trail: the keyed chain, the anchors written outside the file, and every row against the events.",
            discussion: """
            Walks the chain (plain SHA-256 links before the trail was keyed, HMAC-SHA256 under the desk's key \
            file DB.key from then on), checks the append-only triggers, checks every head written to the anchor \
            log DB.anchors (and --expect-head) is still in the chain, and replays the events: every case, user, \
            setting, shift, crisis event, penalty and branch figure must be what the events say, and every \
            event's actor must have held a role that permits the action at that moment. Each difference is \
            listed (a report case the reader may not see is called a restricted record). The head is then \
            written to the anchor log and the system log. See docs/audit-trail.md.

            Exit status: 0 when the trail and every row agree; 7 when they do not (tampering: an event \
            changed, forged, deleted or re-chained, a trigger missing or altered, the key missing or wrong, \
            an anchored head lost, a row or a role that the events do not account for); 4 when the file is \
            damaged (SQLite's integrity_check fails) and the trail agrees.
            """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "A head hash noted earlier: fail unless the chain still contains it.") var expectHead: String?
        @Flag(help: "JSON: the chain, the counts and every difference.") var json = false

        func run() throws {
            let desk = try global.openDesk()
            let report = try desk.verifyTrail(actor: global.actor, expectHead: expectHead)
            let mode = desk.store.fileMode()
            // The chain reads only the events: damage elsewhere (a case page, an index) shows in
            // SQLite's own check, and a desk verifying its file wants to hear of both.
            let integrity = (try? desk.store.integrityCheck()) ?? ["integrity_check could not run"]
            let fileOK = integrity == ["ok"]
            // Counts, ids and the head are chain positions: only for readers who see every event
            // (to anyone else they would count the events on report cases).
            let positions = EventVisibility.showsChainPositions(try desk.visibility(for: global.actor))
            let v = report.chain
            if json {
                var o = report.object
                o["ok"] = report.ok && fileOK
                o["expected_head_found"] = expectHead == nil || !report.differences.contains { $0.record == "expected head" }
                o["integrity"] = integrity
                o["file_ok"] = fileOK
                o["file_mode"] = String(mode.mode, radix: 8)
                o["file_group"] = mode.group ?? NSNull()
                if !positions {
                    for k in ["events", "checked", "head_id", "head_hash", "keyed_from", "rows_checked", "events_replayed", "anchors_checked"] { o[k] = nil }
                    o["first_break"] = v.firstBreak.map { ["reason": $0.reason] as [String: Any] } ?? NSNull()
                }
                print(CaseJSON.text(o))
            } else {
                if report.ok {
                    print(positions ? OutputLanguage.say(
                        "ok: \(v.total) events, chain intact\(v.keyedFrom.map { " (keyed from event \($0))" } ?? ""); \(report.rowsChecked) rows and \(report.eventsReplayed) events replayed, \(report.anchorsChecked) anchors checked; head event \(v.headId) \(v.headHash)",
                        "完好：\(v.total) 个事件，链条完整\(v.keyedFrom.map { "（自事件 \($0) 起加密钥）" } ?? "")；重放 \(report.rowsChecked) 行、\(report.eventsReplayed) 个事件，核对 \(report.anchorsChecked) 个锚点；链头事件 \(v.headId) \(v.headHash)")
                                    : OutputLanguage.say("ok: chain intact; every row and role agrees with the trail", "完好：链条完整；每一行、每个角色都与审计记录一致"))
                } else {
                    print(positions ? OutputLanguage.say("TAMPERED: \(report.differences.count) difference(s) between the trail and the file; head event \(v.headId) \(v.headHash)",
                                                         "被篡改：审计记录与文件有 \(report.differences.count) 处不符；链头事件 \(v.headId) \(v.headHash)")
                                    : OutputLanguage.say("TAMPERED: \(report.differences.count) difference(s) between the trail and the file (an auditor sees where)",
                                                         "被篡改：审计记录与文件有 \(report.differences.count) 处不符（审计员可见位置）"))
                    for d in report.differences { print("  \(d.message)") }
                }
                for note in report.notes { print(OutputLanguage.say("note: ", "注：") + note) }
                if !fileOK { print(OutputLanguage.say("DAMAGED: \(desk.store.path) fails SQLite's integrity_check: \(integrity.prefix(3).joined(separator: "; ")); restore from a backup (`console backup`)",
                                                     "已损坏：\(desk.store.path) 未通过 SQLite 的 integrity_check：\(integrity.prefix(3).joined(separator: "；"))；请从备份恢复（`console backup`）")) }
                print(OutputLanguage.say("file: \(desk.store.path) mode \(String(mode.mode, radix: 8))\(mode.group.map { " group \($0)" } ?? ""); anchor log \(report.anchorLog)",
                                         "文件：\(desk.store.path) 权限 \(String(mode.mode, radix: 8))\(mode.group.map { " 组 \($0)" } ?? "")；锚点日志 \(report.anchorLog)"))
            }
            AuditAnchor.record(desk, reason: report.ok ? "audit verify" : "audit verify (differences found)")
            if !report.ok { throw ExitCode(7) }
            if !fileOK { throw ExitCode(4) }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the audit trail (team leads, the president's office, auditors, administrators).",
            discussion: "--by filters by who acted. Event ids and hashes are shown only to readers who see every event (the president's office and auditors).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "Only this case's events.") var caseNumber: String?
        @Option(help: "Only this user's actions.") var by: String?
        @Option(help: "Only events at or after this time (ISO 8601, or a date).") var since: String?
        @Option(help: "Only the newest N events.") var limit: Int?
        @Flag(help: "JSON array (with each event's hashes, for readers who see them).") var json = false

        func run() throws {
            if let limit { try DeskBounds.check(limit, in: DeskBounds.listLimit, field: "--limit") }
            var q = AuditQuery(caseNumber: caseNumber, user: by, limit: limit)
            // A bare date is its midnight at the desk offset (DeskTime reads both).
            if let since { q.since = try DeskTime.standard.read(since, field: "--since") }
            let desk = try global.openDesk()
            // Personal data masked unless the reader's role may reveal it (docs/personal-data.md).
            let entries = try desk.auditTrail(q, actor: global.actor)
            let positions = entries.contains { $0.event.id != 0 }
            if json {
                print(CaseJSON.text(entries.map { e -> [String: Any] in
                    var o = CaseJSON.object(e.event)
                    if positions { o["prev_hash"] = e.prevHash; o["hash"] = e.hash }
                    return o
                }))
                return
            }
            var t = TextTable(headers: (positions ? ["#"] : []) + ["at", "who", "action", "case", "detail"] + (positions ? ["hash"] : []),
                              flexible: [positions ? 5 : 4])
            for e in entries {
                let ev = e.event
                let row = [DeskTime.standard.format(ev.at), ev.actor, ev.action, ev.caseNumber ?? "-",
                           ev.detail.keys.sorted().map { "\($0)=\(ev.detail[$0]!)" }.joined(separator: "; ")]
                t.rows.append(positions ? [String(ev.id)] + row + [String(e.hash.prefix(12))] : row)
            }
            print(t.render(maxWidth: 200))
        }
    }
}

/// `console purge`: remove personal data of closed cases past retention.
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge", abstract: "Purge closed cases past retention (policy retention-years, 3 by default): administrators only.",
        discussion: """
        Removes the complainant's personal data and free text of closed, followed-up or withdrawn cases last changed \
        before --before; the case rows stay as tombstones (number, dates, category, status) so the audit trail still \
        names them and `console audit verify` still passes. The purge itself is recorded in the trail.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Purge cases last changed before this date (ISO 8601 date or time); must be past retention.") var before: String

    func run() throws {
        let t = try DeskTime.standard.read(before, field: "--before")
        let r = try global.openDesk().purge(before: t, actor: global.actor)
        print(OutputLanguage.say("purged \(r.cases) case(s) last changed before \(DeskTime.standard.format(r.before)) (retention \(r.retentionYears) years)", "已清除 \(r.cases) 件最后变更早于 \(DeskTime.standard.format(r.before)) 的案件（保存期 \(r.retentionYears) 年）"))
    }
}
