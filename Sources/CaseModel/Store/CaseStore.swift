import Foundation
import GRDB
import GRDBSQLite

/// The SQLite file that holds every case, event and roster entry.
///
/// One file in WAL mode shared by several console processes. Writes run in IMMEDIATE transactions
/// so two writers queue on the busy timeout instead of failing half-way; case updates check the
/// version they read (optimistic concurrency), so a stale write is a conflict, never an overwrite.
public final class CaseStore: @unchecked Sendable {
    /// The database connection pool (GRDB).
    let pool: DatabasePool
    /// Where the file lives.
    public let path: String
    /// Whether this process may only read (the file or its directory is not writable for the
    /// user): every write is refused with `StoreError.readOnly` before anything changes.
    public let isReadOnly: Bool
    /// Read-only and opened as an immutable snapshot: no -wal/-shm files existed and none could be
    /// created (no console had the file open), so changes made later by others are not seen.
    public let isSnapshot: Bool
    /// Why the file is read-only for this process, as found when it was opened (empty when it is
    /// not): asked for, the file not writable, a snapshot (`DeskWriteAccess` adds the roster's answer).
    public let readOnlyCauses: [DeskWriteAccess.Cause]

    /// Whether SQLite reaches the file with the service group's rights (a setgid console on a
    /// shared desk the user cannot read themselves; see `DeskPrivilege`).
    public let usesGroupRights: Bool
    /// The path SQLite opens (on a shared desk the file itself, absolute and with links resolved,
    /// so the desk's VFS recognises it).
    private let sqlitePath: String
    /// The directory the desk file is in (on a shared desk, the real one, whatever link `path` is).
    public var directory: String { URL(fileURLWithPath: sqlitePath).deletingLastPathComponent().path }

    /// Set when the file was opened for reading only because another process held the write lock
    /// at open time: the writer is opened on the first write (see `writer()`).
    private let deferredWriterConfig: Configuration?
    private let writerLock = NSLock()
    private var lateWriter: DatabasePool?

    /// The page cache each connection opened from now on gets.
    private let cacheBudget = CacheBudget()

    /// Page cache per connection for a process that stays open (the full-screen console): the
    /// pages a screen or the alert rules read come again from the OS's file cache, which every
    /// console on the machine shares, instead of being kept per connection (docs/memory.md).
    public static let smallCacheKiB = 2048

    /// How long a writer waits for another process's write lock before giving up.
    public static let busyTimeout: TimeInterval = 5

