import CaseModel
import Foundation
import TerminalKit

/// The console's log file. Nothing is ever written to the screen's stdout/stderr while the full
/// screen is up; errors and timings go here instead.
public final class ConsoleLog: @unchecked Sendable {
    /// The process-wide log (a no-op until `open` is called).
    public static let shared = ConsoleLog()
    private var handle: FileHandle?
    private let lock = NSLock()
    public private(set) var path: String?

    /// Opens (appending) a log file, creating its directory.
    public func open(_ path: String) {
        lock.withLock {
            let dir = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            handle = FileHandle(forWritingAtPath: path)
            handle?.seekToEndOfFile()
            self.path = path
        }
    }

    /// Appends one timestamped line. Case text in it is made harmless (docs/terminal-safety.md):
    /// the log is read with `tail -f` on a terminal, and a line break from a case must not forge
    /// a line of its own.
    public func write(_ line: String) {
        lock.withLock {
            guard let handle else { return }
            let stamp = ISO8601DateFormatter().string(from: Date())
            handle.write(Data("\(stamp) \(SafeText.sanitize(line))\n".utf8))
        }
    }
}
