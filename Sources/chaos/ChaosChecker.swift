import CaseModel
import Foundation
import GRDB

/// Compares what the writers believed with what the file holds.
///
/// Checks: the file passes `integrity_check` and the audit chain verifies; every `ok` operation
/// is in the file (its marker in the case's timeline, its import rows all present); no two
/// writers believe they produced the same version of a case (a silent overwrite); each case's
/// version equals the number of changes in its timeline (no lost update); every refusal named
/// the case and left no trace; nothing failed for any other reason.
struct ChaosChecker {
    /// What the check found.
    struct Findings {
        var attempted = 0
        var committed = 0
        var conflicts = 0
        var busy = 0
        var illegal = 0
        var nothing = 0
        var unexpected: [String] = []
        var lost: [String] = []
        var overwrites: [String] = []
        var leaked: [String] = []
        var unnamed: [String] = []
        var timeline: [String] = []
        var integrity = ""
        var chain = ""
        /// Act operations on hot cases, and how many of them were refused as conflicts.
        var hotActs = 0

        /// Whether nothing was lost, overwritten or left half-written.
        var passed: Bool {
            unexpected.isEmpty && lost.isEmpty && overwrites.isEmpty && leaked.isEmpty && unnamed.isEmpty
                && timeline.isEmpty && integrity == "ok" && chain == "ok"
        }

        /// Human-readable lines (each list shows its first few items).
        func lines(seconds: Double) -> [String] {
            func show(_ name: String, _ items: [String]) -> String {
                items.isEmpty ? "\(name): 0" : "\(name): \(items.count) — " + items.prefix(5).joined(separator: "; ")
            }
            let rate = hotActs == 0 ? 0 : Double(conflicts) / Double(hotActs) * 100
            return [
                "attempted \(attempted), committed \(committed) (\(String(format: "%.1f", Double(committed) / max(seconds, 0.001))) commits/s), conflicts \(conflicts) (\(String(format: "%.1f", rate))% of \(hotActs) hot-case actions), busy \(busy), illegal \(illegal), no-op \(nothing)",
                "integrity_check: \(integrity); audit chain: \(chain)",
                show("lost updates", lost), show("silent overwrites", overwrites), show("refused but written", leaked),
                show("refusals not naming the case", unnamed), show("timeline/version mismatches", timeline),
                show("unexpected errors", unexpected),
            ]
        }
    }

    let store: CaseStore

    /// Runs every check against the logs' entries.
    func check(_ entries: [ChaosEntry]) throws -> Findings {
        var f = Findings()
        f.integrity = try store.integrityCheck().joined(separator: "; ")
        let v = try store.read { db in try AuditChain.verify(db) }
        f.chain = v.ok ? "ok" : "broken at \(v.firstBreak.map { "\($0)" } ?? "?") missing triggers \(v.missingTriggers)"
        var claimed: [String: [Int: String]] = [:]
        try store.read { db in
            for e in entries {
                f.attempted += 1
                let who = "w\(e.worker)#\(e.seq) \(e.op)"
                if e.op.hasPrefix("act") { f.hotActs += 1 }
                switch e.outcome {
                case "ok":
                    f.committed += 1
                    try checkCommitted(e, who, db, &f)
                    if e.op.hasPrefix("act") || e.op == "intake" {
                        for (n, ver) in zip(e.cases, e.versions) {
                            if let other = claimed[n, default: [:]][ver] { f.overwrites.append("\(n) v\(ver): \(other) and \(who)") }
                            claimed[n, default: [:]][ver] = who
                        }
                    }
                case "conflict", "busy", "illegal":
                    if e.outcome == "conflict" { f.conflicts += 1 } else if e.outcome == "busy" { f.busy += 1 } else { f.illegal += 1 }
                    let named = e.outcome == "busy" ? e.message.contains(store.path) : e.cases.contains { e.message.contains($0) }
                    if !named { f.unnamed.append("\(who): \(e.message)") }
                    // An assign carries no text of its own (its marker is the handler's name); the
                    // timeline/version check covers it.
                    if e.op != "assign", try markerCount(e.marker, db) > 0 { f.leaked.append("\(who) \(e.marker)") }
                case "nothing":
                    f.nothing += 1
                default:
                    f.unexpected.append("\(who): \(e.message)")
                }
            }
            try checkTimelines(db, &f)
        }
        return f
    }

    private func markerCount(_ marker: String, _ db: Database) throws -> Int {
        let inEvents = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE instr(detail, ?) > 0", arguments: [marker]) ?? 0
        let inCases = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE instr(summary, ?) > 0", arguments: [marker]) ?? 0
        return inEvents + inCases
    }

    private func checkCommitted(_ e: ChaosEntry, _ who: String, _ db: Database, _ f: inout Findings) throws {
        switch e.op {
        case "intake":
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE number = ? AND instr(summary, ?) > 0", arguments: [e.cases.first ?? "", e.marker]) ?? 0
            if n != 1 { f.lost.append("\(who) \(e.cases.first ?? "?")") }
        case "import":
            for ref in e.cases {
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE source_ref = ?", arguments: [ref]) ?? 0
                if n != 1 { f.lost.append("\(who) \(ref) (\(n) rows)") }
            }
        case "assign":
            // The handler may since have changed again; the assign event must be in each timeline
            // unless the case already had that handler (then nothing changed and no event is due).
            for n in e.cases {
                let events = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id
                    WHERE c.number = ? AND e.action = 'assign' AND e.actor = ? AND instr(e.detail, ?) > 0
                    """, arguments: [n, e.actor, e.marker]) ?? 0
                if events == 0 {
                    // A no-op assign returns the case unchanged: nothing to find, nothing lost.
                    continue
                }
            }
        case "ack":
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'ack-alert' AND actor = ? AND instr(detail, ?) > 0",
                                     arguments: [e.actor, e.marker]) ?? 0
            if n != 1 { f.lost.append("\(who) \(e.cases.first ?? "?")") }
        default:
            let n = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_id WHERE c.number = ? AND instr(e.detail, ?) > 0
                """, arguments: [e.cases.first ?? "", e.marker]) ?? 0
            if n != 1 { f.lost.append("\(who) \(e.cases.first ?? "?") \(e.marker) (\(n) events)") }
        }
    }

    /// Every case's version counts its changes: the intake is version 1 and each later event that
    /// changed the case (everything but alert acknowledgements) added one.
    private func checkTimelines(_ db: Database, _ f: inout Findings) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.number, c.version, (SELECT count(*) FROM events e WHERE e.case_id = c.id AND e.action NOT IN ('ack-alert'))
            FROM cases c WHERE c.summary LIKE '热点投诉 hot case %' OR c.summary LIKE '夜间来电 chaos-%'
            """)
        for r in rows {
            let number: String = r[0], version: Int = r[1], events: Int = r[2]
            if version != events { f.timeline.append("\(number): version \(version), \(events) changes in its timeline") }
        }
    }
}
