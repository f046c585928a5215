import CaseModel
import Foundation
import GRDB
import GRDBSQLite

/// `chaos festival`: the long run. Plays a whole Spring Festival (10 days from 2026-02-14 by
/// default) on an accelerated clock through the desk: intake with the holiday's hourly shape,
/// a burst of similar complaints, a mass incident and a media case, handling that moves cases
/// through the workflow (some are neglected and breach), hourly reassignments, and two consoles'
/// alert rules ticking and acknowledging side by side. Reports per day: intake, open, alerts,
/// resident memory and file size. Checks at the end: no alert duplicated, none lost (a fresh
/// evaluation finds nothing the running ones missed), the holiday report reconciles with the
/// raw events, the audit chain and integrity_check pass, memory flat within the limit.
enum Festival {
    static func run(_ a: ChaosArgs) -> Int32 {
        let days = a.int("days", 10)
        let perDay = a.int("cases-per-day", 300)
        let step = Int64(a.int("step-minutes", 5)) * 60
        let memoryLimit = a.double("memory-limit", 10)
        let dir = a.string("dir", NSTemporaryDirectory() + "chaos-festival-\(getpid())")
        try? FileManager.default.removeItem(atPath: dir)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/desk.sqlite"
        var rng = DemoRandom(seed: UInt64(a.int("seed", 2026)))
        do {
            let first = CivilDate(year: 2026, month: 2, day: 14)!
            let start = DeskTime.standard.instant(CivilDateTime(date: first, hour: 0, minute: 0))
            let end = start.adding(seconds: Int64(days) * 86_400)
            let clock = FixedClock(start)
            _ = try ChaosDesk.setup(path: path, writers: 2, hot: 0)
            let store = try CaseStore(path: path)
            let desk = CaseDesk(store: store, clock: clock)
            // Everyone on duty from the day before to the day after, as back-to-back day-long
            // shifts (a shift lasts at most 48 hours: docs/input-bounds.md), planned by the administrator.
            for u in ChaosDesk.handlers + [ChaosDesk.lead(0), ChaosDesk.lead(1)] {
                var from = start.adding(seconds: -86_400)
                while from < end.adding(seconds: 86_400) {
                    try desk.addShift(Shift(userName: u, startsAt: from, endsAt: from.adding(seconds: 86_400)), actor: Actor(name: ChaosDesk.admin))
                    from = from.adding(seconds: 86_400)
                }
            }
            let lead = Actor(name: ChaosDesk.lead(0))
            // Two consoles' alert rules, each with its own incremental state, on one file.
            let consoles = [AlertEvaluator(desk: desk), AlertEvaluator(desk: desk)]
            var open: [String: CaseStatus] = [:]
            var neglected = Set<String>()
            var intakeCount = 0
            var rss: [Int] = []
            var sqliteHeld: [Int] = []
            print("festival: \(days) days from \(first.iso), ~\(perDay) cases a day, a tick every \(step / 60) simulated minutes, 2 consoles")
            print("  day         intake   open  alerts  unack  crisis   RSS MB  SQLite MB  file KB")
            let hourWeights: [Double] = [0.4, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.6, 3.4, 3.6, 3.2, 2.2, 2.6, 3.2, 3.3, 3.0, 2.6, 2.0, 1.8, 1.6, 1.3, 1.0, 0.7]
            let weightSum = hourWeights.reduce(0, +)
            var t = start
            var tick = 0
            var dayIntake = 0
            while t < end {
                let civil = DeskTime.standard.civil(t)
                // Intake for this step, shaped by the hour of day (more on the holiday's first days).
                let expected = Double(perDay) * hourWeights[civil.hour] / weightSum * Double(step) / 3600 * (civil.date.day <= 17 ? 1.3 : 1.0)
                var n = Int(expected)
                if Double(rng.below(1000)) / 1000 < expected - Double(n) { n += 1 }
                var drafts: [CaseDraft] = (0..<n).map { _ in draft(&rng) }
                let dayIndex = Int((t.seconds - start.seconds) / 86_400)
                if civil.hour == 10 && civil.minute < Int(step / 60) {
                    if dayIndex == 2 {
                        // A burst: six similar complaints within the hour (a crisis proposal).
                        for _ in 0..<6 { var d = draft(&rng); d.branch = "苏州中心支公司"; d.product = "银保年金险"; d.category = "service"; d.line = "bancassurance"; drafts.append(d) }
                    } else if dayIndex == 5 {
                        var d = draft(&rng); d.people = 60; d.summary = "60名客户集体投诉退保难"; drafts.append(d)
                    } else if dayIndex == 7 {
                        var d = draft(&rng); d.mediaInvolved = true; d.summary = "媒体报道理赔拖延"; drafts.append(d)
                    }
                }
                for d in drafts {
                    var d = d
                    if rng.below(10) < 7 { d.handler = ChaosDesk.handlers[rng.below(ChaosDesk.handlers.count)] }
                    let c = try desk.intake(d, actor: lead)
                    open[c.number] = c.status
                    if rng.below(10) == 0 { neglected.insert(c.number) }   // forgotten: its clocks breach
                    intakeCount += 1; dayIntake += 1
                }
                // Handling: some open cases move one step on.
                let movable = open.keys.filter { !neglected.contains($0) }.sorted()
                for _ in 0..<min(movable.count, max(1, movable.count / 40)) {
                    let number = movable[rng.below(movable.count)]
                    guard let status = open[number] else { continue }
                    if let next = try advance(desk, number, status, lead) {
                        if next.isOpen || next == .closed { open[number] = next } else { open.removeValue(forKey: number) }
                    }
                }
                // Hourly reassignments (a lead balancing the load, or moving an absent handler's cases).
                if civil.minute < Int(step / 60) && !movable.isEmpty {
                    let picked = (0..<min(5, movable.count)).map { _ in movable[rng.below(movable.count)] }.filter { open[$0] != nil }
                    if !picked.isEmpty { _ = try desk.assign(Array(Set(picked)).sorted(), to: ChaosDesk.handlers[rng.below(ChaosDesk.handlers.count)], actor: lead) }
                }
                // Both consoles tick; one acknowledges a few alerts.
                _ = try consoles[tick % 2].tick(at: t)
                _ = try consoles[(tick + 1) % 2].tick(at: t)
                let unack = try DeskAlerts.current(desk, at: t, limit: 3, unacknowledgedOnly: true, actor: lead)
                if !unack.isEmpty && rng.below(3) == 0 {
                    _ = try DeskAlerts.acknowledge(desk, ids: unack.map(\.id), note: "值班确认", actor: Actor(name: ChaosDesk.lead(tick % 2)))
                }
                tick += 1
                t = t.adding(seconds: step)
                clock.set(t)
                if (t.seconds - start.seconds) % 86_400 == 0 {
                    let counts = try DeskAlerts.counts(desk, actor: lead)
                    let crises = try DeskCrises.active(desk, at: t, actor: lead).count
                    let mem = Spawn.residentKB(getpid())
                    rss.append(mem)
                    // What SQLite holds (mostly page cache, which grows with the file up to its limit).
                    let held = Int(sqlite3_memory_used() / 1024)
                    sqliteHeld.append(held)
                    let size = fileSize(path) + fileSize(path + "-wal")
                    let label = DeskTime.standard.civil(t.adding(seconds: -1)).date.iso
                    print(String(format: "  %@  %6d %6d  %6d %6d  %6d  %7.1f  %9.1f  %7d", label, dayIntake, open.filter { $0.value.isOpen }.count,
                                 counts.active, counts.unacknowledged, crises, Double(mem) / 1024, Double(held) / 1024, size / 1024))
                    dayIntake = 0
                }
            }
            // Both consoles catch up to the end instant, so the comparison below is like for like.
            for c in consoles { _ = try c.tick(at: end) }
            return try finalChecks(desk, store: store, start: start, end: end, first: first, days: days, intake: intakeCount,
                                   rss: rss, sqliteHeld: sqliteHeld, memoryLimit: memoryLimit, dir: dir, keep: a.flag("keep"))
        } catch {
            print("festival failed: \(error)")
            print("FAIL")
            return 1
        }
    }

