import CDeskPrivilege
import Foundation

/// The service group of a shared desk, for a console installed setgid to it.
///
/// The process runs with the user's own rights from its first line: any file a user names
/// (imports, mappings, rejects, exports, backups, config files, logs) is opened with them, so
/// the console cannot be used to read or overwrite what the group can and the user cannot. Only
/// SQLite's calls on an admitted desk file, and blocks given to `withGroupRights`, hold the group,
/// and only on the calling thread (docs/trust-model.md, "The shared desk").
public enum DeskPrivilege {
    /// Why the console will not start.
    public enum StartError: Error, CustomStringConvertible {
        case setuid
        case failed(String)

        public var description: String {
            switch self {
            case .setuid: return "this program is installed setuid; it must never run as another user (install it setgid to the desk's group, mode 2755)"
            case let .failed(why): return "cannot give up the desk group's rights (\(why)); refusing to run"
            }
        }
    }

    /// Drops the service group for the whole process (keeping it aside), turns core dumps off and
    /// puts the desk's VFS in front of SQLite. Call before anything else; harmless when not setgid.
    public static func start() throws {
        switch Int(cdp_start()) {
        case Int(CDP_PLAIN), Int(CDP_ELEVATED): return
        case Int(CDP_SETUID): throw StartError.setuid
        default: throw StartError.failed(String(cString: strerror(errno)))
        }
    }

    /// Whether the console runs setgid to a service group.
    public static var isElevated: Bool { cdp_is_elevated() != 0 }

    /// The service group's id (nil when not setgid).
    public static var serviceGroupID: gid_t? { isElevated ? cdp_service_gid() : nil }

    /// Whether the process may be dumped or traced (false in a setgid run).
    public static var isDumpable: Bool { cdp_dumpable() != 0 }

    /// Runs `body` holding the service group on this thread (nothing changes when not setgid).
    /// For the desk's own files only: never a path a user chose that has not been checked.
    public static func withGroupRights<T>(_ body: () throws -> T) rethrows -> T {
        _ = cdp_raise()
        defer { _ = cdp_lower() }
        return try body()
    }

    /// Lets SQLite open this desk file (absolute path) and its -wal, -shm and -journal with the
    /// service group. Only after `DeskFile` found a desk of the service group there.
    static func admit(_ absolutePath: String) throws {
        guard cdp_admit(absolutePath) == 0 else {
            throw StoreError.other(path: absolutePath, message: "cannot admit the desk: \(String(cString: strerror(errno)))")
        }
    }

    /// Whether SQLite opens `path` with the service group.
    public static func isAdmitted(_ path: String) -> Bool { cdp_is_admitted(path) != 0 }
}
