@testable import CaseModel
import XCTest

/// The shortcuts masking takes for exports (docs/bulk-data.md) give exactly what the full scan
/// and the character-by-character mask give, on identifiers as stored and as typed by anyone.
final class MaskingShortcutTests: XCTestCase {
    /// Characters identifiers are written with, and characters that break them.
    static let alphabet: [String] = ["0", "1", "3", "8", "6", "9", "5", "2", "0", "8", "6", " ", "-", ".", "(", ")", "+", "x", "X",
                                     "P", "a", "/", "#", "\t", "１", "３", "８", "－", "（", "张", "é", "\r\n", "\u{3000}"]

    /// A seeded generator, so a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    static func samples(_ n: Int) -> [String] {
        var rng = Seeded(state: 20260217)
        var out = ["13812345678", "8613812345678", "008613812345678", "057188886666", "0571-88886666", "+86 138 1234 5678",
                   "11010119900307001X", "11010119900307001x", "110101199003070012", "6222020200112233445", "P440123456789",
                   "CLM20260217001", "20260217123456", "1234", "", " 13812345678 ", "+4420794600000", "010-62345678"]
        for _ in 0..<n {
            let length = Int.random(in: 1...22, using: &rng)
            var s = ""
            // Mostly digits, as identifiers are; sometimes anything from the alphabet.
            for _ in 0..<length {
                s += Int.random(in: 0..<3, using: &rng) == 0 ? alphabet.randomElement(using: &rng)! : String(Int.random(in: 0...9, using: &rng))
            }
            out.append(s)
        }
        return out
    }

    func testTheCanonicalShortcutAgreesWithTheScanner() {
        for s in Self.samples(40_000) where Masking.isCanonicalWithoutScanning(s) {
            XCTAssertEqual(IdentifierScanner.whole(s)?.canonical ?? s, s, "\"\(s)\" is not its own canonical form")
        }
    }

    func testTheASCIIMaskAgreesWithTheCharacterMask() {
        for s in Self.samples(40_000) {
            XCTAssertEqual(Masking.mask(s), Masking.maskCharacters(s), "mask(\"\(s)\")")
            XCTAssertEqual(Masking.maskIdentifier(s), Masking.maskCharacters(IdentifierScanner.whole(s)?.canonical ?? s), "maskIdentifier(\"\(s)\")")
        }
    }

    func testTheShortcutsAreTakenForStoredIdentifiers() {
        // Not a correctness property: that the shortcut applies to what the desk stores.
        for s in ["13812345678", "110101199003070012", "6222020200112233445", "P440123456789"] {
            XCTAssertTrue(Masking.isCanonicalWithoutScanning(s), s)
        }
        for s in ["8613812345678", "057188886666", "+86 138 1234 5678", "13８12345678"] {
            XCTAssertFalse(Masking.isCanonicalWithoutScanning(s), s)
        }
    }
}
