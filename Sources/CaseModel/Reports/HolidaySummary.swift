import Foundation
import GRDB

/// The holiday summary 定期汇总 for a range of days (`console report summary`).
///
/// Volumes per day and per hour, by category and severity; breaches; crisis events; top issues;
/// the open backlog at the end. The volumes, mix, products and top summaries come from one read of the
/// window's cases (`HolidayVolumes`); the other parts are SQL aggregates over the due, crisis and
/// finishing indexes, so a 10-day window of a large desk stays fast.
///
/// Definitions: volumes count cases received in the window (desk time, +08:00). Breaches are the
/// cases received before the window's end that are open now and whose nearest stage due time
/// (`next_due_at`) falls before the window's end (the console's `list --state breach`, cut at the
/// window's end). The backlog at the end counts cases received before the end that were neither
/// closed nor withdrawn before it (from their `closed_at`/`withdrawn_at`; venting included).
public struct HolidaySummary: Sendable {
    public var period: ReportPeriod
    public var total: Int
    /// (date, count) for every day of the window, zeros included.
    public var perDay: [(String, Int)]
    /// Count for every hour of the window (days × 24), in order; the first is 00:00 of the first day.
    public var perHour: [Int]
    /// Counts by hour of day 0–23, summed over the window.
    public var hourOfDay: [Int]
    public var byCategory: Breakdown
    public var bySeverity: Breakdown
    public var breaches: Int
    /// Crisis events that occurred in the window: (id, title, status, cases).
    public var crisisEvents: [(Int64, String, String, Int)]
    /// The most frequent products and summaries (top 10 each).
    public var topProducts: [(String, Int)]
    public var topSummaries: [(String, Int)]
    public var backlogAtEnd: Int

    /// The definitions, printed under the report.
    public static let definitions = [
        "volumes: cases received in the window (received_at, +08:00)",
        "breaches: cases received before the window's end, open now, with next_due_at before the window's end",
        "backlog at end: cases received before the end, not closed and not withdrawn before the end",
        Shares.rule,
    ]

    /// Computes the summary.
    /// Computes the summary as `actor` may see it: report cases (举报件) count only for those who may see them.
    public static func compute(_ desk: CaseDesk, period: ReportPeriod, actor: Actor) throws -> HolidaySummary {
        try desk.store.read { db in
            let visibility = CaseVisibility.of(try Permissions.require(.readReports, actor, db).role)
            let hidden = visibility.sqlCondition.map { " AND " + $0 } ?? ""
            let from = period.start.seconds, to = period.end.seconds
            let args: StatementArguments = [from, to]
            let range = "received_at >= ? AND received_at < ?\(hidden)"
            // One read of the window's cases, in received order, gives the hours, the mix, the
            // products and the top summaries, each counted apart in its own small table instead of
            // a GROUP BY per figure (docs/bulk-data.md, "Reports").
            let volumes = try HolidayVolumes.read(hours: period.days * 24, from: from, range: range, args: args, db)
            let hours = volumes.hours
            var perDay: [(String, Int)] = []
            var hourOfDay = [Int](repeating: 0, count: 24)
            for d in 0..<period.days {
                perDay.append((period.first.adding(days: d).iso, hours[(d * 24)..<(d * 24 + 24)].reduce(0, +)))
                for h in 0..<24 { hourOfDay[h] += hours[d * 24 + h] }
            }
            let byCategory = Breakdown(dimension: .category, counts: volumes.categories.map { ($0.key, $0.value) })
            let bySeverity = Breakdown(dimension: .severity, counts: volumes.severities.map { ($0.key, $0.value) })
            let breaches = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE \(Schema.openCondition) AND next_due_at < ? AND received_at < ?\(hidden)",
                                            arguments: [to, to]) ?? 0
            // An event counts the cases the reader may see, and is left out when there are none.
            let crisisCases = "SELECT count(*) FROM crisis_cases x JOIN cases c ON c.id = x.case_id WHERE x.event_id = e.id\(visibility.sqlCondition(alias: "c").map { " AND " + $0 } ?? "")"
            let crisis = try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT e.id, e.title, e.status, (\(crisisCases)) AS n, e.occurred_at
                FROM crisis_events e WHERE e.occurred_at >= ? AND e.occurred_at < ?) WHERE n > 0 ORDER BY occurred_at, id
                """, arguments: args).map { row in
                    let s = StoredRow(row, "crisis_events") { "crisis event \(StoredRow.name(row[0] as DatabaseValue))" }
                    return (try s.id(0, "id"), Masking.maskText(try s.text(1, "title")), try s.text(2, "status"), try s.count(3, "cases"))
                }
            // Free text in a report is shown masked like everywhere else (docs/personal-data.md).
            // Largest count first, then the text in SQLite's order (its bytes), as the query orders them.
            let topProducts = volumes.products.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .prefix(10).map { (Masking.maskText($0.key), $0.value) }
            func top(_ column: String) throws -> [(String, Int)] {
                try Row.fetchAll(db, sql: "SELECT \(column) AS k, count(*) AS n FROM cases WHERE \(range) AND \(column) <> '' GROUP BY k ORDER BY n DESC, k LIMIT 10",
                                 arguments: args).map { row in
                    let s = StoredRow(row, "cases") { StoredRow.caseWhere("\(column) IS ?", [row[0]], db) }
                    return (Masking.maskText(try s.text(0, column)), try s.count(1, "count"))
                }
            }
            // Not closed and not withdrawn before the end, counted in three disjoint parts that
            // each read a small index range instead of every case of the desk's history: never
            // closed nor withdrawn; closed at or after the end (and not withdrawn before it); not
            // closed and withdrawn at or after the end.
            let backlog = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM cases WHERE closed_at IS NULL AND withdrawn_at IS NULL AND received_at < ?1\(hidden))
                     + (SELECT count(*) FROM cases WHERE closed_at >= ?1 AND (withdrawn_at IS NULL OR withdrawn_at >= ?1) AND received_at < ?1\(hidden))
                     + (SELECT count(*) FROM cases WHERE closed_at IS NULL AND withdrawn_at >= ?1 AND received_at < ?1\(hidden))
                """, arguments: [to]) ?? 0
            return HolidaySummary(period: period, total: hours.reduce(0, +), perDay: perDay, perHour: hours, hourOfDay: hourOfDay,
                                  byCategory: byCategory, bySeverity: bySeverity, breaches: breaches, crisisEvents: crisis,
                                  topProducts: topProducts, topSummaries: try volumes.topSummaries.map { $0.map { (Masking.maskText($0.0), $0.1) } } ?? top("summary"),
                                  backlogAtEnd: backlog)
        }
    }

    /// JSON-ready form.
    public var object: [String: Any] {
        ["from": period.first.iso, "to": period.last.iso, "total": total,
         "per_day": perDay.map { ["date": $0.0, "count": $0.1] as [String: Any] },
         "per_hour": perHour, "hour_of_day": hourOfDay,
         "by_category": byCategory.object, "by_severity": bySeverity.object, "breaches": breaches,
         "crisis_events": crisisEvents.map { ["id": $0.0, "title": $0.1, "status": $0.2, "cases": $0.3] as [String: Any] },
         "top_products": topProducts.map { ["product": $0.0, "count": $0.1] as [String: Any] },
         "top_summaries": topSummaries.map { ["summary": $0.0, "count": $0.1] as [String: Any] },
         "backlog_at_end": backlogAtEnd, "definitions": HolidaySummary.definitions]
    }
}
