/// The first pass of `audit verify` over the events: what every audited row should now be (its
/// keyed digest, from the last event that changed it), who was on the roster with which role at
/// each event, and whether each actor's role permitted the action (docs/audit-trail.md).
///
/// Only digests are kept per row, so a desk of a million cases replays in a few tens of MB; the
/// values are rebuilt afterwards for the few rows that differ (`AuditRowNaming`).
final class AuditReplay {
    /// What the events say about one row.
    struct Expectation {
        /// The row's digest after the last change (nil: the events deleted it).
        var digest: String?
        /// The event that last changed it.
        var event: Int64
    }

    /// Expectations of one table: integer keys (most rows) apart from the others. A class, so
    /// the replay changes it in place (a copied dictionary per row made the replay quadratic).
    final class TableExpectations {
        var byId: [Int64: Expectation] = [:]
        var byKey: [String: Expectation] = [:]

        subscript(key: String) -> Expectation? {
            get { AuditReplay.intKey(key).map { byId[$0] } ?? byKey[key] }
            set { if let i = AuditReplay.intKey(key) { byId[i] = newValue } else { byKey[key] = newValue } }
        }

        var count: Int { byId.count + byKey.count }

        /// Every key with what the events say, as recorded.
        func forEach(_ body: (String, Expectation) throws -> Void) rethrows {
            for (k, e) in byId { try body("[\(k)]", e) }
            for (k, e) in byKey { try body(k, e) }
        }
    }

    private(set) var tables: [String: TableExpectations] = [:]
    /// The roster as the events have built it: name → role and active flag.
    private(set) var roster: [String: (role: Role?, active: Bool)] = [:]
    /// Case keys whose kind is `report` (举报件), for the track of an event and for hiding.
    private(set) var reportCases: Set<String> = []
    private var caseRows = 0
    /// Events whose row records were applied.
    private(set) var eventsReplayed = 0
    /// The `audit-keyed` event and the last `audit-baseline` event of a desk keyed by migration.
    private(set) var keyedAt: Int64?
    private(set) var baselineThrough: Int64?
    /// Events whose actor's role did not permit the action.
    private(set) var violations: [(event: AuditChain.EventRow, message: String, restricted: Bool)] = []
    /// Events whose row records could not be read.
    private(set) var unreadable: [Int64] = []

    private let userColumns: [String]
    private let caseKindColumn: Int?

    /// A replay of a desk whose users and cases tables have these columns.
    init(userColumns: [String], caseColumns: [String]) {
        self.userColumns = userColumns
        caseKindColumn = caseColumns.firstIndex(of: "kind")
    }

    /// Applies one event, after checking its actor against the roster as it stood before it.
    func visit(_ e: AuditChain.EventRow) {
        guard e.keyed else { return }
        if e.action == "audit-keyed" && keyedAt == nil { keyedAt = e.id }
        if e.action == "audit-baseline" { baselineThrough = e.id }
        let before = roster
        let hadCases = caseRows > 0
        if let changes = e.rowChanges {
            eventsReplayed += 1
            let bad = RowChange.forEach(changes) { apply($0, event: e.id) }
            if bad > 0 { unreadable.append(e.id) }
        }
        check(e, roster: before, hadCases: hadCases)
    }

    private func apply(_ c: RowChange, event: Int64) {
        let t: TableExpectations
        if let known = tables[c.table] { t = known } else { t = TableExpectations(); tables[c.table] = t }
        switch c.op {
        case .delete:
            if c.table == "cases", t[c.key]?.digest != nil { caseRows -= 1 }
            t[c.key] = Expectation(digest: nil, event: event)
            if c.table == "users" { roster[userName(c.key)] = nil }
            if c.table == "cases" { reportCases.remove(c.key) }
        case .insert, .update, .baseline:
            if c.table == "cases", t[c.key]?.digest == nil { caseRows += 1 }
            t[c.key] = Expectation(digest: c.digest, event: event)
            if c.table == "users" { applyUser(c) }
            if c.table == "cases" { applyKind(c) }
        }
    }

    private func userName(_ key: String) -> String {
        var p = AuditJSONParser(Array(key.utf8))
        if let list = p.array(), case .text(let t)? = list.first { return String(decoding: t, as: UTF8.self) }
        return key
    }

    private func applyUser(_ c: RowChange) {
        let name = userName(c.key)
        var entry = roster[name] ?? (role: nil, active: true)
        if c.op != .update { entry = (role: nil, active: true) }
        func set(_ column: String, _ v: AuditValue) {
            switch (column, v) {
            case ("role", .text(let t)): entry.role = Role(rawValue: String(decoding: t, as: UTF8.self))
            case ("active", .int(let i)): entry.active = i != 0
            default: break
            }
        }
        switch RowValues.parse(c.values) {
        case .positional(let values)?:
            for (i, col) in userColumns.enumerated() where i < values.count { set(col, values[i]) }
        case .named(let pairs)?:
            for (col, v) in pairs { set(col, v) }
        case nil: break
        }
        roster[name] = entry
    }

