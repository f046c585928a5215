import GRDB

/// The tracks (general cases, report cases 举报件) an actor may act on with one permission, for
/// commands that work on many cases at once (purge, recompute, export).
///
/// Such a command touches only the cases of the tracks its actor holds, so what it prints and
/// records counts only cases the actor may see; an event it records over the report track is
/// marked (`EventTrack`) and shown only to those who may see report cases (docs/access-control.md).
struct TrackScope: Sendable, Equatable {
    /// The general track (every kind but report).
    var general: Bool
    /// The report track.
    var report: Bool

    /// The tracks on which `actor` (resolved from the roster) may do `p`.
    init(_ p: Permission, _ actor: Actor) {
        general = Permissions.allows(actor.role, p, track: .general)
        report = Permissions.allows(actor.role, p, track: .report)
    }

    /// Refuses when the actor may do `p` on no track.
    func requireAny(_ p: Permission, _ actor: Actor) throws {
        if !general && !report { try Permissions.require(p, actor) }
    }

    /// Inside a transaction: resolves the actor from the roster and refuses unless they may do
    /// `p` on some track (each case is then checked on its own track). Returns the resolved actor.
    static func require(_ p: Permission, _ actor: Actor, _ db: Database) throws -> Actor {
        let resolved = try AccessControl.resolve(actor, db)
        try TrackScope(p, resolved).requireAny(p, resolved)
        return resolved
    }

    /// The condition on `cases` (unqualified columns) selecting the cases of these tracks.
    var sqlCondition: String { sqlCondition(kind: "kind") }

    /// The same condition on another expression holding a case kind (`coalesce(case_kind, '')`).
    func sqlCondition(kind: String) -> String {
        switch (general, report) {
        case (true, true): "1"
        case (true, false): "\(kind) <> 'report'"
        case (false, true): "\(kind) = 'report'"
        case (false, false): "0"
        }
    }

    /// An event's detail, marked when it covers the report track.
    func marking(_ detail: [String: String]) -> [String: String] {
        report ? EventTrack.mark(detail) : detail
    }
}

/// The mark on a desk-level event (one not about a single case) whose content depends on report
/// cases 举报件 — an export, a purge or a recompute by the president's office — so the audit trail
/// shows it only to those who may see report cases. Events about one case are hidden through
/// their case's kind instead.
public enum EventTrack {
    /// The detail key.
    public static let key = "track"
    /// Its value on a restricted event.
    public static let report = "report"

    /// The detail with the mark added.
    static func mark(_ detail: [String: String]) -> [String: String] {
        var d = detail
        d[key] = report
        return d
    }

    /// Whether an event's detail carries the mark.
    public static func isRestricted(_ detail: [String: String]) -> Bool { detail[key] == report }
}
