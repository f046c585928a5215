import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport
import MatrixSupport
import PostgresNIO
import XCTest

/// The whole confidentiality matrix against the server backend (docs/server-desk.md, "Tests"):
/// the security suite's two desks (the same general desk, one with report cases 举报件 of every
/// sort) moved onto the test cluster, and every subcommand the binary lists, called as in the file
/// matrix, by every login that must not notice report cases — each blind role, a disabled user's
/// login and a login on no roster — through a console holding the desk's key, so writes are tried
/// as well as reads. Both desks must answer byte for byte alike, and no call may change a report case.
///
/// A cell works on two clones of the moved desks (`CREATE DATABASE … TEMPLATE`). A call that
/// changed neither clone leaves them for the next call; after one that changed either, both are
/// dropped and the next call gets fresh clones — so every call meets the fixture as it was built,
/// as in the file matrix, without a clone per call.
///
/// Each call is also run on a copy of the desk file with report cases (`--user` there): the server
/// must answer it as the file does, so every subcommand × every blind role is a backend-parity
/// check too (`backendSpecific` aside).
final class ServerMatrixTests: XCTestCase {
    /// The logins tried: every role that may not see report cases, the disabled `former`, and `ghost`.
    static let blind = AttackDesk.roles.filter { !AttackDesk.seesReports($0.role) }.map(\.login)
    /// The logins that see report cases (the president's office, the auditor): their calls are
    /// parity checks only, on the desk with report cases.
    static let seeing = AttackDesk.roles.filter { AttackDesk.seesReports($0.role) }.map(\.login)

    /// The commands whose answer names the backend by design (docs/server-desk.md): a server desk
    /// is created by `init` and filled by `migrate`, backed up and verified as a file copy, and
    /// holds no demo data. Every other call answers on the server exactly as on the file
    /// (`ghost`, on no roster, is refused by the server before the desk sees it).
    static let backendSpecific: Set<String> = ["init", "demo", "backup", "migrate", "audit verify"]

    /// Both desks' state for one call: the clones, and what each held when cloned.
    private struct Pair {
        var desks: [ServerAddress]
        /// A superuser's session on each clone, for the footprint and the digests.
        var sessions: [ServerSession]
        var digests: [String]

        /// Closes the sessions and drops the clones.
        func drop() {
            sessions.forEach { $0.close() }
            desks.forEach(TestServer.drop)
        }
    }

