/// Which cases a list, export or queue shows, and in what order.
///
/// Every value is bound as a parameter; only the open-case condition is written literally into the
/// SQL so that SQLite can use the partial indexes (a bound `status = ?` cannot: docs/architecture.md,
/// "Queries and indexes").
public struct CaseFilter: Sendable, Equatable {
    /// Open/closed selector.
    public enum Openness: String, Sendable { case any, open, closed }
    /// Sort orders.
    public enum Sort: String, Sendable, CaseIterable {
        case due, received, receivedDesc = "received-desc", number, severity
    }

    public var openness: Openness = .any
    public var statuses: [CaseStatus] = []
    public var categories: [Category] = []
    public var severities: [Severity] = []
    public var kinds: [CaseKind] = []
    public var channels: [Channel] = []
    public var lines: [InsuranceLine] = []
    public var branches: [String] = []
    /// Handler user names; the empty string means unassigned.
    public var handlers: [String] = []
    public var receivedFrom: Instant?
    public var receivedBefore: Instant?
    public var dueBefore: Instant?
    /// Search (`CaseSearch`): a case number exactly; a phone, ID, policy, claim or account number
    /// or a name only whole; words of the summary, details or product outside the identifiers
    /// written there (bound, `%` and `_` escaped).
    public var search: String = ""
    public var sort: Sort = .due
    public var limit: Int?
    public var offset: Int = 0
    /// Whether report cases (举报件) exist for this reader. `.standard` (the default) hides them;
    /// CaseDesk sets it from the acting user's role (`CaseVisibility.of`).
    public var visibility: CaseVisibility = .standard
    /// Free text read row by row instead of narrowed by the text index (`CaseTextIndex`): what
    /// the index's answers are checked against.
    var scansText = false
    /// Whether the plans for frequent search terms (`SearchPlan`) may answer; off, every search
    /// reads its candidates (what `benchmarks search` compares them with).
    public var frequentTermPlans = true
    /// How far the plans for frequent terms read (`SearchPlan`); tests make it small.
    var searchTuning = SearchTuning.standard

    /// Whether nothing narrows the cases but the search and the reader's visibility.
    var searchesOnly: Bool {
        openness == .any && statuses.isEmpty && categories.isEmpty && severities.isEmpty && kinds.isEmpty
            && channels.isEmpty && lines.isEmpty && branches.isEmpty && handlers.isEmpty
            && receivedFrom == nil && receivedBefore == nil && dueBefore == nil
    }

    /// An unfiltered list.
    public init() {}
}

/// SQL text and bound values built from a filter.
struct FilterSQL {
    var clauses: [String] = []
    var values: [DatabaseBindable] = []

    init(_ f: CaseFilter) {
        switch f.openness {
        case .any: break
        case .open: clauses.append(Schema.openCondition)
        case .closed: clauses.append("status NOT IN \(CaseStatus.openSQLList)")
        }
        // Literal, not bound, like the open condition: the planner keeps the partial indexes.
        if let hidden = f.visibility.sqlCondition { clauses.append(hidden) }
        func list<T>(_ column: String, _ items: [T], _ value: (T) -> DatabaseBindable) {
            guard !items.isEmpty else { return }
            clauses.append("\(column) IN (\(items.map { _ in "?" }.joined(separator: ",")))")
            values.append(contentsOf: items.map(value))
        }
        list("status", f.statuses) { .text($0.rawValue) }
        list("category", f.categories) { .text($0.rawValue) }
        list("severity", f.severities) { .text($0.rawValue) }
        list("kind", f.kinds) { .text($0.rawValue) }
        list("channel", f.channels) { .text($0.rawValue) }
        list("line", f.lines) { .text($0.rawValue) }
        list("branch", f.branches) { .text($0) }
        if !f.handlers.isEmpty {
            let named = f.handlers.filter { !$0.isEmpty }
            var parts: [String] = []
            if !named.isEmpty {
                parts.append("handler IN (\(named.map { _ in "?" }.joined(separator: ",")))")
                values.append(contentsOf: named.map { .text($0) })
            }
            if f.handlers.contains("") { parts.append("handler IS NULL") }
            clauses.append("(" + parts.joined(separator: " OR ") + ")")
        }
        if let t = f.receivedFrom { clauses.append("received_at >= ?"); values.append(.int(t.seconds)) }
        if let t = f.receivedBefore { clauses.append("received_at < ?"); values.append(.int(t.seconds)) }
        if let t = f.dueBefore { clauses.append("next_due_at < ?"); values.append(.int(t.seconds)) }
        // A NUL cannot be bound as text (it would end the string early and widen the search), so
        // it is replaced by a character that matches nothing stored.
        let q = Self.searchTerm(f)
        if !q.isEmpty {
            // Identifiers only whole, free text only outside them (docs/personal-data.md).
            // A filter of open cases asks the open cases' own index (docs/search-index.md, "Open cases").
            let search = CaseSearch.condition(q, useIndex: !f.scansText, scope: TextIndexScope.of(f))
            clauses.append(search.sql)
            values.append(contentsOf: search.values)
        }
    }

    /// The search term as matched: trimmed, a NUL replaced by a character that matches nothing stored.
    static func searchTerm(_ f: CaseFilter) -> String {
        f.search.trimmed.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    }

    var whereSQL: String { clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ") }

    static func orderSQL(_ sort: CaseFilter.Sort) -> String {
        switch sort {
        case .due: return " ORDER BY next_due_at IS NULL, next_due_at, id"
        case .received: return " ORDER BY received_at, id"
        case .receivedDesc: return " ORDER BY received_at DESC, id DESC"
        case .number: return " ORDER BY number"
        case .severity:
            return " ORDER BY CASE severity WHEN 'crisis' THEN 0 WHEN 'major' THEN 1 WHEN 'urgent' THEN 2 WHEN 'general' THEN 3 ELSE 4 END, next_due_at IS NULL, next_due_at, id"
        }
    }

    /// Escapes `%`, `_` and the escape character itself for a LIKE pattern.
    static func escapeLike(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

/// A value bound into SQL.
enum DatabaseBindable: Sendable {
    case text(String)
    case int(Int64)
}
