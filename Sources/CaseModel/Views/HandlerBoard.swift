/// A person who takes cases, with what they hold: open cases and the earliest due time among them.
public struct HandlerLoad: Sendable, Equatable {
    public var user: DeskUser
    /// Their open cases the reader may see.
    public var openLoad: Int
    /// The earliest due time among their open cases (the "worst clock"); nil when none runs one.
    public var earliestDue: Instant?
    /// On a duty shift now.
    public var onDuty: Bool
    /// Creates an entry.
    public init(user: DeskUser, openLoad: Int, earliestDue: Instant? = nil, onDuty: Bool = true) {
        self.user = user; self.openLoad = openLoad; self.earliestDue = earliestDue; self.onDuty = onDuty
    }
}

extension CaseDesk {
    /// Everyone who takes cases and is on duty or still holds open cases, as `actor` may see their
    /// load: absent people holding cases first (they are why a lead looks), then by load.
    public func handlerBoard(at now: Instant, actor: Actor) throws -> [HandlerLoad] {
        try store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            let work = try HandlerWorkload.byHandler(visibility, db)
            let onDuty = Set(try Roster.onDuty(at: now, db).map(\.name))
            return try Roster.all(db)
                .filter { $0.active && Self.takesCases($0.role) && (onDuty.contains($0.name) || (work[$0.name]?.open ?? 0) > 0) }
                .map { HandlerLoad(user: $0, openLoad: work[$0.name]?.open ?? 0, earliestDue: work[$0.name]?.earliestDue, onDuty: onDuty.contains($0.name)) }
                .sorted { ($0.onDuty ? 1 : 0, -$0.openLoad, $0.user.name) < ($1.onDuty ? 1 : 0, -$1.openLoad, $1.user.name) }
        }
    }

    /// Who can take cases now: those on duty in a case-taking role, fewest open cases first (the
    /// reassign picker offers them in this order).
    public func caseTakers(at now: Instant, actor: Actor) throws -> [HandlerLoad] {
        try store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            let work = try HandlerWorkload.byHandler(visibility, db)
            return try Roster.onDuty(at: now, db)
                .filter { Self.takesCases($0.role) }
                .map { HandlerLoad(user: $0, openLoad: work[$0.name]?.open ?? 0, earliestDue: work[$0.name]?.earliestDue) }
                .sorted { ($0.openLoad, $0.user.name) < ($1.openLoad, $1.user.name) }
        }
    }

    /// Display names by login (王敏 for wangmin), so screens name people as the desk knows them.
    public func displayNames(actor: Actor) throws -> [String: String] {
        try store.read { db in
            try Permissions.require(.readRoster, actor, db)
            return Dictionary(try Roster.all(db).map { ($0.name, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
