import DeskTestSupport
import Foundation
import MatrixSupport
import XCTest

/// Read commands never create anything: every command but `init` and `demo`, given a mistyped
/// path, an empty file, a directory or another program's file, refuses it with the path (exit 4)
/// and leaves the disk exactly as it was (docs/trust-model.md, "Opening a desk").
final class DeskFileAttackTests: XCTestCase {
    /// Name, size, modification time and bytes of every entry in a directory (deep enough for a
    /// scratch directory of a few files).
    static func snapshot(_ dir: String) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir) else { return out }
        while let name = e.nextObject() as? String {
            let p = dir + "/" + name
            var st = stat()
            guard lstat(p, &st) == 0 else { continue }
            let bytes = st.st_mode & S_IFMT == S_IFREG ? (fm.contents(atPath: p)?.hashValue ?? 0) : 0
            out[name] = "\(st.st_mode) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) \(bytes)"
        }
        return out
    }

    static func environment(_ dir: ScratchDirectory) -> [String: String] {
        ["LANG": "C.UTF-8", "NO_COLOR": "1", "CONSOLE_CONFIG_DIR": dir.file("config"), "XDG_DATA_HOME": dir.file("data"), "CONSOLE_DB": ""]
    }

    /// The arguments of `command`, with FILE and NEW made real in `dir`.
    static func arguments(_ command: [String], in dir: ScratchDirectory) -> [String]? {
        guard let args = CommandTree.arguments[command] else { return nil }
        return args.map { a in
            switch a {
            case "FILE": return dir.file("input.csv")
            case "NEW": return dir.file("new-copy.sqlite")
            default: return a
            }
        }
    }

    func testEveryCommandRefusesAMistypedPathAndAnEmptyFileAndCreatesNothing() throws {
        XCTAssertFalse(ConsoleProcess.binary.isEmpty, "the console binary was not built beside the tests")
        let leaves = try CommandTree.leaves()
        XCTAssertGreaterThan(leaves.count, 30, "the command tree was not read from --help: \(leaves)")
        let commands = leaves.filter { !CommandTree.isDeskless($0) && !CommandTree.creating.contains($0) }
        for c in commands {
            XCTAssertNotNil(CommandTree.arguments[c], "`console \(c.joined(separator: " "))` is new: add its arguments to CommandTree.arguments so the file attacks cover it")
        }
        // One process per core at a time: each run is a process start.
        final class Verdicts: @unchecked Sendable { var byIndex: [Int: Verdict] = [:]; let lock = NSLock() }
        let runnable = commands.filter { CommandTree.arguments[$0] != nil }
        let verdicts = Verdicts()
        DispatchQueue.concurrentPerform(iterations: runnable.count) { i in
            let verdict: Verdict
            do { verdict = try Self.tryMissingAndEmpty(runnable[i]) } catch { verdict = .broke("the attempt itself failed: \(error)") }
            verdicts.lock.withLock { verdicts.byIndex[i] = verdict }
        }
        for (i, command) in runnable.enumerated() {
            attempt(.files, "\(command.joined(separator: " ")): on a mistyped --db path and on an empty file") { verdicts.byIndex[i] ?? .broke("not run") }
        }
    }

    /// One command on a missing file and on an empty one: exit 4, the path and the `init` hint,
    /// and the directory byte for byte as before (no file, no -wal/-shm/-journal).
    static func tryMissingAndEmpty(_ command: [String]) throws -> Verdict {
        let dir = ScratchDirectory("nodesk")
        try "number,summary\nTS-1,x\n".write(toFile: dir.file("input.csv"), atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: dir.file("empty.sqlite"), contents: Data())
        let args = arguments(command, in: dir)!
        for db in [dir.file("typo.sqlite"), dir.file("empty.sqlite")] {
            let before = snapshot(dir.path)
            let out = try ConsoleProcess.run([ConsoleProcess.binary] + command + args + ["--db", db, "--now", AttackDesk.now],
                                             environment: environment(dir))
            if out.crashed { return .crashed(out.description) }
            let after = snapshot(dir.path)
            if after != before {
                let changed = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }.sorted()
                return .broke("\(db): the disk changed: \(changed)\n\(out)")
            }
            guard out.status == 4, out.stderr.contains(db), out.stderr.contains("console init") else {
                return .broke("\(db): expected exit 4 naming the path with the `console init` hint\n\(out)")
            }
        }
        return .held
    }

    func testNoDeskConfiguredCreatesNoDefaultDesk() throws {
        let dir = ScratchDirectory("nodefault")
        attempt(.files, "list with neither --db nor CONSOLE_DB: no default desk is created") {
            let out = try ConsoleProcess.run([ConsoleProcess.binary, "list"], environment: Self.environment(dir))
            if out.crashed { return .crashed(out.description) }
            let made = FileManager.default.fileExists(atPath: dir.file("data"))
            return .held(if: out.status == 4 && !made && out.stderr.contains("console init"), else: .broke("created \(dir.file("data"))? \(made)\n\(out)"))
        }
    }

    /// What a desk path can be instead of a desk, each tried with a few commands that reach the
    /// desk differently (a read, a write, the full-screen console, the roster, the audit).
    func testDirectoriesPipesAndOtherProgramsFilesAreRefusedUntouched() throws {
        let probes: [[String]] = [["list"], ["add", "--summary", "x", "--channel", "hotline", "--category", "claims", "--line", "auto"],
                                  ["tui"], ["users", "add", "x", "--role", "handler"], ["audit", "verify"], ["init"]]
        let shapes: [(String, (ScratchDirectory) throws -> String)] = [
            ("a directory", { d in try FileManager.default.createDirectory(atPath: d.file("dir.sqlite"), withIntermediateDirectories: true); return d.file("dir.sqlite") }),
            ("a text file", { d in try "plain notes, not a desk\n".write(toFile: d.file("notes.txt"), atomically: true, encoding: .utf8); return d.file("notes.txt") }),
            ("another program's SQLite database", { d in try Self.foreignDatabase(d.file("other.db"), wal: false) }),
            ("another program's SQLite database in WAL mode", { d in try Self.foreignDatabase(d.file("other-wal.db"), wal: true) }),
            ("a named pipe", { d in _ = mkfifo(d.file("pipe.sqlite"), 0o600); return d.file("pipe.sqlite") }),
            ("a character device", { _ in "/dev/zero" }),
            ("a file shorter than an SQLite header", { d in try "SQLite".write(toFile: d.file("short.sqlite"), atomically: true, encoding: .utf8); return d.file("short.sqlite") }),
        ]
        for (shape, make) in shapes {
            attempt(.files, "--db names \(shape): refused by list, add, tui, users add, audit verify and init, nothing written") {
                let dir = ScratchDirectory("shape")
                let db = try make(dir)
                for p in probes {
                    let before = Self.snapshot(dir.path)
                    let out = try ConsoleProcess.run([ConsoleProcess.binary] + p + ["--db", db, "--now", AttackDesk.now],
                                                     environment: Self.environment(dir), timeout: 20)
                    if out.crashed { return .crashed(out.description) }
                    if out.signal == SIGKILL { return .broke("\(p): hung on \(shape)\n\(out)") }
                    if Self.snapshot(dir.path) != before { return .broke("\(p): wrote beside or into \(shape)\n\(out)") }
                    guard out.status == 4, out.stderr.contains(db) else { return .broke("\(p): expected exit 4 naming \(db)\n\(out)") }
                }
                return .held
            }
        }
    }

    /// An SQLite file that is not a console desk, with a row a desk never has.
    static func foreignDatabase(_ path: String, wal: Bool) throws -> String {
        let out = try ConsoleProcess.run(["sqlite3", path, (wal ? "PRAGMA journal_mode=WAL;" : "") + "CREATE TABLE notes(t); INSERT INTO notes VALUES('private note');"])
        guard out.status == 0 else { throw XCTSkip("sqlite3 is needed to make another program's database: \(out)") }
        return path
    }

    func testInitAndDemoStillCreateAndInitTurnsAnEmptyFileIntoADesk() throws {
        let dir = ScratchDirectory("create")
        let env = Self.environment(dir)
        let made = try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", dir.file("sub/new.sqlite")], environment: env)
        XCTAssertEqual(made.status, 0, made.description)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.file("sub/new.sqlite")))
        FileManager.default.createFile(atPath: dir.file("empty.sqlite"), contents: Data())
        let empty = try ConsoleProcess.run([ConsoleProcess.binary, "init", "--db", dir.file("empty.sqlite"), "--admin", AttackDesk.osLogin], environment: env)
        XCTAssertEqual(empty.status, 0, empty.description)
        let list = try ConsoleProcess.run([ConsoleProcess.binary, "list", "--db", dir.file("empty.sqlite")], environment: env)
        XCTAssertEqual(list.status, 0, list.description)
        let demo = try ConsoleProcess.run([ConsoleProcess.binary, "demo", "--cases", "20", "--db", dir.file("demo.sqlite"), "--now", AttackDesk.now], environment: env)
        XCTAssertEqual(demo.status, 0, demo.description)
    }
}
