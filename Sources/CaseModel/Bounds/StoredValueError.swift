/// A value read from the desk file that the console never writes: out of its range, of the
/// wrong type, or missing. Anyone who can write the file can put anything in any column; the
/// read refuses the row, naming it and the column, instead of computing with the value
/// (docs/input-bounds.md).
public struct StoredValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The table (`cases`, `alerts`, `crisis_events`, ...).
    public var table: String
    /// The row as people know it: `case TS-20260217-0003`, `crisis event 17`, `shift 4`.
    public var row: String
    /// The column.
    public var column: String
    /// The stored value, shortened for the message.
    public var value: String
    /// What the column must hold.
    public var expected: String

    /// Creates the error; `value` is cut to 60 characters.
    public init(table: String, row: String, column: String, value: String, expected: String) {
        self.table = table
        self.row = row
        self.column = column
        self.value = value.count > 60 ? String(value.prefix(60)) + "…" : value
        self.expected = expected
    }

    /// The error in a language (the row, column and expected kind stay as the file names them).
    public func text(_ language: Language) -> String {
        guard language == .zh else { return description }
        return "\(row)：保存的 \(column) 为 \(value)，应为 \(expected)。值班台文件曾被值班台以外的程序改动，未据此计算（`console audit verify` 可查明改动）"
    }

    public var description: String {
        "\(row): stored \(column) is \(value), expected \(expected) — the desk file was changed outside the console; nothing was computed from it (`console audit verify` reports such changes)"
    }
}
