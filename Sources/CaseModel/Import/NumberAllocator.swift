import GRDB

/// Hands out case numbers during a bulk write without a round trip per case: counters are read
/// once per day and written back at the end of the same transaction.
final class NumberAllocator {
    private var last: [String: Int] = [:]
    private var dirty: Set<String> = []

    /// The next number for a received instant.
    func next(for receivedAt: Instant, _ db: Database) throws -> String {
        let date = DeskTime.standard.civil(receivedAt).date
        let day = "\(date.year)\(pad2(date.month))\(pad2(date.day))"
        var n: Int
        if let cached = last[day] {
            n = cached
        } else {
            let row = try Row.fetchOne(db, sql: "SELECT last FROM case_sequences WHERE day = ?", arguments: [day])
            n = try row.map { try StoredRow($0, "case_sequences") { "the case numbers of \(day)" }.count(0, "last") } ?? 0
        }
        n += 1
        last[day] = n
        dirty.insert(day)
        return CaseNumber.format(day: day, sequence: n)
    }

    /// Writes the counters back (call before the transaction commits).
    func save(_ db: Database) throws {
        for day in dirty { try CaseNumberTable.setLast(day: day, last[day]!, db) }
        dirty.removeAll()
    }
}
