import Foundation
import GRDB

/// A row the importer refused, with where and why.
public struct ImportRowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line in the file where the row starts.
    public var line: Int
    /// The field (column) at fault, or `row` for the row as a whole.
    public var field: String
    public var message: String

    public var description: String { "line \(line): \(field): \(message)" }
}

/// What an import did.
public struct ImportReport: Sendable {
    public var file: String
    public var created = 0
    /// Rows refused (all of them are counted; `errors` keeps the first 1,000).
    public var rejectedCount = 0
    public var errors: [ImportRowError] = []
    /// Where rejected rows were written (`--skip-bad`).
    public var rejectsFile: String?
}

/// An import that was refused as a whole; nothing was written.
public struct ImportRefused: Error, CustomStringConvertible {
    public var report: ImportReport
    /// A structural problem with the file itself (bad header, unterminated quote), if any.
    public var fileError: String?

    public var description: String {
        Self.text(file: report.file, fileError: fileError, errors: report.errors.map { "\($0)" }, rejected: report.rejectedCount,
                  hint: "use --skip-bad to import the good rows")
    }

    /// The message of a refused import, plain or mapped: the file's own problem, or the first 20
    /// bad rows and how many more, with what to do next.
    static func text(file: String, fileError: String?, errors: [String], rejected: Int, hint: String) -> String {
        if let fileError { return "\(file): \(fileError); nothing was imported" }
        let shown = errors.prefix(20).map { "  \($0)" }.joined(separator: "\n")
        let more = rejected > 20 ? "\n  ... and \(rejected - 20) more" : ""
        return "\(file): \(rejected) bad row(s); nothing was imported (\(hint))\n\(shown)\(more)"
    }
}

/// File formats the importer reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    case csv, jsonl

    /// Guesses from the file name: `.jsonl`/`.ndjson`/`.json` are JSON lines, anything else CSV.
    public static func guess(_ path: String) -> ImportFormat {
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") ? .jsonl : .csv
    }
}

/// Imports cases from CSV (header row, our column names) or JSON lines, all or nothing by
/// default, in one IMMEDIATE transaction so that other consoles never see half an import.
public struct CaseImporter {
    public let desk: CaseDesk

    /// Bytes a row takes in a file, to estimate how many cases a file brings before reading it
    /// (the demo's CSV: 287 a row; JSON lines repeat the keys).
    static func estimatedRows(bytes: Int, format: ImportFormat) -> Int {
        bytes / (format == .csv ? 250 : 500)
    }

    /// Creates an importer for a desk.
    public init(desk: CaseDesk) { self.desk = desk }

    /// Imports `path`. Without `skipBad`, any bad row refuses the whole file (`ImportRefused`,
    /// listing every bad row); with it, good rows are imported and bad ones written to `rejectsPath`.
    /// `progress` is told of each row read, with the share of the file's bytes behind it.
    public func run(path: String, format: ImportFormat? = nil, skipBad: Bool = false, rejectsPath: String? = nil,
                    actor: Actor, progress: ProgressSink? = nil) throws -> ImportReport {
        let fmt = format ?? ImportFormat.guess(path)
        let now = desk.clock.now()
        var report = ImportReport(file: path)
        let rejects = RejectWriter(path: skipBad ? rejectsPath : nil, format: fmt)
        do {
            try desk.store.write { db in
                let actor = try TrackScope.require(.importCases, actor, db)
                let sink = ImportSink(desk: desk, db: db, now: now, actor: actor, file: path)
                try sink.loadRoster()
                // A file bringing more cases than the desk holds loads faster with the indexes
                // built at the end (BulkLoad.isBulk).
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                let existing = try BulkLoad.existingCases(visibleTo: actor.role, db)
                let bulk = BulkLoad.isBulk(incoming: CaseImporter.estimatedRows(bytes: size, format: fmt), existing: existing)
                let plan = bulk ? try BulkLoad.begin(keep: [], insertsOnly: true, db) : BulkLoad.Plan()
                func reject(_ e: ImportRowError, raw: RejectWriter.Raw) throws {
                    report.rejectedCount += 1
                    if report.errors.count < 1000 { report.errors.append(e) }
                    try rejects.write(raw, reason: "\(e.field): \(e.message)")
                }
                switch fmt {
                case .csv: try readCSV(path, sink: sink, skipBad: skipBad, rejects: rejects, reject: reject, progress: progress, size: size)
                case .jsonl: try readJSONLines(path, sink: sink, reject: reject, progress: progress, size: size)
                }
                if report.rejectedCount > 0 && !skipBad { throw ImportRefused(report: report) }
                try sink.finish()
                try BulkLoad.end(plan, db)
                report.created = sink.created
                // An import by someone who sees report cases may count them: the event is theirs to read.
                var detail = ["file": path, "format": fmt.rawValue, "created": String(sink.created), "rejected": String(report.rejectedCount)]
                if Permissions.allows(actor.role, .seeReports) { detail = EventTrack.mark(detail) }
                try CaseRecords.append(CaseEvent(caseId: nil, caseNumber: nil, at: now, actor: actor.name, action: "import", detail: detail), db)
            }
        } catch var refused as ImportRefused {
            refused.report.rejectedCount = max(refused.report.rejectedCount, report.rejectedCount)
            try? rejects.discard()
            throw refused
        } catch {
            try? rejects.discard()
            throw error
        }
        try rejects.close()
        report.rejectsFile = report.rejectedCount > 0 ? rejects.path : nil
        if report.rejectedCount == 0 { try? rejects.discard() }
        return report
    }

