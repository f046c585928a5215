/// The rule that keeps a CSV cell from running as a formula when a spreadsheet opens the file
/// (docs/terminal-safety.md): a cell starting with `=`, `+`, `-`, `@`, tab or carriage return is
/// written with a `'` in front. A cell of a number-typed column (people, amounts, counts) that is a
/// plain decimal number (`-12`, `-0.50`) or a lone `-` (no value) is not a formula and is written as it is; the
/// same text in a text column still gets the `'`, since only the column says it is meant as a number.
///
/// A cell that already starts with `'` gets one more, so that `restore` can take exactly one away
/// and an export of ours imports again unchanged.
public enum SpreadsheetCell {
    /// Whether a cell starting with `byte` needs the `'` (the formula starters, and `'` itself).
    @inline(__always)
    public static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, UInt8(ascii: "'"): return true
        default: return false
        }
    }

    /// Whether `bytes` is a plain decimal number: an optional `-`, digits, optionally `.` and digits.
    public static func isPlainNumber<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        var i = bytes.startIndex
        if i < bytes.endIndex && bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
        var digits = 0, point = false, afterPoint = 0
        while i < bytes.endIndex {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                if point { afterPoint += 1 } else { digits += 1 }
            } else if b == UInt8(ascii: ".") && !point {
                point = true
            } else {
                return false
            }
            i = bytes.index(after: i)
        }
        return digits > 0 && (!point || afterPoint > 0)
    }

    /// Whether a cell must be prefixed with `'`; `number` when its column holds numbers.
    public static func needsPrefix<Bytes: Collection>(_ bytes: Bytes, number: Bool = false) -> Bool where Bytes.Element == UInt8 {
        guard let first = bytes.first, startsFormula(first) else { return false }
        // In a number column, `-12.5` is a number and a lone `-` means "no value": neither is a formula.
        return !(number && first == UInt8(ascii: "-") && (bytes.count == 1 || isPlainNumber(bytes)))
    }

    /// The cell as a spreadsheet should receive it; `number` when its column holds numbers.
    public static func neutralise(_ s: String, number: Bool = false) -> String {
        needsPrefix(s.utf8, number: number) ? "'" + s : s
    }

    /// Undoes `neutralise` for a cell read back from one of our exports: one `'` before a formula
    /// starter (or before another `'`) is taken away. Anything else is returned as it is.
    public static func restore(_ s: String) -> String {
        let u = s.utf8
        guard u.count >= 2, u.first == UInt8(ascii: "'"), startsFormula(u[u.index(after: u.startIndex)]) else { return s }
        return String(s.dropFirst())
    }
}
