import Foundation

/// Keeps a host's read copy current while a console is open (docs/server-desk.md, "Live across
/// hosts"): each change notice brings the copy up to date, and the console, which watches its
/// copy's change token as it watches a file, redraws. A lost connection (a restart, a failover) is
/// tried again every two seconds, and the copy caught up when it is back.
public final class ServerFollower: @unchecked Sendable {
    private let replica: ServerReplica
    private let queue = DispatchQueue(label: "console.server.follow")
    private let lock = NSLock()
    private var feed: ChangeFeed?
    private var stopped = false
    private var pending = false
    /// The connection the catch-ups use (opened again after a failure); only the queue touches it.
    private var session: ServerSession?
    /// When the copy last looked for cases that left the login's sight.
    private var lastReconcile = Date.distantPast
    /// Told what happened to the connection (for the console's log).
    private let report: @Sendable (String) -> Void
    /// Told when the copy took changes in.
    private let caughtUp: @Sendable () -> Void

    /// Starts following; throws when the server cannot be reached at all.
    public init(_ replica: ServerReplica, caughtUp: @escaping @Sendable () -> Void = {}, report: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.replica = replica
        self.report = report
        self.caughtUp = caughtUp
        try connect()
        sweep()
    }

    /// Every 30 seconds, a catch-up that also looks for cases that left the login's sight (their
    /// own notices may have come before the last look).
    private func sweep() {
        queue.asyncAfter(deadline: .now() + 30) { [weak self] in
            guard let self else { return }
            self.lock.lock(); let stopped = self.stopped; self.lock.unlock()
            guard !stopped else { return }
            self.changed()
            self.sweep()
        }
    }

    private func connect() throws {
        let feed = try ChangeFeed(replica.address, onChange: { [weak self] in self?.changed() }, onLost: { [weak self] why in self?.lost(why) })
        lock.lock()
        self.feed = feed
        lock.unlock()
        // Whatever changed while not listening.
        changed()
    }

    /// Coalesces notices: one catch-up at a time, and one more if notices came during it.
    private func changed() {
        lock.lock()
        if stopped || pending { lock.unlock(); return }
        pending = true
        lock.unlock()
        queue.async { [self] in
            lock.lock(); pending = false; lock.unlock()
            do {
                if session == nil { session = try ServerSession.open(replica.address) }
                let reconcile = Date().timeIntervalSince(lastReconcile) >= 30
                if reconcile { lastReconcile = Date() }
                if try replica.sync(session: session, reconcile: reconcile) > 0 { caughtUp() }
            } catch {
                session?.close()
                session = nil
                report("catching up with \(replica.address): \(error)")
            }
        }
    }

    private func lost(_ why: String) {
        report("lost the server \(replica.address): \(why); trying again")
        queue.asyncAfter(deadline: .now() + 2) { [weak self] in
            guard let self else { return }
            self.lock.lock(); let stopped = self.stopped; self.lock.unlock()
            guard !stopped else { return }
            do { try self.connect(); self.report("back on \(self.replica.address)") } catch { self.lost("\(error)") }
        }
    }

    /// Stops following.
    public func stop() {
        lock.lock()
        stopped = true
        let feed = self.feed
        self.feed = nil
        lock.unlock()
        feed?.stop()
        queue.sync { session?.close(); session = nil }
    }
}
