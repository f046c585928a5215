import Foundation

/// A shared desk's directory and files: the directory belongs to a service group (2770), the
/// database and its -wal/-shm are 0660 to that group, other files there are the group's and
/// nobody else's, and people reach the file only through a console installed setgid to the group
/// (docs/trust-model.md, "The shared desk"). `console init --shared` and `init --group` use it.
public struct SharedDesk {
    /// One line of the check: what was looked at, whether it is as it must be, and how to fix it.
    public struct Finding: Sendable, Equatable {
        public var ok: Bool
        public var subject: String
        public var detail: String
        public var fix: String?
    }

    public let databasePath: String
    public let directory: String
    public let group: String
    public let gid: gid_t

    /// Names the desk; the group must exist.
    public init(databasePath: String, group: String) throws {
        self.databasePath = databasePath
        self.directory = URL(fileURLWithPath: databasePath).deletingLastPathComponent().path
        let id = try FileAccess.groupID(group)
        self.gid = id
        self.group = FileAccess.groupName(id) ?? group
    }

    /// Whether this process may set up the desk for the group: root, or the service user (whose
    /// own group it is).
    public var mayBeSetUpHere: Bool { geteuid() == 0 || getgid() == gid }

    /// The names a desk's directory may hold: the database's own files and whatever is named
    /// after it (its key, its anchors), the desk's policy and calendars.
    func belongsToDesk(_ name: String) -> Bool {
        let file = URL(fileURLWithPath: databasePath).lastPathComponent
        let stem = file.split(separator: ".", maxSplits: 1).first.map(String.init) ?? file
        return name.hasPrefix(stem) || ["policy.conf", "calendars", "lost+found"].contains(name)
    }