    private func applyKind(_ c: RowChange) {
        // Most case records never mention a report: skip parsing them.
        let mentions = Self.contains(c.values, Self.reportLiteral)
        guard mentions || (c.op == .update && reportCases.contains(c.key)) else { return }
        switch RowValues.parse(c.values) {
        case .positional(let values)?:
            if let k = caseKindColumn, k < values.count, case .text(let t) = values[k], t.elementsEqual("report".utf8) { reportCases.insert(c.key) }
        case .named(let pairs)?:
            if let kind = pairs.first(where: { $0.0 == "kind" })?.1 {
                if case .text(let t) = kind, t.elementsEqual("report".utf8) { reportCases.insert(c.key) } else { reportCases.remove(c.key) }
            }
        case nil: break
        }
    }

    /// Whether the event's case is a report case (举报件) as the replay knows it.
    func isReport(caseId: Int64?) -> Bool {
        guard let caseId else { return false }
        return reportCases.contains("[\(caseId)]")
    }

    private func check(_ e: AuditChain.EventRow, roster: [String: (role: Role?, active: Bool)], hadCases: Bool) {
        var parsed: [String: String]?
        let rule = AuditActionRules.rule(e.action) {
            if parsed == nil { parsed = CompactJSON.parseObject(e.detail) }
            return parsed!
        }
        let standing = roster[e.actor]
        let role: Role? = standing.flatMap { $0.active ? $0.role : nil }
        let restricted = isReport(caseId: e.caseId)
        let track: CaseTrack = restricted && AuditActionRules.usesCaseTrack(e.action) ? .report : .general
        func refuse(_ why: String) {
            let when = DeskTime.standard.format(Instant(seconds: e.at))
            violations.append((e, "event \(e.id) (\(when)): \(e.actor) did \(e.action), but \(why)", restricted))
        }
        /// Why the roster as it stood did not allow `p`.
        func denied(_ p: Permission, track: CaseTrack = .general) -> String {
            guard let standing else { return "\(e.actor) was not on the roster then" }
            guard standing.active else { return "\(e.actor) was disabled on the roster then" }
            guard let role = standing.role else { return "\(e.actor) had a role this console does not know" }
            return "the roster then made \(e.actor) \(role.withArticle): \(Permissions.refusal(p, Actor(name: e.actor, role: role), track: track))"
        }
        switch rule {
        case .unchecked:
            return
        case .system:
            if e.actor != AuditBaseline.actor || (keyedAt == nil && e.action == "audit-baseline") {
                refuse("only the console itself writes \(e.action) events")
            }
        case .rosterSeed:
            if hadCases { refuse("a roster is seeded only on a desk without cases") }
        case .userAdd:
            if roster.isEmpty {
                let added = CompactJSON.parseObject(e.detail)["role"]
                if added != Role.administrator.rawValue { refuse("the first user of an empty roster must be an administrator") }
            } else if !Permissions.allows(role, .manageUsers) {
                refuse(denied(.manageUsers))
            }
        case .permission(let p):
            if !Permissions.allows(role, p, track: track) { refuse(denied(p, track: track)) }
        case .eitherTrack(let p):
            if !Permissions.allows(role, p, track: .general) && !Permissions.allows(role, p, track: .report) { refuse(denied(p)) }
        }
    }

    /// What the events say about the row `key` of `table` (nil: no event mentions it).
    func expectation(_ table: String, _ key: String) -> Expectation? { tables[table]?[key] }

    /// The number of rows the events say exist in `table`.
    func liveRows(_ table: String) -> Int {
        var n = 0
        tables[table]?.forEach { _, e in if e.digest != nil { n += 1 } }
        return n
    }

    private static let reportLiteral = Array("\"report\"".utf8)

    /// Whether `pattern` occurs in `text` (a byte search: most records are scanned, few parsed).
    static func contains(_ text: ArraySlice<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, text.count >= pattern.count else { return false }
        var i = text.startIndex
        let last = text.endIndex - pattern.count
        while i <= last {
            if text[i] == first {
                var j = 1
                while j < pattern.count && text[i + j] == pattern[j] { j += 1 }
                if j == pattern.count { return true }
            }
            i += 1
        }
        return false
    }

    static func intKey(_ key: String) -> Int64? {
        let u = key.utf8
        guard u.count > 2, u.first == 0x5b, u.last == 0x5d else { return nil }
        return Int64(key.dropFirst().dropLast())
    }
}
