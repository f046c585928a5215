import Foundation

/// How another system's export becomes cases: its format, which of its columns feed which case
/// field, value maps, date formats and constants. Read from a mapping file (`MappingFileParser`).
public struct ImportMapping: Sendable {
    /// Where the mapping came from (a path, or a name in tests), for messages and the import event.
    public var origin: String
    /// The source system's name (`hotline`); with `idColumn` it makes re-import idempotent.
    public var source: String
    public var format: ImportFormat = .csv
    public var encoding: SourceEncoding = .utf8
    /// CSV field separator (ASCII).
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// CSV quote character (ASCII).
    public var quote: UInt8 = UInt8(ascii: "\"")
    /// The zone of times written without an offset.
    public var timeZone: SourceTimeZone = .offset(8 * 3600)
    /// The source's own id column, if it has one.
    public var idColumn: String?
    /// Line of the `id` keyword in the mapping file.
    public var idLine = 0
    /// One entry per case field the mapping sets, in file order.
    public var fields: [FieldMapping] = []
    /// SHA-256 of the mapping file's text (hex), recorded in the import event.
    public var checksum = ""

    /// Creates an empty mapping for a source.
    public init(origin: String, source: String) {
        self.origin = origin
        self.source = source
    }

    /// The entry for a case field, if mapped.
    public func field(_ name: String) -> FieldMapping? { fields.first { $0.field == name } }

    /// Every source column the mapping reads (the id column first), each with the mapping line naming it.
    public var columns: [(name: String, line: Int)] {
        var out: [(String, Int)] = []
        if let idColumn { out.append((idColumn, idLine)) }
        for f in fields { for (c, l) in zip(f.columns, f.columnLines) { out.append((c, l)) } }
        return out
    }
}

/// What one case field takes from a source row.
public struct FieldMapping: Sendable {
    /// The case field (a key of `console show --json`, e.g. `channel`).
    public var field: String
    /// Line of the `field` keyword in the mapping file.
    public var line: Int
    /// Source columns, joined with `join` when there are several (empty parts are left out).
    public var columns: [String] = []
    /// The mapping line of each `from`.
    public var columnLines: [Int] = []
    public var join = " / "
    /// A value for every row (for fields the source lacks).
    public var constant: String?
    /// Date formats tried in order (received_at only).
    public var dates: [DatePattern] = []
    /// Source value → our value.
    public var values = ValueMap()
    /// Used when the source value is empty.
    public var defaultValue: String?

    /// Creates an entry for a field declared at `line`.
    public init(field: String, line: Int) {
        self.field = field
        self.line = line
    }
}

/// The zone of source times written without an offset.
public enum SourceTimeZone: Sendable, Equatable {
    /// A fixed offset from UTC in seconds.
    case offset(Int)
    /// An IANA zone (`America/New_York`), with its daylight-saving rules.
    case named(String)

    /// The UTC offset in seconds for a local wall-clock time (seconds since 1970 as if UTC).
    func offset(forLocal local: Int64) -> Int {
        switch self {
        case let .offset(s): return s
        case let .named(id):
            guard let tz = TimeZone(identifier: id) else { return 0 }
            // Two steps settle the offset around a daylight-saving change.
            let first = tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
            return tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - Int64(first))))
        }
    }

    /// `+08:00`, or the zone's name.
    public var description: String {
        switch self {
        case let .offset(s):
            let a = abs(s)
            return "\(s < 0 ? "-" : "+")\(pad2(a / 3600)):\(pad2(a % 3600 / 60))"
        case let .named(id): return id
        }
    }
}
