import GRDB

/// What a search term (`list --search`, the console's `/` and `:search`, export filters) matches,
/// as one SQL condition (docs/personal-data.md, "Search").
///
/// Masked data must not be an oracle: personal fields match only a whole identifier in its stored
/// form (an equality on the field's index, never a substring or prefix), the name only whole, and
/// free text only outside the identifiers written in it. A case number matches exactly.
enum CaseSearch {
    /// The free-text columns a term is looked for in.
    static let textColumns = ["summary", "details", "product"]

    /// The SQL function that tells whether a term occurs in a text outside its identifiers.
    static let textFunctionName = "desk_text_outside_identifiers"

    /// Registered on every connection of the store (`CaseStore`).
    static let textFunction = DatabaseFunction(textFunctionName, argumentCount: 2, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]), let term = String.fromDatabaseValue(values[1]) else { return false }
        return occursOutsideIdentifiers(term, in: text)
    }

    /// Whether `term` occurs in `text` (ASCII letters in either case, like SQL's LIKE) with no part
    /// of the occurrence inside an identifier.
    static func occursOutsideIdentifiers(_ term: String, in text: String) -> Bool {
        if term.unicodeScalars.contains(Masking.searchPlaceholder) { return false }
        return foldASCII(Masking.redactedForSearch(text)).contains(foldASCII(term))
    }

    private static func foldASCII(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }

    /// The condition and its bound values for a (trimmed, non-empty) term.
    static func condition(_ term: String) -> (sql: String, values: [DatabaseBindable]) {
        if let number = caseNumber(term) { return ("number = ?", [.text(number)]) }
        var parts: [String] = []
        var values: [DatabaseBindable] = []
        func equal(_ column: String, _ forms: [String]) {
            guard !forms.isEmpty else { return }
            // `column <> ''` literally, so the planner may use the field's partial index.
            parts.append("(\(column) IN (\(forms.map { _ in "?" }.joined(separator: ","))) AND \(column) <> '')")
            values.append(contentsOf: forms.map { .text($0) })
        }
        let folded = Identifiers.fold(term)
        let whole = IdentifierScanner.whole(folded)
        let digits = folded.unicodeScalars.filter { IdentifierScanner.digit($0) != nil }.count
        let account = Identifiers.account(folded)
        let numeric = !account.isEmpty && account.allSatisfy { $0.isASCII && $0.isNumber }
        if let whole {
            // A whole identifier: only the identifier fields, each by its index.
            if whole.kind.isPhone { equal("phone", Identifiers.storedForms(phone: whole.canonical)) }
            if whole.kind == .idNumber { equal("id_number", Identifiers.storedForms(idNumber: whole.canonical)) }
            if numeric {
                equal("bank_account", Identifiers.storedForms(account: account))
                let reference = Identifiers.reference(folded)
                equal("policy_number", Identifiers.storedForms(reference: reference, typed: term))
                equal("claim_number", Identifiers.storedForms(reference: reference, typed: term))
            }
            return ("(" + parts.joined(separator: " OR ") + ")", values)
        }
        // Anything else: a whole name, phone, policy, claim or account number, a part of a case
        // number, or words of the free text outside the identifiers written in it.
        parts.append("name = ?")
        values.append(.text(term))
        let phone = Identifiers.phone(folded)
        if digits >= 5, phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "+") }) {
            equal("phone", phone == term ? [phone] : [phone, term])
        }
        let reference = Identifiers.reference(folded)
        if digits > 0, !reference.isEmpty, reference.count <= 64 {
            equal("policy_number", Identifiers.storedForms(reference: reference, typed: term))
            equal("claim_number", Identifiers.storedForms(reference: reference, typed: term))
        }
        if numeric { equal("bank_account", Identifiers.storedForms(account: account)) }
        let pattern = "%" + FilterSQL.escapeLike(term) + "%"
        if pattern.utf8.count < 40_000 {
            parts.append("number LIKE ? ESCAPE '\\'")
            values.append(.text(pattern))
            for column in textColumns {
                parts.append("(CASE WHEN \(column) LIKE ? ESCAPE '\\' THEN \(textFunctionName)(\(column), ?) ELSE 0 END)")
                values.append(contentsOf: [.text(pattern), .text(term)])
            }
        } else {
            // Past SQLite's LIKE pattern limit: the same match (substring, ASCII case folded) by instr.
            parts.append("instr(lower(number), lower(?)) > 0")
            values.append(.text(term))
            for column in textColumns {
                parts.append("(CASE WHEN instr(lower(\(column)), lower(?)) > 0 THEN \(textFunctionName)(\(column), ?) ELSE 0 END)")
                values.append(contentsOf: [.text(term), .text(term)])
            }
        }
        return ("(" + parts.joined(separator: " OR ") + ")", values)
    }

    /// A whole case number (`TS-20260217-0042`, `jb-20260217-0001`), upper-cased; nil otherwise.
    static func caseNumber(_ term: String) -> String? {
        let t = Array(term.uppercased())
        guard t.count >= 16, t[2] == "-", t[11] == "-",
              String(t[0..<2]) == "TS" || String(t[0..<2]) == CaseNumber.reportPrefix,
              t[3..<11].allSatisfy({ $0.isASCII && $0.isNumber }), t[12...].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(t)
    }

    /// v6: lookups by bank account and claim number through their own indexes, like the other
    /// identifiers, so a whole-identifier search never scans the desk.
    static let identifierIndexes = """
    CREATE INDEX IF NOT EXISTS cases_bank_account ON cases(bank_account) WHERE bank_account <> '';
    CREATE INDEX IF NOT EXISTS cases_claim ON cases(claim_number) WHERE claim_number <> '';
    """
}
