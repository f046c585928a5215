import Foundation
import GRDB
import GRDBSQLite

/// A report's read of many rows through SQLite's own column calls, with no GRDB `Row` and no
/// `String` per value (docs/bulk-data.md, "Reports: the fast read").
///
/// It accepts only rows of the ordinary shape: every value of the storage type its column is
/// meant to hold (whole numbers as integers in range, text as text, NULL only where allowed).
/// Anything else stops it with `RawScan.Irregular`, and the caller then runs its checked read
/// (`StoredRow`), which gives the named error for a bad value or the same figures for a value
/// that is merely odd (a number in a text column). So the checks are never weaker than the
/// checked read's, and only a tampered desk pays for them twice.
struct RawScan {
    /// A value the fast read does not handle; the checked read decides what it means.
    struct Irregular: Error {}

    /// The statement's current row.
    ///
    /// Each value is taken once with `sqlite3_column_value` and then asked its type and content
    /// with the `sqlite3_value_*` calls, instead of one `sqlite3_column_*` call for the type and
    /// another for the content: every `sqlite3_column_*` call looks the column up again and
    /// checks the statement's error state, and with two dozen columns over a hundred thousand rows
    /// those calls were a fifth of a quarter's metrics (docs/bulk-data.md, "Reports: the fast
    /// read"). The value belongs to the current row of a statement only this thread steps (GRDB
    /// gives a connection to one thread at a time), and is read before the next step.
    let s: OpaquePointer

    /// Steps `sql` with `arguments`, calling `body` for each row.
    static func each(_ db: Database, sql: String, arguments: StatementArguments, _ body: (RawScan) throws -> Void) throws {
        let stmt = try db.makeStatement(sql: sql)
        try stmt.setArguments(arguments)
        let s = stmt.sqliteStatement
        defer { sqlite3_reset(s) }
        let row = RawScan(s: s)
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            try body(row)
        }
    }

    /// Whether column `i` holds NULL.
    @inline(__always)
    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(s, i) == SQLITE_NULL }

    /// A whole number in `range`, required.
    @inline(__always)
    func int(_ i: Int32, in range: ClosedRange<Int64>) throws -> Int64 {
        let v = sqlite3_column_value(s, i)
        guard sqlite3_value_type(v) == SQLITE_INTEGER else { throw Irregular() }
        let n = sqlite3_value_int64(v)
        guard range.contains(n) else { throw Irregular() }
        return n
    }

    /// A whole number in `range`, or NULL.
    @inline(__always)
    func optInt(_ i: Int32, in range: ClosedRange<Int64>) throws -> Int64? {
        let v = sqlite3_column_value(s, i)
        let t = sqlite3_value_type(v)
        if t == SQLITE_NULL { return nil }
        guard t == SQLITE_INTEGER else { throw Irregular() }
        let n = sqlite3_value_int64(v)
        guard range.contains(n) else { throw Irregular() }
        return n
    }

    /// An instant in `DeskBounds.instants`, required (seconds).
    @inline(__always)
    func instant(_ i: Int32) throws -> Int64 { try int(i, in: DeskBounds.instants) }

    /// An instant in `DeskBounds.instants`, or NULL (seconds).
    @inline(__always)
    func optInstant(_ i: Int32) throws -> Int64? { try optInt(i, in: DeskBounds.instants) }

    /// Text as `String(cString:)` would read it (GRDB's reading): the bytes up to the first NUL.
    /// Nil for NULL; any other storage type is irregular.
    @inline(__always)
    func optText(_ i: Int32) throws -> UnsafeBufferPointer<UInt8>? {
        let v = sqlite3_column_value(s, i)
        let t = sqlite3_value_type(v)
        if t == SQLITE_NULL { return nil }
        guard t == SQLITE_TEXT, let p = sqlite3_value_text(v) else { throw Irregular() }
        return UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
    }

    /// Text, required (see `optText`).
    @inline(__always)
    func text(_ i: Int32) throws -> UnsafeBufferPointer<UInt8> {
        guard let b = try optText(i) else { throw Irregular() }
        return b
    }

    /// Text with every byte SQLite holds (NULs included), as SQLite compares and groups it.
    @inline(__always)
    func wholeText(_ i: Int32) throws -> UnsafeBufferPointer<UInt8> {
        let v = sqlite3_column_value(s, i)
        guard sqlite3_value_type(v) == SQLITE_TEXT, let p = sqlite3_value_text(v) else { throw Irregular() }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_value_bytes(v)))
    }
}
