import ArgumentParser
import CaseModel
import DeskServer
import Foundation

/// Options every command takes: the database file, the clock, and the acting user.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The desk: a database file, or a server desk postgres://USER@HOST[:PORT]/DATABASE (default: $CONSOLE_DB, else $XDG_DATA_HOME/complaint-console/desk.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Fix the clock at this ISO 8601 time (default: $CONSOLE_NOW, else the real time).", valueName: "time"))
    var now: String?

    @Option(name: .long, help: ArgumentHelp("Act as this roster user instead of your login: only for an administrator's login, where switching is allowed (`console users allow-switch on`); events record your real login too.", valueName: "name"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("Language of refusals, reports and tables: zh or en (default: from the locale, LC_ALL, LC_MESSAGES or LANG).", valueName: "zh|en"))
    var lang: String?

    @Flag(name: .long, help: "Show no progress line on a terminal during long work (import, export, demo, recompute, backup, reports).")
    var quiet = false

    /// `--lang`, else the locale's language (checked when the options are parsed).
    var language: Language { lang.flatMap(Language.parse(flag:)) ?? OutputLanguage.current }

    mutating func validate() throws {
        if let lang, Language.parse(flag: lang) == nil { throw CommandLineProblem.usage("--lang: expected zh or en, got \"\(lang)\"", "--lang：应为 zh 或 en，收到 \"\(lang)\"") }
    }

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
        return FixedClock(try DeskTime.standard.read(text, field: "--now"))
    }

    /// The OS login: who is acting unless `--user` is allowed and given. The password database's
    /// name for the real user id (`OSLogin`); a uid without one is refused, never named from `$USER`.
    static var login: String { OSLogin.name }

    /// The acting user: `--user` (checked by `openStore`), else the OS login.
    /// Its role always comes from the roster, inside CaseModel; never from here.
    var actor: Actor {
        // On a server desk the server's login is the person (docs/server-desk.md).
        if let server = try? serverAddress { return Actor(name: server.user) }
        if let user, !user.isEmpty { return Actor(name: user) }
        return Actor(name: Self.login)
    }

    /// Whether the clock was fixed by `--now` or `$CONSOLE_NOW`.
    var clockIsFixed: Bool { !(now ?? ProcessInfo.processInfo.environment["CONSOLE_NOW"] ?? "").isEmpty }

    /// Opens the store: a file the user cannot write opens read-only with a note.
    ///
    /// Only `init` and `demo` pass `create`: every other command refuses a missing or empty file
    /// and creates nothing. `--user` switches only where an administrator allowed it
    /// (`console users allow-switch on`) and only for an OS login that is itself an active
    /// administrator on the roster; the switch is stamped on every event as `real_login`. On a
    /// shared desk reached through the service group, a fixed clock is an administrator's too
    /// (docs/trust-model.md, "Who is acting"). Whether the acting user may run the command at all is
    /// the access gate's question (`authorize`).
    /// `quiet` leaves out the roster notice (setting up a new desk, when the roster is empty by design).
    /// `sharedGroup` (`init --group`) overrides `$CONSOLE_DB_GROUP` for a file `create` makes.
    func openStore(quiet: Bool = false, create: Bool = false, sharedGroup: String? = nil) throws -> CaseStore {
        if let server = try serverAddress { return try openReplica(server, quiet: quiet, create: create) }
        let real = Self.login
        let group = create ? sharedGroup ?? ProcessInfo.processInfo.environment["CONSOLE_DB_GROUP"].flatMap { $0.isEmpty ? nil : $0 } : nil
        let store = try CaseStore(path: databasePath, sharedGroup: group, creating: create)
        if let why = store.fileWriteAccess().text(language) {
            ConsoleOutput.standardError("console: note: \(why)" + (language == .zh ? "；只能查看，不能修改\n" : "; showing data, no changes possible\n"))
        }
        let name = actor.name
        let check = try store.userSwitchCheck(realLogin: real)
        let allowed = check.switchAllowed, realIsAdministrator = check.realIsAdministrator
        if name != real {
            guard allowed && realIsAdministrator else {
                let why = allowed ? "only an active administrator on this desk's roster may act as another user"
                    : "an administrator can allow it with `console users allow-switch on`"
                let whyZh = allowed ? "只有本台名册上在职的管理员可以以他人身份操作" : "管理员可用 `console users allow-switch on` 开启"
                throw CommandFailure("--user \(name): acting as another user is not allowed on this desk (you are \(real); \(why))", "--user \(name)：本台不允许以他人身份操作（你是 \(real)；\(whyZh)）", code: 6)
            }
            store.switchedFrom = real
        }
        if store.usesGroupRights && clockIsFixed && !realIsAdministrator {
            throw CommandFailure("--now/CONSOLE_NOW: on a shared desk only an administrator may fix the clock (you are \(real)); events carry the real time", "--now/CONSOLE_NOW：共享台上只有管理员可以固定时钟（你是 \(real)）；事件记录真实时间", code: 6)
        }
        _ = quiet
        return store
    }

    /// The server desk `--db` names (nil: a file).
    var serverAddress: ServerAddress? {
        get throws { ServerAddress.isServer(databasePath) ? try ServerDeskCommands.parse(databasePath) : nil }
    }

    /// The host's read copy of the server desk this process opened, kept by `openReplica`.
    nonisolated(unsafe) static var replica: ServerReplica?
    /// The writer of the server desk this process opened with the desk's key (nil: none).
    nonisolated(unsafe) static var serverWriter: ServerWriter?

    /// A server desk: brought up to date in the host's read copy, which is opened read-only
    /// (docs/server-desk.md, "Reading a server desk").
    private func openReplica(_ server: ServerAddress, quiet: Bool, create: Bool) throws -> CaseStore {
        if create {
            throw CommandFailure("\(server): demo data goes into a desk file; a server desk is created with `console init --db postgres://…` and filled with `console migrate`",
                                 "\(server)：演示数据只写入台文件；服务器上的台用 `console init --db postgres://…` 建立、用 `console migrate` 填入", code: 2)
        }
        if let user, !user.isEmpty, user != server.user {
            throw CommandFailure("--user \(user): on a server desk you are the server's login (\(server.user)); log in as the other person instead",
                                 "--user \(user)：在服务器上的台，你就是服务器登录名（\(server.user)）；请以对方身份登录", code: 6)
        }
        let replica = ServerReplica(server)
        // A console holding the desk's key writes (docs/server-desk.md, "Writing to a server desk").
        let key = try Self.serverDeskKey()
        replica.consoleSecret = key?.serverConsoleSecret
        let progress = ProgressLine("reading the server desk", unit: "rows", quiet: self.quiet)
        do {
            defer { progress.finish() }
            try ServerDeskCommands.mapped { try replica.sync { _, n in progress.update(n) } }
        }
        Self.replica = replica
        if let key {
            let store = try CaseStore(path: replica.path, creating: false)
            let writer = ServerWriter(replica: replica, key: key)
            Self.serverWriter = writer
            store.sendWrites(to: writer, key: key)
            return store
        }
        let store = try CaseStore(path: replica.path, readOnly: true, creating: false, replicaOf: server.description)
        if !quiet, let why = store.fileWriteAccess().text(language) {
            ConsoleOutput.standardError("console: note: \(why)\n")
        }
        return store
    }

    /// The server desk's audit key named by `$CONSOLE_DESK_KEY` (nil: none named, the console
    /// only reads). A named file that cannot be read is refused, not ignored.
    static func serverDeskKey(environment env: [String: String] = ProcessInfo.processInfo.environment) throws -> AuditKey? {
        guard let file = env["CONSOLE_DESK_KEY"], !file.isEmpty else { return nil }
        do {
            return try AuditKey.load(file: file)
        } catch let e as StoreError {
            throw CommandFailure("CONSOLE_DESK_KEY: \(e)", "CONSOLE_DESK_KEY：\(e)", code: 4)
        }
    }

    /// The desk this process opened (the access gate opens it before the command runs).
    nonisolated(unsafe) private static var opened: (path: String, desk: CaseDesk)?

    /// Opens the store and the desk (`create`: `demo` only), once per process: the gate's desk
    /// is the command's.
    func openDesk(quiet: Bool = false, create: Bool = false) throws -> CaseDesk {
        if let o = Self.opened, o.path == databasePath { return o.desk }
        let store = try openStore(quiet: quiet, create: create)
        let clock = try clock()
        let desk = CaseDesk(store: store, clock: clock, policy: try DeskSetup.policy(for: store))
        Self.opened = (databasePath, desk)
        return desk
    }

    /// Closes the desk this process opened (a test running many command lines in one process).
    static func forgetOpenedDesk() { opened = nil }

    /// The access gate's question: may the acting user, as the roster says now, run `operation`?
    func authorize(_ operation: DeskOperation) throws {
        // Copying a server desk to a file: the server's login and grants decide, and the copy
        // checks that the login reads every row (docs/server-desk.md, "Moving a desk").
        if operation == .migrate && ServerAddress.isServer(databasePath) { return }
        // The host's copy holds what this login may see, with the gaps of what it may not: it is
        // not the desk's trail, nor a desk to back up.
        if ServerAddress.isServer(databasePath) && (operation == .auditVerify || operation == .backup) {
            throw CommandFailure("\(operation.rawValue): on a server desk, copy the desk to a file as its owner (`console migrate --db postgres://… --to FILE --key KEY`, which verifies the trail) and run it there",
                                 "\(operation.rawValue)：服务器上的台请由其所有者复制为文件（`console migrate --db postgres://… --to 文件 --key 密钥`，复制时即校验审计链）后在文件上进行", code: 2)
        }
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
    /// The policy for this store: the desk's own (`policy.conf`, `calendars/` beside the
    /// database) when it has one, for everyone who opens it; on a shared desk reached through the
    /// service group always the desk's (or the shipped defaults), read with the group's rights,
    /// never a directory the user's environment names: deadlines are the desk's rules, not each
    /// user's. Otherwise the config directory, as before (docs/trust-model.md).
    static func policy(for store: CaseStore) throws -> DeskPolicy {
        let dir = store.directory
        let desks = try store.withDeskRights { () throws -> DeskPolicy? in
            let fm = FileManager.default
            let own = fm.fileExists(atPath: dir + "/policy.conf") || fm.fileExists(atPath: dir + "/calendars")
            return own || store.usesGroupRights ? try policy(directory: dir) : nil
        }
        return try desks ?? policy()
    }

    /// The policy loaded per directory (loading builds every calendar's day table, which takes a
    /// while in a debug build; a process that opens several desks, the attack suite, loads once).
    nonisolated(unsafe) private static var loaded: [String: DeskPolicy] = [:]

    /// The policy and calendars in `directory` (the config directory unless told), as a command failure (exit 3).
    static func policy(directory: String = DeskPaths.configDirectory()) throws -> DeskPolicy {
        if let p = loaded[directory] { return p }
        do {
            let policy = try PolicyFile.load(configDirectory: directory)
            loaded[directory] = policy
            return policy
        } catch let e as PolicyFileError {
            // The detail quotes the file's own (English) keywords, as the administrator edits them.
            throw CommandFailure(message: OutputLanguage.current == .zh ? "策略文件有误，请管理员修正（\(e)）" : "policy: \(e)", code: 3)
        } catch let e as CalendarFileError {
            throw CommandFailure(message: OutputLanguage.current == .zh ? "日历文件有误，请管理员修正（\(e)）" : "calendar: \(e)", code: 3)
        }
    }
}

