import CaseModel
import Foundation
import XCTest

/// Finding the built programs and running them, for the reliability tests.
enum Programs {
    /// A program built beside the test bundle (`console`, `chaos`), or "" when it is not there.
    static func built(_ name: String) -> String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        for b in Bundle.allBundles {
            let candidate = b.bundleURL.deletingLastPathComponent().appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return ""
    }

    static var console: String { built("console") }
    static var chaos: String { built("chaos") }

    static func which(_ tool: String) -> String? {
        for p in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(p)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The result of running a program.
    struct Outcome {
        var status: Int32
        var output: String
        var seconds: Double
    }

    /// Runs a program to the end (stdin /dev/null, stdout and stderr captured together), with
    /// extra environment; `timeout` seconds then SIGKILL, so a hang fails instead of blocking.
    @discardableResult
    static func run(_ args: [String], environment: [String: String] = [:], timeout: Double = 120,
                    newSession: Bool = false) throws -> Outcome {
        let path = args[0].hasPrefix("/") ? args[0] : (which(args[0]) ?? args[0])
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if newSession {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        }
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var cenv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var cargs: [UnsafeMutablePointer<CChar>?] = ([path] + args.dropFirst()).map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) }; for e in cenv { free(e) } }
        var pid: pid_t = 0
        let started = Date()
        let rc = posix_spawn(&pid, path, &actions, nil, &cargs, &cenv)
        close(fds[1])
        guard rc == 0 else { close(fds[0]); throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT) }
        var out = Data()
        var buf = [UInt8](repeating: 0, count: 65536)
        let flags = fcntl(fds[0], F_GETFL)
        _ = fcntl(fds[0], F_SETFL, flags | O_NONBLOCK)
        var status: Int32 = 0
        var done = false
        while !done {
            let n = read(fds[0], &buf, buf.count)
            if n > 0 { out.append(contentsOf: buf[0..<n]); continue }
            let w = waitpid(pid, &status, WNOHANG)
            if w == pid { done = true; break }
            if Date().timeIntervalSince(started) > timeout {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                out.append(contentsOf: Array("\n[killed after \(timeout) s]".utf8))
                done = true
                break
            }
            usleep(5_000)
        }
        while true {
            let n = read(fds[0], &buf, buf.count)
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        close(fds[0])
        let code: Int32 = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: code, output: String(decoding: out, as: UTF8.self), seconds: Date().timeIntervalSince(started))
    }
}

/// A temporary directory removed at the end of the test.
final class Scratch {
    let path: String
    init(_ tag: String = "rel") {
        path = NSTemporaryDirectory() + "cdc-\(tag)-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// The instant the reliability tests stand at.
let testNow = "2026-02-17T21:30:00+08:00"
