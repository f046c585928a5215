import ArgumentParser
import CaseModel
import Foundation

/// `console demo`: fill a database with a realistic holiday week.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Fill a database with a realistic Spring Festival week (reproducible by --seed).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "How many cases (default 5,000; up to millions of history).") var cases: Int = 5000
    @Option(help: "Random seed (same seed, same data).") var seed: UInt64 = 20260216
    @Option(help: "First day of the holiday window.") var from: String = "2026-02-13"
    @Option(help: "Last day of the holiday window.") var to: String = "2026-02-23"
    @Option(help: "Instead of filling the database, write the cases as an import CSV to this file.") var csv: String?

    func run() throws {
        let a = try CivilDate.read(from, field: "--from"), b = try CivilDate.read(to, field: "--to")
        guard a <= b else { throw CommandFailure("--to: not a date on or after --from: \"\(to)\"", "--to：不是 --from 当天或之后的日期：\"\(to)\"", code: 2) }
        try DeskBounds.check(cases, in: 1...10_000_000, field: "--cases")
        if let csv {
            let n = try DemoGenerator(seed: seed, cases: cases, from: a, to: b).writeImportCSV(to: csv)
            print(OutputLanguage.say("wrote \(n) case(s) to \(csv)", "已写 \(n) 件案件到 \(csv)"))
            return
        }
        let desk = try global.openDesk(quiet: true, create: true)
        let started = Date()
        let progress = ProgressLine("demo", unit: "cases", total: cases, quiet: global.quiet)
        let summary = try withExtendedLifetime(progress) {
            defer { progress.finish() }
            return try DemoGenerator(seed: seed, cases: cases, from: a, to: b).fill(desk, actor: global.actor, progress: progress.sink)
        }
        let seconds = Date().timeIntervalSince(started)
        print("demo: \(summary.cases) cases (\(summary.open) open), \(summary.users) users, \(summary.events) events in \(String(format: "%.1f", seconds)) s → \(desk.store.path)")
    }
}