    /// Opens (creating if needed, mode 0600) and migrates the database at `path`.
    ///
    /// A file written by a newer console is refused before anything is changed. With
    /// `sharedGroup`, a new file (and a new directory) is created for that group instead: 0660
    /// (0770), so the consoles of a shared desk can all write it; SQLite gives its -wal and -shm
    /// files the same mode. A file the user cannot write opens read-only (`isReadOnly`).
    /// With `creating: false` (every command but `init` and `demo`) nothing is ever created: a
    /// missing path, an empty file, a directory or a file that is not a console desk is refused
    /// before SQLite opens it (docs/trust-model.md, "Opening a desk"). An existing non-empty file
    /// is checked the same way when creating, so `init` never writes a schema into another
    /// program's database.
    /// `replicaOf` (with `readOnly`) names the server desk this file is the host's read copy of,
    /// so the read-only reason says so.
    public init(path: String, sharedGroup: String? = nil, readOnly forceReadOnly: Bool = false, creating: Bool = true,
                replicaOf: String? = nil) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let gid = try sharedGroup.map { try FileAccess.groupID($0) }
        var exists = FileManager.default.fileExists(atPath: path)
        if exists && creating && !forceReadOnly && Self.isEmptyFile(path) { exists = false }
        let access: DeskFile.Access
        if creating && !exists && !forceReadOnly {
            if !FileManager.default.fileExists(atPath: dir) {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: gid == nil ? 0o700 : 0o2770])
                if let gid { try FileAccess.share(dir, gid: gid, mode: 0o2770) }
            }
            // Create the file ourselves so it is never world-readable, even for an instant.
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if fd < 0 && errno != EEXIST {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            if fd >= 0 { close(fd) }
            if let gid { try FileAccess.share(path, gid: gid, mode: 0o660) }
            access = DeskFile.Access(rights: .own, sqlitePath: path)
        } else {
            access = try DeskFile.check(path)
            exists = true
        }
        usesGroupRights = access.rights == .group
        sqlitePath = access.sqlitePath
        let onDisk = access.sqlitePath
        // The checks below see the file as SQLite will: with the group's rights on a shared desk.
        let (readOnly, sidecars, dirWritable) = Self.withRights(access.rights) { () -> (Bool, Bool, Bool) in
            let fm = FileManager.default
            return (forceReadOnly || !FileAccess.canWrite(onDisk),
                    fm.fileExists(atPath: onDisk + "-wal") && fm.fileExists(atPath: onDisk + "-shm"),
                    FileAccess.canWrite(directory: URL(fileURLWithPath: onDisk).deletingLastPathComponent().path))
        }
        self.isReadOnly = readOnly
        var causes: [DeskWriteAccess.Cause] = []
        if forceReadOnly { causes.append(replicaOf.map { .serverReplica(address: $0) } ?? .requested) }
        if readOnly && !forceReadOnly { causes.append(.fileNotWritable(path: path)) }
        var openPath = onDisk
        if readOnly && !sidecars && !dirWritable {
            // SQLite cannot read a WAL database read-only without its -shm file unless it is told
            // the file is immutable (libsqlite3 is built with URI file names).
            openPath = "file:" + (onDisk.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? onDisk) + "?immutable=1"
            isSnapshot = true
            causes.append(.snapshot(directory: URL(fileURLWithPath: onDisk).deletingLastPathComponent().path))
        } else {
            isSnapshot = false
        }
        readOnlyCauses = causes
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(CaseStore.busyTimeout)
        config.foreignKeysEnabled = true
        let auditedPath = path
        let groupRights = usesGroupRights
        let cache = cacheBudget
        config.prepareDatabase { db in
            // Every connection knows the desk's audit key; writers also record row changes. On a
            // shared desk the key beside the database is the group's (read with its rights).
            RowChangeCapture.install(db, databasePath: auditedPath, writable: !db.configuration.readonly, groupRights: groupRights)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MB of page cache by default: bulk writes touch many index pages; fewer reads
            // from the OS. A long-running console asks for less (`preferSmallFootprint`).
            try db.execute(sql: "PRAGMA cache_size = -\(cache.kibibytes)")
            // Free-text search matches outside the identifiers in the text (CaseSearch).
            db.add(function: CaseSearch.textFunction)
        }
        let lockedNow = exists && !readOnly ? try Self.probe(path: openPath, configuration: config) : false
        do {
            // Opening a WAL file whose log is empty writes to it (GRDB makes the -wal non-empty), and
            // that waits for another process's write lock: a long import would make every `list`
            // wait and fail. Reads need no lock, so then open for reading now and the writer on the
            // first write.
            if lockedNow { throw DatabaseError(resultCode: .SQLITE_BUSY) }
            pool = try DatabasePool(path: openPath, configuration: config)
            deferredWriterConfig = nil
        } catch let error as DatabaseError where exists && !readOnly && (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) {
            var readerConfig = config
            readerConfig.readonly = true
            do {
                pool = try DatabasePool(path: openPath, configuration: readerConfig)
            } catch let error as DatabaseError {
                throw StoreError.from(error, path: path)
            }
            deferredWriterConfig = config
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
        try migrate()
    }

    /// Looks at an existing file before the real open, without changing it: refuses a file written
    /// by a newer console (opening a WAL file for writing can itself write to it), and tells
    /// whether another process holds the write lock right now. Any other problem is left for the
    /// real open to report.
    private static func probe(path: String, configuration: Configuration) throws -> Bool {
        var config = configuration
        config.busyMode = .immediateError
        guard let probe = try? DatabaseQueue(path: path, configuration: config) else { return false }
        defer { try? probe.close() }
        let migrator = Schema.migrator
        guard let (superseded, applied) = try? probe.read({ db in (try migrator.hasBeenSuperseded(db), try migrator.appliedIdentifiers(db)) }) else { return false }
        if superseded {
            let unknown = applied.subtracting(migrator.migrations).sorted().last ?? "?"
            throw DomainError.newerSchema(found: unknown, known: Schema.latest)
        }
        do {
            try probe.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
            return false
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return true
        } catch {
            return false
        }
    }

    /// The pool writes go through: the one opened at start or, when another process held the
    /// write lock then, one opened now (waiting up to the busy timeout like any write).
    func writer() throws -> DatabasePool {
        guard let config = deferredWriterConfig else { return pool }
        return try writerLock.withLock {
            if let w = lateWriter { return w }
            let w = try DatabasePool(path: sqlitePath, configuration: config)
            lateWriter = w
            return w
        }
    }

    private func migrate() throws {
        let migrator = Schema.migrator
        if isReadOnly {
            // Nothing can be upgraded; an older file is refused rather than half-read.
            let (applied, superseded) = try read { db in (try migrator.appliedIdentifiers(db), try migrator.hasBeenSuperseded(db)) }
            if superseded {
                let unknown = applied.subtracting(migrator.migrations).sorted().last ?? "?"
                throw DomainError.newerSchema(found: unknown, known: Schema.latest)
            }
            if !Set(migrator.migrations).isSubset(of: applied) {
                throw StoreError.other(path: path, message: "the database needs a schema upgrade, and it is read-only for you; open it once as a user who can write it")
            }
            return
        }
        do {
            let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
                let unknown = applied.subtracting(migrator.migrations).sorted().last ?? "?"
                throw DomainError.newerSchema(found: unknown, known: Schema.latest)
            }
            // Only a file that needs an upgrade takes the write lock here; an up-to-date one opens
            // for reading even while another process writes.
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            if !Set(migrator.migrations).isSubset(of: applied) {
                let w = try writer()
                // Migrations change the schema, not audited rows; v6 writes its own records.
                try w.writeWithoutTransaction { db in RowChangeCapture.of(db)?.paused = true }
                defer { try? w.writeWithoutTransaction { db in RowChangeCapture.of(db)?.paused = false } }
                try migrator.migrate(w)
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction: all of it is saved, or none. Internal:
    /// outside CaseModel every write is a `CaseDesk` command (docs/storage-boundary.md).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path) }
        if let through = writeThrough { return try rehearse(body, sendingTo: through.target, key: through.key) }
        do {
            let realLogin = switchedFrom
            return try writer().writeWithoutTransaction { db in
                try SwitchedLogin.during(db, realLogin) {
                    var result: T?
                    try db.inTransaction(.immediate) {
                        try RowChangeCapture.of(db)?.begin(db)
                        result = try body(db)
                        return .commit
                    }
                    return result!
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// One write transaction for rows copied with their trail (a desk restored from a server, the
    /// host's read copy of a server desk): the trail's row capture is paused, so the rows are not
    /// recorded again and the key is not asked for (a read copy has no key of the desk's).
    /// Internal: no command reaches it (docs/server-desk.md, "Moving a desk").
    func writeCopiedRows<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path) }
        do {
            return try writer().writeWithoutTransaction { db in
                let capture = RowChangeCapture.of(db)
                capture?.paused = true
                defer { capture?.paused = false }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Where this store's writes go instead of its file (a host's copy of a server desk opened by
    /// a console holding the desk's key), and the key its events are linked with.
    var writeThrough: (target: DeskWriteThrough, key: AuditKey)? {
        get { switchLock.withLock { _writeThrough } }
        set { switchLock.withLock { _writeThrough = newValue } }
    }
    private var _writeThrough: (target: DeskWriteThrough, key: AuditKey)?

    /// Sends this store's writes to `target` (docs/server-desk.md, "Writing to a server desk"):
    /// each command runs on this file in a transaction that is rolled back, and the rows it
    /// changed are saved by `target`. `key` is the desk's audit key (the file's own is not).
    public func sendWrites(to target: DeskWriteThrough, key: AuditKey) {
        writeThrough = (target, key)
    }

    /// The OS login that switched to another user with `--user` for this store's writes: every
    /// event written from now on names it as `real_login` (nil: no switch).
    public var switchedFrom: String? {
        get { switchLock.withLock { _switchedFrom } }
        set { switchLock.withLock { _switchedFrom = newValue } }
    }
    private let switchLock = NSLock()
    private var _switchedFrom: String?

    /// Keeps this process small while it stays open: every connection's page cache becomes
    /// `smallCacheKiB` (the writer's now, readers' as they are opened again), and the C allocator
    /// keeps at most two heaps instead of one per thread that ever allocated (each keeps freed
    /// memory of its own; docs/memory.md). Called before the console's threads start.
    public func preferSmallFootprint() {
        #if os(Linux)
        _ = glibcMallopt(glibcArenaMax, 2)
        #endif
        cacheBudget.kibibytes = Self.smallCacheKiB
        for pool in [pool, writerLock.withLock { lateWriter }].compactMap({ $0 }) {
            try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(Self.smallCacheKiB)") }
            pool.invalidateReadOnlyConnections()
        }
    }

    /// Gives back what a large piece of work (the alert rules' first pass) left behind: the
    /// connections' cached pages and statements, and the freed heap the C allocator still holds.
    public func releaseMemory() {
        for pool in [pool, writerLock.withLock { lateWriter }].compactMap({ $0 }) { pool.releaseMemory() }
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }

    /// Runs `body` on a consistent read snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// The change signal: the newest event id. Every write appends an event, so another process's
    /// commit shows as a larger number. One index lookup, asked several times a second by every
    /// console at rest: one statement, kept prepared, in SQLite's own read transaction (a single
    /// SELECT sees one snapshot) rather than an explicit one (docs/memory.md).
    public func changeToken() throws -> Int64 {
        do {
            return try pool.unsafeRead { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM events")) ?? 0 }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }

    /// Copies the live database to `destination` with SQLite's online backup (safe while others write).
    public func backup(to destination: String, progress: ProgressSink? = nil) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw StoreError.exists(destination)
        }
        let fd = open(destination, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 { throw StoreError.cannotCreate(path: destination, reason: String(cString: strerror(errno))) }
        close(fd)
        do {
            let target = try DatabaseQueue(path: destination)
            if let progress {
                // In steps, so the copy can say how far it is; all steps read one snapshot.
                try pool.backup(to: target, pagesPerStep: 2048) { p in
                    progress(p.completedPageCount, p.totalPageCount > 0 ? Double(p.completedPageCount) / Double(p.totalPageCount) : nil)
                }
            } else {
                try pool.backup(to: target)
            }
            try target.close()
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: destination)
            throw StoreError.from(error, path: destination)
        }
        // The copy is verifiable and writable only with the desk's key beside it (docs/audit-trail.md).
        for (from, to) in [(AuditKey.path(forDatabase: path), AuditKey.path(forDatabase: destination)),
                           (AuditAnchor.path(forDatabase: path), AuditAnchor.path(forDatabase: destination))] {
            // Read with the desk's rights (the group's on a shared desk), written with the caller's own.
            guard let data = withDeskRights({ FileManager.default.contents(atPath: from) }) else { continue }
            let fd = open(to, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if fd < 0 { throw StoreError.cannotCreate(path: to, reason: String(cString: strerror(errno))) }
            let ok = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == data.count
            close(fd)
            if !ok { throw StoreError.cannotCreate(path: to, reason: "cannot write the copy") }
        }
    }

    /// The file's mode bits and group name (for `console audit verify` and `init`).
    public func fileMode() -> (mode: Int, group: String?) {
        var st = stat()
        let found = Self.withRights(usesGroupRights ? .group : .own) { stat(sqlitePath, &st) == 0 }
        guard found else { return (0, nil) }
        return (Int(st.st_mode & 0o7777), FileAccess.groupName(st.st_gid))
    }

    /// Runs `body` with the rights this desk is opened with: on a shared desk reached through the
    /// service group, that group's, on this thread. For the desk's own files beside the database
    /// (its key, its anchors, its policy), at paths derived from `path`: never a path a user chose.
    public func withDeskRights<T>(_ body: () throws -> T) rethrows -> T {
        try Self.withRights(usesGroupRights ? .group : .own, body)
    }

    /// Runs `body` with the group's rights on this thread for a shared desk, else as is.
    private static func withRights<T>(_ rights: DeskFile.Rights, _ body: () throws -> T) rethrows -> T {
        rights == .group ? try DeskPrivilege.withGroupRights(body) : try body()
    }

    /// Whether `path` is a regular file of zero bytes (what `init` may turn into a desk).
    private static func isEmptyFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG && st.st_size == 0
    }

    /// Whether the file passes `PRAGMA integrity_check`.
    public func integrityCheck() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (not in Swift's Glibc module): hands freed heap pages back to the OS.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32

/// glibc's `mallopt` (not in Swift's Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// `M_ARENA_MAX` of glibc's malloc.h: how many heaps threads may spread over.
private let glibcArenaMax: Int32 = -8
#endif

/// The page cache (KiB) a new connection of a store is given; changed once a console settles in.
private final class CacheBudget: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 65_536
    var kibibytes: Int {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// A storage failure, phrased for the person at the desk.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreate(path: String, reason: String)
    case exists(String)
    case notADatabase(String)
    case busy(String)
    case readOnly(String)
    case full(String)
    case other(path: String, message: String)
    /// Nothing at the path: only `console init` (or `demo`) makes a desk.
    case noDesk(String)
    /// A file of zero bytes: not a desk, and left as it is.
    case emptyDesk(String)
    /// A directory, a device or a pipe where a desk file was named.
    case notAFile(String, String)
    /// A file the user may not read (and no shared desk of the console's group).
    case noAccess(String)
    /// A path the user cannot read that is not a desk of the console's service group: one
    /// message whatever it is, so that the group's other files cannot be probed.
    case unavailable(String)

    /// The storage failure inside `error` when it is one SQLite reported that no store method
    /// translated (a last line of defence: the person sees the desk's wording and exit status,
    /// never the library's text); nil for any other error.
    public static func escaped(_ error: any Error, path: String) -> StoreError? {
        (error as? DatabaseError).map { from($0, path: path) }
    }

    static func from(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notADatabase(path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path)
        case .SQLITE_READONLY: return .readOnly(path)
        case .SQLITE_FULL: return .full(path)
        case .SQLITE_IOERR:
            // A write the OS refused (a file-size limit, a failing device, a full disk reported as EFBIG).
            return .other(path: path, message: "cannot write the file (\(error.message ?? "disk I/O error")): the disk may be full or failing; nothing was changed")
        case .SQLITE_CANTOPEN: return .cannotCreate(path: path, reason: "cannot open (missing directory or no permission)")
        default: return .other(path: path, message: error.message ?? "\(error.resultCode)")
        }
    }

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "\(path): cannot create: \(reason)"
        case let .exists(path): return "\(path): already exists; choose a new file name"
        case let .notADatabase(path): return "\(path): not a console database, or the file is damaged"
        case let .busy(path): return "\(path): the database is locked by another process for longer than \(Int(CaseStore.busyTimeout)) s; nothing was changed, try again"
        case let .readOnly(path): return "\(path): the database is read-only for this user; nothing was changed"
        case let .full(path): return "\(path): the disk is full; nothing was changed"
        case let .other(path, message): return "\(path): \(message)"
        case let .noDesk(path): return "\(path): no desk here (no such file); nothing was created. Create one with `console init --db \(path)`"
        case let .emptyDesk(path): return "\(path): an empty file, not a desk; nothing was written. Make it a desk with `console init --db \(path)`"
        case let .notAFile(path, what): return "\(path): \(what), not a desk file; nothing was written"
        case let .noAccess(path): return "\(path): permission denied (you cannot read this file)"
        case let .unavailable(path): return "\(path): no desk this console can open (missing, not a console desk, or not shared with its group)"
        }
    }
}
