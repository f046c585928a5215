import Foundation
import GRDB

/// Options of a mapped import.
public struct MappedImportOptions: Sendable {
    /// Import the good rows; write the bad ones to `rejectsPath`. Commits every `batchSize` rows.
    public var skipBad = false
    public var rejectsPath: String?
    /// Read and map everything, report, write nothing.
    public var dryRun = false
    /// Rows received before this instant are skipped (by the mapped received_at).
    public var since: Instant?
    /// Rows per transaction with `skipBad`.
    public var batchSize = 10_000

    /// Default options: all or nothing, in one transaction.
    public init() {}
}

/// A mapped import refused as a whole; nothing was written.
public struct MappedImportRefused: Error, CustomStringConvertible {
    public var report: MappedImportReport
    /// A problem with the file itself (bad header, unclosed quote), if any.
    public var fileError: String?

    public var description: String {
        ImportRefused.text(file: report.file, fileError: fileError, errors: report.errors.map { "\($0)" }, rejected: report.rejectedCount,
                           hint: "use --dry-run to see them all by reason, --skip-bad to import the good rows")
    }
}

/// Imports another system's export through an `ImportMapping`: streaming, all or nothing by
/// default (one IMMEDIATE transaction), or with `skipBad` one transaction per batch and the bad
/// rows written to a rejects file. Rows with a source id are idempotent: a row seen before
/// updates its case when its mapped values changed (a case event records what changed) and is
/// skipped when they did not. Every import appends one audited `import` event naming the file,
/// its SHA-256, the mapping and the counts.
public struct MappedImporter {
    public let desk: CaseDesk

    /// Creates an importer for a desk.
    public init(desk: CaseDesk) { self.desk = desk }

