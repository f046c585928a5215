import ArgumentParser
import CaseModel
import Foundation

/// Options every command takes: the database file, the clock, and the acting user.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $CONSOLE_DB, else $XDG_DATA_HOME/complaint-console/desk.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Fix the clock at this ISO 8601 time (default: $CONSOLE_NOW, else the real time).", valueName: "time"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Act as this user instead of your login: only where an administrator allowed it (`console users allow-switch on`).", valueName: "name"))
    var user: String?

    /// The database path: `--db`, `$CONSOLE_DB`, or the XDG data directory.
    var databasePath: String {
        if let db, !db.isEmpty { return db }
        let env = ProcessInfo.processInfo.environment
        if let p = env["CONSOLE_DB"], !p.isEmpty { return p }
        return DeskPaths.defaultDatabase(environment: env)
    }

    /// The clock: fixed by `--now`/`$CONSOLE_NOW`, or the system clock.
    func clock() throws -> DeskClock {
        let text = now ?? ProcessInfo.processInfo.environment["CONSOLE_NOW"]
        guard let text, !text.isEmpty else { return SystemClock() }
        guard let t = DeskTime.standard.parse(text) else {
            throw CommandFailure(message: "--now: not an ISO 8601 time: \"\(text)\" (example: 2026-02-16T21:30:00+08:00)", code: 2)
        }
        return FixedClock(t)
    }

    /// The OS login: who is acting unless `--user` is allowed and given. Taken from the process's
    /// user id (the password database), not from `$USER`, which anyone can set; `$USER` is used only
    /// when the id has no entry (some containers).
    static var login: String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
            let s = String(cString: name)
            if !s.isEmpty { return s }
        }
        let name = ProcessInfo.processInfo.environment["USER"] ?? ""
        return name.isEmpty ? "unknown" : name
    }

    /// The acting user: `--user` (checked against the desk's setting by `openStore`), else `$USER`.
    /// Its role always comes from the roster, inside CaseModel; never from here.
    var actor: Actor {
        if let user, !user.isEmpty { return Actor(name: user) }
        return Actor(name: Self.login)
    }

    /// Opens the store: a file the user cannot write opens read-only with a note; `--user` is
    /// refused unless an administrator allowed switching users on this desk; a user who is not
    /// on an empty roster is told how to add the first administrator (anyone else not active on
    /// the roster is refused by the access gate).
    /// `quiet` leaves out the roster notice (setting up a new desk, when the roster is empty by design).
    func openStore(quiet: Bool = false) throws -> CaseStore {
        let group = ProcessInfo.processInfo.environment["CONSOLE_DB_GROUP"].flatMap { $0.isEmpty ? nil : $0 }
        let store = try CaseStore(path: databasePath, sharedGroup: group)
        if store.isReadOnly {
            let snapshot = store.isSnapshot ? " (a snapshot: changes made later by others are not shown)" : ""
            FileHandle.standardError.write(Data("console: note: \(store.path) is read-only for \(Self.login): showing data, no changes possible\(snapshot)\n".utf8))
        }
        let name = actor.name
        let allowed = try store.read { db in try DeskSettings.isOn(DeskSettings.allowUserSwitch, db) }
        if name != Self.login && !allowed {
            throw CommandFailure(message: "--user \(name): acting as another user is not allowed on this desk (you are \(Self.login); an administrator can allow it with `console users allow-switch on`)", code: 6)
        }
        _ = quiet
        return store
    }

    /// The desk this process opened (the access gate opens it before the command runs).
    nonisolated(unsafe) private static var opened: (path: String, desk: CaseDesk)?

    /// Opens the store and the desk (once per process: the gate's desk is the command's).
    func openDesk(quiet: Bool = false) throws -> CaseDesk {
        if let o = Self.opened, o.path == databasePath { return o.desk }
        let store = try openStore(quiet: quiet)
        let clock = try clock()
        let desk = CaseDesk(store: store, clock: clock, policy: try DeskSetup.policy())
        Self.opened = (databasePath, desk)
        return desk
    }

    /// Closes the desk this process opened (a test running many command lines in one process).
    static func forgetOpenedDesk() { opened = nil }

    /// The access gate's question: may the acting user, as the roster says now, run `operation`?
    func authorize(_ operation: DeskOperation) throws {
        try openDesk().authorize(operation, actor: actor)
    }
}

/// Where the desk's files live (XDG base directories).
enum DeskPaths {
    static func defaultDatabase(environment env: [String: String]) -> String {
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"].map { $0 + "/.local/share" } ?? ".")
        return base + "/complaint-console/desk.sqlite"
    }

    static func configDirectory(environment env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = env["CONSOLE_CONFIG_DIR"], !d.isEmpty { return d }
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"].map { $0 + "/.config" } ?? ".")
        return base + "/complaint-console"
    }
}

/// Loads the desk's policy (deadlines, thresholds) and calendars from the config directory.
enum DeskSetup {
    /// The policy loaded for a config directory (loading builds every calendar's day table).
    nonisolated(unsafe) private static var loaded: (directory: String, policy: DeskPolicy)?

    static func policy() throws -> DeskPolicy {
        let directory = DeskPaths.configDirectory()
        if let l = loaded, l.directory == directory { return l.policy }
        do {
            let policy = try PolicyFile.load(configDirectory: directory)
            loaded = (directory, policy)
            return policy
        } catch let e as PolicyFileError {
            throw CommandFailure(message: "policy: \(e)", code: 3)
        } catch let e as CalendarFileError {
            throw CommandFailure(message: "calendar: \(e)", code: 3)
        }
    }
}
