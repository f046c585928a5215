import ArgumentParser
import CaseModel
import Foundation

/// Options every command takes: the database file, the clock, and the acting user.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $CONSOLE_DB, else $XDG_DATA_HOME/complaint-console/desk.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Fix the clock at this ISO 8601 time (default: $CONSOLE_NOW, else the real time).", valueName: "time"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Act as this user (default: $USER).", valueName: "name"))
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

    /// The acting user.
    var actor: Actor {
        let name = user ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        return Actor(name: name.isEmpty ? "unknown" : name)
    }

    /// Opens the store and the desk.
    func openDesk() throws -> CaseDesk {
        let store = try CaseStore(path: databasePath)
        let clock = try clock()
        return CaseDesk(store: store, clock: clock, policy: try DeskSetup.policy())
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
    static func policy() throws -> DeskPolicy {
        do {
            return try PolicyFile.load(configDirectory: DeskPaths.configDirectory())
        } catch let e as PolicyFileError {
            throw CommandFailure(message: "policy: \(e)", code: 3)
        } catch let e as CalendarFileError {
            throw CommandFailure(message: "calendar: \(e)", code: 3)
        }
    }
}