    /// Imports (or with `dryRun` only reports on) `path` through `mapping`.
    public func run(path: String, mapping: ImportMapping, options: MappedImportOptions = MappedImportOptions(),
                    actor: Actor) throws -> MappedImportReport {
        let started = DispatchTime.now().uptimeNanoseconds
        // The event names the file as an absolute path, so a later reader knows which file it was.
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var report = MappedImportReport(file: path, mapping: mapping.origin, source: mapping.source)
        report.dryRun = options.dryRun
        // The checksum is read on the other core while the import runs (the event needs it only at the end).
        let checksum = ChecksumTask(path: path)
        let source: MappedSource
        do { source = try MappedSource(path: path, mapping: mapping) } catch let e as ImportRefused {
            throw MappedImportRefused(report: report, fileError: e.fileError ?? e.description)
        }
        defer { report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        func sum() throws -> String {
            do { return try checksum.value() } catch { throw MappedImportRefused(report: report, fileError: "\(error)") }
        }
        if options.dryRun {
            source.builder.trackDistributions = true
            try desk.store.read { db in
                let actor = try TrackScope.require(.importCases, actor, db)
                let sink = ImportSink(desk: desk, db: db, now: desk.clock.now(), actor: actor, file: path)
                try sink.loadRoster()
                // A dry run holds one 8-byte hash per id (duplicates within the file count as updates):
                // sized once from the file so it never doubles while full, and with a smaller page cache
                // (the lookups read import_keys once each) the whole stays under 200 MB for a 1 GB file.
                var seen: Set<Int64> = []
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                if mapping.idColumn != nil { seen.reserveCapacity(min(size / 200, 20_000_000)) }
                try PageCache.with(kibibytes: 16384, db) {
                    while let item = try nextItem(source, options: options, report: &report, rejects: nil) {
                        guard case let .mapped(row, line, _) = item else { continue }
                        if let since = options.since, let t = row.received, t < since { report.skipped += 1; continue }
                        let prepared: ComplaintCase
                        do {
                            prepared = try sink.prepare(row.draft, line: line, receivedAt: row.received)
                        } catch {
                            report.reject(source.builder.relabel(rowError(error, line: line))); continue
                        }
                        guard let id = row.sourceId else { report.created += 1; continue }
                        var key = FNV64(); key.add(id)
                        if !seen.insert(key.value).inserted { report.updated += 1; continue }
                        if let known = try ImportKeys.lookup(ImportIdentity.keySource(mapping.source, kind: prepared.kind), id, db) {
                            if known.hash == row.hash { report.unchanged += 1 } else { report.updated += 1 }
                        } else { report.created += 1 }
                    }
                }
            }
            fillDistributions(source.builder, &report)
            report.checksum = try sum()
            return report
        }

        let rejects = SourceRejectWriter(path: options.skipBad ? options.rejectsPath : nil, mapping: mapping, decoder: TextDecoder(mapping.encoding))
        if let h = source.headerRecord { rejects.setHeader(h, names: source.headerNames) }
        let now = desk.clock.now()
        do {
            if !options.skipBad {
                try desk.store.write { db in
                    let writer = try RowWriter(desk: desk, db: db, now: now, actor: actor, file: path, mapping: mapping)
                    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                    // A load that brings more new cases than the desk holds (rows estimated at about
                    // 250 bytes, less the ids this source already has) is faster with the indexes
                    // built at the end (BulkLoad); a re-import of a big file keeps them.
                    let existing = try BulkLoad.existingCases(visibleTo: writer.sink.actor.role, db)
                    let known = try Int.fetchOne(db, sql: "SELECT count(*) FROM import_keys WHERE source = ?", arguments: [mapping.source]) ?? 0
                    let bulk = BulkLoad.isBulk(incoming: size / 250 - known, existing: existing)
                    // Insert-only when the source has no ids on the desk yet on a track this importer
                    // may write: then a row either creates a case or updates one this load created,
                    // whose text is indexed at the end; otherwise the text triggers stay to re-index
                    // updated cases. The report track's keys count only for those who may import
                    // report cases (举报件): for anyone else their rows are refused before any write,
                    // and the load's speed must not tell whether the source has them.
                    let reportKnown = Permissions.allows(writer.sink.actor.role, .importCases, track: .report)
                        ? try Int.fetchOne(db, sql: "SELECT count(*) FROM import_keys WHERE source = ?",
                                           arguments: [ImportIdentity.keySource(mapping.source, kind: .report)]) ?? 0
                        : 0
                    let plan = bulk ? try BulkLoad.begin(keep: [], insertsOnly: known + reportKnown == 0, db) : BulkLoad.Plan()
                    _ = try pump(source, writer, options: options, limit: .max, report: &report, rejects: rejects)
                    if report.rejectedCount > 0 { throw MappedImportRefused(report: report) }
                    try writer.sink.finish()
                    try BulkLoad.end(plan, db)
                    report.checksum = try sum()
                    try appendEvent(report, file: absolute, mapping: mapping, options: options, actor: writer.sink.actor, now: now, db)
                }
            } else {
                var more = true
                while more {
                    try desk.store.write { db in
                        let writer = try RowWriter(desk: desk, db: db, now: now, actor: actor, file: path, mapping: mapping)
                        more = try pump(source, writer, options: options, limit: options.batchSize, report: &report, rejects: rejects)
                        try writer.sink.finish()
                        if !more { report.checksum = try sum(); try appendEvent(report, file: absolute, mapping: mapping, options: options, actor: writer.sink.actor, now: now, db) }
                    }
                }
            }
        } catch var refused as MappedImportRefused {
            rejects.discard()
            refused.report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            throw refused
        } catch {
            rejects.discard()
            throw error
        }
        try rejects.close()
        report.rejectsFile = rejects.written > 0 ? rejects.path : nil
        if rejects.written == 0 { rejects.discard() }
        return report
    }

    /// Reads the next item, recording refused rows; structural errors end the file (refused, or with `skipBad` one last reject).
    private func nextItem(_ source: MappedSource, options: MappedImportOptions, report: inout MappedImportReport,
                          rejects: SourceRejectWriter?) throws -> MappedSource.Item? {
        while true {
            let item: MappedSource.Item?
            do { item = try source.next() } catch let e as CSVError {
                if options.skipBad || options.dryRun {
                    report.reject(ImportRowError(line: e.line, field: "row", message: e.message))
                    return nil
                }
                throw MappedImportRefused(report: report, fileError: e.description)
            }
            guard let item else { return nil }
            report.rows += 1
            if case let .rejected(e, raw) = item {
                report.reject(e)
                try rejects?.write(raw, reason: e)
                continue
            }
            return item
        }
    }

    /// Writes up to `limit` rows; returns whether the source has more.
    private func pump(_ source: MappedSource, _ writer: RowWriter, options: MappedImportOptions, limit: Int,
                      report: inout MappedImportReport, rejects: SourceRejectWriter) throws -> Bool {
        var n = 0
        while n < limit {
            guard let item = try nextItem(source, options: options, report: &report, rejects: rejects) else { return false }
            guard case let .mapped(row, line, raw) = item else { continue }
            n += 1
            if let since = options.since, let t = row.received, t < since { report.skipped += 1; continue }
            do {
                switch try writer.write(row, line: line) {
                case .created: report.created += 1
                case .updated: report.updated += 1
                case .unchanged: report.unchanged += 1
                }
            } catch let e as DatabaseError where e.resultCode == .SQLITE_FULL || e.resultCode == .SQLITE_IOERR || e.resultCode == .SQLITE_BUSY {
                throw e
            } catch {
                let e = source.builder.relabel(rowError(error, line: line))
                report.reject(e)
                try rejects.write(raw, reason: e)
            }
        }
        return true
    }

    private func appendEvent(_ report: MappedImportReport, file absolute: String, mapping: ImportMapping, options: MappedImportOptions,
                             actor: Actor, now: Instant, _ db: Database) throws {
        var detail = ["file": absolute, "sha256": report.checksum, "mapping": mapping.origin, "mapping_sha256": mapping.checksum,
                      "source": mapping.source, "format": mapping.format.rawValue, "encoding": mapping.encoding.rawValue,
                      "rows": String(report.rows), "created": String(report.created), "updated": String(report.updated),
                      "unchanged": String(report.unchanged), "skipped": String(report.skipped),
                      "rejected": String(report.rejectedCount)]
        if let since = options.since { detail["since"] = DeskTime.standard.format(since) }
        if Permissions.allows(actor.role, .seeReports) { detail = EventTrack.mark(detail) }
        try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "import", detail: detail), db)
    }

    private func fillDistributions(_ builder: MappedRowBuilder, _ report: inout MappedImportReport) {
        for (field, values) in builder.distributions {
            report.distributions[field] = values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { (value: $0.key, count: $0.value, target: builder.target(of: $0.key, field: field)) }
        }
        report.distributionOverflow = builder.distributionOverflow
    }
}

/// A file's SHA-256 computed on a background thread.
final class ChecksumTask: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String, Error> = .success("")

    init(path: String) {
        DispatchQueue.global(qos: .utility).async {
            self.result = Result { try FileChecksum.of(path: path) }
            self.done.signal()
        }
    }

    /// Waits for the checksum.
    func value() throws -> String {
        done.wait()
        done.signal() // later calls return at once
        return try result.get()
    }
}

func rowError(_ error: Error, line: Int) -> ImportRowError {
    switch error {
    case let e as ImportRowError: return e
    case let e as DomainError: return ImportRowError(line: line, field: e.field ?? "row", message: e.fieldlessDescription)
    case let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT:
        return ImportRowError(line: line, field: "row", message: "conflicts with a case already on the desk (\(e.message ?? "constraint"))")
    default: return ImportRowError(line: line, field: "row", message: "\(error)")
    }
}

extension SourceRejectWriter {
    func write(_ raw: MappedSource.Raw, reason e: ImportRowError) throws {
        let reason = "line \(e.line): \(e.field): \(e.message)"
        switch raw {
        case .csv(let record): try write(record, reason: reason)
        case .json(let text): try write(jsonLine: text, reason: reason)
        case .none: break
        }
    }
}
