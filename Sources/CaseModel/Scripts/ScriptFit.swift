/// What a script is matched against: the case's category, kind, stage and channel, the acting
/// role, and which conditions hold now. No case (a script shown on its own, or for a crisis
/// event on the crisis board) matches every case-side field.
public struct ScriptFacts: Sendable, Equatable {
    public var category: Category?
    public var kind: CaseKind?
    public var status: CaseStatus?
    public var channel: Channel?
    public var role: Role?
    public var conditions: Set<ScriptCondition>

    /// Creates facts.
    public init(category: Category? = nil, kind: CaseKind? = nil, status: CaseStatus? = nil, channel: Channel? = nil,
                role: Role? = nil, conditions: Set<ScriptCondition> = []) {
        self.category = category
        self.kind = kind
        self.status = status
        self.channel = channel
        self.role = role
        self.conditions = conditions
    }
}

/// Whether a script fits, and how well: the ranking of `CaseDesk.scripts(for:)`.
public enum ScriptFit {
    /// nil when the script does not fit; otherwise a score, higher first. Every field the
    /// script lists must contain the case's value (an empty list fits anything) and every
    /// condition it names must hold; each listed field adds 1 and each condition 3, so the
    /// script written for this very situation comes before the general one.
    public static func score(_ s: ReplyScript, _ f: ScriptFacts) -> Int? {
        var score = 0
        func field<T: Equatable>(_ listed: [T], _ value: T?) -> Bool {
            if listed.isEmpty { return true }
            guard let value else { return true }
            if listed.contains(value) { score += 1; return true }
            return false
        }
        guard field(s.categories, f.category), field(s.kinds, f.kind), field(s.stages, f.status),
              field(s.channels, f.channel), field(s.roles, f.role) else { return nil }
        for c in s.conditions {
            guard f.conditions.contains(c) else { return nil }
            score += 3
        }
        return score
    }
}
