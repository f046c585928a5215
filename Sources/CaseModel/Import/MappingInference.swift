import Foundation

/// Guesses a starting mapping from a file's header and sampled values (`console import --infer`):
/// the format, encoding and delimiter, which column looks like which case field, the date
/// formats the dates fit, and a value map for every code-like column. The result is for a person
/// to check and edit; every guess is commented.
public enum MappingInference {
    /// Header words (lowercased; matched as a whole or contained) → case field, most specific first.
    static let synonyms: [(field: String, words: [String])] = [
        ("id", ["complaint id", "工单号", "工单编号", "投诉编号", "编号", "ticket", "case id", "id"]),
        ("received_at", ["date received", "opened", "受理时间", "投诉时间", "来电时间", "登记时间", "received", "创建时间", "created", "日期", "date", "时间"]),
        ("channel", ["submitted via", "投诉渠道", "来源渠道", "渠道", "channel", "via"]),
        ("details", ["narrative", "body", "投诉内容", "内容", "描述", "详情", "details", "description"]),
        ("summary", ["sub-issue", "issue", "投诉事由", "问题", "摘要", "标题", "subject", "title", "summary"]),
        ("line", ["险种", "insurance line", "line"]),
        ("product", ["sub-product", "product", "产品"]),
        ("category", ["投诉类别", "类别", "category", "topic", "投诉类型"]),
        ("branch", ["机构", "分公司", "branch"]),
        ("name", ["客户姓名", "投诉人", "姓名", "name"]),
        ("phone", ["联系电话", "手机", "电话", "phone", "mobile"]),
        ("policy_number", ["保单号", "policy"]),
        ("claim_number", ["赔案号", "报案号", "claim"]),
        ("id_number", ["身份证", "证件号"]),
        ("demand", ["诉求", "demand"]),
        ("people", ["人数", "people"]),
        ("potential_loss", ["涉及金额", "金额", "loss", "amount"]),
    ]

    /// Guesses for values of code fields that our labels do not cover.
    static let valueHints: [String: [String: String]] = [
        "channel": ["phone": "phone", "telephone": "phone", "web": "web", "website": "web", "email": "email", "e-mail": "email",
                    "referral": "regulator", "postal mail": "letter", "mail": "letter", "fax": "other", "热线": "hotline",
                    "来电": "phone", "电话": "phone", "网站": "web", "网络": "web", "微信": "wechat", "来信": "letter", "信函": "letter",
                    "来访": "walk-in", "上门": "walk-in", "监管转办": "regulator", "银保监": "regulator", "媒体": "media", "app": "app"],
    ]

    static let datePatterns = ["iso", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d",
                               "yyyy-MM-dd", "yyyy年M月d日 H:mm", "yyyy年M月d日", "yyyy.M.d", "M/d/yyyy", "M/d/yyyy H:mm", "excel"]

