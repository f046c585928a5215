import Foundation
import GRDB

/// Reads as the acting user may see them, revealing personal data, and audited exports.
extension CaseDesk {
    /// What the actor may see: report cases (举报件) only for the president's office and the auditor.
    public func visibility(for actor: Actor) throws -> CaseVisibility {
        try store.read { db in CaseVisibility.of(try Permissions.require(.readCases, actor, db).role) }
    }

    /// What the roster says about a login (for messages at start-up and `init`).
    public func standing(of name: String) throws -> AccessControl.Standing {
        try store.read { db in try AccessControl.standing(of: name, db) }
    }

    /// The actor as the roster knows them (role nil: not an active user).
    public func resolve(_ actor: Actor) throws -> Actor {
        try store.read { db in try AccessControl.resolve(actor, db) }
    }

    /// Cases matching a filter, as the actor may see them (the filter's visibility is replaced).
    public func list(_ filter: CaseFilter, actor: Actor) throws -> [ComplaintCase] {
        try store.read { db in
            var f = filter
            f.visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            return try CaseRecords.list(f, db)
        }
    }

    /// How many cases match a filter, as the actor may see them.
    public func count(_ filter: CaseFilter, actor: Actor) throws -> Int {
        try store.read { db in
            var f = filter
            f.visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            return try CaseRecords.count(f, db)
        }
    }

    /// How many cases match, as the actor may see them: exact up to `cap`, past it only "more
    /// than `cap`" (what `console list` prints under its page; docs/search-index.md).
    public func count(_ filter: CaseFilter, atMost cap: Int, actor: Actor) throws -> MatchCount {
        try store.read { db in
            var f = filter
            f.visibility = CaseVisibility.of(try Permissions.require(.readCases, actor, db).role)
            return try CaseRecords.count(f, atMost: cap, db)
        }
    }

    /// The queue matrix, as the actor may see it.
    public func openMatrix(actor: Actor) throws -> [Category: [Severity: Int]] {
        try store.read { db in
            try CaseRecords.openMatrix(db, visibility: CaseVisibility.of(try Permissions.require(.readCases, actor, db).role))
        }
    }

    /// Reveals one case's personal data for a stated reason: checked, and recorded in the audit
    /// trail before anything is shown. Returns the case and its timeline (ending with the reveal).
    public func reveal(_ number: String, reason: String, actor: Actor) throws -> (ComplaintCase, [CaseEvent]) {
        let reason = reason.trimmed
        guard !reason.isEmpty else {
            throw DomainError.malformedField(field: "reason", reason: .revealNeedsReason)
        }
        try TextLimits.check(reason, field: "reason")
        try requireWritable(.reveal)
        let now = clock.now()
        return try store.write { db in
            let actor = try AccessControl.resolve(actor, db)
            let c = try visibleCase(number, actor, db)
            try Permissions.require(.reveal, actor, track: CaseTrack.of(c.kind))
            try CaseRecords.append(CaseEvent(caseId: c.id, caseNumber: c.number, at: now, actor: actor.name, action: "reveal",
                                             fromStatus: c.status, toStatus: c.status,
                                             detail: ["reason": reason, "fields": "name, phone, id_number, policy_number, bank_account"]), db)
            return (c, try timeline(of: c, for: actor, db))
        }
    }

    /// Exports the cases of a filter the actor may see, calling `body` with each (masked here
    /// unless `unmasked`: the caller encodes what it is given), then records the
    /// export (filter, count, destination, masked or not) in the audit trail. Unmasked exports need
    /// a permitted role and a reason. Refused on a read-only database, since it could not be audited.
    /// `expecting`, when given, is told how many cases will come before the first one.
    @discardableResult
    public func export(_ filter: CaseFilter, unmasked: Bool, reason: String = "", format: String, destination: String,
                       actor: Actor, expecting: ((Int) -> Void)? = nil, _ body: (DisclosedCase) throws -> Void) throws -> Int {
        try requireWritable(.export)
        let reason = reason.trimmed
        var f = filter
        var count = 0
        // The role is read in the same snapshot the cases are read from.
        let resolved = try store.read { db -> Actor in
            let a = try Permissions.require(.export, actor, db)
            if unmasked {
                try Permissions.require(.exportUnmasked, a)
                guard !reason.isEmpty else { throw DomainError.malformedField(field: "reason", reason: .unmaskedExportNeedsReason) }
            }
            f.visibility = CaseVisibility.of(a.role)
            // How many will come, for a progress line: counted only when someone is shown it.
            if let expecting {
                let matching = max(0, try CaseRecords.count(f, db) - max(0, f.offset))
                expecting(f.limit.map { min(matching, max(0, $0)) } ?? matching)
            }
            // A scan reads each page once: a small cache keeps an export of any size in flat
            // memory (docs/bulk-data.md).
            try PageCache.with(kibibytes: CaseStore.smallCacheKiB, db) {
                // Read and masked here, encoded and written on a second thread (`CaseHandOff`).
                let level = Disclosure(revealed: unmasked)
                try CaseHandOff.run(read: { each in try CaseRecords.forEach(f, db) { c in try each(DisclosedCase(c, level).value) } },
                                    write: { c in
                    try body(DisclosedCase(alreadyDisclosed: c))
                    count += 1
                })
            }
            return a
        }
        let now = clock.now()
        var detail = FilterText.describe(f)
        detail["count"] = String(count)
        detail["format"] = format
        detail["to"] = destination
        detail["personal_data"] = unmasked ? "unmasked" : "masked"
        if !reason.isEmpty { detail["reason"] = reason }
        if f.visibility == .withReports { detail = EventTrack.mark(detail) }
        _ = try store.write { db in
            try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: resolved.name, action: "export", detail: detail), db)
        }
        return count
    }

    func requireWritable(_ why: RefusalReason.AuditedReading) throws {
        if store.isReadOnly {
            throw DomainError.notPermitted(.auditedButReadOnly(why))
        }
    }
}

/// A filter in words, for the audit trail.
enum FilterText {
    static func describe(_ f: CaseFilter) -> [String: String] {
        var d: [String: String] = [:]
        let t = DeskTime.standard
        if f.openness != .any { d["openness"] = f.openness.rawValue }
        func list<T>(_ key: String, _ items: [T], _ text: (T) -> String) {
            if !items.isEmpty { d[key] = items.map(text).joined(separator: ",") }
        }
        list("status", f.statuses) { $0.rawValue }
        list("category", f.categories) { $0.rawValue }
        list("severity", f.severities) { $0.rawValue }
        list("kind", f.kinds) { $0.rawValue }
        list("channel", f.channels) { $0.rawValue }
        list("line", f.lines) { $0.rawValue }
        list("branch", f.branches) { $0 }
        list("handler", f.handlers) { $0.isEmpty ? "-" : $0 }
        if let x = f.receivedFrom { d["from"] = t.format(x) }
        if let x = f.receivedBefore { d["to_time"] = t.format(x) }
        if let x = f.dueBefore { d["due_before"] = t.format(x) }
        if !f.search.isEmpty { d["search"] = f.search }
        if let l = f.limit { d["limit"] = String(l) }
        if f.offset > 0 { d["offset"] = String(f.offset) }
        d["filter"] = d.isEmpty ? "all" : "as listed"
        return d
    }
}
