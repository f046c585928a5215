import Foundation

/// What a mapped import did, or (dry run) would do.
public struct MappedImportReport: Sendable {
    public var file: String
    /// SHA-256 of the file (hex).
    public var checksum = ""
    public var mapping: String
    public var source: String
    public var dryRun = false
    public var rows = 0
    public var created = 0
    public var updated = 0
    /// Rows whose case already holds the same mapped values.
    public var unchanged = 0
    /// Rows received before `--since`.
    public var skipped = 0
    public var rejectedCount = 0
    /// The first 1,000 rejected rows.
    public var errors: [ImportRowError] = []
    /// Rejected rows grouped by reason (field and message without the values), with counts and the first examples.
    public var reasons: [String: (count: Int, examples: [ImportRowError])] = [:]
    /// Per mapped enum (or value-mapped) field: source value → (rows, what it becomes; nil = refused/unmapped).
    public var distributions: [String: [(value: String, count: Int, target: String?)]] = [:]
    /// Rows of a field whose values were not tallied (more than 200 distinct values).
    public var distributionOverflow: [String: Int] = [:]
    public var rejectsFile: String?
    /// Seconds spent.
    public var seconds = 0.0

    /// Creates an empty report.
    public init(file: String, mapping: String, source: String) {
        self.file = file; self.mapping = mapping; self.source = source
    }

    mutating func reject(_ e: ImportRowError) {
        rejectedCount += 1
        if errors.count < 1000 { errors.append(e) }
        let key = MappedImportReport.reasonKey(e)
        var entry = reasons[key] ?? (0, [])
        entry.count += 1
        if entry.examples.count < 3 { entry.examples.append(e) }
        reasons[key] = entry
    }

    /// The reason without its values: `channel ← "Via": unmapped value "…"`.
    static func reasonKey(_ e: ImportRowError) -> String {
        var out = ""
        var inQuote = false
        for ch in e.message {
            if ch == "\"" {
                if !inQuote { out += "\"…\"" }
                inQuote.toggle()
            } else if !inQuote { out.append(ch) }
        }
        if let paren = out.range(of: " (the mapping lists:") { out = String(out[..<paren.lowerBound]) }
        return "\(e.field): \(out)"
    }

    /// The report as text for a person (the dry run's summary, or an import's).
    public func text(limit: Int = 20) -> String {
        var lines: [String] = []
        let verb = dryRun ? "would be" : "were"
        lines.append("\(file) (sha256 \(checksum.prefix(16))…) through \(mapping), source \(source)\(dryRun ? " — dry run, nothing written" : "")")
        lines.append("  rows read: \(rows)")
        lines.append("  cases \(verb) created: \(created), updated: \(updated); unchanged: \(unchanged), skipped (before --since): \(skipped), rejected: \(rejectedCount)")
        if !reasons.isEmpty {
            lines.append("rejected rows by reason:")
            for (key, entry) in reasons.sorted(by: { $0.value.count > $1.value.count }) {
                lines.append("  \(entry.count) × \(key)")
                for e in entry.examples { lines.append("      \(e)") }
            }
        }
        if !distributions.isEmpty {
            lines.append("values of mapped fields (source value → case value):")
            for field in distributions.keys.sorted() {
                lines.append("  \(field):")
                for d in distributions[field]!.prefix(limit * 2) {
                    let shown = d.value.isEmpty ? "(empty)" : "\"\(d.value)\""
                    lines.append("    \(String(d.count).leftPadded(8))  \(shown) → \(d.target.map { $0.isEmpty ? "(default)" : $0 } ?? "UNMAPPED")")
                }
                if distributions[field]!.count > limit * 2 { lines.append("    ... \(distributions[field]!.count - limit * 2) more values") }
                if let over = distributionOverflow[field] { lines.append("    ... and \(over) rows with values beyond the first \(MappedRowBuilder.distinctLimit)") }
            }
        }
        if let rejectsFile { lines.append("rejected rows written to \(rejectsFile) (fix them there and import that file with the same mapping)") }
        return lines.joined(separator: "\n")
    }

    /// The report as a JSON object (snake_case keys).
    public func json() -> [String: Any] {
        var reasonList: [[String: Any]] = []
        for (key, entry) in reasons.sorted(by: { $0.value.count > $1.value.count }) {
            reasonList.append(["reason": key, "count": entry.count, "examples": entry.examples.map(\.description)])
        }
        var dist: [String: Any] = [:]
        for (field, values) in distributions {
            dist[field] = values.map { ["value": $0.value, "count": $0.count, "target": $0.target ?? NSNull()] as [String: Any] }
        }
        return ["file": file, "sha256": checksum, "mapping": mapping, "source": source, "dry_run": dryRun, "rows": rows,
                "created": created, "updated": updated, "unchanged": unchanged, "skipped": skipped,
                "rejected": rejectedCount, "reasons": reasonList, "distributions": dist,
                "rejects_file": rejectsFile ?? NSNull(), "errors": errors.prefix(100).map(\.description)]
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
