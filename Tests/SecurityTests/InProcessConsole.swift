import Foundation
@testable import console

/// Runs the command line in this process — the same parse, access gate and command code as the
/// binary, without a process start (the confidentiality matrix makes about a thousand calls).
/// Standard output and error are captured through temporary files.
enum InProcessConsole {
    private static let lock = NSLock()

    /// The exit status and what the command wrote.
    struct Outcome: Equatable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    static func run(_ arguments: [String]) -> Outcome {
        lock.lock(); defer { lock.unlock() }
        let dir = NSTemporaryDirectory()
        let outPath = dir + "cdc-out-\(UUID().uuidString)", errPath = dir + "cdc-err-\(UUID().uuidString)"
        fflush(nil)
        let savedOut = dup(1), savedErr = dup(2)
        let outFD = open(outPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600), errFD = open(errPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        dup2(outFD, 1); dup2(errFD, 2)
        close(outFD); close(errFD)
        let status = ConsoleCommand.execute(arguments)
        fflush(nil)
        dup2(savedOut, 1); dup2(savedErr, 2)
        close(savedOut); close(savedErr)
        GlobalOptions.forgetOpenedDesk()
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return Outcome(status: status, stdout: out, stderr: err)
    }
}
