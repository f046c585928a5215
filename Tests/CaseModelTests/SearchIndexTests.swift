import GRDB
import XCTest
@testable import CaseModel

/// The text index (`CaseTextIndex`) answers every search exactly as reading every case does:
/// same cases, same count, for each role, with report cases and identifiers in the text.
final class SearchIndexTests: XCTestCase {
    /// An operator and a team lead (report cases hidden), the auditor (shown).
    static let roles = ["zhoufang", "wangmin", "guoping"]

    /// A demo desk plus cases written to trip the index: a report case with words of its own,
    /// identifiers inside text, English in mixed case, one- and two-character words at the ends
    /// of fields, and a case edited and one purged afterwards (the triggers' update path).
    private func desk() throws -> (CaseDesk, TempDir, [String]) {
        let dir = TempDir()
        let clock = FixedClock(instant("2026-02-17T21:30:00+08:00"))
        let desk = CaseDesk(store: try CaseStore(path: dir.file("d.sqlite")), clock: clock)
        _ = try DemoGenerator(seed: 7, cases: 300, from: CivilDate(iso: "2026-02-13")!, to: CivilDate(iso: "2026-02-23")!).fill(desk)
        let op = Actor(name: "zhoufang")
        var texts: [String] = []
        func intake(_ summary: String, details: String = "", demand: String = "", kind: String = "general", actor: Actor = op) throws {
            var d = CaseDraft()
            d.summary = summary; d.details = details; d.demand = demand
            d.kind = kind; d.category = "claims"; d.line = "health"; d.channel = "hotline"
            d.branch = "上海分公司"; d.name = "欧阳娜娜"; d.phone = "13912345678"
            _ = try desk.intake(d, actor: actor)
            texts += [summary, details, demand]
        }
        try intake("举报某分公司经理虚增保费收入", details: "举报人称经理指使员工做假账 report Whistle", kind: "report", actor: Actor(name: "zhenghong"))
        try intake("客户留了新电话13712349876请回电", details: "身份证110101199003070011；保单P4400123456")
        try intake("Claim DENIED twice, customer angry", details: "Policy holder wants a Manager callback", demand: "退")
        try intake("航班延误", details: "保", demand: "Refund ASAP")
        // The tokenizer folds ſ into s and the Kelvin sign into k, LIKE does not: these match
        // "customer" and "kind" in the index but not by the rule.
        try intake("Cu\u{017F}tomer wants a \u{212A}IND reply", details: "客户")
        try intake("customer KIND", details: "客户")
        try intake("Élodie Жуков wrote", details: "résumé ÉCOLE жалоба")
        return (desk, dir, texts)
    }

    /// The cases found (all of them, by number) and, by the index only, the count.
    private func search(_ desk: CaseDesk, _ q: String, _ role: String, scan: Bool) throws -> ([String], Int) {
        var f = CaseFilter()
        f.search = q
        f.scansText = scan
        f.sort = .number
        let cases = try desk.list(f, actor: Actor(name: role)).map(\.number)
        return (cases, scan ? cases.count : try desk.count(f, actor: Actor(name: role)))
    }

    /// Seeded random pieces of the stored texts and numbers, 1 to 7 characters, some in upper
    /// case, some across an identifier; for every role the index and the scan agree.
    func testIndexedSearchEqualsAScanForRandomTerms() throws {
        let (desk, _, written) = try desk()
        let stored = try desk.store.read { db in
            try Row.fetchAll(db, sql: "SELECT number, summary, details, product, demand, resolution, name FROM cases ORDER BY id")
                .map { row in (0..<7).map { (row[$0] as String?) ?? "" } }
        }
        let rng = SeededRandomness(seed: 19)
        var terms = ["举报", "虚增保费", "WHISTLE", "whistle", "Manager", "denied", "ASAP", "退", "保", "延误", "1371234", "13712349876",
                     "P4400123456", "4400", "欧阳娜娜", "欧阳", "TS-2026", "jb-", "客户", "\"", "%", "_", "a\"b", "。", "Customer speaks",
                     "É", "é", "Éc", "Ж", "ж", "Жу", "ЖУ", "ſ", "\u{212A}"]
        terms += written.filter { !$0.isEmpty }
        for _ in 0..<60 {
            let row = stored[Int(rng.next() % UInt64(stored.count))]
            let field = Array(row[Int(rng.next() % 7)])
            guard !field.isEmpty else { continue }
            let length = 1 + Int(rng.next() % 7)
            let start = Int(rng.next() % UInt64(field.count))
            var term = String(field[start..<min(field.count, start + length)])
            if rng.next() % 4 == 0 { term = term.uppercased() }
            terms.append(term)
        }
        var nonEmpty = 0
        for term in terms {
            for role in Self.roles {
                let indexed = try search(desk, term, role, scan: false)
                let scanned = try search(desk, term, role, scan: true)
                XCTAssertEqual(indexed.0, scanned.0, "\(term) as \(role)")
                XCTAssertEqual(indexed.1, scanned.1, "count of \(term) as \(role)")
                if !indexed.0.isEmpty { nonEmpty += 1 }
            }
        }
        XCTAssertGreaterThan(nonEmpty, terms.count * Self.roles.count / 2, "most terms are taken from the desk and find cases")
        XCTAssertEqual(try search(desk, "虚增保费", "wangmin", scan: false).1, 0, "a report case's words find nothing for a team lead")
        XCTAssertEqual(try search(desk, "虚增保费", "guoping", scan: false).1, 1, "and its case for the auditor")
        XCTAssertEqual(try search(desk, "1371234", "guoping", scan: false).1, 0, "no part of an identifier in text")
    }

