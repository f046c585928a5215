import GRDB

extension CaseDesk {
    /// Proposes moving every open case of `handler` (login or display name) to the handlers on
    /// duty now (or to `targets`, when given): urgent cases (overdue, or due within the policy's
    /// `urgent-within`) dealt round-robin first, then the rest balanced by load, receivers in the
    /// case's category team or own team preferred (`LoadBalancer`). Reads only; nothing changes until
    /// `applyMoveAll`. Permission to assign is checked here too, so a refusal comes before the plan.
    public func proposeMoveAll(from handler: String, to targets: [String] = [], actor: Actor) throws -> MoveAllPlan {
        let now = clock.now()
        return try store.read { db in
            let actor = try Permissions.require(.assign, actor, db)
            let visibility = CaseVisibility.of(actor.role)
            guard let from = try Roster.resolve(handler, db) else {
                throw DomainError.malformedField(field: "from", reason: .notOnRoster(name: handler, listHint: true))
            }
            var people: [DeskUser]
            if targets.isEmpty {
                // Handlers on duty take the cases; team leads and duty operators only when no
                // handler is on duty (a lead approves, an operator takes calls: loading them first
                // would stall the desk). `--to` names anyone.
                let onDuty = try Roster.onDuty(at: now, db).filter { $0.name != from.name && Self.takesCases($0.role) }
                let handlers = onDuty.filter { $0.role == .handler }
                people = handlers.isEmpty ? onDuty : handlers
            } else {
                people = try targets.map { name in
                    guard let u = try Roster.resolve(name, db), u.active else {
                        throw DomainError.malformedField(field: "to", reason: .notActiveOnRoster(name: name))
                    }
                    return u
                }
            }
            people = people.filter { $0.name != from.name }
            var seen = Set<String>()
            people = people.filter { seen.insert($0.name).inserted }
            let load = try AccessControl.openLoad(visibility, db)
            var filter = CaseFilter()
            filter.openness = .open
            filter.handlers = [from.name]
            filter.visibility = visibility
            let cases = try CaseRecords.list(filter, db)
            guard !cases.isEmpty else {
                throw DomainError.malformedField(field: "from", reason: .noOpenCases(displayName: from.displayName, name: from.name))
            }
            let byNumber = Dictionary(uniqueKeysWithValues: cases.map { ($0.number, $0) })
            let soon = now.adding(seconds: policy.assignment.urgentWithinSeconds)
            let teams = policy.assignment.teams
            let planned = try LoadBalancer.plan(
                cases.map { c in
                    var preferred = teams[c.category] ?? []
                    if let team = c.team, !team.isEmpty, !preferred.contains(team) { preferred.append(team) }
                    return LoadBalancer.Item(number: c.number, due: c.nextDueAt, reportTrack: c.kind == .report,
                                             urgent: c.nextDueAt.map { $0 <= soon } ?? false, preferredTeams: preferred)
                },
                targets: people.map { LoadBalancer.Target(name: $0.name, load: load[$0.name] ?? 0,
                                                          takesReports: Permissions.allows($0.role, .seeReports), team: $0.team) })
            let moves = planned.map { MoveAllPlan.Move(number: $0.number, to: $0.to, version: byNumber[$0.number]!.version,
                                                       due: byNumber[$0.number]!.nextDueAt, urgent: $0.urgent) }
            let shares = people.map { u in
                let mine = moves.filter { $0.to == u.name }
                return MoveAllPlan.Share(user: u, before: load[u.name] ?? 0, added: mine.count, urgent: mine.filter(\.urgent).count)
            }
                .sorted { ($0.before, $0.user.name) < ($1.before, $1.user.name) }
            return MoveAllPlan(from: from, moves: moves, shares: shares)
        }
    }

    /// Writes a proposed move in one transaction, through the same assignment as `assign`
    /// (permissions, events). A case changed since the proposal (reassigned, closed, edited) is a
    /// conflict: nothing is written and the error names who changed it and when. `progress` hears
    /// how many cases were moved so far, every fifty (thousands take seconds on a big desk, and each report is a frame); the
    /// transaction still commits all of them or none.
    @discardableResult
    public func applyMoveAll(_ plan: MoveAllPlan, actor: Actor, progress: ((Int) -> Void)? = nil) throws -> [ComplaintCase] {
        let now = clock.now()
        return try store.write { db in
            let actor = try Permissions.require(.assign, actor, db)
            var out: [ComplaintCase] = []
            var done = 0
            for share in plan.shares {
                let numbers = plan.numbers(to: share.user.name)
                guard !numbers.isEmpty else { continue }
                let expected = Dictionary(uniqueKeysWithValues: plan.moves.map { ($0.number, $0.version) })
                out += try assign(numbers, to: share.user.name, actor: actor, at: now, db) { c in
                    if c.version != expected[c.number] || c.handler != plan.from.name || !c.isOpen {
                        throw DomainError.conflict(caseNumber: c.number, expectedVersion: expected[c.number] ?? 0,
                                                   actualVersion: c.version, changedBy: c.updatedBy, changedAt: c.updatedAt)
                    }
                    done += 1
                    if done % 50 == 0 { progress?(done) }
                }
            }
            return out
        }
    }

    /// Roles that take cases (the console's picker offers the same).
    static func takesCases(_ role: Role) -> Bool { role == .handler || role == .teamLead || role == .operator_ }
}
