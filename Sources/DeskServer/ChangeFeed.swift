import Foundation
import PostgresNIO

/// Tells a console that the server desk changed (docs/server-desk.md, "Live across hosts"): a
/// dedicated connection LISTENs on the desk's channel, and every statement that adds events
/// announces itself there, from whichever host it ran on. The notice carries nothing; the console
/// re-reads what its user may see, so a notice says no more than a poll of the change token did.
public final class ChangeFeed: @unchecked Sendable {
    private let session: ServerSession
    private let task: Task<Void, Never>
    private let lock = NSLock()
    private var stopped = false

    /// Starts listening; `onChange` runs on a background thread for every notice, and `onLost`
    /// once if the connection ends (a failover, a restart): the console then reconnects.
    public init(_ address: ServerAddress, onChange: @escaping @Sendable () -> Void, onLost: @escaping @Sendable (String) -> Void) throws {
        session = try ServerSession.open(address)
        let ready = DispatchSemaphore(value: 0)
        let connection = session.connection
        let channel = ServerSchema.changeChannel
        task = Task.detached {
            do {
                try await connection.listen(on: channel) { notifications in
                    ready.signal()
                    for try await _ in notifications { onChange() }
                }
                onLost("the server ended the notifications")
            } catch {
                ready.signal()
                if !Task.isCancelled { onLost("\(ServerError.from(error, user: ""))") }
            }
        }
        // LISTEN is in effect once the listen call has started consuming.
        ready.wait()
    }

    /// Stops listening and closes the connection.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        task.cancel()
        session.close()
    }

    deinit { stop() }
}
