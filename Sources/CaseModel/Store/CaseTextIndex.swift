import GRDB

/// The full-text index over each case's number and free text, which narrows a search to the cases
/// that may contain the term before the exact rule (`CaseSearch`) decides (docs/search-index.md).
///
/// A contentless SQLite FTS5 table with the trigram tokenizer: one document per case (its row id
/// is the case's), the number, summary, details, product, demand and resolution joined by line
/// feeds and closed by two. Triggers keep it in the transaction that changes the case, whoever
/// writes. The index only ever proposes candidates: a case it proposes is still checked by the
/// same `LIKE` and identifier rule as before, so what matches, and what masked data can confirm,
/// is unchanged; it must only never miss a case (a superset; the trigram tokenizer folds case at
/// least as widely as `LIKE`).
enum CaseTextIndex {
    /// The FTS5 table.
    static let table = "case_text"
    /// Its vocabulary (fts5vocab, one row per trigram), for terms shorter than a trigram.
    static let terms = "case_text_terms"

    /// The free-text columns indexed, besides the number (`CaseSearch.textColumns`).
    static let columns = ["summary", "details", "product", "demand", "resolution"]

    /// The document indexed for a case row (`new` or `old` in a trigger, nothing in a query): the
    /// number and each text after a line feed, and two at the end, so that every character of a
    /// field starts a trigram (what lets a one- or two-character term be found by prefix).
    static func document(_ row: String) -> String {
        let prefix = row.isEmpty ? "" : row + "."
        return ([prefix + "number"] + columns.map { prefix + $0 }).joined(separator: " || char(10) || ") + " || char(10, 10)"
    }

    /// The migration: the table, its vocabulary, the triggers, the documents of existing cases,
    /// and an index on the name (a whole name is searched too, and no longer by scanning).
    static let migration = """
    CREATE VIRTUAL TABLE \(table) USING fts5(text, content = '', tokenize = 'trigram');
    CREATE VIRTUAL TABLE \(terms) USING fts5vocab(\(table), row);
    INSERT INTO \(table)(rowid, text) SELECT id, \(document("")) FROM cases;
    CREATE INDEX cases_name ON cases(name) WHERE name <> '';
    \(insertTrigger);
    \(updateTrigger);
    \(deleteTrigger);
    """

    static let insertTrigger = """
    CREATE TRIGGER case_text_insert AFTER INSERT ON cases BEGIN
        INSERT INTO \(table)(rowid, text) VALUES (new.id, \(document("new")));
    END
    """

    /// A contentless table forgets a document only when given the text it was indexed with.
    static let updateTrigger = """
    CREATE TRIGGER case_text_update AFTER UPDATE OF id, number, \(columns.joined(separator: ", ")) ON cases BEGIN
        INSERT INTO \(table)(\(table), rowid, text) VALUES ('delete', old.id, \(document("old")));
        INSERT INTO \(table)(rowid, text) VALUES (new.id, \(document("new")));
    END
    """

    static let deleteTrigger = """
    CREATE TRIGGER case_text_delete AFTER DELETE ON cases BEGIN
        INSERT INTO \(table)(\(table), rowid, text) VALUES ('delete', old.id, \(document("old")));
    END
    """

    /// The index's triggers, as `AuditTriggers` expects them.
    static let triggers: [(name: String, sql: String)] = [
        ("case_text_insert", insertTrigger), ("case_text_update", updateTrigger), ("case_text_delete", deleteTrigger),
    ]

    /// Rewrites the index's segments so that text removed from cases (a purge) no longer lingers
    /// in superseded pages of the index (docs/search-index.md, "Purge").
    static func optimize(_ db: Database) throws {
        // Both indexes: a purged case was open once, and its words may linger in the open
        // cases' index's older segments too.
        for t in [table, openTable] { try db.execute(sql: "INSERT INTO \(t)(\(t)) VALUES ('optimize')") }
    }

    /// The condition "this case's document may contain `term`" on `cases`, or nil when the index
    /// cannot answer without possibly missing a case (then the caller scans).
    ///
    /// Three characters or more: the term as one FTS5 phrase (consecutive trigrams, which is a
    /// substring). One or two characters: every indexed trigram that starts with the term, from
    /// the vocabulary, as one OR query — possible because every character of a field starts a
    /// trigram. A short term with a letter outside ASCII that case folding changes is folded by
    /// the tokenizer itself (`tokenizerFold`).
    /// `scope` is the index asked: the open cases' for a filter of open cases only.
    static func candidates(_ term: String, scope: TextIndexScope = .all) -> (sql: String, values: [DatabaseBindable])? {
        guard let match = matchExpression(term, scope: scope) else { return nil }
        return ("id IN (SELECT rowid FROM \(scope.table) WHERE \(scope.table) MATCH \(match.sql))", match.values)
    }