    private func readCSV(_ path: String, sink: ImportSink, skipBad: Bool, rejects: RejectWriter,
                         reject: (ImportRowError, RejectWriter.Raw) throws -> Void, progress: ProgressSink?, size: Int) throws {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch {
            throw ImportRefused(report: ImportReport(file: path), fileError: "\(error)")
        }
        let header: CSVRecord
        do {
            guard let h = try reader.next() else { throw ImportRefused(report: ImportReport(file: path), fileError: "empty file (a header row is required)") }
            header = h
        } catch let e as CSVError {
            throw ImportRefused(report: ImportReport(file: path), fileError: e.description)
        }
        var names: [String] = []
        var setters: [DraftColumns.Setter?] = []
        for i in 0..<header.count {
            let name: String
            do { name = try header.string(i).trimmed.lowercased() } catch {
                throw ImportRefused(report: ImportReport(file: path), fileError: "header: \(error)")
            }
            names.append(name)
            if let s = DraftColumns.setters[name] { setters.append(s); continue }
            if DraftColumns.ignored.contains(name) { setters.append(nil); continue }
            throw ImportRefused(report: ImportReport(file: path),
                                fileError: "line \(header.line): column \(i + 1) \"\(name)\" is not a case field (expected: \(DraftColumns.setters.keys.sorted().joined(separator: ", ")))")
        }
        do { try CSVHeader.checkUnique(names, line: header.line) } catch let e as CSVError {
            throw ImportRefused(report: ImportReport(file: path), fileError: e.description)
        }
        if !names.contains("summary") && !names.contains("details") {
            throw ImportRefused(report: ImportReport(file: path), fileError: "line \(header.line): the header needs a summary or details column")
        }
        rejects.setHeader(names)
        var rows = 0
        while true {
            if let progress { progress(rows, size > 0 ? Double(reader.bytesRead) / Double(size) : nil) }
            rows += 1
            let record: CSVRecord
            do {
                guard let r = try reader.next() else { break }
                record = r
            } catch let e as CSVError {
                // A structural error ends the file: nothing after it can be trusted.
                if skipBad {
                    try reject(ImportRowError(line: e.line, field: "row", message: e.message), .none)
                    break
                }
                throw ImportRefused(report: ImportReport(file: path), fileError: e.description)
            }
            if record.count != names.count {
                try reject(ImportRowError(line: record.line, field: "row", message: "has \(record.count) fields, the header has \(names.count)"), .csv(record))
                continue
            }
            var draft = CaseDraft()
            var bad: ImportRowError?
            for i in 0..<names.count {
                guard let set = setters[i] else { continue }
                do {
                    // Our CSV export put a `'` before formula-like cells: one is taken off again.
                    try set(&draft, SpreadsheetCell.restore(try record.string(i)))
                } catch let e as CSVError {
                    bad = ImportRowError(line: record.line, field: names[i], message: e.message); break
                } catch let e as DomainError {
                    bad = ImportRowError(line: record.line, field: names[i], message: e.fieldlessDescription); break
                }
            }
            if let bad { try reject(bad, .csv(record)); continue }
            if let e = sink.add(draft, line: record.line) { try reject(e, .csv(record)) }
        }
    }

