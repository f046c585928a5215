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
                     "P4400123456", "4400", "欧阳娜娜", "欧阳", "TS-2026", "jb-", "客户", "\"", "%", "_", "a\"b", "。", "Customer speaks"]
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
