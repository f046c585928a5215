import Foundation

/// One thread that runs effects in the order they were asked for and keeps their outcomes (and
/// any progress they report) for the UI thread to take, in the same order. The UI thread never
/// waits on it: it keeps reading keys and drawing while a move of thousands of cases is written.
final class EffectWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Event] = []
    private var outbox: [Event] = []
    private var running = false
    private var stopped = false

    init() {
        let thread = Thread { [self] in loop() }
        thread.name = "console effects"
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Queues a job; its event goes to the outbox when it is done.
    func enqueue(_ job: @escaping @Sendable () -> Event) {
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// Adds an event to the outbox now (a running job's progress).
    func post(_ event: Event) {
        condition.withLock { outbox.append(event) }
    }

    /// The events finished since the last call, oldest first.
    func take() -> [Event] {
        condition.withLock {
            defer { outbox.removeAll() }
            return outbox
        }
    }

    /// Whether a job is queued or running, or outcomes wait to be taken.
    var isBusy: Bool { condition.withLock { running || !jobs.isEmpty || !outbox.isEmpty } }

    /// Ends the thread after the job it is running.
    func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if stopped { condition.unlock(); return }
            let job = jobs.removeFirst()
            running = true
            condition.unlock()
            let event = job()
            condition.withLock {
                outbox.append(event)
                running = false
            }
        }
    }
}
