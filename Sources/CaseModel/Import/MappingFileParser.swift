import Foundation

/// A mistake in a mapping file, with the line it is on.
public struct MappingFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line (0 for the file as a whole).
    public var line: Int
    public var message: String

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Reads a mapping file (see `mappings/example.map`): one `keyword value` per line, `#` starts a
/// comment, a value may be "quoted" to keep spaces or a `#`. Top-level keywords: `source`,
/// `format`, `encoding`, `delimiter`, `quote`, `timezone`, `id`, `field`; after `field NAME`:
/// `from`, `join`, `const`, `date`, `map A -> B`, `unmapped keep|reject|default V`, `default`.
/// The whole file is checked before anything is read from the source; the first mistake is
/// reported with its line.
public enum MappingFileParser {
    /// Case fields a mapping may set (the intake keys of `console show --json`).
    public static var fieldNames: [String] { DraftColumns.setters.keys.filter { $0 != "source_ref" }.sorted() }

    /// Fields whose values are codes, with the codes they accept (checked when the mapping is read).
    static let enumFields: [String: @Sendable (String) -> Bool] = [
        "channel": { Channel.parse($0) != nil }, "source": { CaseSource.parse($0) != nil },
        "line": { InsuranceLine.parse($0) != nil }, "category": { Category.parse($0) != nil },
        "kind": { CaseKind.parse($0) != nil },
        "regulator_involved": { (try? DraftColumns.bool($0, "")) != nil },
        "media_involved": { (try? DraftColumns.bool($0, "")) != nil },
        "online_exposure": { (try? DraftColumns.bool($0, "")) != nil },
    ]

    /// Our code for a value of a code field (`电话` → `phone`), or nil if it is not one.
    static func canonical(_ value: String, field: String) -> String? {
        switch field {
        case "channel": return Channel.parse(value)?.rawValue
        case "source": return CaseSource.parse(value)?.rawValue
        case "line": return InsuranceLine.parse(value)?.rawValue
        case "category": return Category.parse(value)?.rawValue
        case "kind": return CaseKind.parse(value)?.rawValue
        case "regulator_involved", "media_involved", "online_exposure":
            return (try? DraftColumns.bool(value, "")).map { $0 ? "yes" : "no" }
        default: return value
        }
    }

    static func expected(_ field: String) -> String {
        switch field {
        case "channel": return Channel.allCases.map(\.rawValue).joined(separator: ", ")
        case "source": return CaseSource.allCases.map(\.rawValue).joined(separator: ", ")
        case "line": return InsuranceLine.allCases.map(\.rawValue).joined(separator: ", ")
        case "category": return Category.allCases.map(\.rawValue).joined(separator: ", ")
        case "kind": return CaseKind.allCases.map(\.rawValue).joined(separator: ", ")
        default: return "yes, no"
        }
    }

