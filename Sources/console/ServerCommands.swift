import ArgumentParser
import CaseModel
import DeskServer
import Foundation

/// The server desk from the command line (docs/server-desk.md): what `--db postgres://…` does
/// today, and the refusal for everything it does not do yet.
enum ServerDeskCommands {
    /// `console init --db postgres://…`: creates the desk's schema, roles and policies on an empty
    /// database (as a role that may create schemas and roles), or checks an existing one.
    static func initialize(_ text: String) throws {
        let address = try parse(text)
        let session = try open(address)
        defer { session.close() }
        switch try mapped({ try ServerSchema.install(session) }) {
        case .created: print(OutputLanguage.say("\(address): desk created (schema desk, role \(ServerSchema.staffRole), row-level security on)",
                                                "\(address)：已建台（schema desk，角色 \(ServerSchema.staffRole)，行级安全已启用）"))
        case .alreadyCurrent: print(OutputLanguage.say("\(address): ready (the desk's schema is current)", "\(address)：就绪（台的表结构为最新）"))
        case .upgraded(let steps): print(OutputLanguage.say("\(address): the desk's schema upgraded (\(steps.joined(separator: ", ")))",
                                                            "\(address)：台的表结构已升级（\(steps.joined(separator: "、"))）"))
        }
    }

    /// Parses an address, as a usage error when malformed.
    static func parse(_ text: String) throws -> ServerAddress {
        try mapped { try ServerAddress(text) }
    }

    /// Connects, with the server's refusal as the command's failure.
    static func open(_ address: ServerAddress) throws -> ServerSession {
        try mapped { try ServerSession.open(address) }
    }

    /// Runs `body`, turning a server error into the command's message and exit status.
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ServerError {
            throw CommandFailure(message: e.description, code: exitCode(e))
        }
    }

    /// The exit status of a server error (the README's table: 2 bad input, 4 storage, 6 not permitted).
    static func exitCode(_ e: ServerError) -> Int32 {
        switch e {
        case .badAddress, .badRow: 2
        case .unreachable, .refused, .schema: 4
        case .loginRefused: 6
        case .notEmpty, .verifyFailed: 1
        }
    }
}