    private func readJSONLines(_ path: String, sink: ImportSink, reject: (ImportRowError, RejectWriter.Raw) throws -> Void,
                               progress: ProgressSink?, size: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportRefused(report: ImportReport(file: path), fileError: "cannot open the file")
        }
        defer { try? handle.close() }
        let decoder = JSONDecoder()
        var lineNumber = 0
        var pending = Data()
        var consumed = 0
        func process(_ line: Data) throws {
            lineNumber += 1
            consumed += line.count + 1
            if let progress { progress(lineNumber, size > 0 ? Double(consumed) / Double(size) : nil) }
            let trimmed = line.last == 13 ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
            let draft: CaseDraft
            do { draft = try decoder.decode(CaseDraft.self, from: trimmed) } catch {
                try reject(ImportRowError(line: lineNumber, field: ImportErrors.field(of: error), message: ImportErrors.describe(error)), .json(Data(trimmed)))
                return
            }
            if let e = sink.add(draft, line: lineNumber) { try reject(e, .json(Data(trimmed))) }
        }
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            pending.append(chunk)
            var start = pending.startIndex
            while let nl = pending[start...].firstIndex(of: 10) {
                try process(pending[start..<nl])
                start = pending.index(after: nl)
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { try process(pending) }
    }
}

/// Validates and inserts rows inside the import's transaction.
final class ImportSink {
    let desk: CaseDesk
    let db: Database
    let now: Instant
    let actor: Actor
    let file: String
    let numbers = NumberAllocator()
    var roster: [String: String] = [:]
    /// Users who may handle report cases (举报件).
    var reportHandlers: Set<String> = []
    var created = 0
    private var seenRefs: Set<String> = []

    init(desk: CaseDesk, db: Database, now: Instant, actor: Actor, file: String) {
        self.desk = desk; self.db = db; self.now = now; self.actor = actor; self.file = file
    }

    func loadRoster() throws {
        for row in try Row.fetchAll(db, sql: "SELECT name, team, role FROM users WHERE active = 1") {
            let r = StoredRow(row, "users") { "user \(StoredRow.name(row[0] as DatabaseValue))" }
            let name = try r.text(0, "name")
            roster[name] = try r.text(1, "team")
            if Permissions.allows(Role(rawValue: try r.text(2, "role")), .seeReports) { reportHandlers.insert(name) }
        }
    }


    /// Validates and inserts one draft; returns the row's error instead of throwing so the caller
    /// can keep reading and report every bad row.
    func add(_ draft: CaseDraft, line: Int) -> ImportRowError? {
        do {
            let c = try prepare(draft, line: line)
            if let ref = c.sourceRef {
                // Looked up in the row's own track's key space: a report case's reference never answers here.
                let stored = ImportIdentity.storedRef(ref, kind: c.kind)
                let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM cases WHERE source_ref = ?", arguments: [stored]) == true
                if seenRefs.contains(ref) || known {
                    return ImportRowError(line: line, field: "source_ref", message: "\"\(ref)\" was already imported")
                }
                seenRefs.insert(ref)
            }
            _ = try insert(c, line: line, namingSource: false)
            return nil
        } catch let e as ImportRowError {
            return e
        } catch let e as DomainError {
            return ImportRowError(line: line, field: e.field ?? "row", message: e.fieldlessDescription)
        } catch {
            return ImportRowError(line: line, field: "row", message: "\(error)")
        }
    }

