extension CaseDiff {
    /// `changes` for an assignment, where only the handler and team can differ: the same
    /// `field → "before → after"` entries (nil and empty handled exactly as `changes` does)
    /// without reflecting over every field of the case, which was half the time of moving
    /// thousands of cases.
    static func assignmentChanges(_ before: ComplaintCase, _ after: ComplaintCase) -> [String: String] {
        var out: [String: String] = [:]
        let fields: [(String, String?, String?)] = [("handler", before.handler, after.handler), ("team", before.team, after.team)]
        for (key, old, new) in fields {
            switch (old, new) {
            case let (o?, n?) where o != n: out[key] = "\(o) → \(n)"
            case let (nil, n?) where !n.isEmpty: out[key] = " → \(n)"
            case let (o?, nil): out[key] = "\(o) → "
            default: break
            }
        }
        return out
    }
}
