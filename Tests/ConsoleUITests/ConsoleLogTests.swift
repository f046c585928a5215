import Foundation
import ConsoleTestSupport
import XCTest
@testable import ConsoleUI
import TerminalKit

/// The console's log is read on a terminal (`tail -f`): case text in it is harmless and cannot
/// forge a line (docs/terminal-safety.md).
final class ConsoleLogTests: XCTestCase {
    func testALogLineCarriesNoEscapeAndNoLineBreakFromACase() throws {
        let path = NSTemporaryDirectory() + "cdc-log-\(UUID().uuidString)/console.log"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let log = ConsoleLog()
        log.open(path)
        log.write("effect failed: 摘要\u{1B}]0;pwned\u{07}\u{9B}2J\u{202E}\n2026-02-17T00:00:00Z forged line")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").count, 1, text)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E }, text)
        XCTAssertTrue(text.contains("摘要␛]0;pwned␇<U+009B>2J<U+202E>⏎2026-02-17T00:00:00Z forged line"), text)
    }
}
