import Foundation
import GRDB

/// The OS login behind a user switched to with `--user`: every event a store writes while it is
/// set carries it as `real_login`, so the trail names who really acted (docs/trust-model.md,
/// "Who is acting").
enum SwitchedLogin {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var byConnection: [ObjectIdentifier: String] = [:]

    /// Runs one write transaction's `body` with `realLogin` stamped on its events (nil: none).
    static func during<T>(_ db: Database, _ realLogin: String?, _ body: () throws -> T) rethrows -> T {
        guard let realLogin else { return try body() }
        let key = ObjectIdentifier(db)
        lock.lock(); byConnection[key] = realLogin; lock.unlock()
        defer { lock.lock(); byConnection[key] = nil; lock.unlock() }
        return try body()
    }

    /// The event's detail, with `real_login` added when the event is written under a switch by
    /// someone other than its actor.
    static func detail(of e: CaseEvent, _ db: Database) -> [String: String] {
        lock.lock()
        let real = byConnection.isEmpty ? nil : byConnection[ObjectIdentifier(db)]
        lock.unlock()
        guard let real, real != e.actor else { return e.detail }
        var d = e.detail
        d["real_login"] = real
        return d
    }
}
