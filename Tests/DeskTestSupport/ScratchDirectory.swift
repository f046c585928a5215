import Foundation

/// A temporary directory removed when the value is released.
public final class ScratchDirectory: @unchecked Sendable {
    /// Its absolute path.
    public let path: String

    /// Creates `$TMPDIR/cdc-TAG-UUID` (mode 0700).
    public init(_ tag: String = "test") {
        path = NSTemporaryDirectory() + "cdc-\(tag)-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }

    /// A path inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Copies a database and its -wal file (a copy without its log would lose the newest writes),
    /// its audit key and anchor log (without the key nothing can be written to the copy).
    public func copyDatabase(_ source: String, to name: String) throws -> String {
        let target = file(name)
        for suffix in ["", "-wal", ".key", ".anchors"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
        return target
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
