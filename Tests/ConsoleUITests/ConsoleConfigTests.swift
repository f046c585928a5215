import ConsoleUI
import TerminalKit
import XCTest

/// console.conf: known settings only, refused with the line.
final class ConsoleConfigTests: XCTestCase {
    func testUnknownSettingsAreRefusedWithTheLine() {
        XCTAssertThrowsError(try ConsoleConfig.parse("theme = mono\ncolour = yes\n")) { e in
            XCTAssertEqual((e as? ConfigError)?.line, 2)
        }
        XCTAssertEqual(try ConsoleConfig.parse("lang = en\nascii = yes\n").ascii, true)
    }
}
