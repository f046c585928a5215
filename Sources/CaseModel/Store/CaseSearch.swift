import GRDB

/// What a search term (`list --search`, the console's `/` and `:search`, export filters) matches,
/// as one SQL condition (docs/personal-data.md, "Search").
///
/// Masked data must not be an oracle: personal fields match only a whole identifier in its stored
/// form (an equality on the field's index, never a substring or prefix), the name only whole, and
/// free text only outside the identifiers written in it. A case number and a regulator's transfer
/// number match exactly.
enum CaseSearch {
    /// The free-text columns a term is looked for in (all of them in the text index, `CaseTextIndex`).
    static let textColumns = CaseTextIndex.columns

    /// The SQL function that tells whether a term occurs in a text outside its identifiers.
    static let textFunctionName = "desk_text_outside_identifiers"

    /// Registered on every connection of the store (`CaseStore`).
    static let textFunction = DatabaseFunction(textFunctionName, argumentCount: 2, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]), let term = String.fromDatabaseValue(values[1]) else { return false }
        return occursOutsideIdentifiers(term, in: text)
    }

    /// Whether `term` occurs in `text` (ASCII letters in either case, like SQL's LIKE) with no part
    /// of the occurrence inside an identifier: the same as finding it in
    /// `Masking.redactedForSearch(text)`, but reading UTF-8 and scanning for identifiers only
    /// around an occurrence, since the SQL function runs on every row the LIKE lets through.
    static func occursOutsideIdentifiers(_ term: String, in text: String) -> Bool {
        let t = Array(term.utf8).map(foldASCII)
        if t.isEmpty { return true }
        if term.unicodeScalars.contains(Masking.searchPlaceholder) { return false }
        // Identifiers consist of digits, separators, `+` and X only: an occurrence without any of
        // those cannot touch one.
        let touches = term.unicodeScalars.contains(where: IdentifierScanner.mayBeInIdentifier)
        var text = text
        return text.withUTF8 { s -> Bool in
            guard s.count >= t.count else { return false }
            var checkedRun: (lo: Int, spans: [Range<Int>])?
            var start = 0
            while start <= s.count - t.count {
                defer { start += 1 }
                guard foldASCII(s[start]) == t[0] else { continue }
                var k = 1
                while k < t.count, foldASCII(s[start + k]) == t[k] { k += 1 }
                guard k == t.count else { continue }
                if !touches { return true }
                let end = start + t.count
                // The run of identifier characters around the occurrence: no identifier crosses its ends.
                var lo = start, hi = end
                while lo > 0, let (u, len) = scalar(before: lo, s), IdentifierScanner.mayBeInIdentifier(u) { lo -= len }
                while hi < s.count, let (u, len) = scalar(at: hi, s), IdentifierScanner.mayBeInIdentifier(u) { hi += len }
                let spans: [Range<Int>]
                if let run = checkedRun, run.lo == lo {
                    spans = run.spans
                } else {
                    spans = identifierBytes(in: s, lo, hi)
                    checkedRun = (lo, spans)
                }
                if !spans.contains(where: { $0.overlaps(start..<end) }) { return true }
            }
            return false
        }
    }

    /// The byte ranges of the identifiers in `s[lo..<hi]`.
    private static func identifierBytes(in s: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> [Range<Int>] {
        let region = String(decoding: UnsafeBufferPointer(rebasing: s[lo..<hi]), as: UTF8.self)
        let found = IdentifierScanner.matches(in: region)
        guard !found.isEmpty else { return [] }
        // Scalar offsets back to byte offsets.
        var bytes = [lo]
        for u in region.unicodeScalars { bytes.append(bytes.last! + UTF8.width(u)) }
        return found.map { bytes[$0.range.lowerBound]..<bytes[$0.range.upperBound] }
    }

    /// The scalar starting at byte `i`, and its length in bytes.
    private static func scalar(at i: Int, _ s: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int)? {
        var it = UnsafeBufferPointer(rebasing: s[i..<min(s.count, i + 4)]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let u) = decoder.decode(&it) else { return nil }
        return (u, UTF8.width(u))
    }

    /// The scalar ending just before byte `i`, and its length in bytes.
    private static func scalar(before i: Int, _ s: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int)? {
        var j = i - 1
        while j > 0, j > i - 4, s[j] & 0xC0 == 0x80 { j -= 1 }
        return scalar(at: j, s)
    }

    private static func foldASCII(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    /// The condition and its bound values for a (trimmed, non-empty) term. Without `useIndex`
    /// the free text is scanned (what the index must agree with; tests compare the two).
    static func condition(_ term: String, useIndex: Bool = true, scope: TextIndexScope = .all) -> (sql: String, values: [DatabaseBindable]) {
        if let number = caseNumber(term) { return ("number = ?", [.text(number)]) }
        var parts: [String] = []
        var values: [DatabaseBindable] = []
        func equal(_ column: String, _ forms: [String]) {
            guard !forms.isEmpty else { return }
            // `column <> ''` literally, so the planner may use the field's partial index.
            parts.append("(\(column) IN (\(forms.map { _ in "?" }.joined(separator: ","))) AND \(column) <> '')")
            values.append(contentsOf: forms.map { .text($0) })
        }
        // A regulator's transfer number matches whole (it is no personal data, and has its own index).
        parts.append("regulator_ref = ?")
        values.append(.text(term))
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
        equal("name", [term])
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
        let (text, textValues) = textCondition(term)
        // The index proposes the cases whose text may contain the term; the rule above decides.
        if useIndex, let candidates = CaseTextIndex.candidates(term, scope: scope) {
            parts.append("(\(candidates.sql) AND \(text))")
            values.append(contentsOf: candidates.values + textValues)
        } else {
            parts.append(text)
            values.append(contentsOf: textValues)
        }
        return ("(" + parts.joined(separator: " OR ") + ")", values)
    }

    /// The free-text part of the rule alone, read row by row: the term in the number, or in a
    /// text column outside the identifiers written there.
    static func textCondition(_ term: String) -> (sql: String, values: [DatabaseBindable]) {
        let pattern = "%" + FilterSQL.escapeLike(term) + "%"
        // Past SQLite's LIKE pattern limit: the same match (substring, ASCII case folded) by instr.
        let byLike = pattern.utf8.count < 40_000
        let found: (String) -> String = { column in byLike ? "\(column) LIKE ? ESCAPE '\\'" : "instr(lower(\(column)), lower(?)) > 0" }
        let probe: DatabaseBindable = .text(byLike ? pattern : term)
        var text = [found("number")]
        var textValues = [probe]
        let apart = cannotTouchIdentifier(term)
        for column in textColumns {
            if apart {
                text.append(found(column))
                textValues.append(probe)
            } else {
                text.append("(CASE WHEN \(found(column)) THEN \(textFunctionName)(\(column), ?) ELSE 0 END)")
                textValues.append(contentsOf: [probe, .text(term)])
            }
        }
        return ("(" + text.joined(separator: " OR ") + ")", textValues)
    }

    /// Whether no occurrence of `term` can overlap an identifier written in a text, so that
    /// `occursOutsideIdentifiers` is true wherever `LIKE` finds the term and the rule need not
    /// call it: identifiers consist only of digits, separators, `+` and X, and a term holding none
    /// of those cannot share a character with one (docs/search-index.md, "Words apart from
    /// identifiers"). A term holding the masking placeholder never matches, so it keeps the call.
    /// Most searches (Chinese words, English words) are such terms; the call, which copies each
    /// text into a Swift string, was most of the cost of reading a row for a frequent word.
    static func cannotTouchIdentifier(_ term: String) -> Bool {
        !term.isEmpty && !term.unicodeScalars.contains { IdentifierScanner.mayBeInIdentifier($0) || $0 == Masking.searchPlaceholder }
    }

    /// Whether the text index alone answers `term` exactly, so that a count need not read the
    /// matching cases (docs/search-index.md, "Counting from the index"): the term has no digit,
    /// `+` or `(` and neither starts nor ends with a separator or X, so no occurrence can touch an
    /// identifier (every identifier holds digits, and only digits, separators, X, `+` and `(`);
    /// it has no line feed, so an occurrence in the indexed document lies inside one field; and
    /// every character is ASCII or has no case, so the tokenizer's folding and `LIKE`'s agree on
    /// the term (the document side is `CaseTextIndex.foldsIntoASCII`). It is no identifier, case
    /// number or regulator's form either, since those hold digits.
    static func isPlainText(_ term: String) -> Bool {
        let scalars = Array(term.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, scalars.count <= 1_000 else { return false }
        func edge(_ u: Unicode.Scalar) -> Bool { IdentifierScanner.mayBeInIdentifier(u) || IdentifierScanner.isOpenParen(u) }
        if edge(first) || edge(last) { return false }
        return scalars.allSatisfy { u in
            if IdentifierScanner.digit(u) != nil || IdentifierScanner.isPlus(u) || IdentifierScanner.isOpenParen(u) { return false }
            if u == "\n" || u == Masking.searchPlaceholder { return false }
            return foldsAlike(u)
        }
    }

    /// Whether the text index and `LIKE` fold `u` the same way: ASCII, or a character without
    /// case — but not U+FFFD, which the tokenizer also reads U+FFFE and U+FFFF as.
    static func foldsAlike(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII { return true }
        if u.value >= 0xFFFD && u.value <= 0xFFFF { return false }
        return !(u.properties.isCased || u.properties.changesWhenCaseFolded || u.properties.changesWhenLowercased)
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
