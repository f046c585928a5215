@testable import CaseModel
import XCTest

/// An export reads on one thread and writes on another (`CaseHandOff`): every case once, in
/// order; a failure on either side stops both and is the one thrown.
final class CaseHandOffTests: XCTestCase {
    struct Stop: Error, Equatable { let side: String }

    func cases(_ n: Int) -> [ComplaintCase] {
        (0..<n).map { i in
            var c = ComplaintCase(number: "TS-20260217-\(i)", receivedAt: Instant(seconds: 1_771_300_000 + Int64(i)), receivingOperator: "xuhua")
            c.id = Int64(i + 1)
            return c
        }
    }

    func testEveryCaseIsWrittenOnceInOrderOnAnotherThread() throws {
        let all = cases(2_000)
        var written: [String] = []
        var threads = Set<String>()
        let reader = "\(Thread.current)"
        try CaseHandOff.run(read: { each in for c in all { try each(c) } }, write: { c in
            written.append(c.number)
            threads.insert("\(Thread.current)")
        })
        XCTAssertEqual(written, all.map(\.number))
        XCTAssertEqual(threads.count, 1)
        XCTAssertFalse(threads.contains(reader), "the writing runs beside the reading")
    }

    func testTheWritersFailureStopsTheReading() {
        var read = 0
        XCTAssertThrowsError(try CaseHandOff.run(read: { each in
            for c in cases(100_000) { read += 1; try each(c) }
        }, write: { c in
            if c.id == 300 { throw Stop(side: "writer") }
        })) { XCTAssertEqual($0 as? Stop, Stop(side: "writer")) }
        // At most the batches the queue holds, the one being filled and the one being written.
        XCTAssertLessThan(read, 300 + (CaseHandOff.capacity + 2) * CaseHandOff.batchSize, "the reading went on after the writer failed")
    }

    func testTheReadersFailureIsThrownAfterWhatWasReadIsWritten() {
        var written = 0
        XCTAssertThrowsError(try CaseHandOff.run(read: { each in
            for c in cases(1_000) { try each(c) }
            throw Stop(side: "reader")
        }, write: { _ in written += 1 })) { XCTAssertEqual($0 as? Stop, Stop(side: "reader")) }
        XCTAssertEqual(written, 1_000)
    }

    func testNothingToRead() throws {
        var written = 0
        try CaseHandOff.run(read: { _ in }, write: { _ in written += 1 })
        XCTAssertEqual(written, 0)
    }
}