    func testEveryCommandAsEveryBlindLoginAnswersAsIfReportCasesDidNotExist() throws {
        let scratch = ScratchDirectory("server-matrix")
        let fixtures = [MatrixDesk.plain, MatrixDesk.reports]
        let env = ["LANG": "C.UTF-8", "NO_COLOR": "1", "CONSOLE_CONFIG_DIR": scratch.file("config")]
        var templates: [ServerAddress] = []
        defer { templates.forEach(TestServer.drop) }
        for desk in fixtures {
            let db = try TestServer.database(desk.withReports ? "matrixreports" : "matrixplain")
            templates.append(db)
            let out = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", desk.path, "--to", TestServer.url(db)], environment: env)
            XCTAssertEqual(out.status, 0, out.description)
        }
        // One password per login for the whole cluster (roles are the cluster's); `ghost`, on no
        // roster, gets a login role the desk knows nothing of.
        let password = "pw-" + UUID().uuidString
        let admin = try ServerSession.open(try TestServer.superuser())
        defer { admin.close() }
        for login in Self.blind + Self.seeing {
            if try admin.value("SELECT 1 FROM pg_roles WHERE rolname = \(login)") == nil { try admin.execute("CREATE ROLE \"\(login)\"") }
            try admin.execute("ALTER ROLE \"\(login)\" LOGIN PASSWORD '\(password)'")
        }

        var pair: Pair?
        var footprint: String?
        var cells = 0, answered = 0, recloned = 0, parity = 0
        defer { pair?.drop() }
        for (path, calls) in try commandTable() {
            for call in calls {
                for login in Self.blind + Self.seeing {
                    if pair == nil {
                        let desks = try templates.map { try TestServer.clone($0, for: "matrixcell") }
                        let sessions = try desks.map { try ServerSession.open($0) }
                        pair = Pair(desks: desks, sessions: sessions, digests: try sessions.map(digest))
                        recloned += 1
                    }
                    let current = pair!
                    if footprint == nil { footprint = try reportFootprint(current.sessions[1]) }
                    let keys = fixtures.map { AuditKey.path(forDatabase: $0.path) }
                    if Self.seeing.contains(login) {
                        if !Self.backendSpecific.contains(path) {
                            let outs = try run(call, on: [current.desks[1]], keys: [keys[1]], as: login, password: password,
                                               scratch: scratch, environment: env, withFile: true)
                            XCTAssertEqual(Self.comparable(outs[0]), outs[1],
                                           "\(call.joined(separator: " ")) as \(login): the server desk answers otherwise than the file")
                            parity += 1
                        }
                    } else {
                        let compared = login != "ghost" && !Self.backendSpecific.contains(path)
                        let outs = try run(call, on: current.desks, keys: keys, as: login, password: password, scratch: scratch, environment: env,
                                           withFile: compared)
                        cells += 1
                        // A login on no roster is refused as a login (exit 6), never a storage failure.
                        if login == "ghost" { XCTAssertFalse(outs[0].hasPrefix("exit 4\n"), "\(call) as ghost: \(outs[0])") }
                        // The same call on the file: the same answer, where the backends do not differ by design.
                        if compared {
                            XCTAssertEqual(Self.comparable(outs[1]), outs[2],
                                           "\(call.joined(separator: " ")) as \(login): the server desk answers otherwise than the file")
                            parity += 1
                        }
                        if outs[0].hasPrefix("exit 0\n") { answered += 1 }
                        XCTAssertEqual(outs[0], outs[1], "\(call.joined(separator: " ")) as \(login): the desk with report cases answers differently")
                        let after = try reportFootprint(current.sessions[1])
                        XCTAssertEqual(after, footprint, "\(call.joined(separator: " ")) as \(login) changed a report case")
                    }
                    if try current.sessions.map(digest) != current.digests {
                        current.drop()
                        pair = nil
                    }
                }
            }
        }
        // Every login met every call, and enough calls answered for the matrix to prove something
        // (a refusal alike on both desks is a cell too, but a matrix of refusals would prove little).
        XCTAssertGreaterThan(cells, 120 * Self.blind.count)
        XCTAssertGreaterThan(answered, cells / 3, "\(answered) of \(cells) calls answered")
        XCTAssertGreaterThan(parity, 110 * (Self.blind.count - 1 + Self.seeing.count))
        print("server matrix: \(cells) cells, \(answered) answered, \(parity) compared with the file, \(recloned) pairs of clones")
    }

    /// The subcommands and their calls, from the binary's own list (a command without an entry
    /// fails the file matrix); the ones that take no desk are the file matrix's alone.
    func commandTable() throws -> [(String, [[String]])] {
        let out = try ConsoleProcess.run([ConsoleProcess.binary, "commands"])
        XCTAssertEqual(out.status, 0, out.description)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        return rows.compactMap { row in
            let path = row["path"] as! String
            guard !MatrixInvocations.deskless.contains(path), case let .calls(calls)? = MatrixInvocations.table[path] else { return nil }
            return (path, calls)
        }
    }

