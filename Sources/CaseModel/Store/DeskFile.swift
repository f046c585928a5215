import Foundation
import GRDB

/// What a path named as a desk holds, found without creating or writing anything: a read
/// command on a mistyped path, an empty file, a directory or another program's file is refused
/// with the path and leaves the disk as it was (docs/trust-model.md, "Opening a desk").
enum DeskFile {
    /// With whose rights the desk opens.
    enum Rights: Equatable {
        /// The user's own: a desk they can read themselves.
        case own
        /// The service group's (a setgid console on a shared desk the user cannot read).
        case group
    }

    /// How to open a desk that passed the checks.
    struct Access {
        var rights: Rights
        /// The path SQLite opens: absolute when the group's rights are used (the VFS matches it).
        var sqlitePath: String
    }

    /// The first bytes of every SQLite database file.
    static let magic: [UInt8] = Array("SQLite format 3\0".utf8)
    /// The first migration every console desk has.
    static let firstMigration = "v1-cases-events"

    /// Checks `path` names an existing console desk, with the user's rights or (setgid, when the
    /// user cannot read it) the service group's. Throws `StoreError.noDesk`, `.emptyDesk`,
    /// `.notAFile`, `.notADatabase`, `.noAccess` or `.unavailable`.
    static func check(_ path: String) throws -> Access {
        switch try inspect(path, rights: .own) {
        case .desk: return Access(rights: .own, sqlitePath: path)
        case .denied:
            guard let gid = DeskPrivilege.serviceGroupID else { throw StoreError.noAccess(path) }
            return try checkShared(path, gid: gid)
        }
    }

    /// A path the user cannot read, through the service group: it must be a regular file of that
    /// group holding a console desk. Whatever else it is, one message, which names nothing of it:
    /// the group's other files must not be probed through the console.
    private static func checkShared(_ path: String, gid: gid_t) throws -> Access {
        // The file itself, links resolved once: SQLite then opens that name, so a link the user
        // re-points after the check cannot bring another of the group's files under the admission.
        let found = try? DeskPrivilege.withGroupRights { () throws -> String? in
            guard let resolved = realpath(path, nil) else { return nil }
            defer { free(resolved) }
            let real = String(cString: resolved)
            var st = stat()
            guard stat(real, &st) == 0, st.st_gid == gid, try inspect(real, rights: .group) == .desk else { return nil }
            return real
        }
        guard let real = found ?? nil else { throw StoreError.unavailable(path) }
        try DeskPrivilege.admit(real)
        guard (try? isConsoleDesk(real, rights: .group)) == true else { throw StoreError.unavailable(path) }
        return Access(rights: .group, sqlitePath: real)
    }

    private enum Inspection: Equatable { case desk, denied }

    /// Stat, header and schema, with the rights this thread holds now.
    private static func inspect(_ path: String, rights: Rights) throws -> Inspection {
        var st = stat()
        if stat(path, &st) != 0 {
            switch errno {
            case EACCES: return .denied
            case ENOENT: throw StoreError.noDesk(path)
            case ENOTDIR: throw StoreError.noDesk(path)
            default: throw StoreError.other(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
            }
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { throw StoreError.notAFile(path, "a directory") }
        if type != S_IFREG { throw StoreError.notAFile(path, "not a regular file") }
        // O_NONBLOCK: a file swapped for a FIFO after the stat must not hang the console.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if fd < 0 {
            if errno == EACCES { return .denied }
            throw StoreError.other(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var header = [UInt8](repeating: 0, count: magic.count)
        let n = read(fd, &header, header.count)
        var opened = stat()
        let sameKind = fstat(fd, &opened) == 0 && opened.st_mode & S_IFMT == S_IFREG
        close(fd)
        guard sameKind else { throw StoreError.notAFile(path, "not a regular file") }
        if n == 0 && opened.st_size == 0 { throw StoreError.emptyDesk(path) }
        guard n == magic.count, header == magic else { throw StoreError.notADatabase(path) }
        if rights == .own, try !isConsoleDesk(path, rights: .own) { throw StoreError.notADatabase(path) }
        return .desk
    }

    /// Whether an SQLite file holds the console's schema, read without writing: immutable when no
    /// -wal exists (so no -wal or -shm is made), else read-only (the log holds newer pages).
    private static func isConsoleDesk(_ path: String, rights: Rights) throws -> Bool {
        let hasLog = rights == .group
            ? DeskPrivilege.withGroupRights { FileManager.default.fileExists(atPath: path + "-wal") }
            : FileManager.default.fileExists(atPath: path + "-wal")
        let target = hasLog ? path : "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
        var config = Configuration()
        config.readonly = true
        // Another console closing the desk holds it exclusively for a moment while it cleans up
        // the log; wait for that like any read, and report a lock that outlasts the wait as one.
        config.busyMode = .timeout(CaseStore.busyTimeout)
        do {
            let queue = try DatabaseQueue(path: target, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                guard try db.tableExists("grdb_migrations") else { return false }
                return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)", arguments: [firstMigration]) ?? false
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path)
        }
    }
}
