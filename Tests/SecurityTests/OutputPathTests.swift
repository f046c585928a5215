import Foundation
import XCTest

/// The command line has one way out (docs/terminal-safety.md): no source file of the `console`
/// module writes to standard output or standard error except through `ConsoleOutput`, so a new
/// command cannot bypass the terminal-safety layer by accident.
final class OutputPathTests: XCTestCase {
    /// Ways of writing that bypass `ConsoleOutput`.
    static let bypasses = ["FileHandle.standardOutput", "FileHandle.standardError", "Swift.print", "debugPrint(", "dump(",
                           "fputs(", "fwrite(", "putchar(", "puts(", "printf(", "STDOUT_FILENO", "STDERR_FILENO",
                           "CSVWriter.standardOutput", "fileDescriptor: 1", "fileDescriptor: 2", "exit(withError",
                           "to: &", "FileHandle(fileDescriptor"]

    func testNoCommandWritesAroundTheOutputLayer() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/console")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 5, "the console sources were not found at \(sources.path)")
        XCTAssertTrue(files.contains("ConsoleOutput.swift"))
        for name in files where name != "ConsoleOutput.swift" {
            let text = try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.components(separatedBy: "//").first ?? ""
                for b in Self.bypasses where code.contains(b) {
                    XCTFail("\(name):\(n + 1) writes around ConsoleOutput (\(b)): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }
}