    /// Gives the directory to the group, mode 2770 (new files inherit the group), creating it if
    /// needed. Refuses a directory that holds anything else, is world-writable, or belongs to
    /// another user: the desk gets a directory of its own, so that no unrelated directory is
    /// ever handed to the group.
    public func prepareDirectory() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: directory, isDirectory: &isDir) {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: nil)
        } else if !isDir.boolValue {
            throw StoreError.other(path: directory, message: "not a directory")
        }
        var st = stat()
        guard stat(directory, &st) == 0 else { throw StoreError.other(path: directory, message: String(cString: strerror(errno))) }
        if st.st_mode & 0o002 != 0 || st.st_mode & S_ISVTX != 0 {
            throw StoreError.other(path: directory, message: "a directory anyone can write (like /tmp) cannot hold a shared desk: give the desk a directory of its own")
        }
        if st.st_uid != 0 && st.st_uid != geteuid() {
            throw StoreError.other(path: directory, message: "belongs to another user (uid \(st.st_uid)): give the desk a directory owned by root or the service user")
        }
        let strangers = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).filter { !belongsToDesk($0) }.sorted()
        if st.st_gid != gid && !strangers.isEmpty {
            let shown = strangers.prefix(5).joined(separator: ", ") + (strangers.count > 5 ? ", …" : "")
            throw StoreError.other(path: directory, message: "holds files that are not this desk's (\(shown)); a shared desk needs a directory of its own, which the group then owns")
        }
        try FileAccess.share(directory, gid: gid, mode: 0o2770)
    }

    /// Sets the modes: the database and its -wal, -shm, -journal 0660; every other file in the
    /// directory the group's, read for the group (write left as its creator set it: a file the
    /// consoles append to needs it) and nothing for others.
    public func applyModes() throws {
        let file = URL(fileURLWithPath: databasePath).lastPathComponent
        let database = Set(["", "-wal", "-shm", "-journal"].map { file + $0 })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let p = directory + "/" + name
            var st = stat()
            guard lstat(p, &st) == 0, st.st_mode & S_IFMT != S_IFLNK else { continue }
            if database.contains(name) {
                try FileAccess.share(p, gid: gid, mode: 0o660)
            } else {
                let isDir = st.st_mode & S_IFMT == S_IFDIR
                let mode = (st.st_mode & 0o7770 & ~0o007) | 0o040 | (isDir ? 0o010 : 0)
                try FileAccess.share(p, gid: gid, mode: mode_t(mode))
            }
        }
    }

    /// The checks `console init --shared` prints: directory, database files, other files, the
    /// group's members, and the installed binary (`binary`), or how to install it.
    public func check(binary: String?, running: String) -> [Finding] {
        var out: [Finding] = []
        var st = stat()
        if stat(directory, &st) == 0 {
            let mode = Int(st.st_mode & 0o7777)
            out.append(Finding(ok: st.st_gid == gid && (mode == 0o2770 || mode == 0o770), subject: "directory \(directory)",
                               detail: "group \(FileAccess.groupName(st.st_gid) ?? String(st.st_gid)), mode \(String(mode, radix: 8))",
                               fix: "chgrp \(group) \(directory) && chmod 2770 \(directory)"))
        } else {
            out.append(Finding(ok: false, subject: "directory \(directory)", detail: "missing", fix: nil))
        }
        let file = URL(fileURLWithPath: databasePath).lastPathComponent
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
            let p = directory + "/" + name
            guard lstat(p, &st) == 0 else { continue }
            let mode = Int(st.st_mode & 0o7777)
            let isDatabase = ["", "-wal", "-shm", "-journal"].contains { name == file + $0 }
            let ok = st.st_gid == gid && (isDatabase ? mode == 0o660 : mode & 0o007 == 0)
            out.append(Finding(ok: ok, subject: isDatabase ? "database file \(p)" : "file \(p)",
                               detail: "group \(FileAccess.groupName(st.st_gid) ?? String(st.st_gid)), mode \(String(mode, radix: 8))",
                               fix: isDatabase ? "chgrp \(group) \(p) && chmod 0660 \(p)" : "chgrp \(group) \(p) && chmod o-rwx \(p)"))
        }
        let members = Self.people(in: gid)
        out.append(Finding(ok: members.isEmpty, subject: "group \(group)",
                           detail: members.isEmpty ? "no people in it (only service accounts)" : "members who can open the file with sqlite3: \(members.joined(separator: ", "))",
                           fix: members.isEmpty ? nil : members.map { "gpasswd -d \($0) \(group)" }.joined(separator: "; ")))
        let install = "install -o root -g \(group) -m 2755 \(running) /usr/local/bin/console"
        if let binary {
            var b = stat()
            let found = stat(binary, &b) == 0
            let mode = Int(b.st_mode & 0o7777)
            let ok = found && b.st_uid == 0 && b.st_gid == gid && mode & 0o2000 != 0 && mode & 0o4000 == 0 && mode & 0o022 == 0
            out.append(Finding(ok: ok, subject: "console binary \(binary)",
                               detail: found ? "owner uid \(b.st_uid), group \(FileAccess.groupName(b.st_gid) ?? String(b.st_gid)), mode \(String(mode, radix: 8))" : "missing",
                               fix: "install -o root -g \(group) -m 2755 \(running) \(binary)"))
        } else {
            out.append(Finding(ok: true, subject: "console binary", detail: "not checked (give --binary PATH); install it with: \(install)", fix: nil))
        }
        return out
    }

    /// The people who could open the file themselves: the group's listed members, and accounts
    /// whose own group it is unless they cannot log in (service accounts).
    static func people(in gid: gid_t) -> [String] {
        var names: Set<String> = []
        if let g = getgrgid(gid), var p = g.pointee.gr_mem {
            while let m = p.pointee { names.insert(String(cString: m)); p += 1 }
        }
        setpwent()
        while let pw = getpwent() {
            guard pw.pointee.pw_gid == gid, let n = pw.pointee.pw_name else { continue }
            let shell = pw.pointee.pw_shell.map { String(cString: $0) } ?? ""
            if !(shell.hasSuffix("nologin") || shell.hasSuffix("/false")) { names.insert(String(cString: n)) }
        }
        endpwent()
        return names.sorted()
    }
}
