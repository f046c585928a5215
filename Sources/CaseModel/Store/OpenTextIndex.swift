import GRDB

/// Which cases a text index holds (docs/search-index.md, "Open cases"): every case (`case_text`),
/// or only the open ones (`case_open_text`), which the queue's `/` searches.
enum TextIndexScope: Sendable, Equatable {
    case all, open

    /// The FTS5 table.
    var table: String { self == .all ? CaseTextIndex.table : CaseTextIndex.openTable }
    /// Its vocabulary (one row per trigram), for terms shorter than a trigram.
    var terms: String { self == .all ? CaseTextIndex.terms : CaseTextIndex.openTerms }

    /// The index for a filter: the open cases' when every case the filter can match is open.
    static func of(_ f: CaseFilter) -> TextIndexScope {
        f.openness == .open || (!f.statuses.isEmpty && f.statuses.allSatisfy(\.isOpen)) ? .open : .all
    }
}

/// The open cases' own text index: the same documents as `case_text`, for the open cases only.
///
/// The queue searches the open cases (25,000 on a desk of 1,000,000). Through the whole desk's
/// index a common word proposes hundreds of thousands of closed cases, each read to be rejected,
/// and counting the open matches of 险 read every open case: 100–200 ms a keystroke. An index of
/// the open cases alone proposes only them. Triggers keep it in the transaction that changes the
/// case, like `case_text`'s: a case enters when it is taken in open or reopened, leaves when it
/// closes, is withdrawn or deleted, and is re-indexed when its text changes while open.
extension CaseTextIndex {
    /// The FTS5 table of the open cases.
    static let openTable = "case_open_text"
    /// Its vocabulary.
    static let openTerms = "case_open_text_terms"

    /// `row`'s status is open (`new` or `old` in a trigger).
    private static func isOpen(_ row: String) -> String { "\(row).status IN \(CaseStatus.openSQLList)" }

    /// v15: the table, its vocabulary, the open cases' documents, the triggers.
    static let openMigration = """
    CREATE VIRTUAL TABLE \(openTable) USING fts5(text, content = '', tokenize = 'trigram');
    CREATE VIRTUAL TABLE \(openTerms) USING fts5vocab(\(openTable), row);
    INSERT INTO \(openTable)(rowid, text) SELECT id, \(document("")) FROM cases WHERE \(Schema.openCondition);
    \(openInsertTrigger);
    \(openUpdateTrigger);
    \(openDeleteTrigger);
    """

    static let openInsertTrigger = """
    CREATE TRIGGER case_open_text_insert AFTER INSERT ON cases WHEN \(isOpen("new")) BEGIN
        INSERT INTO \(openTable)(rowid, text) VALUES (new.id, \(document("new")));
    END
    """

    /// Out with the old document if the case was open, in with the new one if it is: a contentless
    /// table forgets a document only when given the text it was indexed with. Only when the
    /// status, the number or a text changed, so that other writes to an open case cost nothing.
    static let openUpdateTrigger = """
    CREATE TRIGGER case_open_text_update AFTER UPDATE OF id, status, number, \(columns.joined(separator: ", ")) ON cases
    WHEN old.id IS NOT new.id OR old.status IS NOT new.status OR old.number IS NOT new.number\(columns.map { " OR old.\($0) IS NOT new.\($0)" }.joined()) BEGIN
        INSERT INTO \(openTable)(\(openTable), rowid, text) SELECT 'delete', old.id, \(document("old")) WHERE \(isOpen("old"));
        INSERT INTO \(openTable)(rowid, text) SELECT new.id, \(document("new")) WHERE \(isOpen("new"));
    END
    """

    static let openDeleteTrigger = """
    CREATE TRIGGER case_open_text_delete AFTER DELETE ON cases WHEN \(isOpen("old")) BEGIN
        INSERT INTO \(openTable)(\(openTable), rowid, text) VALUES ('delete', old.id, \(document("old")));
    END
    """

    /// The open index's triggers, as `AuditTriggers` expects them.
    static let openTriggers: [(name: String, sql: String)] = [
        ("case_open_text_insert", openInsertTrigger), ("case_open_text_update", openUpdateTrigger),
        ("case_open_text_delete", openDeleteTrigger),
    ]
}
