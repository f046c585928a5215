import Foundation
import GRDB

/// Heads of the audit trail written outside the database: one line per handover or report in
/// the anchor log beside it (`desk.sqlite.anchors`), and the same line to the system log
/// through syslog(3) where there is one (docs/audit-trail.md).
///
/// `audit verify` checks that every anchored head is still in the chain with the same hash, so
/// cutting events off the end (truncation) or rebuilding the chain (re-chaining) shows even when
/// the chain itself is consistent. Someone who can write the database and the anchor log can
/// rewrite both; the system log's copy is then the one to compare.
public enum AuditAnchor {
    /// The newest event's id and hash.
    public struct Head: Sendable, Equatable {
        /// The newest event's id.
        public var id: Int64
        /// Lower-case hex.
        public var hash: String
    }

    /// One line of the anchor log.
    struct Entry {
        var line: Int
        var at: String
        var reason: String
        var id: Int64
        var hash: String
    }

    /// The anchor log of a database.
    public static func path(forDatabase database: String) -> String { database + ".anchors" }

    /// The trail's head now (nil on an empty trail).
    public static func head(_ store: CaseStore) throws -> Head? {
        try store.read { db in
            try Row.fetchOne(db, sql: "SELECT id, lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1").map { Head(id: $0[0], hash: $0[1] ?? "") }
        }
    }

    /// Writes the head to the anchor log and the system log, saying why (`report summary`,
    /// `backup`, `export`, `audit verify`, `console closed`). Returns the head, or nil when the
    /// trail is empty or could not be read. Never fails the command: a log that cannot be written
    /// (a read-only desk, a full disk) is reported by the caller's next `audit verify`, if at all.
    @discardableResult
    public static func record(_ desk: CaseDesk, reason: String) -> Head? {
        guard let head = try? head(desk.store) else { return nil }
        let reason = String(reason.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
        let line = "\(DeskTime.standard.format(desk.clock.now()))\t\(reason)\t\(head.id)\t\(head.hash)"
        desk.store.withDeskRights { append(line + "\n", to: path(forDatabase: desk.store.path), like: desk.store.path) }
        journal("complaint desk audit head: \(desk.store.path)\t\(line)")
        return head
    }

    /// Appends one line; the file is created with the database's group and mode (0600, or 0660
    /// for a group-shared desk).
    private static func append(_ line: String, to file: String, like database: String) {
        var st = stat()
        let shared = stat(database, &st) == 0 && st.st_mode & 0o060 != 0
        let existed = FileManager.default.fileExists(atPath: file)
        let fd = open(file, O_WRONLY | O_APPEND | O_CREAT, shared ? 0o660 : 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        if !existed {
            _ = fchown(fd, uid_t.max, st.st_gid)
            _ = fchmod(fd, shared ? 0o660 : 0o600)
        }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// To the system log (journald or syslogd); silently nothing where neither runs.
    private static func journal(_ message: String) {
        openlog("complaint-console", LOG_PID, LOG_USER)
        message.withCString { text in withVaList([text]) { vsyslog(LOG_NOTICE, "%s", $0) } }
        closelog()
    }

    /// The anchor log's entries, and the numbers of lines that are not anchors.
    static func read(forDatabase database: String) -> (entries: [Entry], malformed: [Int]) {
        guard let data = FileManager.default.contents(atPath: path(forDatabase: database)) else { return ([], []) }
        var entries: [Entry] = [], malformed: [Int] = []
        for (i, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 4, let id = Int64(f[2]), f[3].count == 64 else { malformed.append(i + 1); continue }
            entries.append(Entry(line: i + 1, at: String(f[0]), reason: String(f[1]), id: id, hash: String(f[3]).lowercased()))
        }
        return (entries, malformed)
    }

    /// Shares the anchor log with a shared desk's group (0660), like the database.
    static func share(database: String, gid: gid_t) throws {
        let file = path(forDatabase: database)
        guard FileManager.default.fileExists(atPath: file) else { return }
        try FileAccess.share(file, gid: gid, mode: 0o660)
    }
}
