import TerminalKit
import XCTest

/// Key bindings as data, over any app's contexts and commands: fallback to global, unbinding,
/// aliases, and a binding file's errors with their line.
final class KeyBindingsTests: XCTestCase {
    enum Context: String, BindingContext { case global, list, detail }
    enum Action: String, BindableCommand {
        case help, up, mark, open, find
        var takesArgument: Bool { self == .find }
    }

    func testAContextFallsBackToGlobalUnlessTheKeyIsUnbound() throws {
        var m = KeyBindings<Context, Action>()
        m.bind(.global, Key.parse("?")!, .help)
        m.bind(.global, Key.parse("k")!, .up)
        m.bind(.list, Key.parse("Space")!, .mark)
        XCTAssertEqual(m.command(for: .char("?"), in: .list), .help)
        XCTAssertEqual(m.command(for: .char(" "), in: .list), .mark)
        XCTAssertNil(m.command(for: .char(" "), in: .detail))
        m.unbind(.detail, Key.parse("k")!)
        XCTAssertNil(m.command(for: .char("k"), in: .detail), "an unbound key does not fall back to global")
        XCTAssertEqual(m.keys(for: .help, in: .list).map(\.name), ["?"])
        XCTAssertEqual(m.entries(in: .list).map(\.command), [.mark, .help, .up], "the context's own first, then global")
    }

    func testABindingFileRebindsAliasesAndNamesItsBadLine() throws {
        var base = KeyBindings<Context, Action>()
        base.bind(.global, .enter, .open)
        let m = try base.applying(file: "# mine\nbind list F4 find\nalias f find 理赔\nunbind global Enter\n")
        XCTAssertEqual(m.command(for: .function(4), in: .list), .find)
        XCTAssertEqual(m.expansion(of: "f"), "find 理赔")
        XCTAssertNil(m.command(for: .enter, in: .global))
        for (text, line) in [("bind nowhere x help\n", 1), ("\nbind list F99 help\n", 2), ("\n\nalias o open now\n", 3), ("alias help up\n", 1)] {
            XCTAssertThrowsError(try base.applying(file: text)) { e in
                XCTAssertEqual((e as? ConfigError)?.line, line, "\(text): \(e)")
            }
        }
    }
}
