import CaseModel
import Foundation

/// Mapped import (issue 9): a generated US-style complaint export through a mapping, into a
/// fresh database — first import, re-import of the same file (every row unchanged) and a dry run —
/// with rows per second and the process's peak resident memory.
enum MappedImportBenchmark {
    static let header = "Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,Company response to consumer,Timely response?,Consumer disputed?,Complaint ID\r\n"

    static let mapping = """
    source bench
    format csv
    encoding utf-8
    timezone +08:00
    id Complaint ID
    field received_at
      from Date received
      date yyyy/M/d
    field channel
      from Submitted via
      map Web -> web
      map Phone -> phone
      map Email -> email
      map Postal mail -> letter
      map Referral -> regulator
      unmapped reject
    field summary
      from Issue
      from Sub-issue
    field details
      from Consumer complaint narrative
    field product
      from Product
    field category
      from Product
      map Debt collection -> claims
      map Mortgage -> product
      unmapped default service
    field branch
      from State
    """

    /// Writes `rows` rows (or until `bytes` bytes) of a CFPB-style export to `path`; returns the row count.
    static func generate(path: String, rows: Int, bytes: Int = .max) throws -> Int {
        FileManager.default.createFile(atPath: path, contents: nil)
        let out = FileHandle(forWritingAtPath: path)!
        defer { try? out.close() }
        var buffer = Array(header.utf8)
        let products = ["Debt collection", "Mortgage", "Credit card or prepaid card", "Student loan", "Vehicle loan or lease"]
        let via = ["Web", "Web", "Web", "Phone", "Email", "Referral", "Postal mail"]
        let issues = ["Attempts to collect debt not owed", "Trouble during payment process", "Incorrect information on your report",
                      "Problem with a purchase shown on your statement", "Struggling to pay your loan"]
        let states = ["CA", "TX", "FL", "NY", "GA", "PA", "OH"]
        var written = buffer.count
        var n = 0
        var rng = UInt64(42)
        func next(_ k: Int) -> Int { rng = rng &* 6364136223846793005 &+ 1442695040888963407; return Int((rng >> 33) % UInt64(k)) }
        while n < rows && written < bytes {
            let day = 1 + next(28), month = 1 + next(12)
            let narrative = next(3) == 0 ? "" : "\"I called them \(next(9) + 1) times, and they said \"\"we cannot help\"\".\nNothing changed since \(month)/\(day).\""
            let line = "2025/\(month)/\(day),\(products[next(5)]),Sub \(next(40)),\(issues[next(5)]),Sub-issue \(next(30)),\(narrative),,COMPANY \(next(500)) INC.,\(states[next(7)]),\(10000 + next(89999)),,Consent provided,\(via[next(7)]),2025/\(month)/\(day),Closed with explanation,Yes,N/A,\(3_000_000 + n)\r\n"
            buffer += line.utf8
            n += 1
            if buffer.count > 1 << 20 { out.write(Data(buffer)); written += buffer.count; buffer.removeAll(keepingCapacity: true) }
        }
        out.write(Data(buffer))
        return n
    }

    /// CPU seconds used by the whole process (every thread).
    static func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func peakRSS() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { String($0).replacingOccurrences(of: "\t", with: " ") } ?? "?"
    }

    static func run(_ args: [String]) throws {
        if args.first == "gen", args.count == 3, let mb = Int(args[2]) {
            let n = try generate(path: args[1], rows: .max, bytes: mb << 20)
            try mapping.write(toFile: args[1] + ".map", atomically: true, encoding: .utf8)
            print("wrote \(n) rows (\(mb) MB) to \(args[1]) and its mapping to \(args[1]).map")
            return
        }
        let rows = Int(args.first ?? "") ?? 200_000
        let dir = NSTemporaryDirectory() + "mapped-import-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = dir + "/export.csv"
        _ = try generate(path: csv, rows: rows)
        let size = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
        let map = try MappingFileParser.parse(mapping, origin: "bench.map")
        let store = try CaseStore(path: dir + "/desk.sqlite")
        let desk = CaseDesk(store: store, clock: FixedClock(DeskTime.standard.parse("2026-02-16T10:00:00+08:00")!))
        let admin = Actor(name: "bench-admin")
        try desk.addUser(DeskUser(name: admin.name, displayName: admin.name, team: "", role: .administrator), actor: admin)
        try desk.addUser(DeskUser(name: "bench", displayName: "bench", team: "值班组", role: .operator_), actor: admin)
        let importer = MappedImporter(desk: desk)
        print("mapped import: \(rows) rows, \(size / 1_000_000) MB CSV, 18 columns, 8 mapped fields (2 value maps, 1 date format, 1 join)")
        for (label, configure) in [("first import (all created)", { (o: inout MappedImportOptions) in }),
                                   ("re-import, same file (all unchanged)", { (o: inout MappedImportOptions) in }),
                                   ("dry run", { (o: inout MappedImportOptions) in o.dryRun = true })] {
            var o = MappedImportOptions()
            configure(&o)
            let t0 = Timing.now(), c0 = cpu()
            let r = try importer.run(path: csv, mapping: map, options: o, actor: Actor(name: "bench"))
            let s = Timing.now() - t0, c = cpu() - c0
            // CPU time too: on a shared machine the wall clock mostly measures the neighbours.
            print(String(format: "  %@: %.2f s wall, %.0f rows/s; %.2f s CPU, %.0f rows per CPU-second (created %d, updated %d, unchanged %d, rejected %d)",
                         label, s, Double(rows) / s, c, Double(rows) / c, r.created, r.updated, r.unchanged, r.rejectedCount))
        }
        print("  peak resident memory: \(peakRSS())")
    }
}
