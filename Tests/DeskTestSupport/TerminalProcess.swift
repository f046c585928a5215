import Foundation

/// Runs a program with its standard output and standard error on pseudo-terminals, so that
/// `isatty` is true for both, as when an operator types the command; each stream's bytes are
/// captured apart. The terminals are put in raw mode, so the bytes are exactly what the program
/// wrote (no `\r` added before `\n`).
///
/// Built on `posix_openpt` rather than `script` or `tmux`: nothing to install, no shell quoting,
/// and the two streams stay separate.
public enum TerminalProcess {
    /// What one run wrote to each terminal, and how it ended.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// The exit status (0–255), or 128 + the signal number.
        public var status: Int32
        /// The signal that ended the process, or nil.
        public var signal: Int32?
        /// The raw bytes written to standard output and standard error.
        public var stdoutBytes: [UInt8]
        public var stderrBytes: [UInt8]

        /// Whether the process died on a signal other than the test's own kill.
        public var crashed: Bool { signal != nil && signal != SIGKILL }
        /// Standard output as text (bytes that are not UTF-8 shown as U+FFFD).
        public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        public var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
        /// Both streams, for failure messages.
        public var description: String { "exit \(status)\(signal.map { " (signal \($0))" } ?? "")\n--- stdout (terminal)\n\(stdout)\n--- stderr (terminal)\n\(stderr)" }
    }

    /// Runs `args` (the first is the program's path) with `environment` added to this process's.
    public static func run(_ args: [String], environment: [String: String] = [:], timeout: Double = 60) throws -> Outcome {
        let out = try openTerminal(), err = try openTerminal()
        defer { close(out.master); close(err.master) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out.slave, 1)
        posix_spawn_file_actions_adddup2(&actions, err.slave, 2)
        for fd in [out.master, out.slave, err.master, err.slave] { posix_spawn_file_actions_addclose(&actions, fd) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        var cenv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var cargs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) }; for e in cenv { free(e) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, args[0], &actions, nil, &cargs, &cenv)
        // Only the child holds the terminals' slave ends now: when it exits, reads end.
        close(out.slave); close(err.slave)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT) }
        for fd in [out.master, err.master] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        var outBytes = [UInt8](), errBytes = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 65536)
        func drain() {
            // EIO once the child has closed its end; EAGAIN while it is still running.
            while true { let n = read(out.master, &buf, buf.count); if n <= 0 { break }; outBytes.append(contentsOf: buf[0..<n]) }
            while true { let n = read(err.master, &buf, buf.count); if n <= 0 { break }; errBytes.append(contentsOf: buf[0..<n]) }
        }
        let started = Date()
        var status: Int32 = 0
        while true {
            drain()
            if waitpid(pid, &status, WNOHANG) == pid { break }
            if Date().timeIntervalSince(started) > timeout { kill(pid, SIGKILL); waitpid(pid, &status, 0); break }
            usleep(2_000)
        }
        drain()
        let signalled = status & 0x7f != 0
        return Outcome(status: signalled ? 128 + (status & 0x7f) : (status >> 8) & 0xff,
                       signal: signalled ? status & 0x7f : nil, stdoutBytes: outBytes, stderrBytes: errBytes)
    }

    /// The C library's pseudo-terminal calls, which Swift's Glibc module does not export.
    private struct PTYCalls: @unchecked Sendable {
        let openpt: @convention(c) (Int32) -> Int32
        let grant: @convention(c) (Int32) -> Int32
        let unlock: @convention(c) (Int32) -> Int32
        let name: @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
    }

    private static let calls: PTYCalls? = {
        let handle = dlopen(nil, RTLD_NOW)
        guard let a = dlsym(handle, "posix_openpt"), let b = dlsym(handle, "grantpt"), let c = dlsym(handle, "unlockpt"),
              let d = dlsym(handle, "ptsname_r") else { return nil }
        return PTYCalls(openpt: unsafeBitCast(a, to: (@convention(c) (Int32) -> Int32).self),
                        grant: unsafeBitCast(b, to: (@convention(c) (Int32) -> Int32).self),
                        unlock: unsafeBitCast(c, to: (@convention(c) (Int32) -> Int32).self),
                        name: unsafeBitCast(d, to: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self))
    }()

    /// A new pseudo-terminal in raw mode: its master (ours) and slave (the child's) descriptors.
    private static func openTerminal() throws -> (master: Int32, slave: Int32) {
        guard let pty = calls else { throw POSIXError(.ENOSYS) }
        let master = pty.openpt(O_RDWR | O_NOCTTY)
        var buffer = [CChar](repeating: 0, count: 128)
        guard master >= 0, pty.grant(master) == 0, pty.unlock(master) == 0, pty.name(master, &buffer, buffer.count) == 0 else {
            if master >= 0 { close(master) }
            throw POSIXError(.ENXIO)
        }
        let slave = open(String(cString: buffer), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { close(master); throw POSIXError(.ENXIO) }
        var mode = termios()
        if tcgetattr(slave, &mode) == 0 { cfmakeraw(&mode); _ = tcsetattr(slave, TCSANOW, &mode) }
        return (master, slave)
    }
}