    /// A commented mapping for the file at `path`.
    public static func infer(path: String, sampleRows: Int = 1000) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVError(.io(errno: errno, operation: "cannot open \(path)"), line: 0) }
        defer { try? handle.close() }
        var sample = [UInt8](try handle.read(upToCount: 1 << 20) ?? Data())
        let truncated = sample.count == 1 << 20
        if truncated, let nl = sample.lastIndex(of: 10) { sample.removeSubrange((nl + 1)...) }
        let encoding: SourceEncoding = sample.withUnsafeBufferPointer { CSVUTF8.firstInvalidOffset($0) == nil } ? .utf8 : .gb18030
        let decoder = TextDecoder(encoding)
        let firstByte = sample.first { $0 != 0xEF && $0 != 0xBB && $0 != 0xBF && $0 != 32 && $0 != 10 && $0 != 13 }
        let isJSON = ImportFormat.guess(path) == .jsonl || firstByte == UInt8(ascii: "{")
        var columns: [String] = []
        var values: [[String]] = []
        var delimiter: UInt8 = UInt8(ascii: ",")
        if isJSON {
            var order: [String] = []
            var rows: [[String: Any]] = []
            for line in sample.split(separator: 10).prefix(sampleRows) {
                guard case .success(let text) = Array(line).withUnsafeBufferPointer({ decoder.decode($0) }),
                      let obj = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { continue }
                for k in obj.keys.sorted() where !order.contains(k) { order.append(k) }
                rows.append(obj)
            }
            columns = order
            values = order.map { k in rows.map { MappedSource.string($0[k]) } }
        } else {
            let firstLine = sample.prefix { $0 != 10 }
            let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]
            delimiter = candidates.max { a, b in firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count } ?? delimiter
            let reader = CSVReader(bytes: sample, options: CSVReadOptions(delimiter: delimiter, lenientQuotes: true))
            guard let header = try reader.next() else { throw CSVError(.missingColumn("(the file is empty)"), line: 1) }
            columns = (0..<header.count).map { i in (try? header.withUnsafeBytes(i) { decoder.decode($0) }.get()) ?? "column\(i + 1)" }
            try CSVHeader.checkUnique(columns, line: header.line)
            values = Array(repeating: [], count: columns.count)
            var n = 0
            while n < sampleRows, let record = try? reader.next() {
                n += 1
                for i in 0..<min(record.count, columns.count) {
                    values[i].append((try? record.withUnsafeBytes(i) { decoder.decode($0) }.get()) ?? "")
                }
            }
        }
        return render(path: path, isJSON: isJSON, encoding: encoding, delimiter: delimiter, columns: columns, values: values)
    }

    static func guessField(_ column: String, taken: Set<String>) -> String? {
        let c = column.trimmed.lowercased()
        for (field, words) in synonyms where !taken.contains(field) || field == "summary" {
            if words.contains(c) { return field }
        }
        for (field, words) in synonyms where !taken.contains(field) || field == "summary" {
            if words.contains(where: { contains(c, $0) }) { return field }
        }
        return nil
    }

    /// Whether header `c` contains `word`: CJK words as a substring, Latin ones as whole words
    /// (so `id` is not found in "provided").
    static func contains(_ c: String, _ word: String) -> Bool {
        if !word.allSatisfy(\.isASCII) { return c.contains(word) }
        let words = c.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let wanted = word.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        guard !wanted.isEmpty, words.count >= wanted.count else { return false }
        for i in 0...(words.count - wanted.count) where Array(words[i..<(i + wanted.count)]) == wanted { return true }
        return false
    }

    static func render(path: String, isJSON: Bool, encoding: SourceEncoding, delimiter: UInt8, columns rawColumns: [String], values rawValues: [[String]]) -> String {
        // Names and values from the file go into a mapping a person will run: a line break in one
        // would start a directive of the file's choosing, and controls would act on the terminal
        // it is read on. Shown as marks, such a name matches no column, and the dry run says so.
        let columns = rawColumns.map(SafeText.sanitize)
        let values = rawValues.map { $0.map(SafeText.sanitize) }
        var byField: [String: [Int]] = [:]
        var order: [String] = []
        var unmapped: [String] = []
        var taken: Set<String> = []
        for (i, name) in columns.enumerated() {
            guard let f = guessField(name, taken: taken), (byField[f]?.count ?? 0) < 2 else { unmapped.append(name); continue }
            if byField[f] == nil { order.append(f) }
            byField[f, default: []].append(i)
            taken.insert(f)
        }
        let base = (path as NSString).lastPathComponent
        let source = base.split(separator: ".").first.map { String($0).lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" } } ?? "source"
        func q(_ s: String) -> String {
            s.contains("#") || s.contains("->") || s.hasPrefix(" ") || s.hasSuffix(" ") || s.isEmpty ? "\"\(s.replacingOccurrences(of: "\"", with: "\\\""))\"" : s
        }
        var out = ["# Mapping guessed by `console import --infer \(base)` from its header and \(values.first?.count ?? 0) sampled rows.",
                   "# Check every line, then try it: console import \(base) --mapping THIS.map --dry-run", "",
                   "source \(source.isEmpty ? "source" : source)          # the system the file comes from (names the source ids)",
                   "format \(isJSON ? "jsonl" : "csv")"]
        out.append("encoding \(encoding.rawValue)\(encoding == .gb18030 ? "          # the bytes are not UTF-8; GB18030 (GBK) guessed" : "")")
        if !isJSON { out.append("delimiter \(delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter)))") }
        out.append("timezone +08:00          # for times written without an offset")
        if let id = byField["id"]?.first {
            out.append("id \(q(columns[id]))")
        } else {
            out.append("# id COLUMN             # no id column recognised: without one a re-import creates cases again")
        }
        for field in order where field != "id" {
            let idx = byField[field]!
            out.append("")
            out.append("field \(field)")
            for i in idx { out.append("  from \(q(columns[i]))") }
            if field == "received_at" {
                let samples = values[idx[0]].filter { !$0.trimmed.isEmpty }.prefix(200)
                var hits: [(String, Int)] = []
                for p in datePatterns {
                    let pattern = try! DatePattern.compile(p).get()
                    let n = samples.filter { pattern.parse($0, zone: .offset(8 * 3600)) != nil }.count
                    if n > 0 { hits.append((p, n)) }
                }
                if hits.isEmpty { out.append("  date yyyy-MM-dd        # no sampled value fitted a known format: write the right one") }
                for (p, n) in hits.sorted(by: { $0.1 > $1.1 }) { out.append("  date \(p)    # fits \(n) of \(samples.count) sampled values") }
            }
            if MappingFileParser.enumFields[field] != nil { out += valueMap(field, values[idx[0]]) }
        }
        // Code-like columns not recognised by name: offer them as channel/category candidates in comments.
        var extra: [String] = []
        for name in unmapped {
            let i = columns.firstIndex(of: name)!
            let distinct = Set(values[i].map(\.trimmed)).filter { !$0.isEmpty }
            if distinct.count > 0 && distinct.count <= 12 {
                extra.append("#   \(name): \(distinct.sorted().prefix(12).joined(separator: " | "))")
            }
        }
        var constants: [String] = []
        if byField["branch"] == nil { constants += ["field branch", "  const 总公司"] }
        if byField["channel"] == nil { constants += ["# field channel", "#   const hotline"] }
        if !constants.isEmpty { out += ["", "# Fields the file lacks, as constants (edit or delete):"] + constants }
        if !unmapped.isEmpty {
            out.append("")
            out.append("# Columns not used: \(unmapped.map { "\"\($0)\"" }.joined(separator: ", "))")
            if !extra.isEmpty { out.append("# Of these, code-like columns (few distinct values), for a value map:"); out += extra }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func valueMap(_ field: String, _ values: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for v in values { let t = v.trimmed; if !t.isEmpty { counts[t, default: 0] += 1 } }
        guard counts.count <= 40 else { return ["  # \(counts.count) distinct values: too many for a value map"] }
        var out: [String] = []
        let fallback = field == "kind" ? "general" : (["regulator_involved", "media_involved", "online_exposure"].contains(field) ? "no" : "other")
        for (v, n) in counts.sorted(by: { $0.value > $1.value }) {
            let ok = MappingFileParser.enumFields[field]!
            let hint = valueHints[field]?[v.lowercased()]
            let target = ok(v) ? nil : hint
            let shown = v.contains("->") || v.contains("#") ? "\"\(v)\"" : v
            if ok(v) { out.append("  map \(shown) -> \(MappingFileParser.canonical(v, field: field) ?? v)    # \(n) row(s)") }
            else if let target { out.append("  map \(shown) -> \(target)    # \(n) row(s)") }
            else { out.append("  map \(shown) -> \(fallback)    # \(n) row(s); GUESS: check") }
        }
        out.append("  unmapped reject")
        return out
    }
}
