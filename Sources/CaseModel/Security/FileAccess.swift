import Foundation

/// The database file's permissions: owner-only (0600) by default, or group-shared (0660) for a
/// desk whose consoles run under several logins in one group.
public enum FileAccess {
    /// The id of a group, or a clear error.
    public static func groupID(_ name: String) throws -> gid_t {
        if let g = getgrnam(name) { return g.pointee.gr_gid }
        if let n = UInt32(name), getgrgid(n) != nil { return n }
        throw StoreError.other(path: name, message: "no such group \"\(name)\" (see /etc/group)")
    }

    /// The name of a group id, or nil.
    public static func groupName(_ gid: gid_t) -> String? {
        guard let g = getgrgid(gid), let name = g.pointee.gr_name else { return nil }
        return String(cString: name)
    }

    /// Gives `path` to the group with `mode` (the owner stays).
    static func share(_ path: String, gid: gid_t, mode: mode_t) throws {
        if chown(path, uid_t.max, gid) != 0 {
            throw StoreError.cannotCreate(path: path, reason: "cannot give the file to the group: \(String(cString: strerror(errno))) (are you a member?)")
        }
        if chmod(path, mode) != 0 {
            throw StoreError.cannotCreate(path: path, reason: "cannot set mode \(String(mode, radix: 8)): \(String(cString: strerror(errno)))")
        }
    }

    /// Whether this process can write the database: the file, and either its directory (SQLite
    /// creates the -wal and -shm files there) or both of those files already.
    /// Checked with the effective ids, as the open will be: a setgid console holding the desk
    /// group on this thread can write a file the user's real ids cannot.
    public static func canWrite(_ path: String) -> Bool {
        guard writable(path) else { return false }
        if canWrite(directory: URL(fileURLWithPath: path).deletingLastPathComponent().path) { return true }
        return writable(path + "-wal") && writable(path + "-shm")
    }

    /// Whether this process can create files in `directory` (effective ids).
    public static func canWrite(directory: String) -> Bool { writable(directory) }

    private static func writable(_ path: String) -> Bool { faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 }
}

extension FileAccess {
    /// Makes an existing database group-shared: 0660, its -wal and -shm too (the directory is
    /// `SharedDesk.prepareDirectory`'s); only the owner or root can. `console init --group`.
    public static func share(database path: String, group: String) throws {
        let gid = try groupID(group)
        for p in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: p) {
            try share(p, gid: gid, mode: 0o660)
        }
        // The audit key (group-readable, 0640) and the anchor log go with it (docs/audit-trail.md).
        try AuditKey.share(database: path, gid: gid)
        try AuditAnchor.share(database: path, gid: gid)
    }
}
