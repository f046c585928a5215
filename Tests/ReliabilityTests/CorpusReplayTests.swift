import CaseModel
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
                var rng = DemoRandom(seed: f.utf8.reduce(UInt64(17)) { $0 &* 31 &+ UInt64($1) })
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
