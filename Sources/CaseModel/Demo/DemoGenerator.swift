import Foundation
import GRDB

/// What the demo generator wrote.
public struct DemoSummary: Sendable {
    public var cases = 0
    public var open = 0
    public var users = 0
    public var events = 0
}

/// Fills a database with a realistic holiday: cases over the window in the mix and daily shape of
/// docs/architecture.md, "The demo desk", progressed through the workflow as of the desk's clock,
/// with repeats, major cases, a group complaint and a roster with shifts. Beyond 5,000 cases the rest becomes
/// closed history before the window, so `--cases 1000000` looks like a desk's whole past.
public struct DemoGenerator {
    public let seed: UInt64
    public let cases: Int
    public let from: CivilDate
    public let to: CivilDate

    /// Creates a generator.
    public init(seed: UInt64, cases: Int, from: CivilDate, to: CivilDate) {
        self.seed = seed
        self.cases = cases
        self.from = from
        self.to = to
    }

    /// The instant the simulated desk stands at: the clock, clamped into the window (a clock
    /// outside it stands at the window's last evening).
    public func simulatedNow(_ clock: Instant) -> Instant {
        let t = DeskTime.standard
        let start = t.instant(CivilDateTime(date: from, hour: 0, minute: 0)).adding(seconds: 86_400)
        let end = t.instant(CivilDateTime(date: to, hour: 21, minute: 30))
        if clock >= start && clock <= end.adding(seconds: 86_400) { return clock }
        return end
    }