    /// Reads the mapping file at `path`.
    public static func load(path: String) throws -> ImportMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MappingFileError(file: path, line: 0, message: "cannot read the mapping file")
        }
        let text: String
        do { text = try TextFile.decode(data, file: path) } catch let e as TextFile.Failure {
            throw MappingFileError(file: path, line: e.line, message: "\(e.message) (a mapping file must be UTF-8; the source file may be GB18030: say so with `encoding gb18030`)")
        }
        var m = try parse(text, origin: path)
        m.checksum = FileChecksum.hex(SHA256.hash(Array(data)))
        return m
    }

    /// Parses mapping text; `origin` names it in errors.
    public static func parse(_ text: String, origin: String) throws -> ImportMapping {
        var mapping = ImportMapping(origin: origin, source: "")
        var sourceLine = 0
        var current: FieldMapping?
        func fail(_ line: Int, _ message: String) -> MappingFileError { MappingFileError(file: origin, line: line, message: message) }
        func finish() throws {
            guard let f = current else { return }
            current = nil
            if f.constant == nil && f.columns.isEmpty {
                throw fail(f.line, "field \(f.field) needs `from COLUMN` or `const VALUE`")
            }
            if f.constant != nil && !f.columns.isEmpty {
                throw fail(f.line, "field \(f.field) has both `from` and `const`; keep one")
            }
            mapping.fields.append(f)
        }
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let (keyword, value) = try split(String(raw), line: lineNumber, origin: origin)
            guard let keyword else { continue }
            switch keyword {
            case "source":
                try finish()
                guard !value.isEmpty, !value.contains(":"), ImportIdentity.isClean(value) else {
                    throw fail(lineNumber, "source needs a name without `:` or control characters (e.g. `source hotline`)")
                }
                mapping.source = value; sourceLine = lineNumber
            case "format":
                try finish()
                switch value.lowercased() {
                case "csv": mapping.format = .csv
                case "jsonl", "json-lines", "ndjson", "json": mapping.format = .jsonl
                default: throw fail(lineNumber, "format: expected csv or jsonl, got \"\(value)\"")
                }
            case "encoding":
                try finish()
                guard let e = SourceEncoding.named(value) else { throw fail(lineNumber, "encoding: expected utf-8 or gb18030 (gbk), got \"\(value)\"") }
                mapping.encoding = e
            case "delimiter":
                try finish()
                switch value.lowercased() {
                case ",", "comma": mapping.delimiter = UInt8(ascii: ",")
                case ";", "semicolon": mapping.delimiter = UInt8(ascii: ";")
                case "tab", "\\t", "\t": mapping.delimiter = 9
                case "|", "pipe": mapping.delimiter = UInt8(ascii: "|")
                default: throw fail(lineNumber, "delimiter: expected , ; tab or |, got \"\(value)\"")
                }
            case "quote":
                try finish()
                guard value.utf8.count == 1, let b = value.utf8.first, b >= 0x21, b < 0x7F else {
                    throw fail(lineNumber, "quote: expected one ASCII character such as \" or ', got \"\(value)\"")
                }
                mapping.quote = b
            case "timezone":
                try finish()
                guard let zone = zone(value) else { throw fail(lineNumber, "timezone: expected an offset like +08:00 or a zone name like Asia/Shanghai, got \"\(value)\"") }
                mapping.timeZone = zone
            case "id":
                try finish()
                guard !value.isEmpty else { throw fail(lineNumber, "id needs the source's id column") }
                mapping.idColumn = value; mapping.idLine = lineNumber
            case "field":
                try finish()
                guard DraftColumns.setters[value] != nil, value != "source_ref" else {
                    throw fail(lineNumber, "\"\(value)\" is not a case field (expected one of: \(fieldNames.joined(separator: ", ")); the source's id goes in `id`)")
                }
                if mapping.fields.contains(where: { $0.field == value }) { throw fail(lineNumber, "field \(value) is mapped twice") }
                current = FieldMapping(field: value, line: lineNumber)
            case "from", "join", "const", "date", "map", "unmapped", "default":
                guard var f = current else { throw fail(lineNumber, "`\(keyword)` belongs under a `field NAME` line") }
                switch keyword {
                case "from":
                    guard !value.isEmpty else { throw fail(lineNumber, "from needs a column name") }
                    f.columns.append(value)
                    f.columnLines.append(lineNumber)
                case "join": f.join = value
                case "const":
                    try check(value, field: f.field, line: lineNumber, origin: origin)
                    f.constant = value
                case "date":
                    guard f.field == "received_at" else { throw fail(lineNumber, "date formats apply to received_at only") }
                    switch DatePattern.compile(value) {
                    case .success(let p): f.dates.append(p)
                    case .failure(let e): throw fail(lineNumber, "date \"\(value)\": \(e.message)")
                    }
                case "map":
                    let (from, to) = try arrow(value, line: lineNumber, origin: origin)
                    try check(to, field: f.field, line: lineNumber, origin: origin)
                    guard f.values.add(from, to) else { throw fail(lineNumber, "\"\(from)\" is mapped twice for \(f.field)") }
                case "unmapped":
                    let words = value.split(separator: " ", maxSplits: 1).map(String.init)
                    switch words.first?.lowercased() {
                    case "keep": f.values.unmapped = .keep
                    case "reject": f.values.unmapped = .reject
                    case "default":
                        let v = words.count > 1 ? unquote(words[1].trimmed) : ""
                        try check(v, field: f.field, line: lineNumber, origin: origin)
                        f.values.unmapped = .use(v)
                    default: throw fail(lineNumber, "unmapped: expected keep, reject or default VALUE, got \"\(value)\"")
                    }
                default: // "default"
                    try check(value, field: f.field, line: lineNumber, origin: origin)
                    f.defaultValue = value
                }
                current = f
            default:
                throw fail(lineNumber, "unknown keyword \"\(keyword)\" (expected source, format, encoding, delimiter, quote, timezone, id, field, from, join, const, date, map, unmapped, default)")
            }
        }
        try finish()
        if mapping.source.isEmpty { throw fail(0, "the mapping needs a `source NAME` line (the system the file comes from)") }
        if !mapping.fields.contains(where: { $0.field == "summary" || $0.field == "details" }) {
            throw fail(sourceLine, "the mapping must set summary or details (a case needs one)")
        }
        if mapping.encoding == .gb18030 && mapping.format == .csv && ![UInt8(ascii: ","), UInt8(ascii: ";"), 9].contains(mapping.delimiter) {
            throw fail(0, "with encoding gb18030 the delimiter must be , ; or tab (other ASCII characters occur inside GB18030 characters)")
        }
        return mapping
    }

    /// Checks that a target value is one the case field accepts.
    static func check(_ value: String, field: String, line: Int, origin: String) throws {
        if let ok = enumFields[field], !value.isEmpty, !ok(value) {
            throw MappingFileError(file: origin, line: line, message: "\"\(value)\" is not a value of \(field) (expected one of: \(expected(field)))")
        }
        if field == "people" || field == "potential_loss" {
            let t = value.trimmed.replacingOccurrences(of: ",", with: "")
            if !t.isEmpty && Double(t) == nil {
                throw MappingFileError(file: origin, line: line, message: "\"\(value)\" is not a number (\(field))")
            }
        }
    }

    static func zone(_ text: String) -> SourceTimeZone? {
        let t = text.trimmed
        if t.uppercased() == "UTC" || t == "Z" { return .offset(0) }
        if let first = t.first, first == "+" || first == "-" {
            let digits = t.dropFirst().replacingOccurrences(of: ":", with: "")
            guard digits.count == 4 || digits.count == 2, let n = Int(digits) else { return nil }
            let (h, m) = digits.count == 4 ? (n / 100, n % 100) : (n, 0)
            let offset = (h * 3600 + m * 60) * (first == "-" ? -1 : 1)
            guard m < 60, DeskBounds.utcOffsetSeconds.contains(offset) else { return nil }
            return .offset(offset)
        }
        return TimeZone(identifier: t) != nil ? .named(t) : nil
    }

    /// Splits a line into its keyword and value (comment removed, quotes undone); nil keyword for a blank line.
    static func split(_ line: String, line number: Int, origin: String) throws -> (String?, String) {
        let text = stripComment(line).trimmed
        if text.isEmpty { return (nil, "") }
        let parts = text.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
        let keyword = String(parts[0]).lowercased()
        var value = parts.count > 1 ? String(parts[1]).trimmed : ""
        if keyword != "map" && keyword != "unmapped" {
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else {
                    throw MappingFileError(file: origin, line: number, message: "unterminated quote")
                }
                value = unquote(value)
            }
        }
        return (keyword, value)
    }

    /// Removes a `#` comment: at the start of the line, or after whitespace, outside quotes.
    static func stripComment(_ line: String) -> String {
        var inQuote = false
        var previous: Character = " "
        var escaped = false
        for (i, ch) in zip(line.indices, line) {
            if escaped { escaped = false; previous = ch; continue }
            if ch == "\\" && inQuote { escaped = true; continue }
            if ch == "\"" { inQuote.toggle() }
            if ch == "#" && !inQuote && (previous == " " || previous == "\t") { return String(line[..<i]) }
            previous = ch
        }
        return line
    }

    static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var out = ""
        var escaped = false
        for ch in value.dropFirst().dropLast() {
            if escaped {
                out.append(ch == "t" ? "\t" : ch == "n" ? "\n" : ch)
                escaped = false
            } else if ch == "\\" { escaped = true } else { out.append(ch) }
        }
        return out
    }

    /// `A -> B`, either side optionally quoted.
    static func arrow(_ value: String, line: Int, origin: String) throws -> (String, String) {
        var inQuote = false
        let chars = Array(value)
        var i = 0
        while i < chars.count {
            if chars[i] == "\\" && inQuote { i += 2; continue }
            if chars[i] == "\"" { inQuote.toggle() }
            if !inQuote && chars[i] == "-" && i + 1 < chars.count && chars[i + 1] == ">" {
                let left = String(chars[..<i]).trimmed, right = String(chars[(i + 2)...]).trimmed
                return (unquote(left), unquote(right))
            }
            i += 1
        }
        throw MappingFileError(file: origin, line: line, message: "map needs `SOURCE VALUE -> OUR VALUE`, got \"\(value)\"")
    }
}
