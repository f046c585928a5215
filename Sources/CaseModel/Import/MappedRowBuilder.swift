import Foundation

/// One source row after the mapping: the draft, the source's id, and a hash of the mapped values
/// (so a re-import can tell a changed row from an unchanged one without reading the case).
struct MappedRow {
    var draft: CaseDraft
    var received: Instant?
    var sourceId: String?
    var hash: Int64
}

/// Applies a mapping to rows whose columns are addressed by index (CSV header positions, or the
/// JSON keys the mapping names). Built once per file; `build` runs per row.
final class MappedRowBuilder {
    /// A resolved field; a class so the per-row loop does not copy (and retain) its parts.
    final class Field {
        let mapping: FieldMapping
        let name: String
        let indices: [Int]
        let setter: DraftColumns.Setter
        /// How the field is named in row errors: `channel ← "Submitted via"`.
        let label: String
        let tracked: Bool
        let constant: String?
        let join: String
        let dates: [DatePattern]
        let values: ValueMap
        let mapsValues: Bool
        let defaultValue: String?

        init(mapping: FieldMapping, indices: [Int], setter: @escaping DraftColumns.Setter, label: String, tracked: Bool) {
            self.mapping = mapping; name = mapping.field; self.indices = indices; self.setter = setter
            self.label = label; self.tracked = tracked; constant = mapping.constant; join = mapping.join
            dates = mapping.dates.isEmpty ? [DatePattern.isoDefault] : mapping.dates
            values = mapping.values; mapsValues = !mapping.values.isEmpty || mapping.values.unmapped != .keep
            defaultValue = mapping.defaultValue
        }
    }

    let mapping: ImportMapping
    let fields: [Field]
    let idIndex: Int?
    let idLabel: String
    let decoder: TextDecoder
    let zone: SourceTimeZone
    /// Value distributions of map/enum fields (dry run): field → source value → count.
    var distributions: [String: [String: Int]] = [:]
    var distributionOverflow: [String: Int] = [:]
    var trackDistributions = false
    static let distinctLimit = 200

