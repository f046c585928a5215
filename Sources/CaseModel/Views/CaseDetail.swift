/// A case with its timeline and clocks, and the names of the people in it, as one reader may see it.
public struct CaseDetail: Sendable {
    public var item: ComplaintCase
    public var events: [CaseEvent]
    public var clocks: [StageClock]
    /// Display names by login (王敏 for wangmin), so the screen names people as the desk knows them.
    public var names: [String: String]
    /// Creates a detail.
    public init(item: ComplaintCase, events: [CaseEvent], clocks: [StageClock], names: [String: String] = [:]) {
        self.item = item; self.events = events; self.clocks = clocks; self.names = names
    }

    /// A person as the desk knows them: the display name, or the login when there is none.
    public func person(_ login: String) -> String {
        guard let n = names[login], !n.isEmpty else { return login }
        return n
    }
}

extension CaseDesk {
    /// A case, its timeline and clocks for `actor` (a hidden case answers as an absent one).
    public func caseDetail(_ number: String, actor: Actor) throws -> CaseDetail {
        let (c, events) = try detail(number, actor: actor)
        return CaseDetail(item: c, events: events, clocks: clocks(of: c), names: try displayNames(actor: actor))
    }

    /// The same, with personal data revealed for `reason` (recorded in the audit trail first).
    public func revealedDetail(_ number: String, reason: String, actor: Actor) throws -> CaseDetail {
        let (c, events) = try reveal(number, reason: reason, actor: actor)
        return CaseDetail(item: c, events: events, clocks: clocks(of: c), names: try displayNames(actor: actor))
    }
}
