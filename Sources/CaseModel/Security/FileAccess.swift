import Foundation

/// The database file's permissions: owner-only (0600) by default, or group-shared (0660) for a
/// desk whose consoles run under several logins in one group.
public enum FileAccess {
    /// The id of a group, or a clear error.
    static func groupID(_ name: String) throws -> gid_t {
        if let g = getgrnam(name) { return g.pointee.gr_gid }
        if let n = UInt32(name), getgrgid(n) != nil { return n }
        throw StoreError.other(path: name, message: "no such group \"\(name)\" (see /etc/group)")
    }

    /// The name of a group id, or nil.
    static func groupName(_ gid: gid_t) -> String? {
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
    public static func canWrite(_ path: String) -> Bool {
        guard access(path, W_OK) == 0 else { return false }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(dir, W_OK) == 0 { return true }
        return access(path + "-wal", W_OK) == 0 && access(path + "-shm", W_OK) == 0
    }
}

extension FileAccess {
    /// Makes an existing database group-shared (0660, its -wal and -shm too, and 0770 on the
    /// directory); only the owner can. `console init --group`.
    public static func share(database path: String, group: String) throws {
        let gid = try groupID(group)
        for p in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: p) {
            try share(p, gid: gid, mode: 0o660)
        }
        // The audit key (group-readable, 0640) and the anchor log go with it (docs/audit-trail.md).
        try AuditKey.share(database: path, gid: gid)
        try AuditAnchor.share(database: path, gid: gid)
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var st = stat()
        if stat(dir, &st) == 0 && st.st_uid == getuid() && st.st_gid != gid {
            // The directory must let the group create the -wal and -shm files.
            try share(dir, gid: gid, mode: 0o770)
        } else if stat(dir, &st) == 0 && st.st_uid == getuid() {
            _ = chmod(dir, 0o770)
        }
    }
}
