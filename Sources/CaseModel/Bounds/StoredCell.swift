import GRDB
import GRDBSQLite

/// One column of a row as SQLite stored it, read straight from the statement when the row is
/// one (a cursor's), for `StoredRow`.
///
/// `row[i] as DatabaseValue` goes through GRDB's generic decoding, whose type metadata lookups
/// were a tenth of an export's time; a type that is also `StatementColumnConvertible` takes
/// GRDB's specialised path (docs/bulk-data.md). NULL is a value here, never a decoding failure:
/// `StoredRow` decides what each column may hold.
struct StoredCell: DatabaseValueConvertible, StatementColumnConvertible {
    /// The stored value, of whatever type the file holds.
    let value: DatabaseValue

    init(value: DatabaseValue) { self.value = value }

    init(sqliteStatement: SQLiteStatement, index: CInt) {
        value = DatabaseValue(sqliteStatement: sqliteStatement, index: index)
    }

    /// Every column gives a cell, NULL included (the protocol's default answers nil for NULL).
    static func fromStatement(_ sqliteStatement: SQLiteStatement, atUncheckedIndex index: CInt) -> StoredCell? {
        StoredCell(sqliteStatement: sqliteStatement, index: index)
    }

    var databaseValue: DatabaseValue { value }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredCell? { StoredCell(value: dbValue) }
}
