/// Plans how an absent handler's open cases are shared among the others (docs/alerts.md, "Move-all").
///
/// Pure: cases and loads in, moves out, so the rule is tested without a database. Urgent cases
/// (overdue or soon due) are dealt first, most urgent first, round-robin: each goes to whoever has
/// received the fewest urgent cases so far (then the fewest open cases), so no one gets a second
/// before everyone eligible has one. The rest then balance the total load: each to whoever then
/// has the fewest open cases. For every case, receivers in a preferred team (the category's team,
/// then the case's own team) are chosen over the others whenever one is offered. Ties go to the
/// order the targets were given in.
public enum LoadBalancer {
    /// A case waiting to be moved.
    public struct Item: Sendable, Equatable {
        public var number: String
        public var due: Instant?
        /// A report case (举报件) may go only to a target that may take them.
        public var reportTrack: Bool
        /// Overdue or due soon: dealt round-robin before the rest.
        public var urgent: Bool
        /// Teams preferred for this case, best first (the category's teams, then the case's team).
        public var preferredTeams: [String]
        /// Creates an item.
        public init(number: String, due: Instant?, reportTrack: Bool = false, urgent: Bool = false, preferredTeams: [String] = []) {
            self.number = number; self.due = due; self.reportTrack = reportTrack; self.urgent = urgent; self.preferredTeams = preferredTeams
        }
    }

    /// Someone who can take cases, with their open load now.
    public struct Target: Sendable, Equatable {
        public var name: String
        public var load: Int
        public var takesReports: Bool
        public var team: String
        /// Creates a target.
        public init(name: String, load: Int, takesReports: Bool = false, team: String = "") {
            self.name = name; self.load = load; self.takesReports = takesReports; self.team = team
        }
    }

    /// Where each item goes, urgent ones first, each in due order. Throws when an item has no eligible target.
    public static func plan(_ items: [Item], targets: [Target]) throws -> [(number: String, to: String, urgent: Bool)] {
        guard !targets.isEmpty else {
            throw DomainError.malformedField(field: "to", reason: .nobodyOnDuty)
        }
        var load = targets.map(\.load)
        var urgentTaken = Array(repeating: 0, count: targets.count)
        let ordered = items.enumerated().sorted { a, b in
            if a.element.urgent != b.element.urgent { return a.element.urgent }
            switch (a.element.due, b.element.due) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.element.number < b.element.number
            }
        }
        var out: [(number: String, to: String, urgent: Bool)] = []
        for (_, item) in ordered {
            let eligible = targets.indices.filter { !item.reportTrack || targets[$0].takesReports }
            guard !eligible.isEmpty else {
                throw DomainError.malformedField(field: "to", reason: .reportCaseWithoutReceiver(number: item.number))
            }
            func rank(_ i: Int) -> Int { item.preferredTeams.firstIndex(of: targets[i].team) ?? item.preferredTeams.count }
            let bestRank = eligible.map(rank).min()!
            let preferred = eligible.filter { rank($0) == bestRank }
            let chosen = preferred.min { a, b in
                if item.urgent && urgentTaken[a] != urgentTaken[b] { return urgentTaken[a] < urgentTaken[b] }
                if load[a] != load[b] { return load[a] < load[b] }
                return a < b
            }!
            load[chosen] += 1
            if item.urgent { urgentTaken[chosen] += 1 }
            out.append((item.number, targets[chosen].name, item.urgent))
        }
        return out
    }
}