    static func finalChecks(_ desk: CaseDesk, store: CaseStore, start: Instant, end: Instant, first: CivilDate, days: Int, intake: Int,
                            rss: [Int], sqliteHeld: [Int], memoryLimit: Double, dir: String, keep: Bool) throws -> Int32 {
        var failures: [String] = []
        // No alert twice: one row per (rule, subject, level).
        let duplicates = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM alerts GROUP BY rule, subject, level HAVING count(*) > 1)") ?? 0
        }
        if duplicates != 0 { failures.append("\(duplicates) duplicated alerts") }
        // None lost: a third console starting fresh at the end finds exactly the active set.
        let before = try activeAlerts(store)
        _ = try AlertEvaluator(desk: desk).tick(at: end)
        let after = try activeAlerts(store)
        let missed = after.subtracting(before), stale = before.subtracting(after)
        if !missed.isEmpty { failures.append("\(missed.count) alerts the running consoles missed: \(missed.sorted().prefix(5))") }
        if !stale.isEmpty { failures.append("\(stale.count) alerts the running consoles kept after they cleared: \(stale.sorted().prefix(5))") }
        let totalAlerts = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts") ?? 0 }
        // The holiday report reconciles with the raw events.
        let last = first.adding(days: days - 1)
        let summary = try HolidaySummary.compute(desk, period: ReportPeriod(shape: .days, first: first, last: last), actor: Actor(name: ChaosDesk.lead(0)))
        let (events, rows) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE action = 'intake' AND at >= ? AND at < ?", arguments: [start.seconds, end.seconds]) ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE received_at >= ? AND received_at < ?", arguments: [start.seconds, end.seconds]) ?? 0)
        }
        let perDaySum = summary.perDay.reduce(0) { $0 + $1.1 }
        if !(summary.total == intake && events == intake && rows == intake && perDaySum == intake) {
            failures.append("report does not reconcile: report total \(summary.total), per-day sum \(perDaySum), intake events \(events), case rows \(rows), taken in \(intake)")
        }
        let integrity = try store.integrityCheck()
        if integrity != ["ok"] { failures.append("integrity_check: \(integrity.prefix(3))") }
        let chain = try store.read { db in try AuditChain.verify(db) }
        if !chain.ok { failures.append("audit chain broken") }
        // Memory: after the first day (caches warm), the peak stays within the limit of day 2. SQLite's
        // page cache grows with the file by design (up to its configured size), so the limit applies
        // to what the process holds besides it; both figures are printed.
        var growth = 0.0, ownGrowth = 0.0
        if rss.count >= 3 {
            growth = Double(rss.dropFirst().max()! - rss[1]) / Double(rss[1]) * 100
            let own = zip(rss, sqliteHeld).map { $0 - $1 }
            ownGrowth = Double(own.dropFirst().max()! - own[1]) / Double(own[1]) * 100
            if ownGrowth > memoryLimit { failures.append(String(format: "memory outside SQLite's cache grew %.1f%% after day 2 (limit %.0f%%)", ownGrowth, memoryLimit)) }
        }
        print("  alerts: \(totalAlerts) raised in all, \(after.count) active at the end, duplicates \(duplicates), missed \(missed.count), stale \(stale.count)")
        print("  report: \(summary.total) cases in the holiday summary, \(events) intake events, \(rows) case rows, \(summary.breaches) breaches")
        print(String(format: "  memory: RSS %.1f MB after day 1, %.1f MB after day 2, peak %.1f MB (growth after day 2 %.1f%%); outside SQLite's cache growth %.1f%% (SQLite holds %.1f MB at the end); file %d KB",
                     Double(rss.first ?? 0) / 1024, Double(rss.count > 1 ? rss[1] : 0) / 1024, Double(rss.max() ?? 0) / 1024, growth, ownGrowth,
                     Double(sqliteHeld.last ?? 0) / 1024, (fileSize(store.path) + fileSize(store.path + "-wal")) / 1024))
        print("  integrity_check: \(integrity.joined(separator: "; ")); audit chain: \(chain.ok ? "ok" : "broken"), \(chain.total) events")
        for f in failures { print("  FAILED: \(f)") }
        print(failures.isEmpty ? "PASS" : "FAIL")
        if failures.isEmpty && !keep { try? FileManager.default.removeItem(atPath: dir) }
        return failures.isEmpty ? 0 : 1
    }

    static func activeAlerts(_ store: CaseStore) throws -> Set<String> {
        try store.read { db in
            Set(try String.fetchAll(db, sql: "SELECT rule || ':' || subject || ':' || level FROM alerts WHERE cleared_at IS NULL"))
        }
    }

    static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    static func draft(_ rng: inout DemoRandom) -> CaseDraft {
        var d = CaseDraft()
        d.category = ["claims", "claims", "claims", "sales", "service", "product"][rng.below(6)]
        d.line = ["travel", "accident", "home-property", "auto", "health", "life"][rng.below(6)]
        d.channel = ["hotline", "hotline", "wechat", "walk-in", "regulator"][rng.below(5)]
        d.branch = ["上海分公司", "江苏分公司", "浙江分公司", "苏州中心支公司"][rng.below(4)]
        d.product = ["境外旅行险", "航空意外险", "家财险", "车险"][rng.below(4)]
        d.phone = "135\(String(format: "%08d", rng.below(100_000_000)))"
        d.summary = ["春节出行航班延误理赔", "意外医疗报销慢", "家中水管爆裂定损争议", "车险理赔金额不满"][rng.below(4)]
        d.potentialLoss = Double(rng.below(40)) * 1000
        return d
    }

    /// Moves a case one step along the workflow as a team lead would record it; nil when refused.
    static func advance(_ desk: CaseDesk, _ number: String, _ status: CaseStatus, _ lead: Actor) throws -> CaseStatus? {
        let action: WorkflowAction
        var input = ActionInput(note: "已处理")
        switch status {
        case .received: action = .contact
        case .contacted: action = .startInvestigation
        case .investigating: action = .submit; input.resolution = "按合同赔付"
        case .pendingApproval: action = .approve
        case .approved: action = .close; input.closingBasis = .accepted
        case .closed: action = .followUp; input.callbackResult = .satisfied; input.satisfaction = 5
        default: return nil
        }
        do {
            return try desk.act(number, action, input, actor: lead).status
        } catch DomainError.notPermitted {
            return nil
        }
    }
}
