import CaseModel
import Foundation
import PostgresNIO

/// Reads a desk table from the server in key order, 10,000 rows at a time, through a cursor (the
/// caller holds the transaction): the copy back to a file and the host's read copy both read so,
/// so neither holds a whole table in memory.
enum ServerCursor {
    /// Rows fetched at a time.
    static let chunkRows = 10_000

    /// Calls `body` with each chunk of `table`'s rows. `columns` is the select list (default: the
    /// table's columns), `condition` a WHERE clause or "".
    static func read(_ session: ServerSession, _ table: DeskTable, columns: String? = nil, condition: String = "",
                     _ body: ([[DeskValue]]) throws -> Void) throws {
        let list = columns ?? table.columns.map { ServerSchema.ident($0.name) }.joined(separator: ", ")
        let order = table.primaryKey.isEmpty ? "" : " ORDER BY " + table.primaryKey.map(ServerSchema.ident).joined(separator: ", ")
        try session.execute("DECLARE desk_cursor NO SCROLL CURSOR FOR SELECT \(list) FROM desk.\(ServerSchema.ident(table.name)) \(condition)\(order)")
        defer { try? session.execute("CLOSE desk_cursor") }
        while true {
            let chunk: [[DeskValue]] = try session.run { connection in
                var out: [[DeskValue]] = []
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: "FETCH \(chunkRows) FROM desk_cursor"), logger: ServerSession.logger) {
                    out.append(try decode(row, table))
                }
                return out
            }
            if !chunk.isEmpty { try body(chunk) }
            if chunk.count < chunkRows { break }
        }
    }

    /// One server row as `table`'s values, each read as its column's type.
    static func decode(_ row: PostgresRow, _ table: DeskTable) throws -> [DeskValue] {
        var values: [DeskValue] = []
        values.reserveCapacity(table.columns.count)
        var i = 0
        for cell in row {
            values.append(try DeskValueCoding.decode(cell, table.columns[i]))
            i += 1
        }
        return values
    }
}
