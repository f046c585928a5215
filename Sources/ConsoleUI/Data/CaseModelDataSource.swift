import CaseModel
import TerminalKit

/// The console's desk over CaseModel, acting as one user: every screen's slice (`QueueSource`,
/// `AssignSource`, …) is implemented by an extension in that screen's folder, each a call to a
/// CaseModel read model or command with `actor`, so permissions, visibility, validation and
/// events are the command line's.
public final class CaseModelDataSource: DeskDataSource, @unchecked Sendable {
    public let desk: CaseDesk
    public let actor: Actor
    /// Turns data into alerts and crisis proposals; run from the console's background thread.
    private let evaluator: AlertEvaluator
    /// What to announce to this user, each once (it remembers what a read-only desk cannot record).
    let announcer: AlertAnnouncer
    /// The reply scripts the case screen and the crisis board offer: the shipped ones with the
    /// desk's own (docs/scripts.md).
    public let scriptLibrary: ScriptLibrary

    /// Creates a data source acting as `actor`, offering the scripts of `scripts`.
    public init(desk: CaseDesk, actor: Actor, scripts: ScriptLibrary = .shipped) {
        self.desk = desk
        self.actor = actor
        self.scriptLibrary = scripts
        self.evaluator = AlertEvaluator(desk: desk)
        self.announcer = AlertAnnouncer(desk: desk, actor: actor)
    }

    public func changeToken() throws -> Int64 { try desk.store.changeToken() }

    public func evaluateAlerts(at now: Instant) throws -> Bool {
        let r = try evaluator.tick(at: now)
        // The first pass reads every open case: what it decoded and cached is not needed again.
        if r.rebuilt { desk.store.releaseMemory() }
        return r.rebuilt || !r.raised.isEmpty || r.cleared > 0 || !r.proposedEvents.isEmpty
    }
}
