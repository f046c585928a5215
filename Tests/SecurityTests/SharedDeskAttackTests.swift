import DeskTestSupport
import Foundation
import XCTest

/// The shared desk with real OS users: the file belongs to a service group nobody is in, people
/// reach it only through the setgid console, which acts as the kernel's login and lends its group
/// to no file a user names (docs/trust-model.md, "The shared desk").
final class SharedDeskAttackTests: XCTestCase {
    nonisolated(unsafe) private static var shared: SharedDeskFixture?
    nonisolated(unsafe) private static var setUpError: Error?

    /// The class's desk, made at the first test (a skip or failure is remembered for the others).
    func fixture() throws -> SharedDeskFixture {
        if let error = Self.setUpError { throw error }
        if let f = Self.shared { return f }
        do {
            let f = try SharedDeskFixture.make()
            Self.shared = f
            return f
        } catch {
            Self.setUpError = error
            throw error
        }
    }

    override class func tearDown() {
        shared?.remove()
        shared = nil
        super.tearDown()
    }

    static func mode(_ path: String) -> (mode: Int, gid: gid_t)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (Int(st.st_mode & 0o7777), st.st_gid)
    }

    func testInitSharedSetsUpTheDeskAndOnlyRootOrTheServiceUserMay() throws {
        let f = try fixture()
        let gid = getgrnam(f.group)!.pointee.gr_gid
        XCTAssertEqual(Self.mode(f.deskDir)?.mode, 0o2770)
        XCTAssertEqual(Self.mode(f.deskDir)?.gid, gid)
        XCTAssertEqual(Self.mode(f.path)?.mode, 0o660)
        XCTAssertEqual(Self.mode(f.path)?.gid, gid)
        let check = try f.console(nil, ["init", "--shared", f.group, "--binary", f.binary])
        XCTAssertEqual(check.status, 0, check.description)
        XCTAssertFalse(check.stdout.contains("FIX"), check.description)
        XCTAssertTrue(check.stdout.contains("console binary \(f.binary)"), check.description)

        attempt(.files, "handler: init --shared to take the desk directory over") {
            let before = (Self.mode(f.deskDir), Self.mode(f.path))
            let out = try f.console(f.handler, ["init", "--shared", f.group])
            if out.crashed { return .crashed(out.description) }
            let after = (Self.mode(f.deskDir), Self.mode(f.path))
            return .held(if: out.status != 0 && before.0?.mode == after.0?.mode && before.1?.mode == after.1?.mode,
                         else: .broke(out.description))
        }
        attempt(.files, "init --shared on a directory that holds other files hands nothing to the group") {
            let dir = f.root + "/busy"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            chmod(dir, 0o755)
            try "someone else's".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
            let out = try f.run(nil, [f.binary, "init", "--shared", f.group, "--db", dir + "/desk.sqlite"])
            if out.crashed { return .crashed(out.description) }
            let m = Self.mode(dir)
            return .held(if: out.status != 0 && m?.mode == 0o755 && m?.gid == 0 && !FileManager.default.fileExists(atPath: dir + "/desk.sqlite"),
                         else: .broke(out.description))
        }
        attempt(.files, "init --shared reports a console binary that is not setgid to the group") {
            let plain = f.root + "/bin/plain-console"
            try? FileManager.default.removeItem(atPath: plain)
            try FileManager.default.copyItem(atPath: f.binary, toPath: plain)
            chmod(plain, 0o755)
            let out = try f.console(nil, ["init", "--shared", f.group, "--binary", plain])
            return .held(if: out.status == 1 && out.stdout.contains("FIX console binary") && out.stdout.contains("install -o root -g \(f.group) -m 2755"),
                         else: .broke(out.description))
        }
    }

    func testAHandlersOwnToolsCannotOpenTheFileButTheConsoleWorksForThem() throws {
        let f = try fixture()
        attempt(.files, "handler: sqlite3 reads the roster from the desk file") {
            let out = try f.run(f.handler, ["sqlite3", f.path, "SELECT name, role FROM users"])
            return .held(if: out.status != 0 && !out.stdout.contains(f.admin.name), else: .leaked(out.description))
        }
        attempt(.files, "handler: sqlite3 makes themselves an administrator") {
            let before = try f.trailAndRoster()
            let out = try f.run(f.handler, ["sqlite3", f.path, "UPDATE users SET role = 'administrator' WHERE name = '\(f.handler.name)'"])
            let after = try f.trailAndRoster()
            return .held(if: out.status != 0 && after == before, else: .broke(out.description))
        }
        attempt(.files, "handler: copies the desk file with cat") {
            let out = try f.run(f.handler, ["cat", f.path])
            return .held(if: out.status != 0 && !out.stdout.contains("SQLite format"), else: .leaked("\(out.status) \(out.stderr)"))
        }
        attempt(.files, "handler: lists the desk directory") {
            let out = try f.run(f.handler, ["ls", "-la", f.deskDir])
            return .held(if: out.status != 0 && !out.stdout.contains("desk.sqlite"), else: .leaked(out.description))
        }
        let list = try f.console(f.handler, ["list"])
        XCTAssertEqual(list.status, 0, list.description)
        XCTAssertTrue(list.stdout.contains(f.handlersCase), list.description)
        let act = try f.console(f.handler, ["act", f.handlersCase, "contact", "--note", "已电话联系"])
        XCTAssertEqual(act.status, 0, act.description)
        attempt(.identity, "handler: the action through the setgid console is recorded under their own login") {
            let e = try f.lastEvents(1).first
            return .held(if: e?.actor == f.handler.name && !(e?.detail.contains("real_login") ?? true), else: .broke("\(String(describing: e))"))
        }
        // The console left the directory as the service group's: no file a user owns or can open.
        for name in (try FileManager.default.contentsOfDirectory(atPath: f.deskDir)) {
            let m = Self.mode(f.deskDir + "/" + name)
            XCTAssertEqual((m?.mode ?? 0) & 0o007, 0, "\(name) is open to others")
        }
    }

    func testNoOneActsAsSomeoneElse() throws {
        let f = try fixture()
        let unchanged = { (out: ConsoleProcess.Outcome, before: String) throws -> Verdict in
            if out.crashed { return .crashed(out.description) }
            let after = try f.trailAndRoster()
            return .held(if: out.status == 6 && after == before, else: .broke(out.description))
        }
        attempt(.identity, "handler: --user <administrator> adds an administrator (switching allowed on the desk)") {
            let before = try f.trailAndRoster()
            return try unchanged(try f.console(f.handler, ["users", "add", "mole", "--role", "administrator", "--user", f.admin.name]), before)
        }
        attempt(.identity, "handler: --user <team lead> reassigns a case") {
            let before = try f.trailAndRoster()
            return try unchanged(try f.console(f.handler, ["assign", f.handlersCase, "--to", f.otherHandler.name, "--user", f.lead.name]), before)
        }
        attempt(.identity, "handler: --user root") {
            let before = try f.trailAndRoster()
            return try unchanged(try f.console(f.handler, ["users", "set-role", f.handler.name, "administrator", "--user", "root"]), before)
        }
        attempt(.identity, "team lead: --user <handler> acts on the handler's case") {
            let before = try f.trailAndRoster()
            return try unchanged(try f.console(f.lead, ["act", f.handlersCase, "contact", "--note", "x", "--user", f.handler.name]), before)
        }
        for (variable, value) in [("USER", f.admin.name), ("LOGNAME", f.admin.name), ("USER", "root")] {
            attempt(.identity, "handler: \(variable)=\(value) adds an administrator") {
                let before = try f.trailAndRoster()
                let env = variable == "USER" ? ["USER": value, "LOGNAME": value] : ["LOGNAME": value]
                let out = try f.console(f.handler, ["users", "add", "mole", "--role", "administrator"], environment: env)
                if out.crashed { return .crashed(out.description) }
                let after = try f.trailAndRoster()
                return .held(if: out.status == 6 && after == before, else: .broke(out.description))
            }
        }
        attempt(.identity, "handler: USER=<administrator> changes whose name the trail records") {
            let out = try f.console(f.handler, ["act", f.handlersCase, "note", "--note", "记录", "--user", f.handler.name],
                                    environment: ["USER": f.admin.name, "LOGNAME": f.admin.name])
            guard out.status == 0 else { return .broke("the handler's own note was refused: \(out)") }
            let e = try f.lastEvents(1).first
            return .held(if: e?.actor == f.handler.name && !(e?.detail.contains(f.admin.name) ?? true), else: .broke("\(String(describing: e))"))
        }
        // An administrator may switch, and the trail names them.
        let switched = try f.console(f.admin, ["act", f.handlersCase, "note", "--note", "代为记录", "--user", f.handler.name])
        XCTAssertEqual(switched.status, 0, switched.description)
        attempt(.identity, "administrator: a switch to a handler hides who really acted") {
            let e = try f.lastEvents(1).first
            return .held(if: e?.actor == f.handler.name && (e?.detail.contains("\"real_login\":\"\(f.admin.name)\"") ?? false),
                         else: .broke("\(String(describing: e))"))
        }
    }

    func testAUidWithoutAPasswdEntryIsRefusedWhateverItsEnvironmentSays() throws {
        let f = try fixture()
        for (name, args, env) in [
            ("USER=root lists the desk", ["list"], ["USER": "root", "LOGNAME": "root"]),
            ("USER=root adds an administrator", ["users", "add", "mole", "--role", "administrator"], ["USER": "root", "LOGNAME": "root"]),
            ("USER=<administrator> --user <administrator> acts", ["act", f.handlersCase, "note", "--note", "x", "--user", f.admin.name],
             ["USER": f.admin.name, "LOGNAME": f.admin.name]),
        ] {
            attempt(.identity, "a uid with no passwd entry: \(name)") {
                let before = try f.trailAndRoster()
                guard let out = try f.runWithoutPasswdEntry([f.binary] + args + ["--db", f.path], environment: env) else {
                    throw XCTSkip("setpriv is needed to run under a uid with no passwd entry")
                }
                if out.crashed { return .crashed(out.description) }
                let ok = out.status == 6 && out.stderr.contains("no entry in the password database") && out.stdout.isEmpty
                let after = try f.trailAndRoster()
                return .held(if: ok && after == before, else: .broke(out.description))
            }
        }
    }

    func testTheConsoleLendsItsGroupToNoFileAUserNames() throws {
        let f = try fixture()
        let marker = "TOPSECRET-\(f.tag)"
        let gid = getgrnam(f.group)!.pointee.gr_gid
        // The group's files: one beside the desk, and a directory only the group can enter.
        let groupDir = f.root + "/group-only"
        try FileManager.default.createDirectory(atPath: groupDir, withIntermediateDirectories: true)
        chown(groupDir, 0, gid)
        chmod(groupDir, 0o2770)
        func groupFile(_ path: String, _ text: String, mode: mode_t = 0o640) throws {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            chown(path, 0, gid)
            chmod(path, mode)
        }
        let beside = f.deskDir + "/desk-notes.csv"
        try groupFile(beside, "number,summary\n\(marker),\(marker)\n")
        for name in ["secret.csv", "secret.map", "secret.theme", "policy.conf", "keys.conf", "console.conf"] {
            try groupFile(groupDir + "/" + name, "number,summary,\(marker)\n\(marker),\(marker),\(marker)\n")
        }
        // The handler's own files: a readable import file, and links they made.
        let own = f.root + "/home-\(f.handler.name)"
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        chown(own, f.handler.uid, f.handler.gid)
        chmod(own, 0o700)
        let input = f.root + "/input.csv"
        try "received_at,channel,category,line,summary,phone\n2026-02-17T09:00:00+08:00,hotline,claims,auto,好,13812340000\nbad,pigeon,claims,auto,坏,1\n"
            .write(toFile: input, atomically: true, encoding: .utf8)
        chmod(input, 0o644)
        _ = try f.run(f.handler, ["ln", "-s", groupDir + "/secret.csv", own + "/desk.sqlite"])
        _ = try f.run(f.handler, ["ln", "-s", "/etc/shadow", own + "/shadow.sqlite"])
        let other = f.deskDir + "/desk-other.sqlite"
        _ = try ConsoleProcess.run(["sqlite3", other, "CREATE TABLE t(x); INSERT INTO t VALUES('\(marker)');"])
        chown(other, 0, gid)
        chmod(other, 0o660)
        let otherBytes = FileManager.default.contents(atPath: other)

        let reads: [(String, SharedDeskFixture.Login, [String], [String: String])] = [
            ("handler: import a group file beside the desk", f.handler, ["import", beside], [:]),
            ("handler: import --infer a file in a group-only directory", f.handler, ["import", "--infer", groupDir + "/secret.csv"], [:]),
            ("handler: import with a mapping file in a group-only directory", f.handler, ["import", input, "--mapping", groupDir + "/secret.map", "--dry-run"], [:]),
            ("team lead: figures import from a group-only directory", f.lead, ["figures", "import", groupDir + "/secret.csv"], [:]),
            ("handler: --db names a group file that is not a desk", f.handler, ["list", "--db", groupDir + "/secret.csv"], [:]),
            ("handler: --db names a link to a group file", f.handler, ["list", "--db", own + "/desk.sqlite"], [:]),
            ("handler: --db names a link to a file they cannot read (/etc/shadow)", f.handler, ["list", "--db", own + "/shadow.sqlite"], [:]),
            ("handler: --db names another SQLite file of the group", f.handler, ["list", "--db", other], [:]),
            ("handler: CONSOLE_DB names another SQLite file of the group", f.handler, ["list"], ["CONSOLE_DB": other]),
            ("handler: tui --theme from a group-only directory", f.handler, ["tui", "--theme", groupDir + "/secret.theme"], [:]),
            ("handler: CONSOLE_CONFIG_DIR at a group-only directory (policy, keys, console.conf)", f.handler, ["tui"], ["CONSOLE_CONFIG_DIR": groupDir]),
            ("handler: CONSOLE_CONFIG_DIR at a group-only directory for a command's policy", f.handler, ["list"], ["CONSOLE_CONFIG_DIR": groupDir]),
        ]
        for (name, login, args, env) in reads {
            attempt(.files, name) {
                // --db given in the arguments wins over the fixture's own.
                let out = args.contains("--db") ? try f.run(login, [f.binary] + args, environment: env)
                    : try f.console(login, args, environment: env)
                if out.crashed { return .crashed(out.description) }
                if out.stdout.contains(marker) || out.stderr.contains(marker) { return .leaked(out.description) }
                if FileManager.default.contents(atPath: other) != otherBytes { return .broke("\(other) was written: \(out)") }
                return .held
            }
        }
        let writes: [(String, SharedDeskFixture.Login, [String], String)] = [
            ("team lead: export --output into the desk directory", f.lead, ["export", "--output", f.deskDir + "/export.csv"], f.deskDir + "/export.csv"),
            ("team lead: export --format json --output into a group-only directory", f.lead, ["export", "--format", "json", "--output", groupDir + "/export.json"], groupDir + "/export.json"),
            ("team lead: import --rejects into the desk directory", f.lead, ["import", input, "--skip-bad", "--rejects", f.deskDir + "/rejects.csv"], f.deskDir + "/rejects.csv"),
            ("handler: backup into the desk directory", f.handler, ["backup", f.deskDir + "/copy.sqlite"], f.deskDir + "/copy.sqlite"),
            ("team lead: report --html into a group-only directory", f.lead, ["report", "summary", "--from", "2026-02-13", "--to", "2026-02-23", "--html", groupDir + "/r.html"], groupDir + "/r.html"),
        ]
        for (name, login, args, target) in writes {
            attempt(.files, name) {
                let out = try f.console(login, args)
                if out.crashed { return .crashed(out.description) }
                return .held(if: !FileManager.default.fileExists(atPath: target), else: .broke("\(target) was created: \(out)"))
            }
        }
        attempt(.files, "team lead: export --output over the desk file itself") {
            let before = try f.trailAndRoster()
            let bytes = FileManager.default.contents(atPath: f.path)?.count
            let out = try f.console(f.lead, ["export", "--output", f.path])
            if out.crashed { return .crashed(out.description) }
            let after = try f.trailAndRoster()
            return .held(if: out.status != 0 && after == before && FileManager.default.contents(atPath: f.path)?.count == bytes,
                         else: .broke(out.description))
        }
        attempt(.files, "team lead: import --rejects over a group file beside the desk") {
            let out = try f.console(f.lead, ["import", input, "--skip-bad", "--rejects", beside])
            if out.crashed { return .crashed(out.description) }
            let text = (try? String(contentsOfFile: beside, encoding: .utf8)) ?? ""
            return .held(if: text.contains(marker) && !text.contains("reject_reason"), else: .broke("\(beside) overwritten: \(out)"))
        }
    }

    func testTheRunningConsoleCannotBeReadOrTracedByItsUser() throws {
        let f = try fixture()
        attempt(.files, "handler: reads the running setgid console's memory and environment through /proc") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: f.setpriv ?? f.runuser ?? "/usr/bin/setpriv")
            p.arguments = (f.setpriv != nil ? ["--reuid=\(f.handler.uid)", "--regid=\(f.handler.gid)", "--init-groups", "--"] : ["-u", f.handler.name, "--"])
                + [f.binary, "alerts", "--watch", "--db", f.path]
            p.environment = f.environment([:])
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            defer { p.terminate(); p.waitUntilExit() }
            let pid = p.processIdentifier
            var started = false
            for _ in 0..<100 {
                let cmd = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
                if cmd.contains("alerts") && !cmd.contains("setpriv") && !cmd.contains("runuser") { started = true; break }
                usleep(50_000)
            }
            guard started else { return .broke("the console did not start") }
            var st = stat()
            guard stat("/proc/\(pid)/mem", &st) == 0 else { return .broke("no /proc entry") }
            let environ = try f.run(f.handler, ["cat", "/proc/\(pid)/environ"])
            return .held(if: st.st_uid == 0 && environ.status != 0, else: .leaked("mem owned by \(st.st_uid); environ: \(environ)"))
        }
    }

    func testOnlyAnAdministratorFixesTheClockOnASharedDesk() throws {
        let f = try fixture()
        for (name, args, env) in [("--now", ["--now", "2020-01-01T09:00:00+08:00"], [String: String]()),
                                  ("CONSOLE_NOW", [], ["CONSOLE_NOW": "2020-01-01T09:00:00+08:00"])] {
            attempt(.identity, "handler: backdates an action with \(name)") {
                let before = try f.trailAndRoster()
                let out = try f.console(f.handler, ["act", f.handlersCase, "note", "--note", "补记"] + args, environment: env)
                if out.crashed { return .crashed(out.description) }
                let after = try f.trailAndRoster()
                return .held(if: out.status == 6 && after == before, else: .broke(out.description))
            }
        }
        let admin = try f.console(f.admin, ["list", "--now", "2026-02-17T21:30:00+08:00"])
        XCTAssertEqual(admin.status, 0, admin.description)
    }

    func testAUsersOwnPolicyFileDoesNotSetTheDesksDeadlines() throws {
        let f = try fixture()
        attempt(.identity, "handler: their own policy.conf (CONSOLE_CONFIG_DIR) decides the desk's deadlines") {
            // A file the console cannot parse: if it were read, the command would stop on it (exit 3).
            let own = f.root + "/config-\(f.handler.name)"
            try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
            try "stage first-contact allowance general 999 days\nthis is not a policy line\n".write(toFile: own + "/policy.conf", atomically: true, encoding: .utf8)
            chown(own, f.handler.uid, f.handler.gid)
            chmod(own, 0o755)
            chmod(own + "/policy.conf", 0o644)
            let out = try f.console(f.handler, ["clocks", f.handlersCase], environment: ["CONSOLE_CONFIG_DIR": own])
            if out.crashed { return .crashed(out.description) }
            return .held(if: out.status == 0, else: .broke("the user's policy file was read: \(out)"))
        }
        attempt(.identity, "handler: a link to the desk in their own directory, beside their own policy.conf") {
            let own = f.root + "/config-\(f.handler.name)"
            let link = try f.run(f.handler, ["ln", "-sf", f.path, own + "/desk.sqlite"])
            guard link.status == 0 else { return .broke("could not make the link: \(link)") }
            let out = try f.run(f.handler, [f.binary, "clocks", f.handlersCase, "--db", own + "/desk.sqlite"])
            if out.crashed { return .crashed(out.description) }
            return .held(if: out.status == 0, else: .broke("the policy beside the link was read: \(out)"))
        }
    }
}
