/// The hook that records the audit chain's head outside the database at every handover: when
/// an incoming lead acknowledges a handover, the head (the acknowledgement itself) is handed to
/// the anchor, so a later rewrite of the database cannot also rewrite what was noted then
/// (docs/handover.md). The desk has none until one is installed (`CaseDesk.handoverAnchor`).
public protocol HandoverAnchor: Sendable {
    /// Records `head` outside the database; an error is reported to the lead (the
    /// acknowledgement itself is already saved).
    func anchorAtHandover(head: AuditHead, acknowledgedBy: String, at: Instant) throws
}

/// What an acknowledgement saved.
public struct HandoverAcknowledgement: Sendable, Equatable {
    public var handover: Handover
    /// The acknowledgement's own event id and the chain head after it (given to the anchor).
    public var head: AuditHead
}
