import GRDB
import XCTest
@testable import CaseModel

/// The search rule's shortcut (`CaseSearch.cannotTouchIdentifier`): for a term that cannot overlap
/// an identifier, `LIKE` alone decides, and it must decide exactly as the full rule does — the
/// term found in the text with the identifiers taken out (`Masking.redactedForSearch`).
final class SearchRuleTests: XCTestCase {
    /// Seeded texts mixing Chinese, English in both cases and identifiers (phones, ID numbers,
    /// policy numbers, dates); seeded terms cut from them, with and without identifier characters.
    func testTheRuleMatchesTheTextWithoutItsIdentifiersForEveryTerm() throws {
        let rng = SeededRandomness(seed: 2026)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let pieces = ["客户", "要求退保", "理赔被拒", "电话", "13812345678", "身份证110101199003070011", "保单P4400123456",
                      "Customer", "CUSTOMER wants", "refund", "2026-02-17", "卡号6222 0212 3456 7890", "X光", "x-ray",
                      "（", "）", " ", "-", "+86 139 1234 5678", "。", "e", "Ex", "退", "保", "号码"]
        let queue = try DatabaseQueue()
        try queue.write { db in
            db.add(function: CaseSearch.textFunction)
            try db.execute(sql: "CREATE TABLE cases (number TEXT, summary TEXT, details TEXT, product TEXT, demand TEXT, resolution TEXT)")
        }
        var texts: [String] = []
        for _ in 0..<300 {
            texts.append((0..<(1 + Int(rng.next() % 6))).map { _ in pick(pieces) }.joined())
        }
        try queue.write { db in
            for t in texts {
                try db.execute(sql: "INSERT INTO cases VALUES ('', ?, '', '', '', '')", arguments: [t])
            }
        }
        var terms = ["客户", "退保", "退", "customer", "WANTS", "e", "x", "X光", "光", "号码", "电话1", "8", "0212", "-02-", "（", "Ex"]
        for _ in 0..<200 {
            let text = Array(pick(texts))
            let start = Int(rng.next() % UInt64(text.count))
            var term = String(text[start..<min(text.count, start + 1 + Int(rng.next() % 5))])
            if rng.next() % 3 == 0 { term = term.uppercased() }
            terms.append(term)
        }
        var shortcuts = 0, hits = 0
        for term in terms {
            if CaseSearch.cannotTouchIdentifier(term) { shortcuts += 1 }
            let rule = CaseSearch.textCondition(term)
            let matched = try queue.read { db in
                try Bool.fetchAll(db, sql: "SELECT \(rule.sql) FROM cases ORDER BY rowid", arguments: CaseRecords.arguments(rule.values))
            }
            for (text, found) in zip(texts, matched) {
                let expected = Self.bytes(Masking.redactedForSearch(text), contain: term)
                XCTAssertEqual(found, expected, "\(term) in \(text)")
                if found { hits += 1 }
            }
        }
        // The test means something only if both kinds of term and both answers occurred.
        XCTAssertGreaterThan(shortcuts, 50)
        XCTAssertGreaterThan(terms.count - shortcuts, 20)
        XCTAssertGreaterThan(hits, 500)
    }

    func testWhichTermsTakeTheShortcut() {
        XCTAssertTrue(CaseSearch.cannotTouchIdentifier("退保"))
        XCTAssertTrue(CaseSearch.cannotTouchIdentifier("Customer"))
        XCTAssertFalse(CaseSearch.cannotTouchIdentifier("prefers e-mail"))   // a space and a dash are separators
        XCTAssertFalse(CaseSearch.cannotTouchIdentifier("X光"))               // X ends ID numbers
        XCTAssertFalse(CaseSearch.cannotTouchIdentifier("电话1"))
        XCTAssertFalse(CaseSearch.cannotTouchIdentifier("\u{FFFC}"))
        XCTAssertFalse(CaseSearch.cannotTouchIdentifier(""))
    }

    /// Whether `text` holds `term` byte for byte, ASCII letters folded (as `LIKE` and the rule fold them).
    private static func bytes(_ text: String, contain term: String) -> Bool {
        func fold(_ s: String) -> [UInt8] { s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 } }
        let t = fold(text), w = fold(term)
        guard !w.isEmpty else { return true }
        guard t.count >= w.count else { return false }
        return (0...(t.count - w.count)).contains { i in t[i..<(i + w.count)].elementsEqual(w) }
    }
}
