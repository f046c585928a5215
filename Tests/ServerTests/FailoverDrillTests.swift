import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
import ServerTestSupport
import PostgresNIO
import XCTest

/// The failover drill (RELIABILITY.md, "Failover"): a primary with a synchronous streaming
/// standby, eight writers, the primary killed with `kill -9` mid-run and the standby promoted.
/// No acknowledged write may be lost, every write that failed must have been reported to its
/// writer, and the writers and a console listing both hosts must be back within 10 seconds.
final class FailoverDrillTests: XCTestCase {
    func cluster(_ args: String...) throws -> String {
        let out = try ConsoleProcess.run([TestServer.repository + "/scripts/pg-cluster"] + args, timeout: 120)
        guard out.status == 0 else { throw ServerError.unreachable("pg-cluster \(args): \(out)") }
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A primary with a synchronous standby, a migrated demo desk on it, and a team lead's login.
    struct Drill {
        let scratch: ScratchDirectory
        let primaryDir: String, standbyDir: String
        let onPrimary: ServerAddress, both: ServerAddress, standbyPort: Int
        let file: String, env: [String: String]
        let leadBoth: ServerAddress
    }

    func drill(_ name: String, stops: inout [String]) throws -> Drill {
        let scratch = ScratchDirectory(name)
        // The clusters run as the postgres account when the tests run as root: it must reach them.
        chmod(scratch.path, 0o711)
        let primaryDir = scratch.file("primary"), standbyDir = scratch.file("standby")
        let primary = try ServerAddress(try cluster("start", primaryDir))
        stops.append(primaryDir)
        let standbyPort = Int(try cluster("standby", primaryDir, standbyDir))!
        stops.append(standbyDir)

        // A desk on the primary (for the console), and the writers' table.
        let admin = try ServerSession.open(primary)
        try admin.execute("CREATE DATABASE drill")
        admin.close()
        var both = primary
        both.database = "drill"
        let onPrimary = both
        both.hosts = [primary.hosts[0], .init(name: "127.0.0.1", port: standbyPort)]
        let file = scratch.file("desk.sqlite")
        let env = ["CONSOLE_NOW": ServerDeskTests.now, "XDG_CACHE_HOME": scratch.file("cache")]
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", file, "--admin", OSLoginName.current], environment: env).status, 0)
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--db", file, "--cases", "200", "--quiet"], environment: env).status, 0)
        XCTAssertEqual(try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", file, "--to", TestServer.url(onPrimary)], environment: env).status, 0)
        let setup = try ServerSession.open(onPrimary)
        try setup.execute("CREATE TABLE drill_writes (writer int, seq int, PRIMARY KEY (writer, seq))")
        XCTAssertEqual(try setup.value("SELECT sync_state FROM pg_stat_replication"), "sync", "the standby is synchronous")
        setup.close()
        let lead = try CaseStore(path: file, creating: false).read { db in try String.fetchOne(db, sql: "SELECT name FROM users WHERE role = 'team-lead' ORDER BY name LIMIT 1")! }
        let leadLogin = try TestServer.login(lead, on: onPrimary)
        var leadBoth = both.asUser(lead, password: leadLogin.password)
        leadBoth.database = "drill"
        return Drill(scratch: scratch, primaryDir: primaryDir, standbyDir: standbyDir, onPrimary: onPrimary, both: both,
                     standbyPort: standbyPort, file: file, env: env, leadBoth: leadBoth)
    }

    /// Lets the writers run `after` seconds, kills the primary, promotes the standby, times a
    /// console listing both hosts until it reads again, lets the writers run `runOn` seconds more
    /// and stops them. Returns the console's time back (nil: not within 15 s).
    func failOver(_ d: Drill, _ log: DrillLog, stopping stop: DrillFlag, after: Double, runOn: Double) throws -> Double? {
        usleep(useconds_t(after * 1_000_000))
        let back = try consoleBack(d, log)
        usleep(useconds_t(runOn * 1_000_000))
        stop.set()
        log.waitDone()
        return back
    }

    private func consoleBack(_ d: Drill, _ log: DrillLog) throws -> Double? {
        _ = try cluster("kill", d.primaryDir)
        let killed = Date()
        log.markFailover(at: killed)
        _ = try cluster("promote", d.standbyDir)
        while Date().timeIntervalSince(killed) < 15 {
            let out = try ConsoleProcess.run([ConsoleProcess.binary, "list", "--count", "--db", TestServer.url(d.leadBoth)], environment: d.env, timeout: 20)
            if out.status == 0 { return Date().timeIntervalSince(killed) }
            usleep(200_000)
        }
        return nil
    }

    /// The promoted standby.
    func promoted(_ d: Drill) throws -> ServerSession {
        var promoted = d.onPrimary
        promoted.hosts = [.init(name: "127.0.0.1", port: d.standbyPort)]
        return try ServerSession.open(promoted)
    }

    func testEightWritersLoseNoAcknowledgedWriteWhenThePrimaryIsKilled() throws {
        var stops: [String] = []
        defer { for dir in stops.reversed() { _ = try? cluster("stop", dir) } }
        let d = try drill("failover", stops: &stops)
        let (both, env) = (d.both, d.env)
        _ = env
        // Eight writers: each acknowledged insert is recorded; each failure is reported to its writer.
        let log = DrillLog(writers: 8)
        let stop = DrillFlag()
        var threads: [Thread] = []
        let target = both
        for w in 0..<8 {
            let t = Thread {
                var session: ServerSession?
                var seq = 0
                while !stop.isSet {
                    if session == nil {
                        session = try? ServerSession.open(target, timeout: 1)
                        if session == nil { usleep(50_000); continue }
                        log.reconnected(w)
                    }
                    do {
                        try session!.execute("INSERT INTO drill_writes VALUES (\(w), \(seq))")
                        log.acknowledged(w, seq)
                    } catch {
                        log.refused(w, seq)
                        session?.close()
                        session = nil
                    }
                    seq += 1
                }
                session?.close()
                log.done()
            }
            threads.append(t)
            t.start()
        }
        // A console that lists both hosts reads the desk again from the promoted standby.
        let consoleBack = try failOver(d, log, stopping: stop, after: 1.5, runOn: 2)

        let check = try promoted(d)
        defer { check.close() }
        var present = Set<Int64>()
        for row in try check.rows("SELECT (writer::bigint << 32 | seq)::text FROM drill_writes") { present.insert(Int64(row[0]!)!) }
        let acknowledged = log.acknowledgedKeys
        let lost = acknowledged.subtracting(present)
        let refusedButPresent = log.refusedKeys.intersection(present)
        let afterFailover = log.acknowledgedAfterFailover
        print("""
            failover drill: \(acknowledged.count) writes acknowledged (\(afterFailover) after the kill), \(lost.count) of them lost; \
            \(log.refusedKeys.count) refused and reported to their writers (\(refusedButPresent.count) of those committed all the same: \
            the kill came between the commit and its answer); writers back \(String(format: "%.2f", log.slowestReturn ?? -1)) s after the kill; \
            a console listing both hosts back after \(String(format: "%.2f", consoleBack ?? -1)) s
            """)
        XCTAssertEqual(lost, [], "no acknowledged write is lost")
        XCTAssertGreaterThan(afterFailover, 0, "the writers went on writing on the promoted standby")
        XCTAssertNotNil(log.slowestReturn)
        XCTAssertLessThan(log.slowestReturn ?? 99, 10, "every writer back within 10 s")
        XCTAssertLessThan(consoleBack ?? 99, 10, "a console back within 10 s")
    }
}

extension FailoverDrillTests {
    /// The same drill with the desk's own commands as the writers: eight `console act … note`
    /// processes holding the desk's key, on a team lead's login listing both hosts. A command
    /// that exited 0 must have its note on the promoted standby; every other ended with a message.
    func testEightConsolesLoseNoSavedCommandWhenThePrimaryIsKilled() throws {
        var stops: [String] = []
        defer { for dir in stops.reversed() { _ = try? cluster("stop", dir) } }
        let d = try drill("failover-consoles", stops: &stops)
        let numbers = try CaseStore(path: d.file, creating: false).read { db in
            try String.fetchAll(db, sql: "SELECT number FROM cases WHERE kind <> 'report' AND status IN ('received', 'contacted', 'investigating') ORDER BY id LIMIT 8")
        }
        XCTAssertEqual(numbers.count, 8)
        let log = DrillLog(writers: 8)
        let stop = DrillFlag()
        let unreported = Failures()
        let (url, key, scratch) = (TestServer.url(d.leadBoth), AuditKey.path(forDatabase: d.file), d.scratch)
        for w in 0..<8 {
            let number = numbers[w]
            Thread.detachNewThread {
                var seq = 0
                var down = false
                while !stop.isSet {
                    let out = try? ConsoleProcess.run([ConsoleProcess.binary, "act", number, "note", "--note", "drill-\(w)-\(seq)", "--db", url],
                                                      environment: ["CONSOLE_NOW": ServerDeskTests.now, "XDG_CACHE_HOME": scratch.file("cache-w\(w)"),
                                                                    "LANG": "C.UTF-8", "CONSOLE_DESK_KEY": key], timeout: 60)
                    if let out, out.status == 0 {
                        if down { log.reconnected(w); down = false }
                        log.acknowledged(w, seq)
                    } else {
                        log.refused(w, seq)
                        if let out, out.stderr.isEmpty { unreported.add("writer \(w) write \(seq) failed silently: \(out)") }
                        down = true
                        usleep(100_000)
                    }
                    seq += 1
                }
                log.done()
            }
        }
        let consoleBack = try failOver(d, log, stopping: stop, after: 4, runOn: 4)

        let check = try promoted(d)
        defer { check.close() }
        var present = Set<Int64>()
        for row in try check.rows("SELECT substring(detail from 'drill-([0-9]+-[0-9]+)') FROM desk.events WHERE action = 'note' AND detail LIKE '%drill-%'") {
            let parts = (row[0] ?? "").split(separator: "-").compactMap { Int64($0) }
            if parts.count == 2 { present.insert(parts[0] << 32 | parts[1]) }
        }
        let acknowledged = log.acknowledgedKeys
        let lost = acknowledged.subtracting(present)
        print("""
            failover drill (console writers): \(acknowledged.count) commands saved (\(log.acknowledgedAfterFailover) after the kill), \(lost.count) of them lost; \
            \(log.refusedKeys.count) refused with a message (\(log.refusedKeys.intersection(present).count) of those saved all the same: outcome reported unknown); \
            writers back \(String(format: "%.2f", log.slowestReturn(of: log.writersThatWentDown) ?? -1)) s after the kill; \
            a console listing both hosts back after \(String(format: "%.2f", consoleBack ?? -1)) s
            """)
        XCTAssertEqual(lost, [], "no saved command is lost")
        XCTAssertEqual(unreported.all, [], "every failed command said why")
        XCTAssertGreaterThan(log.acknowledgedAfterFailover, 0, "the consoles went on saving on the promoted standby")
        XCTAssertLessThan(log.slowestReturn(of: log.writersThatWentDown) ?? 99, 10, "every writer back within 10 s")
        XCTAssertLessThan(consoleBack ?? 99, 10, "a console back within 10 s")
        // The trail the consoles wrote across the failover is whole.
        let back = d.scratch.file("back.sqlite")
        var owner = d.onPrimary
        owner.hosts = [.init(name: "127.0.0.1", port: d.standbyPort)]
        let copy = try ConsoleProcess.run([ConsoleProcess.binary, "migrate", "--db", TestServer.url(owner), "--to", back, "--key", key])
        XCTAssertEqual(copy.status, 0, copy.description)
    }
}

/// What the drill's writers did.
final class DrillLog: @unchecked Sendable {
    private let lock = NSCondition()
    private var acked = Set<Int64>(), refusedSet = Set<Int64>()
    private var failoverAt: Date?
    private var returns: [Int: Double] = [:]
    private var afterFailover = 0
    private var running: Int

    init(writers: Int) { running = writers }

    private func key(_ w: Int, _ seq: Int) -> Int64 { Int64(w) << 32 | Int64(seq) }
    func acknowledged(_ w: Int, _ seq: Int) { lock.withLock { acked.insert(key(w, seq)); if failoverAt != nil { afterFailover += 1 } } }
    func refused(_ w: Int, _ seq: Int) {
        lock.withLock { refusedSet.insert(key(w, seq)); if failoverAt != nil { downAfterFailover.insert(w) } }
    }
    private var downAfterFailover = Set<Int>()
    func reconnected(_ w: Int) {
        lock.withLock { if let f = failoverAt, returns[w] == nil { returns[w] = Date().timeIntervalSince(f) } }
    }
    func markFailover(at date: Date) { lock.withLock { failoverAt = date } }
    func done() { lock.withLock { running -= 1; lock.broadcast() } }
    func waitDone() { lock.withLock { while running > 0 { lock.wait() } } }
    var acknowledgedKeys: Set<Int64> { lock.withLock { acked } }
    var refusedKeys: Set<Int64> { lock.withLock { refusedSet } }
    var acknowledgedAfterFailover: Int { lock.withLock { afterFailover } }
    /// The slowest writer's return after the kill (nil if one never came back).
    var slowestReturn: Double? { lock.withLock { returns.count == 8 ? returns.values.max() : nil } }
    /// The writers that failed at least once after the kill.
    var writersThatWentDown: Set<Int> {
        lock.withLock { downAfterFailover }
    }
    /// The slowest return among `writers` (nil if one of them never came back).
    func slowestReturn(of writers: Set<Int>) -> Double? {
        lock.withLock { writers.allSatisfy { returns[$0] != nil } ? (writers.map { returns[$0]! }.max() ?? 0) : nil }
    }
}

/// A flag the test sets to stop the writers.
final class DrillFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
