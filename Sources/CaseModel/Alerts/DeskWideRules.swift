import Foundation
import GRDB

/// The alert rules about the desk as a whole: crisis events and their report clocks, branches'
/// valid-complaint rates, handlers' loads (docs/alerts.md, "Rules").
enum DeskWideRules {
    /// The two groups of rules: the crisis events (run when a crisis clock passes, cheap) and the
    /// desk's figures (branch rates, handler loads; run after changes, at most once a minute).
    enum Part: CaseIterable {
        case crisis, figures
        var rules: [AlertRule] {
            switch self {
            case .crisis: [.crisis, .massIncident, .crisisReportDue, .crisisReportOverdue]
            case .figures: [.branchValidRate, .handlerLoad]
            }
        }
    }

    /// Desk-wide alerts are one row seen by everyone, so they count general cases only: a report
    /// case (举报件) must not move a figure a handler can read (docs/access-control.md).
    /// Returns the alerts of `parts` that hold at `now`, and the next instant a crisis clock passes.
    static func wanted(policy: DeskPolicy, now: Instant, parts: Set<Part> = Set(Part.allCases), _ db: Database) throws
        -> (alerts: [String: DeskAlert], nextCrisisCheck: Instant?) {
        var wanted: [String: DeskAlert] = [:]
        func add(_ a: DeskAlert) { wanted[a.id] = a }
        var nextCrisisCheck: Instant?
        if parts.contains(.crisis) {
            nextCrisisCheck = try crisis(policy: policy, now: now, db, add)
        }
        if parts.contains(.figures) {
            try figures(policy: policy, now: now, db, add)
        }
        return (wanted, nextCrisisCheck)
    }

    private static func crisis(policy: DeskPolicy, now: Instant, _ db: Database, _ add: (DeskAlert) -> Void) throws -> Instant? {
        let cp = policy.crisis
        let levels = policy.alertLevels
        var upcoming: [Instant] = []
        for e in try CrisisRecords.events(activeOnly: true, visibility: .standard, db) {
            let subject = "event-\(e.id)"
            let involvement = [e.mediaInvolved ? "媒体介入" : nil, e.regulatorInvolved ? "监管介入" : nil].compactMap { $0 }.joined(separator: " ")
            let declared = e.status == .declared
            if let level = levels.level(.crisis, declared: declared) {
                add(DeskAlert(rule: .crisis, level: level, subject: subject, caseNumber: nil,
                              messageZh: "【危机\(declared ? "" : "·待确认")】\(e.branch) \(e.title) \(e.people)人 \(involvement)",
                              messageEn: "crisis \(e.status.rawValue): \(e.title), \(e.people) people",
                              // The declared level is a new alert: it was raised when the event was
                              // declared, so it is new (and announced) to whoever saw the proposal.
                              raisedAt: declared ? (e.declaredAt ?? e.proposedAt) : e.proposedAt))
            }
            if e.isMassIncident(cp), let level = levels.level(.massIncident) {
                add(DeskAlert(rule: .massIncident, level: level, subject: subject, caseNumber: nil,
                              messageZh: "【重大群体性事件】\(e.branch) \(e.title) \(e.people)人", messageEn: "mass incident: \(e.title), \(e.people) people", raisedAt: e.proposedAt))
            }
            for kind in [CrisisReportKind.superior, .hq] {
                guard let due = e.reportDue(kind, cp) else { continue }
                let warnAt = due.adding(seconds: -cp.reportWarningSeconds)
                if now >= due {
                    guard let level = levels.level(.crisisReportOverdue, declared: declared) else { continue }
                    add(DeskAlert(rule: .crisisReportOverdue, level: level, subject: "\(subject):\(kind.rawValue)", caseNumber: nil,
                                  messageZh: "\(e.branch) \(e.title) \(kind.zh)已超时", messageEn: "\(e.title): report \(kind.en) overdue", raisedAt: due))
                } else {
                    upcoming.append(due)
                    if now >= warnAt, let level = levels.level(.crisisReportDue) {
                        add(DeskAlert(rule: .crisisReportDue, level: level, subject: "\(subject):\(kind.rawValue)", caseNumber: nil,
                                      messageZh: "\(e.branch) \(e.title) \(kind.zh)即将到期", messageEn: "\(e.title): report \(kind.en) due soon", raisedAt: warnAt))
                    } else if now < warnAt { upcoming.append(warnAt) }
                }
            }
        }
        return upcoming.min()
    }

    private static func figures(policy: DeskPolicy, now: Instant, _ db: Database, _ add: (DeskAlert) -> Void) throws {
        let levels = policy.alertLevels
        // Branches whose valid complaints this month exceed the share of their claim reports.
        let date = DeskTime.standard.civil(now).date
        let month = "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
        let monthStart = DeskTime.standard.instant(CivilDateTime(date: CivilDate(year: date.year, month: date.month, day: 1)!, hour: 0, minute: 0))
        // The next month's first day (not 31 days on: February's figures must not count March).
        let nextMonth = CivilDate(year: date.month == 12 ? date.year + 1 : date.year, month: date.month == 12 ? 1 : date.month + 1, day: 1, bounded: false)
            ?? date.adding(days: 31)
        let monthEnd = DeskTime.standard.instant(CivilDateTime(date: nextMonth, hour: 0, minute: 0))
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.branch, f.claim_reports, (SELECT count(*) FROM cases c WHERE c.branch = f.branch AND c.validity = 'valid'
                AND c.received_at >= ? AND c.received_at < ? AND c.kind <> 'report') FROM branch_figures f WHERE f.month = ? AND f.claim_reports > 0
            """, arguments: [monthStart.seconds, monthEnd.seconds, month])
        for row in rows {
            let r = StoredRow(row, "branch_figures") { "figures of \(StoredRow.name(row[0] as DatabaseValue)) \(month)" }
            let branch = try r.text(0, "branch"), claims = try r.count(1, "claim_reports"), valid = try r.count(2, "valid")
            let rate = Double(valid) / Double(claims)
            if rate > policy.alerts.branchValidRate, let level = levels.level(.branchValidRate) {
                add(DeskAlert(rule: .branchValidRate, level: level, subject: "\(branch):\(month)", caseNumber: nil,
                              messageZh: "\(branch) \(month) 有效投诉占报案 \(String(format: "%.1f", rate * 100))%",
                              messageEn: "\(branch) \(month): valid complaints \(String(format: "%.1f", rate * 100))% of claim reports", raisedAt: now))
            }
        }
        // A handler far above the average load of the other handlers on duty.
        let onDuty = try Roster.onDuty(at: now, db).filter { $0.role == .handler }
        if onDuty.count >= 2 {
            let load = try AccessControl.openLoad(.standard, db)
            let total = onDuty.map { load[$0.name] ?? 0 }.clampedSum()
            for u in onDuty {
                let n = load[u.name] ?? 0
                let others = Double(total.subtractingClamped(n)) / Double(onDuty.count - 1)
                if n >= policy.alerts.minLoad && Double(n) > policy.alerts.loadFactor * others, let level = levels.level(.handlerLoad) {
                    add(DeskAlert(rule: .handlerLoad, level: level, subject: u.name, caseNumber: nil,
                                  messageZh: "\(u.displayName) 在办 \(n) 件，其他在岗平均 \(Int(clamping: others.rounded()))", messageEn: "\(u.name) has \(n) open cases; other handlers on duty average \(Int(clamping: others.rounded()))", raisedAt: now))
                }
            }
        }
    }
}
