import Foundation

/// Runs the real `console` binary (or any program) the way a person or a script would, for the
/// test targets that go through the executable: stdout and stderr captured apart, the exit
/// status, and whether a signal ended it (a crash).
public enum ConsoleProcess {
    /// What one run produced.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// The exit status (0–255), or 128 + the signal number.
        public var status: Int32
        /// The signal that ended the process (SIGSEGV, SIGILL, SIGTRAP: a crash), or nil.
        public var signal: Int32?
        public var stdout: String
        public var stderr: String
        /// The raw bytes written to standard output (terminal-safety checks look at bytes).
        public var stdoutBytes: [UInt8]
        public var seconds: Double

        /// Whether the process died on a signal other than the test's own kill.
        public var crashed: Bool { signal != nil && signal != SIGKILL }
        /// Standard output, then standard error: what a person would have read on one terminal.
        public var output: String { stderr.isEmpty ? stdout : stdout + stderr }
        /// Both streams, for failure messages.
        public var description: String { "exit \(status)\(signal.map { " (signal \($0))" } ?? "")\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// The `console` binary built beside the test bundle (empty when it was not built).
    public static let binary: String = built("console")

    /// A program of this package built beside the test bundle (`console`, `chaos`), or "" when
    /// it was not built.
    public static func built(_ name: String) -> String {
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

    /// A program on the PATH, or nil.
    public static func which(_ tool: String) -> String? {
        for p in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(p)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs `args` (the first is the program: a path, or a name on the PATH) with `environment`
    /// added to (or, with `replacingEnvironment`, instead of) this process's, `stdin` as its
    /// input; SIGKILL after `timeout` seconds so a hang fails instead of blocking the suite.
    /// `detached` gives the program /dev/null for output instead of pipes: for a command that
    /// leaves a server or a background job behind (`tmux new-session`, `sh -c '… &'`), which
    /// would otherwise hold the pipes open.
    public static func run(_ args: [String], environment: [String: String] = [:], replacingEnvironment: Bool = false,
                           stdin: String? = nil, timeout: Double = 60, detached: Bool = false) throws -> Outcome {
        let path = args[0].hasPrefix("/") ? args[0] : (which(args[0]) ?? args[0])
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1], inPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw POSIXError(.EMFILE) }
        if stdin != nil { guard pipe(&inPipe) == 0 else { throw POSIXError(.EMFILE) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if stdin != nil {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
            posix_spawn_file_actions_addclose(&actions, inPipe[0])
            posix_spawn_file_actions_addclose(&actions, inPipe[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if detached {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        }
        for fd in [outPipe[0], outPipe[1], errPipe[0], errPipe[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
        var env = replacingEnvironment ? [:] : ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var cenv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var cargs: [UnsafeMutablePointer<CChar>?] = ([path] + args.dropFirst()).map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) }; for e in cenv { free(e) } }
        var pid: pid_t = 0
        let started = Date()
        let rc = posix_spawn(&pid, path, &actions, nil, &cargs, &cenv)
        close(outPipe[1]); close(errPipe[1])
        if stdin != nil { close(inPipe[0]) }
        guard rc == 0 else {
            close(outPipe[0]); close(errPipe[0])
            if stdin != nil { close(inPipe[1]) }
            throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT)
        }
        if let stdin {
            let bytes = Array(stdin.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(inPipe[1], $0.baseAddress, $0.count) }
                if n <= 0 { break }
                offset += n
            }
            close(inPipe[1])
        }
        var out = [UInt8](), err = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 65536)
        for fd in [outPipe[0], errPipe[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var status: Int32 = 0
        var killed = false
        func drain() {
            while true { let n = read(outPipe[0], &buf, buf.count); if n <= 0 { break }; out.append(contentsOf: buf[0..<n]) }
            while true { let n = read(errPipe[0], &buf, buf.count); if n <= 0 { break }; err.append(contentsOf: buf[0..<n]) }
        }
        while true {
            drain()
            if waitpid(pid, &status, WNOHANG) == pid { break }
            if Date().timeIntervalSince(started) > timeout {
                kill(pid, SIGKILL); waitpid(pid, &status, 0); killed = true
                break
            }
            usleep(2_000)
        }
        drain()
        close(outPipe[0]); close(errPipe[0])
        let signalled = status & 0x7f != 0
        let sig: Int32? = signalled ? status & 0x7f : nil
        let code: Int32 = signalled ? 128 + (status & 0x7f) : (status >> 8) & 0xff
        var errText = String(decoding: err, as: UTF8.self)
        if killed { errText += "\n[killed after \(timeout) s]" }
        return Outcome(status: code, signal: sig, stdout: String(decoding: out, as: UTF8.self), stderr: errText,
                       stdoutBytes: out, seconds: Date().timeIntervalSince(started))
    }
}
