import Foundation
import XCTest

/// Replays the checked-in fuzz corpus (`Fuzz/Corpus/<parser>/`) through every parser, plus
/// generated mutations of each file: no crash, no hang (each input within a time limit).
/// `scripts/fuzz` runs the coverage-guided fuzzer over the same harness.
final class CorpusReplayTests: XCTestCase {
    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Corpus")
    }

    func testEveryParserSurvivesItsCorpus() throws {
        var total = 0
        for parser in ParserHarness.parsers {
            let dir = Self.corpus.appendingPathComponent(parser)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.sorted() ?? []
            XCTAssertFalse(files.isEmpty, "no corpus for \(parser) in \(dir.path)")
            var accepted = 0
            for f in files {
                let data = try Data(contentsOf: dir.appendingPathComponent(f))
                let t0 = Date()
                if ParserHarness.run(parser, data) { accepted += 1 }
                XCTAssertLessThan(Date().timeIntervalSince(t0), 2, "\(parser)/\(f) took too long")
                total += 1
                // Mutations: truncations, a flipped byte, the input doubled.
                var rng = SplitMix64(seed: f.utf8.reduce(UInt64(17)) { $0 &* 31 &+ UInt64($1) })
                for _ in 0..<8 {
                    var m = data
                    if !m.isEmpty {
                        switch rng.next() % 3 {
                        case 0: m = m.prefix(Int(rng.next() % UInt64(m.count)))
                        case 1: let i = Int(rng.next() % UInt64(m.count)); m[m.startIndex + i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                        default: m.append(m)
                        }
                    }
                    ParserHarness.run(parser, m)
                    total += 1
                }
            }
            // The corpus holds valid inputs too: the parser must accept some (or the corpus is all noise).
            XCTAssertGreaterThan(accepted, 0, "\(parser): no corpus input was accepted; is the harness wired to the parser?")
        }
        print("corpus replay: \(total) inputs through \(ParserHarness.parsers.count) parsers")
    }
}

/// A tiny deterministic generator for the mutations.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
