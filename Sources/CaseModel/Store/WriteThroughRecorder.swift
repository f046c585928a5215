import Foundation
import GRDBSQLite

/// Records, through the same pre-update hook as the audit trail, every row a rehearsed command
/// changes in a table the backend keeps, whole and with its storage type, so that the change
/// can be made again on the backend (`DeskWriteThrough`).
final class WriteThroughRecorder: @unchecked Sendable {
    private let tables: [String: DeskTable]
    /// The changes in the order the command made them.
    private(set) var changes: [DeskRowChange] = []
    /// Why a change could not be recorded (the write is then refused, nothing sent).
    private(set) var failure: String?

    /// A recorder for the backend's tables.
    init(tables: [DeskTable]) {
        self.tables = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
    }

    func record(_ conn: OpaquePointer, op: Int32, table name: UnsafePointer<CChar>, hook: PreUpdateHook) {
        guard let table = tables[String(cString: name)] else { return }
        let n = Int(hook.count(conn))
        guard n == table.columns.count else {
            failure = failure ?? "the columns of \(table.name) differ from the server desk's"
            return
        }
        func row(old: Bool) -> [DeskValue] {
            (0..<n).map { i in
                var v: OpaquePointer?
                guard (old ? hook.old : hook.new)(conn, Int32(i), &v) == SQLITE_OK, let v else { return .null }
                return Self.value(v)
            }
        }
        switch op {
        case SQLITE_INSERT: changes.append(DeskRowChange(table: table, kind: .insert, old: [], new: row(old: false)))
        case SQLITE_DELETE: changes.append(DeskRowChange(table: table, kind: .delete, old: row(old: true), new: []))
        default:
            let change = DeskRowChange(table: table, kind: .update, old: row(old: true), new: row(old: false))
            if !change.changedColumns.isEmpty { changes.append(change) }
        }
    }

    /// A libsqlite3 value as stored (a REAL stays a REAL).
    static func value(_ v: OpaquePointer) -> DeskValue {
        switch sqlite3_value_type(v) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(v))
        case SQLITE_FLOAT: return .real(sqlite3_value_double(v))
        case SQLITE_TEXT:
            let count = Int(sqlite3_value_bytes(v))
            guard count > 0, let p = sqlite3_value_text(v) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
        default:
            let count = Int(sqlite3_value_bytes(v))
            guard count > 0, let p = sqlite3_value_blob(v) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: p, count: count)))
        }
    }
}
