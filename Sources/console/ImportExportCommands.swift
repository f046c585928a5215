import ArgumentParser
import CaseModel
import Foundation

/// `console export`: a filtered set as CSV or JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a filtered set of cases as CSV, JSON lines or a JSON array.",
        discussion: """
        CSV is made for spreadsheets: a text cell starting with =, +, -, @, tab, carriage return or ' gets a ' in \
        front, so that a spreadsheet shows it instead of running it as a formula; number columns (people, \
        potential_loss, counts) keep negative numbers as numbers. `console import` takes the ' off again. \
        --raw-cells writes every cell exactly as stored. JSON is always exact (controls written as \\u escapes). \
        JSON lines leave out keys whose value is null (read an absent key as null); the JSON array keeps them. \
        On a terminal, escape sequences and controls in the data are shown as visible marks; to a file or a pipe \
        the export is byte for byte.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var filter: FilterOptions
    @Option(help: "csv, jsonl or json.") var format: String = "csv"
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Export personal data unmasked (team leads; needs --reason).") var reveal = false
    @Option(help: "Why an unmasked export is needed (with --reveal).") var reason: String?
    @Flag(name: .customLong("raw-cells"), help: "CSV: write cells that start with =, +, -, @ exactly as stored, without the ' that stops a spreadsheet running them as formulas.") var rawCells = false

    func run() throws {
        let f = try filter.filter()
        guard ["csv", "jsonl", "json"].contains(format) else { throw CommandFailure("--format: expected csv, jsonl or json, got \"\(format)\"", "--format：应为 csv、jsonl 或 json，收到 \"\(format)\"", code: 2) }
        if rawCells && format != "csv" { throw CommandFailure("--raw-cells goes with --format csv (JSON is always exact)", "--raw-cells 须与 --format csv 同用（JSON 总是原样）", code: 2) }
        let desk = try global.openDesk()
        let actor = global.actor
        // Check before creating the output file: a refused export leaves nothing behind.
        let resolved = try desk.resolve(actor)
        try Permissions.require(.export, resolved)
        if reveal {
            try Permissions.require(.exportUnmasked, resolved)
            if (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw CommandFailure("--reveal: an unmasked export needs --reason \"...\" (recorded in the audit trail)", "--reveal：不打码导出须给出 --reason \"...\"（记入审计记录）", code: 2)
            }
        }
        if desk.store.isReadOnly { throw CommandFailure("export: exports are audited, and this database is read-only for you", "导出：导出须记入审计，而此数据库对你只读", code: 6) }
        let destination = output ?? "standard output"
        let progress = ProgressLine("exporting", unit: "cases", quiet: global.quiet)
        defer { progress.finish() }
        var count = 0
        if format == "csv" {
            let options = CSVWriteOptions(neutralizeFormulas: !rawCells)
            // To standard output the rows go through ConsoleOutput (exact to a pipe, harmless on a terminal).
            let writer = try output.map { try CSVWriter(path: $0, options: options) } ?? CSVWriter(options: options)
            func pass() throws { if output == nil { ConsoleOutput.standardOutput(bytes: try writer.takeBytes()) } }
            try writer.writeRow(CaseExportEncoder.csvHeader)
            let numbers = CaseExportEncoder.csvNumberColumns
            count = try desk.export(f, unmasked: reveal, reason: reason ?? "", format: format, destination: destination, actor: actor,
                                    expecting: progress.expect) { c in
                try writer.writeRow(CaseExportEncoder.csvFields(c), numbers: numbers)
                if output == nil && writer.rowsWritten % 512 == 0 { try pass() }
                progress.update(writer.rowsWritten - 1)
            }
            try writer.flush()
            try pass()
        } else {
            let out: FileHandle?
            if let output {
                _ = FileManager.default.createFile(atPath: output, contents: nil, attributes: [.posixPermissions: 0o600])
                guard let h = FileHandle(forWritingAtPath: output) else { throw CommandFailure("\(output): cannot write", "\(output)：无法写入") }
                out = h
            } else { out = nil }
            // Whole cases at a time, so a character is never split between two writes.
            func emit(_ bytes: [UInt8]) { if let out { out.write(Data(bytes)) } else { ConsoleOutput.standardOutput(bytes: bytes) } }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20 + 1 << 16)
            if format == "json" { buffer.append(contentsOf: "[".utf8) }
            var n = 0
            count = try desk.export(f, unmasked: reveal, reason: reason ?? "", format: format, destination: destination, actor: actor,
                                    expecting: progress.expect) { c in
                if format == "json" && n > 0 { buffer.append(contentsOf: ",\n".utf8) }
                // JSON lines leave out null keys (a third of the bytes); the JSON array keeps them, as `list --json` does.
                CaseExportEncoder.appendJSON(c, leavingOutNulls: format == "jsonl", buffer: &buffer)
                if format == "jsonl" { buffer.append(10) }
                n += 1
                if buffer.count > 1 << 20 { emit(buffer); buffer.removeAll(keepingCapacity: true) }
                progress.update(n)
            }
            if format == "json" { buffer.append(contentsOf: "]\n".utf8) }
            emit(buffer)
        }
        progress.finish()
        if output != nil { ConsoleOutput.standardError(OutputLanguage.say("exported \(count) case(s) to \(output!)\n", "已导出 \(count) 件案件到 \(output!)\n")) }
        AuditAnchor.record(desk, reason: "export to \(destination)")
    }
}
