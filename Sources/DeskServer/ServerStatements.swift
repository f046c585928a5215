import CaseModel
import Foundation
import NIOCore
import PostgresNIO

/// The SQL that makes one command's row changes on a server desk (docs/server-desk.md, "Writing
/// to a server desk"): inserts as they were, updates of only the changed columns found by key and
/// the changed columns' previous values, deletes by key.
///
/// A large command without deletes (an import of thousands of rows) is sent as few statements:
/// its inserts grouped by table, many rows to a statement, then its updates in their order. The
/// server's row-level security refuses `COPY FROM` to desk roles, so a multi-row `INSERT` is the
/// bulk path; row by row, a 5,000-row import spent most of its time in round trips.
enum ServerStatements {
    /// One statement to run, the table it writes (for a refusal's message), and the change it must
    /// find exactly one row of (updates, deletes).
    struct Step {
        var query: PostgresQuery
        var table: String
        var mustTouchOne: DeskRowChange?
    }

    /// From how many changes a command's inserts are grouped.
    static let batchFrom = 32
    /// At most this many bound values in one statement (the protocol allows 65,535).
    static let boundValuesPerStatement = 30_000
    /// At most this many rows in one insert statement.
    static let rowsPerStatement = 500

    /// The statements of `changes`, in an order the server accepts.
    static func plan(_ changes: [DeskRowChange]) throws -> [Step] {
        // Grouping moves inserts before updates; a delete could be of a key an insert then takes
        // again (a replaced row), so a command with deletes keeps its own order.
        guard changes.count >= batchFrom, !changes.contains(where: { $0.kind == .delete }) else {
            return try changes.map { try single($0) }
        }
        var order: [String] = []
        var inserts: [String: [DeskRowChange]] = [:]
        for change in changes where change.kind == .insert {
            if inserts[change.table.name] == nil { order.append(change.table.name) }
            inserts[change.table.name, default: []].append(change)
        }
        var steps: [Step] = []
        for name in order {
            let rows = inserts[name]!
            let perStatement = max(1, min(rowsPerStatement, boundValuesPerStatement / max(1, rows[0].table.columns.count)))
            for start in stride(from: 0, to: rows.count, by: perStatement) {
                steps.append(try insert(Array(rows[start..<min(start + perStatement, rows.count)])))
            }
        }
        for change in changes where change.kind != .insert { steps.append(try single(change)) }
        return steps
    }

    /// One insert statement of `rows` (all of one table), in their order: the event log's trigger
    /// sees each event after the ones before it in the same statement.
    static func insert(_ rows: [DeskRowChange]) throws -> Step {
        let table = rows[0].table
        var p = Parameters(table: table)
        let columns = table.columns.map { ServerSchema.ident($0.name) }.joined(separator: ", ")
        let values = try rows.map { row in "(" + (try table.columns.indices.map { try p.bind(row.new[$0], table.columns[$0]) }.joined(separator: ", ")) + ")" }
        return Step(query: PostgresQuery(unsafeSQL: "INSERT INTO \(p.name) (\(columns)) VALUES \(values.joined(separator: ", "))", binds: p.binds),
                    table: table.name, mustTouchOne: nil)
    }

    /// The statement of one change.
    static func single(_ change: DeskRowChange) throws -> Step {
        let table = change.table
        var p = Parameters(table: table)
        switch change.kind {
        case .insert:
            return try insert([change])
        case .update:
            let changed = change.changedColumns
            let sets = try changed.map { "\(ServerSchema.ident(table.columns[$0].name)) = \(try p.bind(change.new[$0], table.columns[$0]))" }.joined(separator: ", ")
            // The previous values of what changed are the condition: a row changed by someone else
            // since the copy was read is not overwritten.
            let whereClause = try p.condition(change.old, also: changed)
            return Step(query: PostgresQuery(unsafeSQL: "UPDATE \(p.name) SET \(sets) WHERE \(whereClause) RETURNING 1", binds: p.binds),
                        table: table.name, mustTouchOne: change)
        case .delete:
            let whereClause = try p.condition(change.old)
            return Step(query: PostgresQuery(unsafeSQL: "DELETE FROM \(p.name) WHERE \(whereClause) RETURNING 1", binds: p.binds),
                        table: table.name, mustTouchOne: change)
        }
    }

    /// The query that finds the row an update or delete looks for, as this login reads it.
    static func probe(_ change: DeskRowChange) throws -> PostgresQuery {
        var p = Parameters(table: change.table)
        let whereClause = try p.condition(change.old, also: change.kind == .update ? change.changedColumns : [])
        return PostgresQuery(unsafeSQL: "SELECT 1 FROM \(p.name) WHERE \(whereClause)", binds: p.binds)
    }

    /// A statement's bound values, numbered as they are added.
    struct Parameters {
        let table: DeskTable
        var binds = PostgresBindings()
        private var count = 0

        init(table: DeskTable) { self.table = table }

        /// The table's qualified name.
        var name: String { "desk.\(ServerSchema.ident(table.name))" }

        /// Binds `v` (normalized for `column`) and returns its placeholder, cast to the column's type.
        mutating func bind(_ v: DeskValue, _ column: DeskColumn) throws -> String {
            let value: DeskValue
            switch DeskValueCoding.normalized(v, column) {
            case .success(let ok): value = ok
            case .failure(let refusal): throw ServerError.badRow("\(table.name).\(column.name) \(refusal.why); nothing was saved")
            }
            switch value {
            case .null: binds.appendNull()
            case .integer(let i): binds.append(i)
            case .real(let d): binds.append(d)
            case .text(let t): binds.append(t)
            case .blob(let b): binds.append(ByteBuffer(bytes: b))
            }
            count += 1
            return "$\(count)::\(ServerSchema.serverType(column.type))"
        }

        /// The row found by its key, or by every readable column when the table has none; `extra`
        /// columns must also still hold the row's values.
        mutating func condition(_ row: [DeskValue], also extra: [Int] = []) throws -> String {
            let withheld = DeskTransfer.withheldColumns[table.name] ?? []
            let keyed = table.primaryKey.isEmpty
                ? table.columns.indices.filter { !withheld.contains(table.columns[$0].name) }
                : table.columns.indices.filter { table.primaryKey.contains(table.columns[$0].name) }
            var parts: [String] = []
            // The key as `=` (or IS NULL), which the index answers; IS NOT DISTINCT FROM is no
            // index condition, and a million-case table would be read whole for each change.
            for i in keyed {
                let column = ServerSchema.ident(table.columns[i].name)
                parts.append(row[i] == .null ? "\(column) IS NULL" : "\(column) = \(try bind(row[i], table.columns[i]))")
            }
            for i in extra.filter({ !keyed.contains($0) && !withheld.contains(table.columns[$0].name) }) {
                parts.append("\(ServerSchema.ident(table.columns[i].name)) IS NOT DISTINCT FROM \(try bind(row[i], table.columns[i]))")
            }
            return parts.joined(separator: " AND ")
        }
    }
}