    /// Runs one call on the clones at once, as `login` through a console holding each desk's key,
    /// and — `withFile` — on a copy of the desk file with report cases, its answer last; each answer
    /// as text (exit status, output, messages) with what legitimately differs made alike.
    private func run(_ call: [String], on desks: [ServerAddress], keys: [String], as login: String, password: String,
                     scratch: ScratchDirectory, environment: [String: String], withFile: Bool) throws -> [String] {
        let answers = Answers()
        let cells = desks.indices.map { _ in ScratchDirectory("server-matrix-cell") }
        for cell in cells { try copyFixtureFiles(to: cell) }
        DispatchQueue.concurrentPerform(iterations: desks.count + (withFile ? 1 : 0)) { i in
            if i == desks.count {
                answers.set(i, (try? Self.runOnFile(call, as: login, environment: environment)) ?? "did not run on the file")
                return
            }
            let address = desks[i].asUser(login, password: password)
            var env = environment
            env["XDG_CACHE_HOME"] = scratch.file("cache-\(login)-\(i)")
            env["CONSOLE_DESK_KEY"] = keys[i]
            let args = MatrixInvocations.fill(call, dir: cells[i].path, alert: MatrixDesk.reports.reportAlert)
                + ["--db", TestServer.url(address), "--now", AttackDesk.now]
            let text: String
            do {
                let out = try ConsoleProcess.run([ConsoleProcess.binary] + args, environment: env, timeout: 60)
                text = "exit \(out.status)\n--- stdout\n\(out.stdout)\n--- stderr\n\(out.stderr)"
            } catch { text = "did not run: \(error)" }
            var t = MatrixInvocations.normalised(text, dir: cells[i].path)
            for (from, to) in [(TestServer.url(address), "DESK"), (address.description, "DESK"), (desks[i].database, "DB"),
                               (env["XDG_CACHE_HOME"]!, "CACHE"), (keys[i], "KEY"), (password, "PASSWORD")] {
                t = t.replacingOccurrences(of: from, with: to)
            }
            answers.set(i, t)
        }
        return answers.all(desks.count + (withFile ? 1 : 0))
    }

    /// Runs one call on a copy of the desk file with report cases, as `login` by `--user`.
    private static func runOnFile(_ call: [String], as login: String, environment: [String: String]) throws -> String {
        let cell = try MatrixDesk.reports.copy()
        let args = MatrixInvocations.fill(call, dir: cell.path, alert: MatrixDesk.reports.reportAlert)
            + ["--db", cell.file("desk.sqlite"), "--now", AttackDesk.now, "--user", login]
        let out = try ConsoleProcess.run([ConsoleProcess.binary] + args, environment: environment, timeout: 60)
        let text = "exit \(out.status)\n--- stdout\n\(out.stdout)\n--- stderr\n\(out.stderr)"
        return Self.comparable(MatrixInvocations.normalised(text, dir: cell.path).replacingOccurrences(of: cell.file("desk.sqlite"), with: "DESK"))
    }

    /// An answer as compared across backends: without the `real_login` line a `--user` switch on
    /// the file stamps on an event (a server login is itself), and with runs of spaces as one (the
    /// column a table aligns to moves with that line).
    static func comparable(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("real_login") }
            .joined(separator: "\n").replacingOccurrences(of: #" {2,}"#, with: " ", options: .regularExpression)
    }

    /// The fixture's files a call names with `{DIR}` (mappings, CSV files), without the desk.
    private func copyFixtureFiles(to cell: ScratchDirectory) throws {
        let dir = MatrixDesk.plain.dir
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where !name.hasPrefix("desk.sqlite") {
            try FileManager.default.copyItem(atPath: dir.file(name), toPath: cell.file(name))
        }
    }

    /// The report footprint of a server desk (the file matrix's queries on the server's tables).
    private func reportFootprint(_ session: ServerSession) throws -> String {
        return MatrixDesk.footprintText(try MatrixDesk.reportFootprintQueries(schema: "desk.").map { try session.rows(PostgresQuery(unsafeSQL: $0)) })
    }

    /// A digest of every row of every desk table: whether a call changed anything at all.
    private func digest(_ session: ServerSession) throws -> String {
        let tables = try session.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'desk' AND table_type = 'BASE TABLE' ORDER BY 1")
            .compactMap { $0.first ?? nil }
        let parts = tables.map { "SELECT '\($0):' || t::text FROM desk.\"\($0)\" t" }.joined(separator: " UNION ALL ")
        return try session.value(PostgresQuery(unsafeSQL: "SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (\(parts)) s(x)")) ?? ""
    }
}

/// The two answers of a cell, filled from two threads.
private final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [Int: String] = [:]

    func set(_ i: Int, _ text: String) {
        lock.lock(); defer { lock.unlock() }
        texts[i] = text
    }

    func all(_ count: Int) -> [String] {
        lock.lock(); defer { lock.unlock() }
        return (0..<count).map { texts[$0] ?? "" }
    }
}
