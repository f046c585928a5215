import CaseModel
import Foundation

/// A desk clock that starts at a chosen instant and runs `speed` times faster than real time.
///
/// The writers use speed 1 from a fixed start (so runs are comparable); the festival soak uses a
/// large speed to play ten days in minutes.
final class RunningClock: DeskClock, @unchecked Sendable {
    private let start: Instant
    private let speed: Double
    private let origin: UInt64

    /// Creates a clock reading `start` now and advancing `speed` seconds per real second.
    init(start: Instant, speed: Double = 1) {
        self.start = start
        self.speed = speed
        origin = DispatchTime.now().uptimeNanoseconds
    }

    func now() -> Instant {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - origin) / 1e9
        return start.adding(seconds: Int64(elapsed * speed))
    }
}
