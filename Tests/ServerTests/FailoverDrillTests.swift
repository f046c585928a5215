import CaseModel
import DeskServer
import DeskTestSupport
import Foundation
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

    func testEightWritersLoseNoAcknowledgedWriteWhenThePrimaryIsKilled() throws {
        let scratch = ScratchDirectory("failover")
        // The clusters run as the postgres account when the tests run as root: it must reach them.
        chmod(scratch.path, 0o711)
        let primaryDir = scratch.file("primary"), standbyDir = scratch.file("standby")
        let primary = try ServerAddress(try cluster("start", primaryDir))
        defer { _ = try? cluster("stop", primaryDir) }
        let standbyPort = Int(try cluster("standby", primaryDir, standbyDir))!
        defer { _ = try? cluster("stop", standbyDir) }

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
        usleep(1_500_000)
        _ = try cluster("kill", primaryDir)
        let killed = Date()
        log.markFailover(at: killed)
        _ = try cluster("promote", standbyDir)
        // A console that lists both hosts reads the desk again from the promoted standby.
        var consoleBack: Double?
        while Date().timeIntervalSince(killed) < 15 {
            let out = try ConsoleProcess.run([ConsoleProcess.binary, "list", "--count", "--db", TestServer.url(leadBoth)], environment: env, timeout: 20)
            if out.status == 0 { consoleBack = Date().timeIntervalSince(killed); break }
            usleep(200_000)
        }
        usleep(2_000_000)
        stop.set()
        log.waitDone()

        var promoted = onPrimary
        promoted.hosts = [.init(name: "127.0.0.1", port: standbyPort)]
        let check = try ServerSession.open(promoted)
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
    func refused(_ w: Int, _ seq: Int) { lock.withLock { _ = refusedSet.insert(key(w, seq)) } }
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
}

/// A flag the test sets to stop the writers.
final class DrillFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
