import CaseModel
import Foundation
import GRDB

/// `benchmarks search DB`: searches as `console list --search` makes them (the first 200 by due
/// time and the count), in process, on a real desk (issue 19: under 20 ms on 1,000,000 cases).
enum SearchBenchmarks {
    static func run(db path: String) throws {
        let store = try CaseStore(path: path, readOnly: true)
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse("2026-02-17T21:30:00+08:00")!))
        // A team lead of the demo desk: report cases hidden, as for most readers.
        let lead = Actor(name: "wangmin")
        let (total, phone, number, policy, name) = try store.read { db -> (Int, String, String, String, String) in
            let row = try Row.fetchOne(db, sql: "SELECT phone, number, policy_number, name FROM cases WHERE kind <> 'report' AND policy_number <> '' ORDER BY id LIMIT 1 OFFSET 500000")
                ?? Row.fetchOne(db, sql: "SELECT phone, number, policy_number, name FROM cases LIMIT 1")!
            return (try CaseRecords.count(CaseFilter(), db), row[0], row[1], row[2], row[3])
        }
        print("database: \(path): \(total) cases")
        let terms: [(String, String)] = [
            ("whole phone", phone), ("case number", number), ("policy number", policy), ("whole name", name),
            ("part of a case number", String(number.prefix(12))),
            ("1 character", "险"), ("2 characters", "退保"), ("3 characters", "退保金"), ("4 characters", "航班延误"),
            ("9 characters", "航班延误险理赔被拒"), ("English words", "prefers e-mail"), ("English, any case", "CUSTOMER"),
            ("nowhere on the desk", "地震险"), ("digits inside identifiers", "2604840"),
            ("1 character, English", "e"), ("2 characters, common", "客户"), ("one letter with case", "É"),
        ]
        // Each term as `list --search` makes it (the page of 200 by due time, then the count,
        // timed apart), as the queue's `/` makes it on the open cases, and — with
        // BENCH_BEFORE=1 — without the frequent-term plans (every candidate read) in the same run,
        // the answers compared.
        let before = ProcessInfo.processInfo.environment["BENCH_BEFORE"] == "1"
        // BENCH_TERM=退保 measures that term alone (for a profiler).
        let only = ProcessInfo.processInfo.environment["BENCH_TERM"]
        for (label, term) in terms where only == nil || only == term {
            var results: [String] = []
            for plans in before ? [true, false] : [true] {
                var f = CaseFilter()
                f.search = term
                f.limit = 200
                f.frequentTermPlans = plans
                var found: [String] = [], count = 0
                let page = try Timing.samples(plans ? 7 : 3) { found = try desk.list(f, actor: lead).map(\.number) }
                let counted = try Timing.samples(plans ? 7 : 3) { count = try desk.count(f, actor: lead) }
                var bounded = MatchCount.exactly(0)
                let footer = try Timing.samples(plans ? 7 : 3) { bounded = try desk.count(f, atMost: 1_000, actor: lead) }
                results.append("\(found)/\(count)")
                print(String(format: "search %-26@ %@ %@ (%d shown of %d): page %@; count %@; list's count (%@%d) %@", label as NSString, term, plans ? "now   " : "before",
                             found.count, count, Timing.median(page), Timing.median(counted), bounded.isExact ? "" : "> ", bounded.value, Timing.median(footer)))
            }
            if results.count > 1, results[0] != results[1] { print("  MISMATCH between the plans for \(term)") }
            var open = QueueQuery()
            open.filter.search = term
            var total = 0
            let queue = try Timing.samples(7) { total = try desk.queuePage(open, offset: 0, limit: 60, actor: lead).total }
            print(String(format: "  queue / on open cases (%d): %@", total, Timing.summary(queue)))
        }
    }
}
