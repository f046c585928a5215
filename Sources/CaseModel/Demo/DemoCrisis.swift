import GRDB

extension DemoGenerator {
    /// Runs the demo's crisis events as a desk would have: the group complaint (32 people at a
    /// bank outlet, a journalist present) proposed within minutes, declared by the crisis group,
    /// its 1-hour report filed and the 24-hour report still to come; involvement cases older than
    /// a day proposed and dismissed after checking. Recent ones are left for the alert rules to
    /// propose when a console starts, as they would be live.
    func runCrises(now: Instant, _ db: Database) throws {
        let cases = try Row.fetchAll(db, sql: """
            SELECT id, number, received_at, people, summary, branch FROM cases
            WHERE kind NOT IN ('venting', 'report') AND (people >= 5 OR media_involved = 1 OR regulator_involved = 1)
            ORDER BY received_at
            """)
        for row in cases {
            let r = StoredRow(row, "cases") { "case \(StoredRow.name(row[1] as DatabaseValue))" }
            let id = try r.id(0, "id"), number = try r.text(1, "number"), received = try r.instant(2, "received_at")
            let people = Int(try r.int(3, "people", in: Int64(DeskBounds.people.lowerBound)...Int64(DeskBounds.people.upperBound)))
            let group = people >= 5
            if !group && now.seconds - received.seconds < 86_400 { continue }
            let proposed = received.adding(seconds: 5 * 60)
            guard proposed <= now else { continue }
            let summary = try r.text(4, "summary"), branch = try r.text(5, "branch")
            let event = try CrisisEventTable.propose(title: summary, trigger: group ? .group : .involvement, branch: branch,
                                                     occurredAt: received, caseIds: [id], at: proposed, db)
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: proposed, actor: "rules", action: "crisis-propose",
                                             detail: ["event": String(event), "cases": number]), db)
            if group {
                let declared = received.adding(seconds: 12 * 60)
                let reported = received.adding(seconds: 50 * 60)
                try CrisisEventTable.declare(event, by: "huangwei", at: declared, db)
                try CaseTable.seedCrisis(id, event: event, db)
                try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: declared, actor: "huangwei", action: "crisis-declare",
                                                 detail: ["event": String(event)]), db)
                if reported <= now {
                    try CrisisEventTable.fileReport(event, kind: .superior, to: "江苏分公司", text: "已派员到场安抚，银行网点配合疏导，记者已离开；正在核对保单到期给付情况。",
                                                    by: "huangwei", at: reported, db)
                    try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: reported, actor: "huangwei", action: "crisis-report",
                                                     detail: ["event": String(event), "kind": "superior", "to": "江苏分公司"]), db)
                }
            } else {
                let dismissed = received.adding(seconds: 40 * 60)
                try CrisisEventTable.dismiss(event, reason: "经核实为个案，无群体或舆情风险，按一般投诉处理", at: dismissed, db)
                try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: dismissed, actor: "huangwei", action: "crisis-dismiss",
                                                 detail: ["event": String(event)]), db)
            }
        }
    }
}
