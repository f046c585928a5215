import Foundation

/// Reads one script file: a front-matter block of `key: value` lines between `---` lines, then
/// the wording (docs/scripts.md).
///
/// ```
/// ---
/// id: first-contact
/// title: 首次联系
/// categories: any
/// stages: received
/// language: zh
/// version: 1
/// ---
/// {{customer.salutation}}您好,我是……
/// ```
///
/// Every problem names its line: an unknown key or value, a missing field, an unknown
/// placeholder in the wording, text over the field bounds or holding a NUL (`FieldText`).
public enum ScriptFileParser {
    /// Versions a file may carry.
    public static let versions: ClosedRange<Int> = 1...1_000_000
    /// The largest file read (a script is a paragraph or two, not a book).
    public static let maxFileBytes = 64 * 1024
    /// The keys of the front matter.
    public static let keys = ["id", "title", "situation", "categories", "kinds", "stages", "channels", "roles", "when",
                              "record", "language", "version"]
    static let required = ["id", "title", "language", "version"]

    /// Whether `id` is a script id: lower-case ASCII letters, digits and `-`, starting with a
    /// letter or digit, at most 64 characters.
    public static func isValidId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 64 else { return false }
        func ok(_ u: Unicode.Scalar) -> Bool { ("a"..."z").contains(u) || ("0"..."9").contains(u) }
        return ok(first) && id.unicodeScalars.allSatisfy { ok($0) || $0 == "-" }
    }

    /// Whether `code` is a language code: 2–3 lower-case letters, optionally `-` and a region.
    public static func isValidLanguage(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (2...3).contains(parts[0].count),
              parts[0].unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return false }
        if parts.count == 2 {
            return (2...8).contains(parts[1].count) && parts[1].unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }
        return true
    }

    /// Parses one file's text. `file` names it in errors.
    public static func parse(_ text: String, file: String, shipped: Bool = false) throws -> ReplyScript {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        func fail(_ line: Int, _ message: String) -> ScriptFileError { ScriptFileError(file: file, line: line, message: message) }
        guard let open = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
              lines[open].trimmingCharacters(in: .whitespaces) == "---" else {
            throw fail(1, "a script file starts with a line '---', then its fields (id, title, …), then '---' and the wording")
        }
        guard let close = lines[(open + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw fail(open + 1, "the fields opened here are never closed: add a line '---' before the wording")
        }
        var values: [String: (String, Int)] = [:]
        for i in (open + 1)..<close {
            let raw = lines[i]
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else {
                throw fail(i + 1, "expected 'key: value', got \"\(line)\"")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard keys.contains(key) else {
                throw fail(i + 1, "unknown field '\(key)' (known: \(keys.joined(separator: ", ")))")
            }
            if let earlier = values[key] { throw fail(i + 1, "'\(key)' is given twice (first on line \(earlier.1))") }
            do { try FieldText.check(value, field: key) } catch let e as DomainError { throw fail(i + 1, e.description) }
            values[key] = (value, i + 1)
        }
        for key in required where (values[key]?.0 ?? "").isEmpty {
            throw fail(open + 1, "'\(key)' is required")
        }
        let (id, idLine) = values["id"]!
        guard isValidId(id) else { throw fail(idLine, "id \"\(id)\": use lower-case letters, digits and -, at most 64 (e.g. first-contact)") }
        let (language, languageLine) = values["language"]!
        guard isValidLanguage(language) else { throw fail(languageLine, "language \"\(language)\": use a code such as zh or en") }
        let (versionText, versionLine) = values["version"]!
        guard let version = Int(versionText), versions.contains(version) else {
            throw fail(versionLine, "version \"\(versionText)\": a whole number from 1 to \(DeskBounds.show(versions.upperBound))")
        }
        func list<T: Labeled>(_ key: String, _ type: T.Type) throws -> [T] {
            guard let (value, line) = values[key] else { return [] }
            var out: [T] = []
            for item in value.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }) {
                let word = item.trimmingCharacters(in: .whitespaces)
                if word.isEmpty || word == "any" || word == "all" || word == "*" { continue }
                guard let v = T(rawValue: word) ?? T.parse(word) else {
                    throw fail(line, "\(key): unknown value \"\(word)\" (known: any, \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                if !out.contains(v) { out.append(v) }
            }
            return out
        }
        let record: [WorkflowAction] = try list("record", WorkflowAction.self)
        if let bad = record.first(where: { !ScriptUse.actions.contains($0) }) {
            throw fail(values["record"]!.1, "record: a script is recorded as a note or a contact, not \(bad.rawValue)")
        }
        let bodyStart = close + 2
        let text = try wording(Array(lines[(close + 1)...]), firstLine: bodyStart, file: file)
        return ReplyScript(id: id, title: values["title"]!.0, situation: values["situation"]?.0 ?? "",
                           categories: try list("categories", Category.self), kinds: try list("kinds", CaseKind.self),
                           stages: try list("stages", CaseStatus.self), channels: try list("channels", Channel.self),
                           roles: try list("roles", Role.self), conditions: try list("when", ScriptCondition.self),
                           recordAs: record.isEmpty ? ScriptUse.actions : record, language: language, version: version,
                           text: text, source: ScriptSource(file: file, line: open + 1, shipped: shipped))
    }

    /// The wording after the front matter: blank lines at either end dropped, placeholders read.
    static func wording(_ lines: [Substring], firstLine: Int, file: String) throws -> ScriptText {
        var first = 0, last = lines.count - 1
        while first <= last && lines[first].trimmingCharacters(in: .whitespaces).isEmpty { first += 1 }
        while last >= first && lines[last].trimmingCharacters(in: .whitespaces).isEmpty { last -= 1 }
        guard first <= last else {
            throw ScriptFileError(file: file, line: firstLine, message: "the script has no wording after its fields")
        }
        var segments: [ScriptText.Segment] = []
        var literal = ""
        var bytes = 0
        for i in first...last {
            let lineNumber = firstLine + i
            let line = String(lines[i])
            bytes += line.utf8.count + 1
            do { try FieldText.check(line, field: "wording") } catch let e as DomainError {
                throw ScriptFileError(file: file, line: lineNumber, message: e.description)
            }
            if bytes > DeskBounds.textBytes {
                throw ScriptFileError(file: file, line: lineNumber, message: "the wording is longer than \(DeskBounds.show(DeskBounds.textBytes)) bytes")
            }
            if i > first { literal += "\n" }
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                literal += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    throw ScriptFileError(file: file, line: lineNumber, message: "'{{' is not closed with '}}' on this line")
                }
                let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                guard let p = ScriptPlaceholder(rawValue: name) else {
                    throw ScriptFileError(file: file, line: lineNumber,
                                          message: "unknown placeholder {{\(name)}} (known: \(ScriptPlaceholder.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
                segments.append(.placeholder(p))
                rest = rest[close.upperBound...]
            }
            literal += rest
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return ScriptText(segments)
    }
}