    /// The right-hand side of `case_text MATCH …` that finds every document containing `term`
    /// (case folded as the tokenizer does), or nil when the index cannot say (see `candidates`).
    static func matchExpression(_ term: String, scope: TextIndexScope = .all) -> (sql: String, values: [DatabaseBindable])? {
        let scalars = term.unicodeScalars.count
        guard scalars > 0 else { return nil }
        if scalars >= 3 {
            return ("?", [.text("\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"")])
        }
        var folded = ""
        for u in term.unicodeScalars {
            if u.isASCII {
                folded.unicodeScalars.append(u.value >= 0x41 && u.value <= 0x5A ? Unicode.Scalar(u.value + 32)! : u)
            } else if u.properties.changesWhenCaseFolded || u.properties.changesWhenLowercased {
                // A letter outside ASCII (É, Ж): folded by the tokenizer itself, not guessed.
                guard let byTokenizer = tokenizerFold(term) else { return nil }
                folded = byTokenizer
                break
            } else {
                folded.unicodeScalars.append(u)
            }
        }
        // Byte order (the vocabulary's): every trigram starting with `folded` sorts from it to
        // before it followed by the highest scalar.
        let query = """
        (SELECT coalesce(group_concat('"' || replace(term, '"', '""') || '"', ' OR '), '""') \
        FROM \(scope.terms) WHERE term >= ? AND term <= ?)
        """
        return (query, [.text(folded), .text(folded + "\u{10FFFF}\u{10FFFF}")])
    }

    /// An in-memory trigram index of its own, to fold a short term exactly as the desk's index
    /// folded the documents (same SQLite, same tokenizer).
    private static let folder: DatabaseQueue? = {
        guard let queue = try? DatabaseQueue() else { return nil }
        try? queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE f USING fts5(x, tokenize = 'trigram'); CREATE VIRTUAL TABLE fv USING fts5vocab(f, instance)")
        }
        return queue
    }()

    /// `term` (one or two characters) as the trigram tokenizer folds it, or nil if it cannot say.
    static func tokenizerFold(_ term: String) -> String? {
        let count = term.unicodeScalars.count
        return try? folder?.write { db -> String? in
            try db.execute(sql: "DELETE FROM f")
            // Two spaces after it, so each of its characters starts a trigram.
            try db.execute(sql: "INSERT INTO f(rowid, x) VALUES (1, ?)", arguments: [term + "  "])
            let firsts = try String.fetchAll(db, sql: "SELECT term FROM fv ORDER BY offset").compactMap { $0.unicodeScalars.first }
            guard firsts.count == count else { return nil }
            var out = ""
            out.unicodeScalars.append(contentsOf: firsts)
            return out
        }
    }

    /// The characters outside ASCII that the tokenizer folds into an ASCII letter (ſ to s, the
    /// Kelvin sign to k) where `LIKE` does not: the only way a document can match a plain term
    /// (`CaseSearch.isPlainText`) in the index and not by the rule (docs/search-index.md,
    /// "Counting from the index"). `SearchIndexTests` asks SQLite's own tokenizer for the list.
    static let foldsIntoASCII: [Unicode.Scalar] = ["\u{017F}", "\u{212A}"]

    /// True for a case whose text holds one of `foldsIntoASCII` (the few cases whose index entry
    /// and rule may disagree on a plain term), as written in the partial index `cases_text_folds`.
    static let foldsCondition = "(number || summary || details || product || demand || resolution) GLOB '*["
        + foldsIntoASCII.map { String($0) }.joined() + "]*'"

    /// v13: what a count from the index alone subtracts, each a small partial index: the report
    /// cases (hidden from most readers) and the cases with `foldsIntoASCII` in their text.
    static let countIndexes = """
    CREATE INDEX cases_report ON cases(id) WHERE kind = 'report';
    CREATE INDEX cases_text_folds ON cases(id) WHERE \(foldsCondition);
    """
}
