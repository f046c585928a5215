import Foundation
import GRDB

/// The holiday summary's counts of a window's cases: per hour, per category, per severity, per
/// product, and the ten most frequent summaries (`HolidaySummary`).
///
/// Read once, in received order (docs/bulk-data.md, "Reports"). `fast` reads the rows with
/// SQLite's column calls and counts texts by slot (`RawScan`, `TextSlots`); `checked` reads them
/// through `StoredRow` (the summaries are then grouped in SQL), and runs when a row is not of the
/// ordinary shape, so a bad value is named exactly as before.
struct HolidayVolumes {
    var hours: [Int]
    var categories: [String: Int] = [:]
    var severities: [String: Int] = [:]
    /// Non-empty products.
    var products: [String: Int] = [:]
    /// The ten most frequent summaries, largest count first, then the text in SQLite's order
    /// (its bytes); unmasked. Nil from the checked read: the summary groups them in SQL.
    var topSummaries: [(String, Int)]?

    /// The counts of the cases received in `[from, to)` (`range` and `args` select them).
    static func read(hours: Int, from: Int64, range: String, args: StatementArguments, _ db: Database) throws -> HolidayVolumes {
        if let v = try fast(hours: hours, from: from, range: range, args: args, db) { return v }
        return try checked(hours: hours, from: from, range: range, args: args, db)
    }

    /// The fast read; nil when a row is not of the ordinary shape (`RawScan.Irregular`).
    static func fast(hours n: Int, from: Int64, range: String, args: StatementArguments, _ db: Database) throws -> HolidayVolumes? {
        var v = HolidayVolumes(hours: [Int](repeating: 0, count: n))
        var slots = [TextSlots<Void>](repeating: TextSlots { _ in }, count: 4)
        var counts = [[Int]](repeating: [], count: 4)
        do {
            // The received-time index carries kind, category, severity and product; the summary
            // is read from the case row.
            try RawScan.each(db, sql: "SELECT received_at, category, severity, product, summary FROM cases WHERE \(range)", arguments: args) { r in
                let h = Int(clamping: (try r.instant(0) - from) / 3600)
                if h >= 0 && h < n { v.hours[h] += 1 }
                for c in 0..<3 { bump(&counts[c], slots[c].slot(try r.text(Int32(c + 1)))) }
                // As SQLite groups it: every byte (a summary is shown cut at a NUL, as read).
                let summary = try r.wholeText(4)
                if summary.count > 0 { bump(&counts[3], slots[3].slot(summary)) }
            }
        } catch is RawScan.Irregular {
            return nil
        }
        func merged(_ c: Int) -> [String: Int] {
            var out: [String: Int] = [:]
            for (k, x) in counts[c].enumerated() where x > 0 { out[slots[c].strings[k], default: 0] += x }
            return out
        }
        v.categories = merged(0)
        v.severities = merged(1)
        v.products = merged(2).filter { !$0.key.isEmpty }
        let top = counts[3].indices.filter { counts[3][$0] > 0 }.sorted { a, b in
            counts[3][a] != counts[3][b] ? counts[3][a] > counts[3][b] : slots[3].bytes(a).lexicographicallyPrecedes(slots[3].bytes(b))
        }.prefix(10)
        v.topSummaries = top.map { k in
            let s = slots[3].strings[k]
            return (String(String.UnicodeScalarView(s.unicodeScalars.prefix { $0 != "\0" })), counts[3][k])
        }
        return v
    }

    private static func bump(_ a: inout [Int], _ k: Int) {
        if k >= a.count { a += [Int](repeating: 0, count: k + 1 - a.count) }
        a[k] += 1
    }

    /// The read through `StoredRow`; the summaries are left to SQL (`HolidaySummary`).
    static func checked(hours n: Int, from: Int64, range: String, args: StatementArguments, _ db: Database) throws -> HolidayVolumes {
        var v = HolidayVolumes(hours: [Int](repeating: 0, count: n))
        let cursor = try Row.fetchCursor(db, sql: "SELECT received_at, category, severity, product, id FROM cases WHERE \(range)", arguments: args)
        while let r = try cursor.next() {
            let s = StoredRow(r, "cases") { StoredRow.caseWhere("id = ?", [r[4]], db) }
            let h = Int(clamping: (try s.instant(0, "received_at").seconds - from) / 3600)
            if h >= 0 && h < n { v.hours[h] += 1 }
            let category = try s.text(1, "category"), severity = try s.text(2, "severity")
            v.categories[category, default: 0] += 1
            v.severities[severity, default: 0] += 1
            let product = try s.text(3, "product")
            if !product.isEmpty { v.products[product, default: 0] += 1 }
        }
        return v
    }
}
