import ArgumentParser
import CaseModel
import Foundation

/// `console audit`: the tamper-evident audit trail.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Verify and read the audit trail (a SHA-256 hash chain over every event).",
        subcommands: [Verify.self, Log.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the hash chain and check the file; exit status 7 if the trail was tampered with, 4 if the file is damaged.",
            discussion: "Prints the newest event's id and hash: note them elsewhere (a daily report, a ticket) to detect a later truncation of the tail with --expect-head.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The head hash noted earlier: fail unless the chain still contains it.") var expectHead: String?
        @Flag var json = false

        func run() throws {
            let desk = try global.openDesk()
            let v = try desk.verifyAudit(actor: global.actor)
            var headFound = true
            if let expectHead {
                headFound = try desk.auditContains(hash: expectHead.lowercased(), actor: global.actor)
            }
            let mode = desk.store.fileMode()
            // The chain reads only the events: damage elsewhere (a case page, an index) shows in
            // SQLite's own check, and a desk verifying its file wants to hear of both.
            let integrity = (try? desk.store.integrityCheck()) ?? ["integrity_check could not run"]
            let fileOK = integrity == ["ok"]
            // Counts, ids and the head are chain positions: only for readers who see every event
            // (to anyone else they would count the events on report cases).
            let positions = EventVisibility.showsChainPositions(try desk.visibility(for: global.actor))
            if json {
                var o: [String: Any] = ["ok": v.ok && headFound && fileOK,
                                        "first_break": v.firstBreak.map { b -> [String: Any] in
                                            positions ? ["event": b.eventId, "reason": b.reason] : ["reason": b.reason] } ?? NSNull(),
                                        "missing_triggers": v.missingTriggers, "expected_head_found": headFound,
                                        "integrity": integrity, "file_ok": fileOK,
                                        "file_mode": String(mode.mode, radix: 8), "file_group": mode.group ?? NSNull()]
                if positions { o["events"] = v.total; o["checked"] = v.checked; o["head_id"] = v.headId; o["head_hash"] = v.headHash }
                print(CaseJSON.text(o))
            } else {
                if let b = v.firstBreak {
                    print(positions ? "BROKEN: \(b) (checked \(v.checked) of \(v.total) events; the chain is intact up to event \(v.headId))"
                                    : "BROKEN: \(b.reason) (an auditor sees where)")
                } else {
                    print(positions ? "ok: \(v.total) events, chain intact; head event \(v.headId) \(v.headHash)" : "ok: chain intact")
                }
                if !v.missingTriggers.isEmpty { print("BROKEN: append-only triggers missing: \(v.missingTriggers.joined(separator: ", "))") }
                if !headFound { print("BROKEN: the expected head \(expectHead!) is not in the chain: events were removed or the trail was rebuilt") }
                if !fileOK { print("DAMAGED: \(desk.store.path) fails SQLite's integrity_check: \(integrity.prefix(3).joined(separator: "; ")); restore from a backup (`console backup`)") }
                print("file: \(desk.store.path) mode \(String(mode.mode, radix: 8))\(mode.group.map { " group \($0)" } ?? "")")
            }
            if !(v.ok && headFound) { throw ExitCode(7) }
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
        print("purged \(r.cases) case(s) last changed before \(DeskTime.standard.format(r.before)) (retention \(r.retentionYears) years)")
    }
}
