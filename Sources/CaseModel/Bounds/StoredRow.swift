import GRDB

/// One row read from the desk file, decoded column by column against `DeskBounds`.
///
/// GRDB's `row[i]` stops the program when a column holds NULL or another type than asked, and
/// values in range cannot be assumed of a file anyone with write access can edit. Every read of a
/// table goes through this instead: a bad value becomes a `StoredValueError` naming the row and
/// the column, and the values it returns are safe to compute with.
struct StoredRow {
    let row: Row
    let table: String
    /// How the row is named in errors (`case TS-…`), computed only when one is reported.
    let label: () -> String

    /// Wraps a row of `table`; `label` names it in errors.
    init(_ row: Row, _ table: String, label: @escaping () -> String) {
        self.row = row
        self.table = table
        self.label = label
    }

    func fail(_ index: Int, _ column: String, _ expected: String) -> StoredValueError {
        StoredValueError(table: table, row: label(), column: column, value: Self.show((row[index] as StoredCell).value), expected: expected)
    }

    /// Names the case behind a bad value in an aggregate (a GROUP BY has no row of its own): the
    /// first case matching `condition`, or the condition itself when none does.
    static func caseWhere(_ condition: String, _ arguments: [DatabaseValue] = [], _ db: Database) -> String {
        let number = try? String.fetchOne(db, sql: "SELECT number FROM cases WHERE \(condition) LIMIT 1", arguments: StatementArguments(arguments))
        return (number ?? nil).map { "case \($0)" } ?? "the cases where \(condition)"
    }

    /// A stored value as a row's name: text as it is, anything else as `show` gives it.
    static func name(_ v: DatabaseValue) -> String {
        if case .string(let s) = v.storage { return String(s.prefix(60)) }
        return show(v)
    }

    /// A stored value as a message shows it (text quoted, blobs as hex).
    static func show(_ v: DatabaseValue) -> String {
        switch v.storage {
        case .null: return "NULL"
        case .int64(let n): return String(n)
        case .double(let d): return String(d)
        case .string(let s): return "\"\(s.prefix(60))\""
        case .blob(let data): return "x'" + data.prefix(24).map { String($0, radix: 16) }.joined() + "'"
        }
    }

    // MARK: text

    /// Text, required.
    func text(_ i: Int, _ column: String) throws -> String {
        guard let s = try optText(i, column) else { throw fail(i, column, "text") }
        return s
    }

    /// Text or NULL.
    func optText(_ i: Int, _ column: String) throws -> String? {
        let v = (row[i] as StoredCell).value
        switch v.storage {
        case .null: return nil
        case .string(let s): return s
        // Numbers in a text column are what SQLite's affinity would store anyway: keep their text.
        case .int64(let n): return String(n)
        case .double(let d): return String(d)
        case .blob: throw fail(i, column, "text")
        }
    }

    /// One of an enum's codes, required.
    func code<E: Labeled>(_ i: Int, _ column: String) throws -> E {
        guard let e: E = try optCode(i, column) else { throw fail(i, column, "one of \(E.allCases.map(\.rawValue).joined(separator: ", "))") }
        return e
    }

    /// One of an enum's codes, or NULL.
    func optCode<E: Labeled>(_ i: Int, _ column: String) throws -> E? {
        guard let s = try optText(i, column) else { return nil }
        guard let e = E.parse(s) else { throw fail(i, column, "one of \(E.allCases.map(\.rawValue).joined(separator: ", "))") }
        return e
    }

    // MARK: numbers

    /// A whole number in `range`, or NULL; `expected` describes the range in errors.
    func optInt(_ i: Int, _ column: String, in range: ClosedRange<Int64>, expected: String? = nil) throws -> Int64? {
        let v = (row[i] as StoredCell).value
        switch v.storage {
        case .null: return nil
        case .int64(let n) where range.contains(n): return n
        default: throw fail(i, column, expected ?? Self.describe(range))
        }
    }

    /// A whole number in `range`, required.
    func int(_ i: Int, _ column: String, in range: ClosedRange<Int64>, expected: String? = nil) throws -> Int64 {
        guard let n = try optInt(i, column, in: range, expected: expected) else { throw fail(i, column, expected ?? Self.describe(range)) }
        return n
    }

    static func describe(_ range: ClosedRange<Int64>) -> String {
        "a whole number between \(DeskBounds.show(range.lowerBound)) and \(DeskBounds.show(range.upperBound))"
    }

    static let instantRange = "a time between \(DeskBounds.firstDate) and \(DeskBounds.lastDate) (seconds since 1970)"

    /// A count (`DeskBounds.count`) as an `Int`.
    func count(_ i: Int, _ column: String) throws -> Int { Int(try int(i, column, in: DeskBounds.count)) }

    /// A row id (any positive whole number).
    func id(_ i: Int, _ column: String) throws -> Int64 { try int(i, column, in: 1...Int64.max) }

    /// A flag: 0 or 1 (SQLite's booleans; any other whole number is refused as tampering).
    func flag(_ i: Int, _ column: String) throws -> Bool { try int(i, column, in: 0...1) != 0 }

    /// An amount in yuan (`DeskBounds.yuan`), or NULL. Whole numbers are amounts too.
    func optYuan(_ i: Int, _ column: String) throws -> Double? {
        let v = (row[i] as StoredCell).value
        switch v.storage {
        case .null: return nil
        case .double(let d) where d.isFinite && DeskBounds.yuan.contains(d): return d
        case .int64(let n) where n >= 0 && Double(n) <= DeskBounds.yuan.upperBound: return Double(n)
        // The message only when it is needed: formatting it for every row was 4% of reading a case.
        default: throw fail(i, column, "an amount between 0 and \(DeskBounds.show(Int64(DeskBounds.yuan.upperBound))) yuan")
        }
    }

    /// An amount in yuan, required.
    func yuan(_ i: Int, _ column: String) throws -> Double {
        guard let d = try optYuan(i, column) else { throw fail(i, column, "an amount in yuan") }
        return d
    }

    // MARK: times

    /// An instant in `DeskBounds.instants`, or NULL.
    func optInstant(_ i: Int, _ column: String) throws -> Instant? {
        guard let n = try optInt(i, column, in: DeskBounds.instants, expected: Self.instantRange) else { return nil }
        return Instant(seconds: n)
    }

    /// An instant in `DeskBounds.instants`, required.
    func instant(_ i: Int, _ column: String) throws -> Instant {
        Instant(seconds: try int(i, column, in: DeskBounds.instants, expected: Self.instantRange))
    }
}
