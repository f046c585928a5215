/// What the intake form starts from for one operator: their usual branch, the channel, the
/// policy's crisis threshold, and the handlers on duty to offer.
public struct IntakeDefaults: Sendable, Equatable {
    /// The operator's branch: where their latest intake was, else the desk's busiest recent branch.
    public var branch: String
    public var channel: Channel
    /// People at which a group complaint proposes a crisis event (the policy's threshold).
    public var crisisPeople: Int
    /// Handlers offered in the handler choice (on duty now).
    public var handlers: [String]
    /// Creates defaults.
    public init(branch: String, channel: Channel = .phone, crisisPeople: Int = 5, handlers: [String] = []) {
        self.branch = branch; self.channel = channel; self.crisisPeople = crisisPeople; self.handlers = handlers
    }
}

extension CaseDesk {
    /// The intake form's defaults for `actor` at `now`. The branch is read among the recent cases
    /// `actor` may see, so a report case's branch never becomes someone else's default.
    public func intakeDefaults(at now: Instant, actor: Actor) throws -> IntakeDefaults {
        let branch = try store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            return try IntakeQueries.defaultBranch(operator: actor.name, visibility: visibility, db)
        }
        return IntakeDefaults(branch: branch, channel: .phone, crisisPeople: policy.crisis.people,
                              handlers: try caseTakers(at: now, actor: actor).map(\.user.name))
    }
}
