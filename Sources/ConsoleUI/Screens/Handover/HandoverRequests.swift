import CaseModel
import TerminalKit

/// The slice of the desk the handover screen reads and changes: CaseModel's handover read model
/// and its acknowledgement, as the console's user (what the reader may see; report cases only
/// for those who may see them).
public protocol HandoverSource {
    /// The handover of the team-lead shift just ending (or just ended).
    func handover() throws -> Handover
    /// The incoming lead acknowledges it (audited; the chain head goes to the anchor log).
    func acknowledgeHandover(note: String) throws -> HandoverAcknowledgement
}

extension CaseModelDataSource: HandoverSource {
    public func handover() throws -> Handover { try desk.handover(.shift, actor: actor) }
    public func acknowledgeHandover(note: String) throws -> HandoverAcknowledgement {
        try desk.acknowledgeHandover(.shift, note: note, actor: actor)
    }
}

/// Reads the handover.
public struct LoadHandover: DeskRequest {
    public init() {}
    public func perform(_ desk: DeskContext) throws -> Handover { try desk.source(HandoverSource.self).handover() }
    public func apply(_ h: Handover, to s: inout ConsoleState) -> [Effect] {
        s.handover.handover = h
        return []
    }
}

extension Effect {
    /// Reads the handover.
    public static var loadHandover: Effect { Effect(LoadHandover()) }
}

/// Acknowledges the handover from its form; the screen then shows it acknowledged.
struct AcknowledgeHandover: FormRequest {
    var note: String
    func perform(_ desk: DeskContext) throws -> HandoverAcknowledgement {
        try desk.source(HandoverSource.self).acknowledgeHandover(note: note)
    }
    func apply(_ a: HandoverAcknowledgement, to s: inout ConsoleState) -> [Effect] {
        s.form = nil
        s.deskChanged()
        s.handover.handover = a.handover
        ConsoleUpdate.say(&s, s.settings.t("已确认接班(审计事件 \(a.head.id))", "Handover acknowledged (audit event \(a.head.id))"))
        return [.loadHandover]
    }
}
