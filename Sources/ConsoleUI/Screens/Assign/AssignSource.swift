import CaseModel
import TerminalKit

extension DeskDataSource {
    /// Stand-ins without a desk cannot assign.
    public func handlerBoard(at now: Instant) throws -> [RosterEntry] { throw NotAvailable("handlers are not available here / 此处无处理人") }
    public func proposeMoveAll(from handler: String) throws -> MoveAllPlan { throw NotAvailable("cannot move cases here / 此处不能移交") }
    public func applyMoveAll(_ plan: MoveAllPlan) throws -> Int { throw NotAvailable("cannot move cases here / 此处不能移交") }
    public func alertList(_ filter: AlertListFilter) throws -> [AlertListItem] { throw NotAvailable("alerts are not available here / 此处无告警") }
    public func acknowledge(alertIDs: [String]) throws -> Int { throw NotAvailable("alerts are not available here / 此处无告警") }
}

extension CaseModelDataSource {
    public func handlerBoard(at now: Instant) throws -> [RosterEntry] {
        try desk.store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            let work = try HandlerWorkload.byHandler(visibility, db)
            let onDuty = Set(try Roster.onDuty(at: now, db).map(\.name))
            return try Roster.all(db)
                .filter { $0.active && Self.takesCases($0.role) && (onDuty.contains($0.name) || (work[$0.name]?.open ?? 0) > 0) }
                .map { RosterEntry(user: $0, openLoad: work[$0.name]?.open ?? 0, earliestDue: work[$0.name]?.earliestDue, onDuty: onDuty.contains($0.name)) }
                // Absent people holding cases first (they are why a lead opens this), then by load.
                .sorted { ($0.onDuty ? 1 : 0, -$0.openLoad, $0.user.name) < ($1.onDuty ? 1 : 0, -$1.openLoad, $1.user.name) }
        }
    }

    public func proposeMoveAll(from handler: String) throws -> MoveAllPlan {
        try desk.proposeMoveAll(from: handler, actor: actor)
    }

    public func applyMoveAll(_ plan: MoveAllPlan) throws -> Int {
        try desk.applyMoveAll(plan, actor: actor).count
    }

    public func alertList(_ filter: AlertListFilter) throws -> [AlertListItem] {
        try AlertList.list(desk, filter: filter, actor: actor)
    }

    public func acknowledge(alertIDs: [String]) throws -> Int {
        try DeskAlerts.acknowledge(desk, ids: alertIDs, actor: actor)
    }

    /// Roles that take cases: the picker, the board and the move-all offer the same people.
    static func takesCases(_ role: Role) -> Bool { role == .handler || role == .teamLead || role == .operator_ }
}
