import Foundation

/// Runs an export's reading and its writing on two threads: the cases are read and decoded on
/// the caller's thread (inside its read transaction) while another thread encodes and writes
/// the ones read before (docs/bulk-data.md, "Two threads").
///
/// The two meet in a bounded queue of batches, so memory stays flat at any size; the writer
/// sees every case once, in order, on one thread. A failure on either side stops both: the
/// writer's failure (a full disk) ends the reading at the next batch, the reader's (a damaged
/// row) ends the writing after what was handed over, and the first error is the one thrown.
final class CaseHandOff: @unchecked Sendable {
    /// Cases per batch: large enough that the threads rarely wait on the lock.
    static let batchSize = 256
    /// Batches waiting at most: 4 × 256 decoded cases, a few megabytes.
    static let capacity = 4

    private let condition = NSCondition()
    private var queue: [[ComplaintCase]] = []
    private var finished = false
    private var writerError: (any Error)?

    /// Reads with `read`, which calls its argument with each case in order, and writes each with
    /// `write` on a second thread; returns once both are done, throwing the first failure.
    static func run(read: (_ each: (ComplaintCase) throws -> Void) throws -> Void,
                    write: (ComplaintCase) throws -> Void) throws {
        try withoutActuallyEscaping(write) { write in
            let handOff = CaseHandOff()
            let body = UncheckedBody(write)
            // The thread holds the box, not the closure: the box lets go of the closure below,
            // before `withoutActuallyEscaping` checks that nothing kept it (the thread object
            // itself may be released a moment after it signals).
            defer { body.release() }
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                if let call = body.call { handOff.drain(call) }
                done.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
            var batch: [ComplaintCase] = []
            batch.reserveCapacity(batchSize)
            var readError: (any Error)?
            do {
                try read { c in
                    batch.append(c)
                    if batch.count == batchSize {
                        try handOff.put(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            } catch {
                readError = error
            }
            // What was read before a failure is written, as when one thread did both.
            if !batch.isEmpty { try? handOff.put(batch) }
            handOff.finish()
            done.wait()
            // The writer's failure came first when it stopped the reading; otherwise the reader's.
            if let e = handOff.failure { throw e }
            if let readError { throw readError }
        }
    }

    /// The writer's failure, if any.
    private var failure: (any Error)? {
        condition.lock(); defer { condition.unlock() }
        return writerError
    }

    /// Hands over a batch, waiting while the queue is full; throws the writer's failure.
    private func put(_ batch: [ComplaintCase]) throws {
        condition.lock(); defer { condition.unlock() }
        while queue.count >= Self.capacity && writerError == nil { condition.wait() }
        if let writerError { throw writerError }
        queue.append(batch)
        condition.broadcast()
    }

    /// No more batches will come.
    private func finish() {
        condition.lock(); defer { condition.unlock() }
        finished = true
        condition.broadcast()
    }

    /// The writer's loop: every batch in order until the reader finishes or `write` fails.
    private func drain(_ write: (ComplaintCase) throws -> Void) {
        while true {
            condition.lock()
            while queue.isEmpty && !finished { condition.wait() }
            if queue.isEmpty { condition.unlock(); return }
            let batch = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                for c in batch { try write(c) }
            } catch {
                condition.lock()
                writerError = error
                queue.removeAll()
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}

/// The writer's closure carried to its thread; only that thread calls it, and the reading waits
/// for that thread and then lets go of the closure, so it never outlives its caller.
private final class UncheckedBody: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: ((ComplaintCase) throws -> Void)?
    init(_ call: @escaping (ComplaintCase) throws -> Void) { stored = call }
    var call: ((ComplaintCase) throws -> Void)? { lock.withLock { stored } }
    func release() { lock.withLock { stored = nil } }
}
