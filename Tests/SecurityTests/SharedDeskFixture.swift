import DeskTestSupport
import Foundation
import GRDB
import XCTest

/// A shared desk with real OS users: a service group nobody is a member of, a setgid copy of the
/// console every user can run, a desk set up with `console init --shared`, and one OS login per
/// role on its roster. Needs root (CI runs as root); made once per test class and removed in
/// its tearDown (users, groups, files).
final class SharedDeskFixture: @unchecked Sendable {
    /// An OS account.
    struct Login: Sendable {
        let name: String
        let uid: uid_t
        let gid: gid_t
    }

    let tag: String
    let group: String
    let admin: Login, lead: Login, handler: Login, otherHandler: Login
    /// A 0755 directory under /tmp holding everything (the checkout may be where only root goes).
    let root: String
    let binary: String
    let deskDir: String
    let path: String
    /// A case assigned to `handler`.
    private(set) var handlersCase = ""
    /// How a command runs as another user: `setpriv` (preferred: it can also take a uid with no
    /// passwd entry) or `runuser`.
    let setpriv: String?
    let runuser: String?

    /// Builds it, or throws XCTSkip saying why it cannot here.
    static func make() throws -> SharedDeskFixture {
        guard getuid() == 0 else {
            throw XCTSkip("shared-desk tests need root: they create OS users and a group (useradd/groupadd) and a setgid copy of the console")
        }
        for tool in ["useradd", "userdel", "groupadd", "groupdel", "sqlite3"] where which(tool) == nil {
            throw XCTSkip("shared-desk tests need \(tool)")
        }
        guard which("setpriv") != nil || which("runuser") != nil else { throw XCTSkip("shared-desk tests need setpriv or runuser") }
        guard !ConsoleProcess.binary.isEmpty else { throw XCTSkip("the console binary was not built beside the tests") }
        return try SharedDeskFixture()
    }

    static func which(_ tool: String) -> String? {
        for dir in ["/usr/sbin", "/usr/bin", "/sbin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") {
            return "\(dir)/\(tool)"
        }
        return ConsoleProcess.which(tool)
    }