/// `console migrate --to postgres://…`: copies the desk file onto a server, or a server desk
/// into a new file.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Copy the desk file onto a PostgreSQL server, or a server desk into a new file.",
        discussion: """
        Copies every table of the desk named by --db into the server desk at --to, in one server transaction, \
        then reads every table back and compares it row for row before committing: a copy that fails anywhere \
        leaves the server as it was. The server desk's schema is created if the database has none; a server desk \
        that holds anything is refused. Each desk user gets a server role of the same name in the group role \
        desk_staff, created NOLOGIN: the server's administrator decides how each person logs in (docs/server-desk.md). \
        The password may come from $PGPASSWORD instead of the address.

        Back to a file: --db postgres://… --to NEW.sqlite --key DESK.key, as the desk's owner on the server. The \
        audit key never lives on the server: give the desk's key file. The new file is kept only when every table \
        arrived and its audit trail verifies with that key.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The server desk (postgres://USER@HOST[:PORT]/DATABASE), or with --db postgres://… a new file.", valueName: "address")) var to: String
    @Option(help: ArgumentHelp("Copying a server desk to a file: the desk's audit key file.", valueName: "path")) var key: String?

    func run() throws {
        if ServerAddress.isServer(global.databasePath) { return try toFile() }
        guard ServerAddress.isServer(to) else {
            throw CommandFailure("--to \(to): from a desk file, migrate copies to a server (postgres://…); to copy a file, use `console backup`",
                                 "--to \(to)：从台文件迁移只能迁往服务器（postgres://…）；复制文件请用 `console backup`", code: 2)
        }
        if key != nil { throw CommandFailure("--key: only when copying a server desk to a file", "--key：只在把服务器上的台复制为文件时使用", code: 2) }
        let address = try ServerDeskCommands.parse(to)
        let desk = try global.openDesk()
        let verification = try desk.verifyAudit(actor: global.actor)
        guard verification.ok else {
            throw CommandFailure("\(desk.store.path): the audit trail does not verify (\(Self.problem(verification))); a desk is moved only with a whole trail: run `console audit verify`; nothing was copied",
                                 "\(desk.store.path)：审计链校验未通过（\(Self.problem(verification))）；审计链完整的台才能迁移：请运行 `console audit verify`；未复制任何内容", code: 7)
        }
        let session = try ServerDeskCommands.open(address)
        defer { session.close() }
        let progress = ProgressLine("copying", unit: "rows", quiet: global.quiet)
        let report: DeskCopy.Report
        do {
            defer { progress.finish() }
            report = try ServerDeskCommands.mapped { try DeskCopy.toServer(from: desk.store, session: session) { _, rows in progress.update(rows) } }
        }
        let rows = report.tables.map { "\($0.name) \($0.rows)" }.joined(separator: ", ")
        print(OutputLanguage.say("copied \(desk.store.path) to \(address) and compared every table: \(rows)",
                                 "已将 \(desk.store.path) 复制到 \(address) 并逐表核对：\(rows)"))
        if !report.rolesCreated.isEmpty {
            print(OutputLanguage.say("server roles created (NOLOGIN until you set how each logs in): \(report.rolesCreated.joined(separator: ", "))",
                                     "已建服务器角色（设定登录方式前不能登录）：\(report.rolesCreated.joined(separator: "、"))"))
        }
        if !report.rolesExisting.isEmpty {
            print(OutputLanguage.say("existing server roles made desk roles: \(report.rolesExisting.joined(separator: ", "))",
                                     "已有的服务器角色加入本台：\(report.rolesExisting.joined(separator: "、"))"))
        }
        for (name, why) in report.rolesSkipped {
            ConsoleOutput.standardError("console: note: \(name): no server role (\(why))\n")
        }
        AuditAnchor.record(desk, reason: "migrate to \(address)")
    }

    /// Copies the server desk at `--db` into the new file `--to`.
    func toFile() throws {
        let address = try ServerDeskCommands.parse(global.databasePath)
        guard !ServerAddress.isServer(to) else {
            throw CommandFailure("--to: from a server desk, migrate copies to a new file (a server-to-server copy is the server's own: pg_dump)",
                                 "--to：从服务器上的台只能迁往新文件（服务器之间的复制请用服务器自己的 pg_dump）", code: 2)
        }
        guard let key else {
            throw CommandFailure("--key: copying a server desk to a file needs the desk's audit key file (it never lives on the server)",
                                 "--key：把服务器上的台复制为文件需要台的审计密钥文件（密钥不存放在服务器上）", code: 2)
        }
        let session = try ServerDeskCommands.open(address)
        defer { session.close() }
        let progress = ProgressLine("copying", unit: "rows", quiet: global.quiet)
        let outcome: DeskRestore.Outcome
        do {
            defer { progress.finish() }
            outcome = try ServerDeskCommands.mapped { try DeskCopy.toFile(session: session, path: to, keyFile: key) { _, rows in progress.update(rows) } }
        }
        let rows = outcome.tables.map { "\($0.name) \($0.rows)" }.joined(separator: ", ")
        // The copy checks the chain of events; whether every row agrees with them (a row changed on
        // the server without an event) is `audit verify`'s row pass, which the auditor runs on the copy.
        print(OutputLanguage.say("copied \(address) to \(to); its audit chain verifies (\(outcome.verification.checked) events): \(rows)\n"
                                 + "to compare every row with the trail, run: console audit verify --db \(to)",
                                 "已将 \(address) 复制到 \(to)；审计链校验通过（\(outcome.verification.checked) 条事件）：\(rows)\n"
                                 + "逐行核对数据与审计记录请运行：console audit verify --db \(to)"))
    }

    static func problem(_ v: AuditChain.Verification) -> String {
        if let b = v.firstBreak { return b.description }
        if let k = v.keyProblem { return k }
        return "triggers: " + (v.missingTriggers + v.alteredTriggers + v.unexpectedTriggers).joined(separator: ", ")
    }
}
