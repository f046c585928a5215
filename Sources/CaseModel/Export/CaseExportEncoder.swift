import Foundation

/// Writes cases as export rows — CSV fields or JSON objects — straight from `CaseFields`, one
/// case at a time, so an export of any size streams in flat memory (docs/bulk-data.md).
///
/// The JSON written is byte for byte what `CaseJSON.text(CaseJSON.object(c))` writes (keys in
/// byte order, controls and bidirectional overrides as `\u` escapes, docs/terminal-safety.md);
/// a test holds the two together.
public enum CaseExportEncoder {
    /// The CSV header: `number` first, then the other keys sorted.
    public static var csvHeader: [String] { CaseFields.csvKeys }

    /// Positions of the CSV columns that hold numbers (people, amounts, counts): a negative number
    /// there is a number, not a formula to neutralise (`SpreadsheetCell`).
    public static let csvNumberColumns: Set<Int> = {
        let numeric: Set<String> = ["people", "potential_loss", "repeat_count", "satisfaction", "extension_count", "version", "crisis_event"]
        return Set(CaseFields.csvKeys.indices.filter { numeric.contains(CaseFields.csvKeys[$0]) })
    }()

    /// A case's CSV fields in `csvHeader` order, masked unless `reveal`; booleans as 1 and 0,
    /// absent values empty.
    public static func csvFields(_ c: ComplaintCase, reveal: Bool) -> [String] {
        let values = CaseFields.values(of: c, reveal: reveal)
        return CaseFields.csvOrder.map { i -> String in
            switch values[i] {
            case .text(let s): return s
            case .time(let t): return DeskTime.standard.format(t)
            case .int(let n): return String(n)
            case .double(let d): return "\(d)"
            case .bool(let b): return b ? "1" : "0"
            case .null: return ""
            }
        }
    }

    /// An exported case's CSV fields, as `CaseDesk.export` disclosed it.
    public static func csvFields(_ d: DisclosedCase) -> [String] { csvFields(d.value, reveal: true) }

    /// Appends an exported case as one JSON object, as `CaseDesk.export` disclosed it.
    public static func appendJSON(_ d: DisclosedCase, leavingOutNulls: Bool = false, buffer out: inout [UInt8]) {
        appendJSON(d.value, reveal: true, leavingOutNulls: leavingOutNulls, buffer: &out)
    }

    /// `"key":` for each key, ready to copy.
    private static let keyBytes: [[UInt8]] = CaseFields.keys.map { k in
        var s = ""
        CompactJSON.string(k, into: &s, forDisplay: true)
        return Array((s + ":").utf8)
    }

    /// Appends a case as one JSON object (no newline), masked unless `reveal`. With
    /// `leavingOutNulls` (JSON lines) a key whose value is null is not written at all: a reader
    /// takes an absent key as null, and a line is about a third shorter (docs/bulk-data.md).
    /// Empty text, `false` and 0 are values and are always written.
    public static func appendJSON(_ c: ComplaintCase, reveal: Bool, leavingOutNulls: Bool = false, buffer out: inout [UInt8]) {
        let values = CaseFields.values(of: c, reveal: reveal)
        out.append(UInt8(ascii: "{"))
        var first = true
        for i in values.indices {
            let value = values[i]
            if leavingOutNulls, value.isNullInJSON { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: keyBytes[i])
            switch value {
            case .text(let s): JSONBytes.string(s, into: &out)
            case .time(let t): JSONBytes.string(DeskTime.standard.format(t), into: &out)
            case .int(let n): out.append(contentsOf: String(n).utf8)
            case .double(let d):
                // As `JSONText` writes a Double: whole amounts without a fraction.
                if d.isFinite && d == d.rounded() && abs(d) < 1e15 { out.append(contentsOf: String(Int64(d)).utf8) }
                else if d.isFinite { out.append(contentsOf: String(d).utf8) } else { out.append(contentsOf: "null".utf8) }
            case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
            case .null: out.append(contentsOf: "null".utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}
