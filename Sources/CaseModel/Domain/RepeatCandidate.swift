/// An earlier case that a new complaint may repeat: same phone, ID number or policy number,
/// still open or closed recently. Proposed at intake; the operator confirms.
public struct RepeatCandidate: Sendable, Equatable, Codable {
    public var number: String
    public var receivedAt: Instant
    public var status: CaseStatus
    public var summary: String
    public var repeatCount: Int
    /// Which identifiers matched: `phone`, `id_number`, `policy_number`.
    public var matchedOn: [String]
}
