import Foundation

extension DemoGenerator {
    /// The columns of a demo import file (the intake fields).
    public static let importColumns = [
        "received_at", "channel", "branch", "source", "name", "phone", "id_number", "policy_number", "claim_number",
        "line", "product", "category", "kind", "summary", "details", "demand", "people", "potential_loss",
        "regulator_involved", "media_involved", "online_exposure",
    ]

    /// Writes `cases` new complaints as an import CSV (for trying `console import` and for the
    /// import benchmark): the demo's mix, spread over the window, no workflow progress.
    public func writeImportCSV(to path: String) throws -> Int {
        var rng = DemoRandom(seed: seed)
        let t = DeskTime.standard
        let start = t.instant(CivilDateTime(date: from, hour: 0, minute: 0)).seconds
        let span = max(1, to.daysSinceEpoch - from.daysSinceEpoch + 1) * 86_400
        let writer = try CSVWriter(path: path)
        try writer.writeRow(DemoGenerator.importColumns)
        var times = (0..<cases).map { _ in start + Int64(rng.int(0...Int(span - 1))) }
        times.sort()
        for s in times {
            let c = makeCase(&rng, at: Instant(seconds: s), inWindow: true, group: false)
            let p = c.complainant
            try writer.writeRow([
                t.format(c.receivedAt), c.channel.rawValue, c.branch, c.source.rawValue, p.name, p.phone, p.idNumber,
                p.policyNumber, p.claimNumber, c.line.rawValue, c.product, c.category.rawValue, c.kind.rawValue,
                c.summary, c.details, c.demand, String(c.peopleInvolved), String(Int(c.potentialLoss)),
                c.regulatorInvolved ? "1" : "0", c.mediaInvolved ? "1" : "0", c.onlineExposure ? "1" : "0",
            ])
        }
        try writer.flush()
        return cases
    }
}