    /// Checks a draft as intake would (fields, roster, who may handle a report case); throws
    /// `ImportRowError` or `DomainError`.
    /// `receivedAt`, when given, replaces the draft's text (a mapped row has parsed it already).
    func prepare(_ draft: CaseDraft, line: Int, receivedAt: Instant? = nil) throws -> ComplaintCase {
        var c = try draft.validated(now: now, operator: actor.name)
        // Each row on its own track: report cases (举报件) only by the president's office, general
        // ones only by the desk (the refusal depends on the row and the role, never on the desk).
        if !Permissions.allows(actor.role, .importCases, track: CaseTrack.of(c.kind)) {
            throw ImportRowError(line: line, field: "kind", message: c.kind == .report ? ImportIdentity.reportRowRefusal
                                 : Permissions.refusal(.importCases, actor).text(.en))
        }
        if let t = receivedAt {
            try DeskBounds.checkInstant(t, field: "received_at")
            // The same rule as CaseDraft.validated: nothing arrives from the future (5 minutes' clock skew allowed).
            guard t.seconds <= now.seconds + 300 else {
                throw DomainError.malformedField(field: "received_at", reason: .receivedInFuture(at: t, now: now))
            }
            c.receivedAt = t
            c.stagesStartedAt = t
            c.updatedAt = t
        }
        if let h = c.handler {
            guard let team = roster[h] else {
                throw ImportRowError(line: line, field: "handler", message: "\"\(h)\" is not an active user on the roster")
            }
            if c.team == nil { c.team = team }
            if c.kind == .report && !reportHandlers.contains(h) {
                throw ImportRowError(line: line, field: "handler", message: "a report case (举报件) can be handled only by the president's office")
            }
        }
        return c
    }

    /// Numbers and inserts a prepared case with its intake event; returns its row id.
    func insert(_ prepared: ComplaintCase, line: Int, namingSource: Bool = true) throws -> Int64 {
        var c = prepared
        c.number = c.kind == .report ? try CaseRecords.nextNumber(for: c.receivedAt, kind: .report, random: desk.random, db)
                                     : try numbers.next(for: c.receivedAt, db)
        c.severity = SeverityRules.effective(c, desk.policy.severity)
        c.nextDueAt = desk.policy.nextDue(c)
        c.updatedAt = now
        let id = try CaseTable.insert(c, db)
        var detail = ["import": file, "line": String(line)]
        if namingSource, let r = c.sourceRef { detail["source_ref"] = r }
        try CaseRecords.append(CaseEvent(caseId: id, caseNumber: c.number, at: now, actor: actor.name, action: "intake",
                                         toStatus: .received, detail: detail), db)
        created += 1
        return id
    }

    func finish() throws { try numbers.save(db) }
}

extension DomainError {
    /// The field an input error names, if any.
    var field: String? {
        switch self {
        case let .invalidValue(field, _, _): return field
        case let .missingField(field): return field
        case let .malformedField(field, _): return field
        case let .invalidFields(all): return all.first?.field
        default: return nil
        }
    }

    /// The message without the leading field name (the import report names the field itself).
    var fieldlessDescription: String {
        switch self {
        case let .invalidValue(_, value, expected): return "unknown value \"\(value)\" (expected one of: \(expected))"
        case .missingField: return "required"
        case let .malformedField(_, reason): return reason.text(.en)
        case let .invalidFields(all):
            // The row's first bad field leads (the report names it); the others follow.
            guard let first = all.first else { return description }
            return ([first.reason.text(.en)] + all.dropFirst().map(\.description)).joined(separator: "; also ")
        default: return description
        }
    }
}

/// Describes JSON decoding errors in one line.
public enum ImportErrors {
    /// The key a decoding error is about.
    public static func field(of error: Error) -> String {
        guard let e = error as? DecodingError else { return "row" }
        switch e {
        case let .typeMismatch(_, ctx), let .valueNotFound(_, ctx), let .keyNotFound(_, ctx), let .dataCorrupted(ctx):
            return ctx.codingPath.last?.stringValue ?? "row"
        @unknown default: return "row"
        }
    }

    /// A one-line description of a decoding error.
    public static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        switch e {
        case let .typeMismatch(type, _): return "wrong type (expected \(type))"
        case .valueNotFound: return "missing value"
        case let .keyNotFound(key, _): return "missing key \(key.stringValue)"
        case let .dataCorrupted(ctx): return ctx.codingPath.isEmpty ? "not valid JSON" : ctx.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
