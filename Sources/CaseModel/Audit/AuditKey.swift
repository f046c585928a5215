import Foundation

/// The desk's audit key: 32 random bytes kept in a file beside the database (`desk.sqlite.key`),
/// never inside it, so whoever holds only the database cannot recompute the keyed chain
/// (docs/audit-trail.md).
///
/// The file has the database's owner and group and mode 0600, or 0640 when the database is
/// group-shared (the consoles of a shared desk read it through the group, as they do the database).
public struct AuditKey: Sendable {
    /// The MAC under this key: chain links and personal-data digests.
    let mac: AuditMAC
    /// The row digest under a subkey (`RowImage`).
    let rows: SipHash128
    /// A public fingerprint of the key (not the key): recorded in the trail when the chain
    /// becomes keyed, so `audit verify` can tell a wrong key file from a forged trail.
    public let id: String

    init(bytes: [UInt8]) {
        mac = AuditMAC(key: bytes)
        rows = SipHash128(key: Array(mac.mac(Array("complaint-desk row digest".utf8)).prefix(16)))
        id = AuditChain.hex(Array(SHA256.hash(Array("complaint-desk audit key id".utf8) + bytes).prefix(8)))
    }

    /// What a console shows a server desk to prove it holds this key (docs/server-desk.md,
    /// "Writing to a server desk"): derived, so the server never sees the key; the server keeps
    /// only its SHA-256.
    public var serverConsoleSecret: [UInt8] { mac.mac(Array("complaint-desk server console".utf8)) }

    /// The key file of a database.
    public static func path(forDatabase database: String) -> String { database + ".key" }

    private static let header = "# complaint duty console: the audit key of this desk's database. Keep it beside the database, back it up with it, never share it (docs/audit-trail.md)."

    /// Reads the key of the database at `database`.
    ///
    /// Throws `StoreError` naming the key file when it is missing, unreadable or not a key.
    public static func load(forDatabase database: String) throws -> AuditKey {
        try load(file: path(forDatabase: database))
    }

    /// Reads a key file named directly (a server desk's key, kept by its consoles' hosts).
    ///
    /// Throws `StoreError` naming the file when it is missing, unreadable or not a key.
    public static func load(file: String) throws -> AuditKey {
        guard let data = FileManager.default.contents(atPath: file) else {
            let reason = !FileManager.default.fileExists(atPath: file) ? "is missing"
                : access(file, R_OK) != 0 ? "cannot be read by this user (on a shared desk it belongs to the desk's group, mode 0640)"
                : "cannot be read"
            throw StoreError.other(path: file, message: "the desk's audit key \(reason)")
        }
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let bytes = fromHex(text), bytes.count == 32 else { break }
            return AuditKey(bytes: bytes)
        }
        throw StoreError.other(path: file, message: "not an audit key file (expected a line of 64 hex digits)")
    }

    /// The key of `database`, created when there is none yet (a new desk, or one first migrated to
    /// the keyed chain).
    static func ensure(forDatabase database: String) throws -> AuditKey {
        let file = path(forDatabase: database)
        if FileManager.default.fileExists(atPath: file) { return try load(forDatabase: database) }
        // The system's generator (getrandom), not DemoRandom: this is a secret, never replayed.
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var st = stat()
        let shared = stat(database, &st) == 0 && st.st_mode & 0o060 != 0
        // Written beside the key under a temporary name and linked into place, so a process killed
        // half-way never leaves an empty or partial key file.
        let temporary = file + ".new-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY, shared ? 0o640 : 0o600)
        if fd < 0 { throw StoreError.cannotCreate(path: file, reason: "cannot create the desk's audit key: \(String(cString: strerror(errno)))") }
        defer { unlink(temporary) }
        // Same owner and group as the database; only root can give it away, a member can set the group.
        if fchown(fd, st.st_uid, st.st_gid) != 0 { _ = fchown(fd, uid_t.max, st.st_gid) }
        _ = fchmod(fd, shared ? 0o640 : 0o600)
        let text = Array("\(header)\n\(AuditChain.hex(bytes))\n".utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = written == text.count && fsync(fd) == 0
        let reason = String(cString: strerror(errno))
        close(fd)
        guard synced else { throw StoreError.cannotCreate(path: file, reason: "cannot write the desk's audit key: \(reason)") }
        if link(temporary, file) != 0 {
            // Another console created it first: theirs is the desk's key.
            if errno == EEXIST { return try load(forDatabase: database) }
            throw StoreError.cannotCreate(path: file, reason: "cannot create the desk's audit key: \(String(cString: strerror(errno)))")
        }
        return AuditKey(bytes: bytes)
    }

    /// Gives the key file to a shared desk's group (0640), beside the database made 0660.
    static func share(database: String, gid: gid_t) throws {
        let file = path(forDatabase: database)
        guard FileManager.default.fileExists(atPath: file) else { return }
        try FileAccess.share(file, gid: gid, mode: 0o640)
    }

    /// The bytes a string of hex digits spells (nil: an odd length or a non-hex digit).
    public static func fromHex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(digits.count / 2)
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var i = 0
        while i < digits.count {
            guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