    private init() throws {
        tag = "cd" + String(UInt32.random(in: 0...0xffffff), radix: 16)
        group = tag + "desk"
        setpriv = Self.which("setpriv")
        runuser = Self.which("runuser")
        var template = Array("/tmp/cdc-shared-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        root = String(cString: made)
        chmod(root, 0o755)
        binary = root + "/bin/console"
        deskDir = root + "/desk"
        path = deskDir + "/desk.sqlite"
        try Self.sh(["groupadd", group])
        var logins: [Login] = []
        for suffix in ["adm", "lead", "hdl", "hdl2"] {
            let name = tag + suffix
            try Self.sh(["useradd", "-M", "-U", "-s", "/bin/sh", "-d", "/nonexistent", name])
            guard let pw = getpwnam(name) else { throw POSIXError(.ENOENT) }
            logins.append(Login(name: name, uid: pw.pointee.pw_uid, gid: pw.pointee.pw_gid))
        }
        (admin, lead, handler, otherHandler) = (logins[0], logins[1], logins[2], logins[3])
        do { try setUp() } catch { remove(); throw error }
    }

    private func setUp() throws {
        // The console as it would be installed: root's, the service group's, setgid.
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: false)
        chmod(root + "/bin", 0o755)
        try FileManager.default.copyItem(atPath: ConsoleProcess.binary, toPath: binary)
        try Self.sh(["chown", "root:\(group)", binary])
        chmod(binary, 0o2755)
        let probe = try run(handler, [binary, "--help"])
        if probe.status != 0 {
            throw XCTSkip("another user cannot run a copy of the console here (its Swift runtime may be in a directory only root can read): \(probe)")
        }
        let setup = try console(nil, ["init", "--shared", group, "--admin", "root", "--binary", binary])
        guard setup.status == 0 else { throw Failure("init --shared: \(setup)") }
        for (name, role) in [(admin.name, "administrator"), (lead.name, "team-lead"), (handler.name, "handler"),
                             (otherHandler.name, "handler"), (tag + "op", "operator")] {
            let out = try console(nil, ["users", "add", name, "--role", role])
            guard out.status == 0 else { throw Failure("users add \(name): \(out)") }
        }
        // Switching is allowed on this desk: the rule under test is who may use it.
        let on = try console(nil, ["users", "allow-switch", "on"])
        guard on.status == 0 else { throw Failure("allow-switch: \(on)") }
        // The duty operator has no OS account: root, an administrator here, takes the call as them.
        let add = try console(nil, ["add", "--summary", "理赔款两周未到账", "--channel", "hotline", "--category", "claims",
                                    "--line", "auto", "--phone", "13812341234", "--handler", handler.name, "--user", tag + "op"])
        guard add.status == 0 else { throw Failure("add: \(add)") }
        handlersCase = add.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Runs a root command; throws on failure.
    static func sh(_ args: [String]) throws {
        let out = try ConsoleProcess.run([which(args[0]) ?? args[0]] + args.dropFirst())
        guard out.status == 0 else { throw Failure("\(args.joined(separator: " ")): \(out)") }
    }

    /// A plain environment, as a login shell would give (no root HOME, no config directory).
    func environment(_ extra: [String: String]) -> [String: String] {
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/nonexistent", "LANG": "C.UTF-8", "NO_COLOR": "1",
                   "CONSOLE_CONFIG_DIR": root + "/no-config"]
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Runs `command` as `login` (nil: root), with its real uid, its own group and groups.
    func run(_ login: Login?, _ command: [String], environment extra: [String: String] = [:], stdin: String? = nil) throws -> ConsoleProcess.Outcome {
        var prefix: [String] = []
        if let login {
            if let setpriv {
                prefix = [setpriv, "--reuid=\(login.uid)", "--regid=\(login.gid)", "--init-groups", "--"]
            } else if let runuser {
                prefix = [runuser, "-u", login.name, "--"]
            }
        }
        return try ConsoleProcess.run(prefix + command, environment: environment(extra), replacingEnvironment: true, stdin: stdin)
    }

    /// Runs the setgid console as `login` (nil: root) on the shared desk.
    func console(_ login: Login?, _ args: [String], environment extra: [String: String] = [:]) throws -> ConsoleProcess.Outcome {
        try run(login, [binary] + args + ["--db", path], environment: extra)
    }

    /// Runs `command` under a uid that has no passwd entry (setpriv only).
    func runWithoutPasswdEntry(_ command: [String], environment extra: [String: String]) throws -> ConsoleProcess.Outcome? {
        guard let setpriv else { return nil }
        var uid: uid_t = 54321
        while getpwuid(uid) != nil { uid += 1 }
        return try ConsoleProcess.run([setpriv, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--"] + command,
                                      environment: environment(extra), replacingEnvironment: true)
    }

    /// The newest events (as root, read-only): actor and detail JSON.
    func lastEvents(_ n: Int = 1) throws -> [(actor: String, detail: String)] {
        var config = Configuration()
        config.readonly = true
        let q = try DatabaseQueue(path: path, configuration: config)
        defer { try? q.close() }
        return try q.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, detail FROM events ORDER BY id DESC LIMIT ?", arguments: [n]).map { ($0[0], $0[1]) }
        }
    }

    /// The number of events and the roster, to show nothing changed.
    func trailAndRoster() throws -> String {
        var config = Configuration()
        config.readonly = true
        let q = try DatabaseQueue(path: path, configuration: config)
        defer { try? q.close() }
        return try q.read { db in
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            let roster = try Row.fetchAll(db, sql: "SELECT name, role, active FROM users ORDER BY name").map { "\($0[0] as String):\($0[1] as String):\($0[2] as Int)" }
            return "\(n) events; " + roster.joined(separator: ",")
        }
    }

    /// Removes the users, the group and the files.
    func remove() {
        for login in [tag + "adm", tag + "lead", tag + "hdl", tag + "hdl2"] where getpwnam(login) != nil {
            _ = try? ConsoleProcess.run([Self.which("userdel") ?? "userdel", login])
        }
        for g in [group, tag + "adm", tag + "lead", tag + "hdl", tag + "hdl2"] where getgrnam(g) != nil {
            _ = try? ConsoleProcess.run([Self.which("groupdel") ?? "groupdel", g])
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}
