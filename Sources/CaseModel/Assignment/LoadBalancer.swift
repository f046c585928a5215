/// Plans how an absent handler's open cases are shared among the others, balanced by load.
///
/// Pure: cases and loads in, moves out, so the rule is tested without a database. The most
/// urgent case (earliest due time) goes first, each to whoever then has the fewest open cases
/// (ties: the order the targets were given in), so urgent work is spread rather than piled on
/// one person, and the final loads differ by at most one wherever the eligibility allows.
public enum LoadBalancer {
    /// A case waiting to be moved.
    public struct Item: Sendable, Equatable {
        public var number: String
        public var due: Instant?
        /// A report case (举报件) may go only to a target that may take them.
        public var reportTrack: Bool
        /// Creates an item.
        public init(number: String, due: Instant?, reportTrack: Bool = false) {
            self.number = number; self.due = due; self.reportTrack = reportTrack
        }
    }

    /// Someone who can take cases, with their open load now.
    public struct Target: Sendable, Equatable {
        public var name: String
        public var load: Int
        public var takesReports: Bool
        /// Creates a target.
        public init(name: String, load: Int, takesReports: Bool = false) {
            self.name = name; self.load = load; self.takesReports = takesReports
        }
    }

    /// Where each item goes, in urgency order. Throws when an item has no eligible target.
    public static func plan(_ items: [Item], targets: [Target]) throws -> [(number: String, to: String)] {
        guard !targets.isEmpty else {
            throw DomainError.malformedField(field: "to", reason: .nobodyOnDuty)
        }
        var load = targets.map(\.load)
        let ordered = items.enumerated().sorted { a, b in
            switch (a.element.due, b.element.due) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.element.number < b.element.number
            }
        }
        var out: [(number: String, to: String)] = []
        for (_, item) in ordered {
            var best: Int?
            for (i, t) in targets.enumerated() where !item.reportTrack || t.takesReports {
                if best == nil || load[i] < load[best!] { best = i }
            }
            guard let b = best else {
                throw DomainError.malformedField(field: "to", reason: .reportCaseWithoutReceiver(number: item.number))
            }
            load[b] += 1
            out.append((item.number, targets[b].name))
        }
        return out
    }
}