    /// The plans for frequent terms (the first page read in due order, the count from the index)
    /// answer exactly as the scan: same page at several offsets, same count, for every role.
    /// Small tunings make a 300-case desk walk in many batches, give up, and use the candidate set.
    func testFrequentTermPlansEqualAScan() throws {
        let (desk, _, _) = try desk()
        let numbers = try desk.store.read { db in try String.fetchAll(db, sql: "SELECT number FROM cases ORDER BY id") }
        var terms = ["险", "保", "。", "退保", "客户", "航班延误", "举报", "customer", "CUSTOMER", "cuſtomer", "KIND", "e", "E", "wants a", "-"]
        // Partial case numbers: the prefix, the date and a dash.
        let n = numbers[numbers.count / 2]
        terms += [String(n.prefix(3)), String(n.prefix(12))]
        let tunings = [
            SearchTuning(batch: 5, probe: 10, budget: 400, setThreshold: 3, setLimit: 10_000, direct: 0),
            SearchTuning(batch: 3, probe: 3, budget: 0, setThreshold: 2, setLimit: 10_000, direct: 0),
            // Few candidates read directly, many walked.
            SearchTuning(batch: 5, probe: 10, budget: 400, setThreshold: 3, setLimit: 10_000, direct: 20),
        ]
        for term in terms {
            // The team lead (report cases hidden) and the auditor (shown).
            for role in ["wangmin", "guoping"] {
                let actor = Actor(name: role)
                var scan = CaseFilter()
                scan.search = term
                scan.scansText = true
                let scanned = try desk.count(scan, actor: actor)
                var plain = scan
                plain.scansText = false
                XCTAssertEqual(try desk.count(plain, actor: actor), scanned, "count of \(term) as \(role)")
                for (offset, limit) in [(0, 7), (5, 200)] {
                    scan.offset = offset
                    scan.limit = limit
                    let expected = try desk.list(scan, actor: actor).map(\.number)
                    for tuning in tunings {
                        var f = scan
                        f.scansText = false
                        f.searchTuning = tuning
                        XCTAssertEqual(try desk.list(f, actor: actor).map(\.number), expected, "\(term) as \(role), \(offset)+\(limit), \(tuning)")
                    }
                    // The queue's page (open cases by due time) the same way.
                    var open = QueueQuery.openCases
                    open.search = term
                    open.scansText = true
                    let queued = try desk.queuePage(QueueQuery(filter: open), offset: offset, limit: limit, actor: actor)
                    open.scansText = false
                    open.searchTuning = tunings[0]
                    let planned = try desk.queuePage(QueueQuery(filter: open), offset: offset, limit: limit, actor: actor)
                    XCTAssertEqual(planned.rows.map(\.number), queued.rows.map(\.number), "queue \(term) as \(role)")
                    XCTAssertEqual(planned.total, queued.total, "queue count \(term) as \(role)")
                }
            }
        }
        var f = CaseFilter()
        f.search = "customer"
        XCTAssertEqual(try desk.list(f, actor: Actor(name: "wangmin")).filter { $0.summary.contains("\u{017F}") }.count, 0,
                       "ſ is no s to the rule")
    }