    /// Writes the demo into the desk's store (one transaction per batch; the roster is added if missing).
    /// `progress` is told of each case written.
    public func fill(_ desk: CaseDesk, actor: Actor = Actor(name: "demo"), progress report: ProgressSink? = nil) throws -> DemoSummary {
        var rng = DemoRandom(seed: seed)
        // Report case numbers from their own seeded stream, so the same seed gives the same numbers.
        let reportNumbers = SeededRandomness(seed: seed ^ 0x4A42)
        let now = simulatedNow(desk.clock.now())
        var summary = DemoSummary()
        let t = DeskTime.standard
        let windowStart = t.instant(CivilDateTime(date: from, hour: 0, minute: 0))
        let windowCount = cases <= 5000 ? cases : 5000 + (cases - 5000) / 20
        let historyCount = cases - windowCount
        let historyDays = max(30, historyCount / 1500)

        // Roster and shifts.
        try desk.store.write { db in
            try Bootstrap.requireDemo(actor, db)
            for u in DemoRoster.users where try Roster.user(u.name, db) == nil { try Roster.add(u, db); summary.users += 1 }
            if try Roster.user(actor.name, db) == nil && actor.name != "demo" {
                try Roster.add(DeskUser(name: actor.name, displayName: actor.name, team: "值班组", role: .teamLead), db)
                summary.users += 1
            }
            var day = from.adding(days: -1)
            var k = 0
            while day <= to.adding(days: 1) {
                let morning = t.instant(CivilDateTime(date: day, hour: 8, minute: 0))
                let evening = morning.adding(seconds: 12 * 3600)
                let staff = DemoRoster.handlers + DemoRoster.operators + DemoRoster.leads
                for (i, u) in staff.enumerated() {
                    let dayShift = (i + k) % 3 != 0
                    let startsAt = dayShift ? morning : evening
                    try Roster.addShift(Shift(userName: u.name, startsAt: startsAt, endsAt: startsAt.adding(seconds: 12 * 3600)), db)
                }
                if actor.name != "demo" {
                    // The one running the demo is on duty round the clock, one day after another
                    // (shifts end to end, not overlapping; a demo run as one of the demo's own
                    // staff keeps that person's 12-hour shifts beside it).
                    let midnight = morning.adding(seconds: -8 * 3600)
                    try Roster.addShift(Shift(userName: actor.name, startsAt: midnight, endsAt: midnight.adding(seconds: 24 * 3600)), db)
                }
                day = day.adding(days: 1); k += 1
            }
            // The holiday window the shifts were planned in, so the roster screen shows its days and gaps.
            let window = RosterWindow(from: t.instant(CivilDateTime(date: from.adding(days: -1), hour: 0, minute: 0)),
                                      to: t.instant(CivilDateTime(date: to.adding(days: 2), hour: 8, minute: 0)))
            try SettingsTable.setIfMissing(RosterWindow.settingKey, window.stored, db)
            // The roster and shifts are the demo's set-up, recorded like any change (docs/audit-trail.md).
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: desk.clock.now(), actor: actor.name, action: "roster-seed",
                                             detail: ["users": String(summary.users), "source": "demo"]), db)
        }

        // Arrival times: history first, then the window with its holiday shape.
        var times: [Int64] = []
        times.reserveCapacity(cases)
        let historyStart = windowStart.seconds - Int64(historyDays) * 86_400
        for _ in 0..<historyCount {
            times.append(historyStart + Int64(rng.int(0...(historyDays * 86_400 - 1))))
        }
        let span = max(3600, now.seconds - windowStart.seconds)
        let hourWeights: [Double] = [0.4, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.6, 3.4, 3.6, 3.2, 2.2, 2.6, 3.2, 3.3, 3.0, 2.6, 2.0, 1.8, 1.6, 1.3, 1.0, 0.7]
        let maxHour = hourWeights.max()!
        while times.count < cases {
            let s = windowStart.seconds + Int64(rng.int(0...Int(span - 1)))
            let hour = t.civil(Instant(seconds: s)).hour
            let date = t.civil(Instant(seconds: s)).date
            let holiday = date.month == 2 && date.day >= 15 && date.day <= 23
            let w = hourWeights[hour] / maxHour * (holiday ? 1.0 : 0.75)
            if rng.unit() < w { times.append(s) }
        }
        times.sort()

        let groupIndex = historyCount + windowCount * 4 / 5
        var pool: [(phone: String, id: String, policy: String, number: String, count: Int, root: String)] = []
        var index = 0
        // A demo bringing more cases than the desk holds is a bulk load (BulkLoad.isBulk): one
        // transaction, the indexes and the text index built after the rows.
        let existing = try desk.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0 }
        let bulk = BulkLoad.isBulk(incoming: cases, existing: existing)
        // On an empty desk the whole demo is one transaction (all or nothing, see `finish`).
        let batch = bulk || existing == 0 ? cases : 20_000
        // Severity of repeated originals follows their raised repeat counts. Runs in the last
        // batch's transaction, so a demo killed at any moment is either whole or absent.
        func finish(_ db: Database) throws {
            try CaseTable.raiseSeverityForRepeats(major: desk.policy.severity.majorRepeat, urgent: desk.policy.severity.urgentRepeat, db)
            // Raised repeat counts change severity and the same-day clock: refresh the stored due times.
            let stale = try Row.fetchCursor(db, sql: "SELECT \(CaseColumns.selectList) FROM cases WHERE repeat_count >= 2 AND (\(Schema.openCondition) OR status = 'closed')")
            var fixes: [(Int64, Int64?)] = []
            while let row = try stale.next() {
                let c = try CaseColumns.decode(row)
                let due = desk.policy.nextDue(c)
                if due != c.nextDueAt { fixes.append((c.id!, due?.seconds)) }
            }
            try CaseTable.setNextDue(fixes, db)
            // This event carries the severity and due-time fixes above; the crises record their own.
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: desk.clock.now(), actor: actor.name, action: "demo",
                                             detail: ["cases": String(summary.cases), "seed": String(seed)]), db)
            try runCrises(now: now, db)
        }
        while index < cases {
            let end = min(cases, index + batch)
            try desk.store.write { db in
                let numbers = NumberAllocator()
                let plan = bulk ? try BulkLoad.begin(keep: ["cases_repeat_of"], insertsOnly: true, db) : BulkLoad.Plan()
                for i in index..<end {
                    let inWindow = i >= historyCount
                    var c = makeCase(&rng, at: Instant(seconds: times[i]), inWindow: inWindow, group: i == groupIndex)
                    // Repeats: the same person again about the same matter.
                    // Report cases (举报件) stay on their own track: never linked to general cases.
                    if c.kind != .report && !pool.isEmpty && rng.chance(inWindow ? 0.07 : 0.03) {
                        let prior = pool[rng.int(0...(pool.count - 1))]
                        c.complainant.phone = prior.phone
                        c.complainant.idNumber = prior.id
                        c.complainant.policyNumber = prior.policy
                        c.repeatOf = prior.root
                        c.repeatCount = prior.count + 1
                    }
                    c.number = c.kind == .report ? try CaseRecords.nextNumber(for: c.receivedAt, kind: .report, random: reportNumbers, db)
                                                 : try numbers.next(for: c.receivedAt, db)
                    var events = progress(&c, now: now, rng: &rng, full: inWindow)
                    if !inWindow { events = [DemoGenerator.historyEvent(events)] }
                    c.severity = SeverityRules.effective(c, desk.policy.severity)
                    c.nextDueAt = c.isOpen || c.status == .closed ? desk.policy.nextDue(c) : nil
                    let id = try CaseTable.insert(c, db)
                    // The family's raised count goes with this case's intake event (the trail
                    // records every row change in the event that follows it).
                    let prior = inWindow ? c.repeatOf.flatMap { root in pool.firstIndex { $0.root == root } } : nil
                    if let prior, let root = c.repeatOf {
                        pool[prior].count = c.repeatCount
                        try CaseTable.raiseRepeatCount(of: root, to: c.repeatCount, db)
                    }
                    for k in events.indices { events[k].caseId = id; try CaseRecords.append(events[k], db) }
                    summary.events += events.count
                    summary.cases += 1
                    report?(summary.cases, Double(summary.cases) / Double(cases))
                    if c.isOpen { summary.open += 1 }
                    if c.repeatOf == nil && !c.complainant.phone.isEmpty && c.kind != .report {
                        if pool.count >= 3000 { pool.removeFirst(1000) }
                        pool.append((c.complainant.phone, c.complainant.idNumber, c.complainant.policyNumber, c.number, c.repeatCount, c.number))
                    }
                }
                try numbers.save(db)
                try BulkLoad.end(plan, db)
                if end == cases { try finish(db) }
            }
            index = end
        }
        return summary
    }

    func makeCase(_ rng: inout DemoRandom, at received: Instant, inWindow: Bool, group: Bool) -> ComplaintCase {
        let branchIndex = DemoTables.branch.pick(&rng)
        let branch = DemoText.branches[branchIndex].0
        // About 40% property & casualty, 60% life and health; the holiday raises travel, accident and home.
        let line = (inWindow ? DemoTables.holidayLine : DemoTables.usualLine).pick(&rng)
        let category = (DemoTables.propertyLines.contains(line) ? DemoTables.propertyCategory : DemoTables.lifeCategory).pick(&rng)
        let channel = DemoTables.channel.pick(&rng)
        let source = (channel == .regulator ? DemoTables.regulatorSource : DemoTables.otherSource).pick(&rng)
        let kind = DemoTables.kind.pick(&rng)
        let name = rng.pick(DemoTables.surnames) + rng.pick(DemoTables.given) + (rng.chance(0.6) ? rng.pick(DemoTables.given) : "")
        let phone = rng.pick(DemoTables.phonePrefixes) + String(rng.int(0...9)) + zeroPadded(rng.int(0...99_999_999), 8)
        let summary = rng.pick(DemoTables.summaries[line]![category]!)
        var c = ComplaintCase(
            number: "", receivedAt: received, receivingOperator: rng.pick(DemoRoster.operators).name, channel: channel,
            branch: branch, source: source,
            complainant: Complainant(name: name, phone: phone, idNumber: idNumber(&rng, region: DemoText.regionCodes[branchIndex]),
                                     policyNumber: "P" + String(rng.int(10...99)) + zeroPadded(rng.int(0...2_000_000_000), 10),
                                     claimNumber: category == .claims ? "C" + zeroPadded(rng.int(0...2_000_000_000), 11) : "",
                                     language: rng.chance(0.02) ? "en" : "zh"),
            line: line, product: rng.pick(DemoText.products[line]!), category: category, kind: kind,
            summary: summary, details: summary + "。" + rng.pick(DemoText.detailsTail), demand: rng.pick(DemoText.demands),
            peopleInvolved: 1,
            potentialLoss: rng.chance(0.04) ? Double(rng.int(20_000...300_000)) : Double(rng.int(0...30) * 500),
            regulatorInvolved: rng.chance(0.003), mediaInvolved: rng.chance(0.002), onlineExposure: rng.chance(0.01))
        if group {
            c.branch = "苏州中心支公司"; c.line = .bancassurance; c.category = .service; c.kind = .major
            c.product = "银保年金险"; c.summary = "银保产品到期无法退保 32人聚集网点"
            c.details = "32名客户聚集在苏州某银行网点，要求全额退还保费，有记者在场拍摄。"
            c.peopleInvolved = 32; c.mediaInvolved = true; c.potentialLoss = 3_200_000
        }
        return c
    }

    /// History before the window is kept as it would arrive from an older system: one event per
    /// case carrying its stage times (the case row holds them too), instead of one per step.
    static func historyEvent(_ steps: [CaseEvent]) -> CaseEvent {
        var e = steps[0]
        e.action = "history"
        e.fromStatus = nil
        e.toStatus = steps.last?.toStatus
        var detail: [String: String] = [:]
        for s in steps.dropFirst() {
            detail[s.action] = DeskTime.standard.format(s.at)
            for (k, v) in s.detail where k != "note" { detail[k] = v }
        }
        e.detail = detail
        return e
    }

    /// Moves a case through the workflow as far as the clock allows; returns the events.
    private func progress(_ c: inout ComplaintCase, now: Instant, rng: inout DemoRandom, full: Bool) -> [CaseEvent] {
        var events: [CaseEvent] = []
        let t0 = c.receivedAt
        var handler = rng.pick(DemoRoster.handlers)
        var lead = DemoRoster.leads[handler.team == "理赔组" ? 0 : 1]
        if c.kind == .report, let office = DemoRoster.users.first(where: { $0.role == .presidentsOffice }) {
            handler = office; lead = office   // the president's office handles report cases
        }
        func at(_ seconds: Double, after base: Instant) -> Instant { base.adding(seconds: Int64(seconds)) }
        func event(_ action: String, _ when: Instant, _ who: String, _ from: CaseStatus?, _ to: CaseStatus?, _ detail: [String: String] = [:]) {
            if full || action == "intake" || action == "close" || action == "follow-up" || action == "withdraw" {
                events.append(CaseEvent(caseId: nil, caseNumber: c.number, at: when, actor: who, action: action, fromStatus: from, toStatus: to, detail: detail))
            }
        }
        event("intake", t0, c.receivingOperator, nil, .received, ["channel": c.channel.rawValue, "category": c.category.rawValue])
        let slow = full ? 1.8 : 1.0   // business stages defer over the holiday
        let assignAt = at(rng.exponential(mean: 480), after: t0)
        guard assignAt <= now else { return events }
        c.handler = handler.name; c.team = handler.team
        event("assign", assignAt, lead.name, .received, .received, ["handler": "→ \(handler.name)"])
        let contactAt = max(at(rng.exponential(mean: 3600) + (rng.chance(0.08) ? 6 * 3600 : 0), after: t0), assignAt.adding(seconds: 60))
        guard contactAt <= now else { return events }
        c.contactedAt = contactAt; c.lastNoteAt = contactAt; c.status = .contacted
        event("contact", contactAt, handler.name, .received, .contacted, ["note": "已电话联系客户，说明处理流程"])
        if c.kind == .venting {
            let closeAt = at(rng.exponential(mean: 1800), after: contactAt)
            guard closeAt <= now else { return events }
            c.closedAt = closeAt; c.closingBasis = .accepted; c.status = .closed
            event("close", closeAt, handler.name, .contacted, .closed, ["basis": "accepted"])
            return events
        }
        if rng.chance(0.04) {
            let w = at(rng.exponential(mean: 86_400), after: contactAt)
            guard w <= now else { return events }
            c.withdrawnAt = w; c.status = .withdrawn
            event("withdraw", w, handler.name, .contacted, .withdrawn, ["reason": "客户表示问题已解决，撤回投诉"])
            return events
        }
        let investigateAt = at(rng.exponential(mean: 4 * 3600), after: contactAt)
        guard investigateAt <= now else { return events }
        c.investigationStartedAt = investigateAt; c.status = .investigating
        event("start-investigation", investigateAt, handler.name, .contacted, .investigating)
        let submitAt = at(rng.exponential(mean: 1.5 * 86_400 * slow), after: investigateAt)
        guard submitAt <= now else { return events }
        c.submittedAt = submitAt; c.status = .pendingApproval
        c.resolution = "经核实，按条款约定处理并向客户解释"
        event("submit", submitAt, handler.name, .investigating, .pendingApproval)
        let approveAt = at(rng.exponential(mean: 0.6 * 86_400 * slow), after: submitAt)
        guard approveAt <= now else { return events }
        c.approvedAt = approveAt; c.status = .approved
        event("approve", approveAt, lead.name, .pendingApproval, .approved)
        let closeAt = at(rng.exponential(mean: 0.8 * 86_400 * slow), after: approveAt)
        guard closeAt <= now else { return events }
        c.closedAt = closeAt; c.status = .closed
        c.closingBasis = rng.weighted([(.accepted, 78), (.supportedByLaw, 17), (.invalid, 5)])
        c.validity = c.closingBasis == .invalid ? .invalid : (rng.chance(0.35) ? .valid : .invalid)
        if c.validity == .valid { c.responsibleStaff = handler.name; c.responsibleLead = lead.name }
        // Closing as an invalid complaint is a team lead's decision (Permissions: close-invalid).
        event("close", closeAt, c.closingBasis == .invalid ? lead.name : handler.name, .approved, .closed, ["basis": c.closingBasis!.rawValue])
        let followAt = at(rng.exponential(mean: 1.2 * 86_400 * slow), after: closeAt)
        guard followAt <= now else { return events }
        c.followedUpAt = followAt; c.status = .followedUp
        c.callbackResult = rng.weighted([(.satisfied, 60), (.basicallySatisfied, 25), (.dissatisfied, 10), (.unreachable, 5)])
        event("follow-up", followAt, handler.name, .closed, .followedUp, ["result": c.callbackResult!.rawValue])
        return events
    }

    private func weightedIndex(_ rng: inout DemoRandom, _ weights: [Double]) -> Int {
        rng.weighted(weights.enumerated().map { ($0.offset, $0.element) })
    }

    /// A plausible resident ID number with a valid check digit.
    private func idNumber(_ rng: inout DemoRandom, region: String) -> String {
        let year = rng.int(1950...2004), month = rng.int(1...12), day = rng.int(1...28)
        let body = region + String(year) + zeroPadded(month, 2) + zeroPadded(day, 2) + zeroPadded(rng.int(0...999), 3)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}
