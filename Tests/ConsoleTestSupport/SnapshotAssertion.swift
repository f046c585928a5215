import Foundation
import XCTest

/// Compares a screen with `__Snapshots__/NAME.txt` beside the calling test file;
/// `UPDATE_SNAPSHOTS=1` records instead. On a difference the failure shows each differing line,
/// expected and actual, numbered.
public func assertSnapshot(_ lines: [String], named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = dir.appendingPathComponent(name + ".txt")
    let actual = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(name).txt; run with UPDATE_SNAPSHOTS=1 to record it. Screen:\n\(actual)", file: file, line: line)
        return
    }
    if expected == actual { return }
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var diff: [String] = []
    for i in 0..<max(e.count, a.count) {
        let el = i < e.count ? e[i] : "<none>"
        let al = i < a.count ? a[i] : "<none>"
        if el != al {
            diff.append(String(format: "%3d - %@", i + 1, el))
            diff.append(String(format: "%3d + %@", i + 1, al))
        }
    }
    XCTFail("screen differs from \(name).txt (- expected, + actual; UPDATE_SNAPSHOTS=1 re-records):\n" + diff.joined(separator: "\n"),
            file: file, line: line)
}
