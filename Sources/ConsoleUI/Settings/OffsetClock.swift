import CaseModel
import Foundation
import TerminalKit

/// A clock that starts at a chosen instant (`--now`) and then runs with real time, so countdowns
/// tick in a demo or a training replay while every rule sees a consistent "now".
public final class OffsetClock: DeskClock, @unchecked Sendable {
    private let offset: TimeInterval

    /// A clock reading `start` now and advancing with the wall clock.
    public init(start: Instant) {
        offset = TimeInterval(start.seconds) - Date().timeIntervalSince1970
    }

    public func now() -> Instant { Instant(Date(timeIntervalSince1970: Date().timeIntervalSince1970 + offset)) }
}