    /// Resolves the mapping's columns against `columns` (the header); a column the file lacks is
    /// an error naming the mapping line and the header line.
    init(mapping: ImportMapping, columns: [String], headerLine: Int, fileName: String) throws {
        self.mapping = mapping
        decoder = TextDecoder(mapping.encoding)
        zone = mapping.timeZone
        let trimmed = columns.map { $0.trimmed }
        func index(_ name: String, line: Int) throws -> Int {
            if let i = trimmed.firstIndex(of: name.trimmed) { return i }
            let folded = name.trimmed.lowercased()
            if let i = trimmed.firstIndex(where: { $0.lowercased() == folded }) { return i }
            let what = mapping.format == .csv ? "the header (line \(headerLine) of \(fileName))" : "the mapping's keys"
            throw MappingFileError(file: mapping.origin, line: line,
                                   message: "column \"\(name)\" is not in \(what); the file has: \(trimmed.prefix(40).joined(separator: ", "))")
        }
        if let id = mapping.idColumn { idIndex = try index(id, line: mapping.idLine); idLabel = "id ← \"\(id)\"" } else { idIndex = nil; idLabel = "id" }
        var out: [Field] = []
        for f in mapping.fields {
            let indices = try zip(f.columns, f.columnLines).map { try index($0.0, line: $0.1) }
            let label = f.columns.isEmpty ? f.field : "\(f.field) ← \(f.columns.map { "\"\($0)\"" }.joined(separator: " + "))"
            out.append(Field(mapping: f, indices: indices, setter: DraftColumns.setters[f.field]!, label: label,
                             tracked: !f.columns.isEmpty && (!f.values.isEmpty || MappingFileParser.enumFields[f.field] != nil)))
        }
        fields = out
    }

    /// The mapped row, or the first problem with it. `value(i)` yields column `i`'s bytes decoded.
    func build(line: Int, value: (Int) -> Result<String, EncodingError>) -> Result<MappedRow, ImportRowError> {
        var draft = CaseDraft()
        var hash = FNV64()
        var received: Instant?
        var sourceId: String?
        func text(_ i: Int, _ label: String) -> Result<String, ImportRowError> {
            switch value(i) {
            case .success(let s): return .success(s)
            case .failure(let e): return .failure(ImportRowError(line: line, field: label, message: e.message(mapping.encoding)))
            }
        }
        if let idIndex {
            switch text(idIndex, idLabel) {
            case .failure(let e): return .failure(e)
            case .success(let s):
                let id = s.trimmed
                guard !id.isEmpty else { return .failure(ImportRowError(line: line, field: idLabel, message: "the source's id is empty")) }
                sourceId = id
            }
        }
        if trackDistributions {
            // Tallied before anything can refuse the row, so the dry run counts every row's values.
            for f in fields where f.tracked {
                if case .success(let v) = raw(f, text) { track(f.mapping.field, v) }
            }
        }
        for f in fields {
            var v: String
            switch raw(f, text) {
            case .failure(let e): return .failure(e)
            case .success(let s): v = s
            }
            if v.isEmpty {
                if let d = f.defaultValue { v = d }
            } else if f.mapsValues {
                if let mapped = f.values.lookup(v) {
                    v = mapped
                } else {
                    switch f.values.unmapped {
                    case .keep: break
                    case .use(let d): v = d
                    case .reject:
                        return .failure(ImportRowError(line: line, field: f.label, message: "unmapped value \"\(v)\" (the mapping lists: \(f.values.entries.prefix(12).map(\.source).joined(separator: ", ")))"))
                    }
                }
            }
            hash.add(f.name); hash.add(v)
            if f.name == "received_at" {
                if v.isEmpty { continue }
                var parsed: Instant?
                for p in f.dates { if let t = p.parse(v, zone: zone) { parsed = t; break } }
                guard let t = parsed else {
                    return .failure(ImportRowError(line: line, field: f.label, message: "\"\(v)\" does not match the date format\(f.dates.count == 1 ? "" : "s") \(f.dates.map(\.text).joined(separator: " | ")) (dates \(DeskBounds.firstDate) to \(DeskBounds.lastDate), offsets -12:00 to +14:00)"))
                }
                guard DeskBounds.instants.contains(t.seconds) else {
                    return .failure(ImportRowError(line: line, field: f.label, message: "\"\(v)\" is outside \(DeskBounds.firstDate) to \(DeskBounds.lastDate)"))
                }
                received = t // passed to intake as an instant: no text round trip
                continue
            }
            do { try f.setter(&draft, v) } catch let e as DomainError {
                return .failure(ImportRowError(line: line, field: f.label, message: e.fieldlessDescription))
            } catch {
                return .failure(ImportRowError(line: line, field: f.label, message: "\(error)"))
            }
        }
        if let sourceId { draft.sourceRef = "\(mapping.source):\(sourceId)" }
        return .success(MappedRow(draft: draft, received: received, sourceId: sourceId, hash: hash.value))
    }

    /// The field's source text: its constant, its column, or its columns joined (trimmed).
    private func raw(_ f: Field, _ text: (Int, String) -> Result<String, ImportRowError>) -> Result<String, ImportRowError> {
        if let c = f.constant { return .success(c) }
        if f.indices.count == 1 { return text(f.indices[0], f.label).map { $0.trimmed } }
        var parts: [String] = []
        for i in f.indices {
            switch text(i, f.label) {
            case .failure(let e): return .failure(e)
            case .success(let s): let t = s.trimmed; if !t.isEmpty { parts.append(t) }
            }
        }
        return .success(parts.joined(separator: f.join))
    }

    /// Names a case field in a row error by its source columns (`channel ← "Submitted via"`).
    func relabel(_ e: ImportRowError) -> ImportRowError {
        guard let f = fields.first(where: { $0.mapping.field == e.field }) else { return e }
        var out = e
        out.field = f.label
        return out
    }

    private func track(_ field: String, _ value: String) {
        if distributions[field]?[value] != nil || (distributions[field]?.count ?? 0) < MappedRowBuilder.distinctLimit {
            distributions[field, default: [:]][value, default: 0] += 1
        } else {
            distributionOverflow[field, default: 0] += 1
        }
    }

    /// What the mapping makes of a source value of a field (for the dry-run distribution).
    func target(of value: String, field: String) -> String? {
        guard let f = fields.first(where: { $0.mapping.field == field })?.mapping else { return nil }
        let mapped: String?
        if value.isEmpty { mapped = f.defaultValue ?? "" } else if let v = f.values.lookup(value) { mapped = v } else {
            switch f.values.unmapped {
            case .keep: mapped = value
            case .reject: mapped = nil
            case .use(let d): mapped = d
            }
        }
        guard let mapped else { return nil }
        return mapped.isEmpty ? "" : MappingFileParser.canonical(mapped, field: field)
    }
}

extension DatePattern {
    static let isoDefault = try! DatePattern.compile("iso").get()
}

/// 64-bit FNV-1a: a stable hash (Swift's `Hasher` is seeded per process, so it cannot be stored).
struct FNV64 {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ s: String) {
        var st = state
        for b in s.utf8 { st = (st ^ UInt64(b)) &* 0x100_0000_01b3 }
        st = (st ^ 0x1F) &* 0x100_0000_01b3 // a separator, so ("ab","c") differs from ("a","bc")
        state = st
    }

    var value: Int64 { Int64(bitPattern: state) }
}