extension DeskSetup {
    /// Where the desk's own script files are (docs/scripts.md): `scripts/` beside the database
    /// when there is one, and always on a shared desk reached through the service group (the
    /// desk's wording, read with the group's rights, never a directory the user's environment
    /// names); otherwise `scripts/` in the config directory.
    static func scriptsDirectory(for store: CaseStore) throws -> String {
        let own = store.directory + "/scripts"
        let exists = try store.withDeskRights { FileManager.default.fileExists(atPath: own) }
        return exists || store.usesGroupRights ? own : DeskPaths.configDirectory() + "/scripts"
    }

    /// The shipped scripts with the desk's own, as a command failure (exit 3) naming every bad file and line.
    static func scripts(for store: CaseStore) throws -> ScriptLibrary {
        let dir = try scriptsDirectory(for: store)
        do {
            return try store.withDeskRights { try ScriptLibrary.load(directory: dir) }
        } catch let e as ScriptFileErrors {
            throw CommandFailure("scripts: \(e.errors.count) problem(s) in the desk's script files, fix them (`console scripts check \(dir)`):\n" + e.description, "话术：本台话术文件有 \(e.errors.count) 处问题，请修正（`console scripts check \(dir)`）：\n" + e.description, code: 3)
        } catch let e as ScriptFileError {
            throw CommandFailure("scripts: \(e)", "话术：\(e)", code: 3)
        }
    }
}