    /// A bounded count (`console list`'s footer) is the scan's count when that is at most the
    /// bound and "more than the bound" otherwise, for every role, whichever way it is reached:
    /// stopped in the index, read over the newest cases in steps, or given back to the exact count.
    func testBoundedCountsAgreeWithAScan() throws {
        let (desk, _, _) = try desk()
        let terms = ["险", "保", "。", "退保", "客户", "航班延误", "举报", "虚增保费", "customer", "CUSTOMER", "cuſtomer", "KIND",
                     "e", "E", "wants a", "-", "欧阳娜娜", "13912345678", "地震险", "TS-2026"]
        let tunings = [SearchTuning.standard, SearchTuning(probe: 10, countStep: 7, countBudget: 60), SearchTuning(probe: 1, countStep: 1, countBudget: 1_000_000)]
        var bounded = 0, exact = 0
        for term in terms {
            for role in Self.roles {
                let actor = Actor(name: role)
                var scan = CaseFilter()
                scan.search = term
                scan.scansText = true
                let scanned = try desk.count(scan, actor: actor)
                for cap in Set([1, 5, 40, 200, 100_000, scanned - 1, scanned, scanned + 1]) where cap > 0 {
                    let expected: MatchCount = scanned > cap ? .moreThan(cap) : .exactly(scanned)
                    for tuning in tunings {
                        var f = scan
                        f.scansText = false
                        f.searchTuning = tuning
                        let got = try desk.count(f, atMost: cap, actor: actor)
                        XCTAssertEqual(got, expected, "\(term) as \(role), at most \(cap), \(tuning)")
                        if got.isExact { exact += 1 } else { bounded += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(bounded, 100)
        XCTAssertGreaterThan(exact, 100)
    }

    /// A plain term is one the index answers exactly: no digits, no identifier character at its
    /// ends, no line feed, no letters that fold differently.
    func testPlainTerms() {
        for t in ["退保", "险", "CUSTOMER", "prefers e-mail", "wants a", "expect", "。"] { XCTAssertTrue(CaseSearch.isPlainText(t), t) }
        for t in ["TS-2026", "-abc", "abc-", "x1", "X", "a\nb", "(a", "a+b", "É", "Жж", "13812345678", "ab\u{FFFC}"] {
            XCTAssertFalse(CaseSearch.isPlainText(t), t)
        }
    }

    /// SQLite's trigram tokenizer folds no character without case into another, and folds into
    /// ASCII only the characters `CaseTextIndex.foldsIntoASCII` lists: what lets a count of a
    /// plain term come from the index (docs/search-index.md).
    func testTheTokenizerFoldsAsTheCountAssumes() throws {
        let db = try DatabaseQueue()
        var foldsIntoASCII: Set<Unicode.Scalar> = []
        try db.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram'); CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
            let insert = try db.makeStatement(sql: "INSERT INTO t(rowid, x) VALUES (?, ?)")
            for value in UInt32(0x80)..<0x20000 {
                guard let u = Unicode.Scalar(value) else { continue }
                try insert.execute(arguments: [Int64(value), String(u) + "zz"])
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT doc, term FROM v")
            while let row = try rows.next() {
                let u = Unicode.Scalar(UInt32(row[0] as Int64))!
                let folded = (row[1] as String).unicodeScalars.first!
                guard folded != u else { continue }
                XCTAssertFalse(CaseSearch.foldsAlike(u), "U+\(String(u.value, radix: 16)) is folded, so no plain term holds it")
                if folded.isASCII { foldsIntoASCII.insert(u) } else { XCTAssertFalse(CaseSearch.foldsAlike(folded), "U+\(String(u.value, radix: 16))") }
            }
        }
        XCTAssertEqual(foldsIntoASCII, Set(CaseTextIndex.foldsIntoASCII))
    }

    /// Edits go through the triggers: the index forgets the old text and learns the new.
    func testTheIndexFollowsEditsAndPurges() throws {
        let (desk, _, _) = try desk()
        try desk.store.write { db in
            try db.execute(sql: "UPDATE cases SET summary = '暴雪导致车辆受损' WHERE summary = '航班延误'")
        }
        XCTAssertEqual(try search(desk, "航班延误", "admin", scan: false).0, try search(desk, "航班延误", "admin", scan: true).0)
        XCTAssertEqual(try search(desk, "暴雪导致", "admin", scan: false).1, 1)
        XCTAssertEqual(try search(desk, "暴雪", "admin", scan: false).1, 1)
        try desk.store.write { db in try db.execute(sql: "UPDATE cases SET summary = '其他诉求', details = details || '补充' WHERE summary = '暴雪导致车辆受损'") }
        XCTAssertEqual(try search(desk, "暴雪", "admin", scan: false).1, 0)
        let integrity = try desk.store.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM case_text WHERE case_text MATCH '\"暴雪导\"'") }
        XCTAssertNil(integrity, "the old text is gone from the index")
    }

    /// The open cases' index holds the open cases and nothing else, with their current text,
    /// whatever writes them: a case closed, withdrawn, reopened, edited while open and while
    /// closed, and deleted. After each step the index's documents are the open cases, and the
    /// queue's search answers as a scan does.
    func testTheOpenCasesIndexHoldsExactlyTheOpenCases() throws {
        let (desk, _, _) = try desk()
        let open = "status IN \(CaseStatus.openSQLList)"
        func check(_ step: String) throws {
            let (indexed, cases) = try desk.store.read { db in
                (try Int64.fetchAll(db, sql: "SELECT rowid FROM case_open_text ORDER BY rowid"),
                 try Int64.fetchAll(db, sql: "SELECT id FROM cases WHERE \(open) ORDER BY id"))
            }
            XCTAssertEqual(indexed, cases, "after \(step)")
            for term in ["航班延误", "暴雪", "暴雪导致", "退保", "保", "customer", "客户", "Refund"] {
                var f = QueueQuery.openCases
                f.search = term
                f.scansText = true
                let scanned = try desk.queuePage(QueueQuery(filter: f), offset: 0, limit: 500, actor: Actor(name: "admin"))
                f.scansText = false
                let planned = try desk.queuePage(QueueQuery(filter: f), offset: 0, limit: 500, actor: Actor(name: "admin"))
                XCTAssertEqual(planned.rows.map(\.number), scanned.rows.map(\.number), "\(term) after \(step)")
                XCTAssertEqual(planned.total, scanned.total, "count of \(term) after \(step)")
            }
        }
        try check("the demo")
        let (someOpen, someClosed) = try desk.store.read { db in
            (try Int64.fetchAll(db, sql: "SELECT id FROM cases WHERE \(open) ORDER BY id LIMIT 6"),
             try Int64.fetchAll(db, sql: "SELECT id FROM cases WHERE NOT \(open) ORDER BY id LIMIT 3"))
        }
        XCTAssertEqual(someOpen.count, 6)
        XCTAssertEqual(someClosed.count, 3)
        let steps: [(String, String, [DatabaseValueConvertible])] = [
            ("a close", "UPDATE cases SET status = 'closed' WHERE id = ?", [someOpen[0]]),
            ("a withdrawal", "UPDATE cases SET status = 'withdrawn' WHERE id = ?", [someOpen[1]]),
            ("a reopening", "UPDATE cases SET status = 'received' WHERE id = ?", [someClosed[0]]),
            ("an edit while open", "UPDATE cases SET summary = '暴雪导致车辆受损' WHERE id = ?", [someOpen[2]]),
            ("an edit and a move", "UPDATE cases SET summary = '暴雪 customer', status = 'investigating' WHERE id = ?", [someOpen[3]]),
            ("an edit while closed", "UPDATE cases SET summary = '暴雪封路' WHERE id = ?", [someClosed[1]]),
            ("a reopening after an edit", "UPDATE cases SET status = 'contacted' WHERE id = ?", [someClosed[1]]),
            ("a write that changes no text", "UPDATE cases SET handler = handler WHERE id = ?", [someOpen[4]]),
            // A copy without events (a case with events cannot be deleted), then its deletion.
            ("an insert", """
                CREATE TEMP TABLE copy AS SELECT * FROM cases WHERE id = ?;
                UPDATE copy SET id = (SELECT max(id) + 1 FROM cases), number = 'TS-20260217-9999';
                INSERT INTO cases SELECT * FROM copy;
                DROP TABLE copy
                """, [someOpen[5]]),
            ("a deletion", "DELETE FROM cases WHERE number = 'TS-20260217-9999'", []),
        ]
        for (step, sql, arguments) in steps {
            try desk.store.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments)) }
            try check(step)
        }
    }

    /// A free-text search reads the index, not every case (docs/search-index.md).
    func testAFreeTextSearchIsNoScan() throws {
        let (desk, _, _) = try desk()
        try desk.store.read { db in
            for q in ["航班延误", "延误", "退", "Manager", "TS-20260217", "欧阳娜娜"] {
                var f = CaseFilter(); f.search = q
                let parts = FilterSQL(f)
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM cases" + parts.whereSQL,
                                            arguments: CaseRecords.arguments(parts.values)).map { $0["detail"] as String }.joined(separator: " | ")
                XCTAssertFalse(plan.contains("SCAN cases"), "\(q): \(plan)")
            }
        }
    }
}
