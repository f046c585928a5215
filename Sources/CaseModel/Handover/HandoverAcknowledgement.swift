/// What an acknowledgement saved.
public struct HandoverAcknowledgement: Sendable, Equatable {
    public var handover: Handover
    /// The acknowledgement's own event id and the chain head after it (given to the anchor).
    public var head: AuditHead
}
