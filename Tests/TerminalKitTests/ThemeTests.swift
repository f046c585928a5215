import Foundation
@testable import TerminalKit
import XCTest

/// Theme files: the shipped ones name every element and match their compiled-in copies; bad
/// lines are refused with their line number.
final class ThemeTests: XCTestCase {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    func testShippedThemesAreCompleteAndMatchTheirFiles() throws {
        for name in Theme.shippedNames {
            let text = try String(contentsOf: Self.themesDir.appendingPathComponent(name + ".theme"), encoding: .utf8)
            XCTAssertEqual(BuiltinThemes.texts[name], text, "themes/\(name).theme differs from BuiltinThemes.swift")
            let theme = try Theme.parse(text, name: name)
            XCTAssertEqual(theme.missing, [], "\(name) does not name every element")
        }
        let mono = Theme.builtin("mono")!
        XCTAssertTrue(mono.styles.values.allSatisfy { $0.foreground == nil && $0.background == nil })
    }

    func testUnknownKeysAreRefusedWithTheLine() {
        XCTAssertThrowsError(try Theme.parse("normal = default\nbreech = red\n", name: "t")) { e in
            let c = e as? ConfigError
            XCTAssertEqual(c?.line, 2)
            XCTAssertTrue(c?.description.contains("breech") == true)
        }
        XCTAssertThrowsError(try Theme.parse("normal = purple\n", name: "t"))
    }

    func testColourFallbackToEight() {
        XCTAssertEqual(Theme.basic(9), 1) // bright red → red
        XCTAssertEqual(Theme.basic(196), 1) // 256-colour red → red
        XCTAssertEqual(Theme.basic(236), 0) // dark grey → black
        XCTAssertEqual(Theme.basic(21), 4) // blue
    }
}
