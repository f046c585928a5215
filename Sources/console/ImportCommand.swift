import ArgumentParser
import CaseModel
import Foundation

/// `console import`: cases from CSV or JSON lines — our own columns, or another system's export
/// through a mapping file (dry run, idempotent re-import, `--infer` to start a mapping).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import cases from CSV (header row) or JSON lines; all or nothing unless --skip-bad.",
        discussion: """
        Without --mapping: UTF-8, a header row of case field names (the keys of `console show --json`, e.g. \
        received_at, channel, category, line, summary, phone), quoted fields may hold commas and newlines. \
        Export-only columns (number, status, ...) are ignored, and the ' that a CSV export puts before formula-like cells \
        is taken off again, so an export imports again exactly. JSON lines: one case object per line.

        With --mapping MAP: another system's export (CSV in UTF-8 or GB18030, or JSON lines) through a mapping \
        file that names its columns, value maps, date formats and constants (see mappings/example.map). Rows \
        carrying the source's id are remembered: importing the same or a later overlapping export again updates \
        changed cases and creates none twice. --dry-run reports what would happen and writes nothing. \
        `console import --infer FILE` prints a starting mapping for a person to edit.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file to import.") var file: String
    @Option(help: "csv or jsonl (default: from the file name; with --mapping, from the mapping).") var format: String?
    @Option(help: "A mapping file for another system's export.") var mapping: String?
    @Flag(help: "With --mapping: read and map everything, report what would be created, updated and rejected; write nothing.") var dryRun = false
    @Option(help: "With --mapping: skip rows received before this date or time (the mapped received_at), e.g. 2026-02-01.") var since: String?
    @Flag(help: "Print a starting mapping guessed from the file's header and sampled values, and exit.") var infer = false
    @Flag(help: "Import the good rows and write the bad ones, with reasons, to --rejects.") var skipBad = false
    @Option(help: "Where --skip-bad writes refused rows (default: FILE.rejects.csv / .jsonl).") var rejects: String?
    @Flag var json = false

    func validate() throws {
        if mapping == nil && (dryRun || since != nil) {
            throw CommandLineProblem.usage("--dry-run and --since need --mapping (a mapped import)", "--dry-run 和 --since 须与 --mapping 同用（按映射导入）")
        }
        if infer && (mapping != nil || dryRun || skipBad) {
            throw CommandLineProblem.usage("--infer only prints a mapping; run it alone", "--infer 只打印映射，请单独使用")
        }
    }

    func run() throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw CommandFailure("\(file): cannot read the file", "\(file)：无法读取该文件", code: 2) }
        if infer {
            do { print(try MappingInference.infer(path: file), terminator: "") } catch {
                throw CommandFailure("\(file): \(error)", "\(file)：\(error)", code: 2)
            }
            return
        }
        if let mapping { return try runMapped(mapping) }
        let fmt: ImportFormat?
        if let format {
            guard let f = ImportFormat(rawValue: format) else { throw CommandFailure("--format: expected csv or jsonl, got \"\(format)\"", "--format：应为 csv 或 jsonl，收到 \"\(format)\"", code: 2) }
            fmt = f
        } else { fmt = nil }
        let kind = fmt ?? ImportFormat.guess(file)
        let rejectsPath = rejects ?? file + (kind == .csv ? ".rejects.csv" : ".rejects.jsonl")
        let desk = try global.openDesk()
        do {
            let progress = ProgressLine("importing", unit: "rows", quiet: global.quiet)
            let report: ImportReport
            do {
                defer { progress.finish() }
                report = try CaseImporter(desk: desk).run(path: file, format: fmt, skipBad: skipBad, rejectsPath: rejectsPath,
                                                          actor: global.actor, progress: progress.sink)
            }
            if json {
                print(CaseJSON.text(["file": file, "created": report.created, "rejected": report.rejectedCount,
                                     "rejects_file": report.rejectsFile ?? NSNull()] as [String: Any]))
            } else {
                print(OutputLanguage.say("imported \(report.created) case(s) from \(file)", "从 \(file) 导入 \(report.created) 件案件"))
                if report.rejectedCount > 0 {
                    print(OutputLanguage.say("refused \(report.rejectedCount) row(s), written with reasons to \(report.rejectsFile ?? "-"):", "拒收 \(report.rejectedCount) 行，连同原因写入 \(report.rejectsFile ?? "-")："))
                    for e in report.errors.prefix(20) { print("  \(e)") }
                }
            }
        } catch let refused as ImportRefused {
            throw CommandFailure(message: refused.description, code: 2)
        }
    }

    private func runMapped(_ mappingPath: String) throws {
        var map: ImportMapping
        do { map = try MappingFileParser.load(path: mappingPath) } catch let e as MappingFileError {
            throw CommandFailure(message: e.description, code: 2)
        }
        if let format {
            guard let f = ImportFormat(rawValue: format) else { throw CommandFailure("--format: expected csv or jsonl, got \"\(format)\"", "--format：应为 csv 或 jsonl，收到 \"\(format)\"", code: 2) }
            map.format = f
        }
        var options = MappedImportOptions()
        options.dryRun = dryRun
        options.skipBad = skipBad
        options.rejectsPath = rejects ?? file + (map.format == .csv ? ".rejects.csv" : ".rejects.jsonl")
        if let since {
            options.since = try DeskTime.standard.read(since, field: "--since")
        }
        let desk = try global.openDesk()
        do {
            let report = try MappedImporter(desk: desk).run(path: file, mapping: map, options: options, actor: global.actor)
            if json { print(CaseJSON.text(report.json())) } else { print(report.text()) }
        } catch let refused as MappedImportRefused {
            throw CommandFailure(message: refused.description, code: 2)
        } catch let e as MappingFileError {
            throw CommandFailure(message: e.description, code: 2)
        }
    }
}
