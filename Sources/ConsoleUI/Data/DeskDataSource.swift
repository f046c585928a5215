import CaseModel
import TerminalKit

/// The desk as the console reaches it: what every console needs (the change signal, the
/// background alert evaluation). Each screen declares the slice it reads and changes as its own
/// protocol beside it (`DashboardSource`, `QueueSource`, `CaseScreenSource`, …); `CaseModelDataSource`
/// implements every slice over CaseModel, a test's stand-in only the slices it needs (a request
/// for a slice a stand-in lacks is refused, as a desk would refuse it).
///
/// The console never writes SQL and never opens a transaction: every slice calls CaseModel's
/// read models and commands, which check the actor's role inside their transaction.
public protocol DeskDataSource: AnyObject, Sendable {
    /// The store's change signal; a different value means another write happened.
    func changeToken() throws -> Int64
    /// Runs the alert rules at `now` (called from a background thread once a second); true when
    /// alerts or crisis events changed, so the screen reloads.
    func evaluateAlerts(at now: Instant) throws -> Bool
}

/// Raised by a stand-in for what it does not offer.
public struct NotAvailable: Error, CustomStringConvertible {
    public var description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
